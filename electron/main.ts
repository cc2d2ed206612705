/**
 * The Electron composition root: window, protocol and security settings, and the wiring of the
 * shared services (electron/airlock.ts) to IPC. Everything else lives in plain-Node modules.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, session } from 'electron';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../shared/security';
import { createAirlock } from './airlock';
import { openElectronSettingsFile } from './electron-settings-file';
import { createTrustedSenders, forwardEvents, registerIpcHandlers } from './ipc';
import { resolveAppUrl } from './security/app-protocol';
import { openExternalSafe } from './security/external';
import { createSafeStorageCipher } from './security/safe-storage-cipher';
import { denyPermissionCheck, denyPermissionRequest, denyWindowOpen, isAllowedNavigation } from './security/navigation';
import { buildMainWindowOptions } from './security/window-options';
import { defaultDataDir } from './services/app-paths';
import { writeFileAtomic } from './services/atomic-file';
import { createLogger } from './services/log';

/** scripts/start.mjs waits for this line to know the window really opened. */
export const READY_MARKER = 'AIRLOCK_WINDOW_READY';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'dist', 'renderer');
const log = createLogger();

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start).catch((error: unknown) => {
    log.error('Airlock could not start', { message: error instanceof Error ? error.message : String(error) });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  // The open dialog runs here, in the main process: the window only learns what the user chose.
  const pickPath = async (title: string, kind: 'openFile' | 'openDirectory'): Promise<string | null> => {
    const options = { title, properties: [kind] };
    const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const airlock = createAirlock({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: defaultDataDir(app.getPath('userData')),
    log,
    openSettingsFile: openElectronSettingsFile,
    openExternal: openExternalSafe,
    cipher: createSafeStorageCipher(process.platform),
    pickFolder: (title) => pickPath(title, 'openDirectory'),
    pickFile: (title) => pickPath(title, 'openFile'),
    async saveFile({ title, defaultName, content }) {
      const options = { title, defaultPath: defaultName };
      const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
      if (result.canceled || result.filePath === undefined || result.filePath === '') return null;
      // Exports can hold secret values: readable by the user only, even over an existing file, and
      // written like every other file (a crash leaves the old file or the new one, never half).
      await writeFileAtomic(result.filePath, content, { mode: 0o600 });
      return result.filePath;
    },
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppUrl(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);

  app.on('web-contents-created', (_event, contents) => {
    const block = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url)) {
        event.preventDefault();
        log.warn('blocked navigation away from the app');
      }
    };
    contents.on('will-navigate', block);
    contents.on('will-frame-navigate', (event) => block(event, event.url));
    contents.on('will-redirect', block);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(denyWindowOpen);
  });

  const trusted = createTrustedSenders();
  registerIpcHandlers({ ipcMain, handlers: airlock.handlers, isTrusted: (event) => trusted.isTrusted(event), log });

  window = new BrowserWindow({
    ...buildMainWindowOptions({ preloadPath: path.join(here, 'preload.cjs'), isPackaged: app.isPackaged }),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c2127' : '#f6f7f9',
  });
  trusted.add(window.webContents);
  const stopForwarding = forwardEvents(airlock.events, window.webContents);
  const shown = window;
  shown.once('ready-to-show', () => {
    shown.show();
    process.stdout.write(`${READY_MARKER}\n`);
  });
  shown.on('closed', () => {
    stopForwarding();
    window = null;
  });

  app.on('window-all-closed', () => {
    void airlock.close().finally(() => app.quit());
  });

  // A second launch (double-click on the app again) brings the running window forward instead.
  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  await shown.loadURL(`${APP_ORIGIN}/index.html`);
}
