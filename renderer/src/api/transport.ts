/**
 * How the renderer reaches the main process: the preload's per-method functions in Electron, or
 * authenticated HTTP + SSE in browser mode. Both return `ApiResult` data; neither throws for an
 * API error.
 */
import type { EventName, EventPayload, MethodName } from '../../../shared/api';
import { readSessionRefusal, type SessionRefusal } from '../../../shared/browser-session';
import type { ApiResult } from '../../../shared/errors';
import { describeSessionRefusal } from './session';

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

/** Called once the server refuses this tab's token, with the reason it gave. */
export type SessionRefused = (refusal: SessionRefusal) => void;

async function refusalOf(response: Response): Promise<SessionRefusal> {
  try {
    return readSessionRefusal(await response.json());
  } catch {
    return 'ended';
  }
}

/** Waits before reconnecting the event stream: short after a clean end, longer while unreachable. */
const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000] as const;

export function createHttpTransport(token: string, onRefused: SessionRefused): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let refused = false;
  const refuse = (refusal: SessionRefusal) => {
    if (refused) return;
    refused = true;
    onRefused(refusal);
  };

  // The event stream doubles as the session's pulse: when it ends (Airlock stopped, restarted, or
  // revoked this token) the page reconnects and learns at once whether the session still stands.
  void watchEventStream(token, (name, payload) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  }, refuse, () => refused);

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
        const refusal = await refusalOf(response);
        refuse(refusal);
        const message = describeSessionRefusal(refusal);
        return { ok: false, error: { code: 'ACCESS_DENIED', message: `${message.title}. ${message.detail}`, retryable: false } };
      }
      if (!response.ok && response.status !== 400) return transportFailure(`Airlock answered HTTP ${response.status}.`);
      return (await response.json()) as ApiResult<unknown>;
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      const wrapped = (payload: unknown) => listener(payload as EventPayload<typeof name>);
      set.add(wrapped);
      listeners.set(name, set);
      return () => set.delete(wrapped);
    },
  };
}

/** Keeps the event stream open for as long as the session stands; stops at the first 401. */
async function watchEventStream(token: string, deliver: (name: string, payload: unknown) => void, refuse: SessionRefused, isRefused: () => boolean): Promise<void> {
  let failures = 0;
  while (!isRefused()) {
    const response = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } }).catch(() => null);
    if (response?.status === 401) {
      refuse(await refusalOf(response));
      return;
    }
    if (response?.ok === true && response.body !== null) {
      failures = 0;
      try {
        await readEventStream(response.body, deliver);
      } catch {
        // The connection dropped; reconnect below.
      }
    } else {
      failures += 1;
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)];
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Reads the SSE stream with fetch (EventSource cannot send the Authorization header) until it ends. */
async function readEventStream(body: NonNullable<Response['body']>, deliver: (name: string, payload: unknown) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
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
