/**
 * The desktop app's settings file: electron-store, the Electron flavour of the `conf` that browser
 * mode uses, opened with the same options so both modes read and write one `settings.json`
 * (services/settings-store.ts keeps the schema and the corrupt-file recovery for both).
 */
import { ipcMain } from 'electron';
import ElectronStore from 'electron-store';
import type { Settings } from '../shared/settings';
import type { OpenSettingsFile } from './services/settings-store';

/** electron-store's own channel for stores opened in a renderer; Airlock's window has none, so it is removed. */
export const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export const openElectronSettingsFile: OpenSettingsFile = ({ cwd, name, defaults, configFileMode }) => {
  const store = new ElectronStore<Settings>({ cwd, name, defaults, configFileMode });
  // Opening a store in the main process registers a synchronous IPC answer (the data folder and the
  // version) that bypasses the trusted-sender check of electron/ipc.ts: nothing needs it.
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  return store;
};
