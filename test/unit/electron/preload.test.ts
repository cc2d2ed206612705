/**
 * The preload, run with a stand-in electron module: it must expose one function per API method
 * and one subscription per event, nothing generic, and never hand the IpcRendererEvent to the page.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames } from '../../../shared/api';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  return { module, exposed, invoked, listeners };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

interface Exposed {
  invoke: Record<string, (input: unknown) => Promise<unknown>>;
  on: Record<string, (callback: (payload: unknown) => void) => () => void>;
}

let api: Exposed;

beforeAll(async () => {
  await import('../../../electron/preload');
  api = fake.exposed.get('airlock') as Exposed;
});

describe('electron/preload.ts', () => {
  it('exposes only `airlock`, frozen, with exactly one function per method and per event', () => {
    expect([...fake.exposed.keys()]).toEqual(['airlock']);
    expect(Object.isFrozen(api) && Object.isFrozen(api.invoke) && Object.isFrozen(api.on)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.keys(api.invoke).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(api.on).sort()).toEqual([...eventNames].sort());
  });

  it('issue 9 item 9: exposes the open-file dialog as its own method, and no generic file read', () => {
    expect(typeof api.invoke['secrets.pickImportFile']).toBe('function');
    expect(Object.keys(api.invoke).filter((name) => /file/i.test(name.split('.')[1] ?? '')).sort()).toEqual(['secrets.pickImportFile']);
  });

  it('sends each method on its own channel with the input only', async () => {
    await expect(api.invoke['secrets.list']!({ kwargs: '' })).resolves.toEqual({ ok: true, value: 'secrets.list' });
    expect(fake.invoked.at(-1)).toEqual({ channel: 'secrets.list', args: [{ kwargs: '' }] });
  });

  it('hands event callbacks the payload only, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.on['task.progress']!((...args: unknown[]) => received.push(args));
    const channel = 'event:task.progress';
    for (const listener of fake.listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, { taskId: 't', label: 'x', done: 1, total: 2 });
    expect(received).toEqual([[{ taskId: 't', label: 'x', done: 1, total: 2 }]]);
    unsubscribe();
    expect(fake.listeners.get(channel)?.size).toBe(0);
  });
});
