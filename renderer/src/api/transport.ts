/**
 * How the renderer reaches the main process: the preload's per-method functions in Electron, or
 * authenticated HTTP + SSE in browser mode. Both return `ApiResult` data; neither throws for an
 * API error.
 */
import type { EventName, EventPayload, MethodName } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';

export interface Transport {
  call(method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What electron/preload.ts exposes as `window.airlock`. */
interface PreloadApi {
  readonly invoke: Readonly<Record<MethodName, (input: unknown) => Promise<ApiResult<unknown>>>>;
  readonly on: Readonly<Record<EventName, (callback: (payload: unknown) => void) => () => void>>;
}

declare global {
  interface Window {
    readonly airlock?: PreloadApi;
  }
}

const transportFailure = (message: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'ENDPOINT_UNREACHABLE', message, retryable: true },
});

export function createElectronTransport(api: PreloadApi): Transport {
  return {
    async call(method, input) {
      try {
        return await api.invoke[method](input);
      } catch {
        return transportFailure('Airlock\'s main process did not answer. Restart the app if this keeps happening.');
      }
    },
    subscribe(name, listener) {
      return api.on[name]((payload) => listener(payload as EventPayload<typeof name>));
    },
  };
}

export function createHttpTransport(token: string, onUnauthorized: () => void): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streamStarted = false;

  const startStream = () => {
    if (streamStarted) return;
    streamStarted = true;
    void readEventStream(token, (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    }).finally(() => {
      streamStarted = false;
    });
  };

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return transportFailure('Airlock is not reachable. Is the browser-mode server still running?');
      }
      if (response.status === 401) {
        onUnauthorized();
        return { ok: false, error: { code: 'ACCESS_DENIED', message: 'This browser tab is not authorised. Open the URL Airlock printed when it started.', retryable: false } };
      }
      if (!response.ok && response.status !== 400) return transportFailure(`Airlock answered HTTP ${response.status}.`);
      return (await response.json()) as ApiResult<unknown>;
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      const wrapped = (payload: unknown) => listener(payload as EventPayload<typeof name>);
      set.add(wrapped);
      listeners.set(name, set);
      startStream();
      return () => set.delete(wrapped);
    },
  };
}

/** Reads the SSE stream with fetch (EventSource cannot send the Authorization header). */
async function readEventStream(token: string, deliver: (name: string, payload: unknown) => void): Promise<void> {
  const response = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok || response.body === null) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const frame = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (name !== undefined && data !== undefined) deliver(name, JSON.parse(data) as unknown);
      boundary = buffer.indexOf('\n\n');
    }
  }
}
