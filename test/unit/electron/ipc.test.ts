import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { Handlers } from '../../../electron/dispatch';
import { createTrustedSenders, forwardEvents, registerIpcHandlers } from '../../../electron/ipc';
import { createEventHub } from '../../../electron/services/event-hub';
import { createMemoryLogger } from '../../../electron/services/log';
import { methodNames } from '../../../shared/api';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function fakeContents(id: number) {
  const listeners = new Map<string, () => void>();
  return {
    id,
    once(event: string, listener: () => void) {
      listeners.set(event, listener);
      return this;
    },
    destroy() {
      listeners.get('destroyed')?.();
    },
  };
}

function fakeEvent(senderId: number, url: string | null): IpcMainInvokeEvent {
  return { sender: { id: senderId }, senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}

describe('IPC adapter', () => {
  const registered = new Map<string, Listener>();
  let calls = 0;
  const handlers = new Proxy({}, { get: () => () => { calls += 1; return Promise.resolve('value'); } }) as Handlers;
  const trusted = createTrustedSenders();
  const window = fakeContents(7);
  trusted.add(window as never);
  registerIpcHandlers({
    ipcMain: { handle: (channel: string, listener: Listener) => registered.set(channel, listener) },
    handlers,
    isTrusted: (event) => trusted.isTrusted(event),
    log: createMemoryLogger(),
  });

  it('registers exactly one handler per API method', () => {
    expect([...registered.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('runs the handler for the app page in a trusted window', async () => {
    const before = calls;
    const result = await registered.get('app.info')?.(fakeEvent(7, 'app://bundle/index.html'), {});
    expect(result).toEqual({ ok: true, value: 'value' });
    expect(calls).toBe(before + 1);
  });

  it.each([
    ['another origin in the trusted window', 7, 'https://evil.example/'],
    ['a look-alike scheme host', 7, 'app://bundle.evil/index.html'],
    ['no sender frame', 7, null],
    ['an unknown window', 8, 'app://bundle/index.html'],
  ])('drops calls from %s without running the handler', async (_label, id, url) => {
    const before = calls;
    const result = await registered.get('app.info')?.(fakeEvent(id, url), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(calls).toBe(before);
  });

  it('forgets a window once it is destroyed', async () => {
    const other = fakeContents(9);
    trusted.add(other as never);
    expect(trusted.isTrusted(fakeEvent(9, 'app://bundle/'))).toBe(true);
    other.destroy();
    expect(trusted.isTrusted(fakeEvent(9, 'app://bundle/'))).toBe(false);
    await Promise.resolve();
  });

  it('validates input in the main process even for a trusted sender', async () => {
    const result = await registered.get('profiles.select')?.(fakeEvent(7, 'app://bundle/'), { name: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('forwards events to the window on one channel per event, until the window is destroyed', () => {
    const events = createEventHub();
    const sent: [string, unknown][] = [];
    let destroyed = false;
    forwardEvents(events, { send: (channel: string, payload: unknown) => sent.push([channel, payload]), isDestroyed: () => destroyed });
    events.emit('task.progress', { taskId: 'a', label: 'x', done: 1, total: null });
    destroyed = true;
    events.emit('task.progress', { taskId: 'b', label: 'x', done: 1, total: null });
    expect(sent).toEqual([['event:task.progress', { taskId: 'a', label: 'x', done: 1, total: null }]]);
  });
});
