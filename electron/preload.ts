/**
 * The preload: exposes one function per API method and one subscription function per event,
 * and nothing generic (no raw ipcRenderer, no channel parameter). Event callbacks receive the
 * payload only, never the IpcRendererEvent.
 *
 * Bundled by esbuild to one CommonJS file (dist-electron/preload.cjs): a sandboxed preload may
 * only require 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, methodNames } from '../shared/api';

const invoke = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input) as Promise<unknown>]),
);

const on = Object.fromEntries(
  eventNames.map((name) => [
    name,
    (callback: (payload: unknown) => void) => {
      const channel = `event:${name}`;
      const listener = (_event: unknown, payload: unknown) => callback(payload);
      ipcRenderer.on(channel, listener);
      return () => {
        ipcRenderer.removeListener(channel, listener);
      };
    },
  ]),
);

contextBridge.exposeInMainWorld('airlock', Object.freeze({ invoke: Object.freeze(invoke), on: Object.freeze(on) }));
