/**
 * The Electron IPC adapter: one `ipcMain.handle` per API method, all through one wrapper that
 * checks the sender is the app's own page and then runs the shared `dispatch`.
 *
 * This is the only file that registers IPC handlers.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames } from '../shared/api';
import { isAppOrigin } from '../shared/security';
import { dispatch, type Handlers } from './dispatch';
import type { EventHub } from './services/event-hub';
import type { Logger } from './services/log';

export const EVENT_CHANNEL_PREFIX = 'event:';

/** Trusted senders: the app's own page in a window Airlock created. */
export function createTrustedSenders() {
  const ids = new Set<number>();
  return {
    add(contents: Pick<WebContents, 'id' | 'once'>) {
      ids.add(contents.id);
      contents.once('destroyed', () => ids.delete(contents.id));
    },
    isTrusted(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
      const frame = event.senderFrame;
      if (frame === null) return false;
      return ids.has(event.sender.id) && isAppOrigin(frame.url);
    },
  };
}

export function registerIpcHandlers(deps: {
  ipcMain: Pick<IpcMain, 'handle'>;
  handlers: Handlers;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
  log: Logger;
}): void {
  for (const name of methodNames) {
    deps.ipcMain.handle(name, async (event, rawInput: unknown) => {
      if (!deps.isTrusted(event)) {
        deps.log.warn('IPC call from an untrusted sender was dropped', { method: name, url: event.senderFrame?.url.slice(0, 200) ?? null });
        return { ok: false, error: { code: 'ACCESS_DENIED', message: 'This page is not allowed to call Airlock.', retryable: false } };
      }
      const abort = new AbortController();
      return dispatch(deps.handlers, name, rawInput, { transport: 'ipc', signal: abort.signal }, deps.log);
    });
  }
}

/** Forwards main -> renderer events to a window, on one channel per event name. */
export function forwardEvents(events: EventHub, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
  });
}
