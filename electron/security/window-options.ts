/**
 * The main window's options, as a pure function so a unit test pins every security preference.
 * Each preference is spelled out even where it equals Electron's default (scanners and readers
 * should not have to know the defaults).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function buildMainWindowOptions(input: { preloadPath: string; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Airlock',
    backgroundColor: '#1c2127',
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.isPackaged,
    },
  };
}
