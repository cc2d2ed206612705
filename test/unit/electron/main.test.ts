/**
 * The Electron composition root, run under plain Node with a stand-in for the `electron` module
 * (the binary cannot be downloaded here). It checks the wiring the window's security depends on:
 * what is registered before `ready`, the window's options, the IPC surface and its sender check,
 * navigation and new-window blocking, and what the window loads.
 */
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const order: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  /** `ipcMain.on` listeners (the app registers none; electron-store does), and every channel ever registered. */
  const ipcListeners = new Map<string, Listener>();
  const ipcRegistered: string[] = [];
  const protocolHandlers = new Map<string, Listener>();
  const windows: { options: Record<string, unknown>; loaded: string[]; focused: number; webContents: { id: number } }[] = [];
  /** Where the stand-in save dialog says the user chose to save (null: cancelled). */
  const saveDialog: { chosen: string | null } = { chosen: null };
  // What the open dialog was asked, and what the user "chooses" next.
  const openDialog = { calls: [] as unknown[][], answers: [] as { canceled: boolean; filePaths: string[] }[] };
  let resolveLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    resolveLoaded = resolve;
  });
  class BrowserWindow {
    readonly options: Record<string, unknown>;
    readonly loaded: string[] = [];
    focused = 0;
    readonly webContents = { id: 1, once: () => undefined, send: () => undefined, isDestroyed: () => false };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    show() {
      return undefined;
    }
    isMinimized() {
      return false;
    }
    restore() {
      return undefined;
    }
    focus() {
      this.focused += 1;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      resolveLoaded();
      return Promise.resolve();
    }
  }
  const module = {
    app: {
      getVersion: () => '9.9.9',
      getPath: () => '/nonexistent-user-data',
      isPackaged: false,
      enableSandbox: () => order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      whenReady: () => {
        order.push('whenReady');
        return Promise.resolve();
      },
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
      quit: () => undefined,
      exit: () => undefined,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => order.push(`registerSchemesAsPrivileged:${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: Listener) => protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession: { setPermissionRequestHandler: (h: Listener) => order.push(`permissionRequest:${typeof h}`), setPermissionCheckHandler: (h: Listener) => order.push(`permissionCheck:${typeof h}`) } },
    ipcMain: {
      handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler),
      on: (channel: string, listener: Listener) => {
        ipcRegistered.push(channel);
        ipcListeners.set(channel, listener);
      },
      removeAllListeners: (channel: string) => ipcListeners.delete(channel),
    },
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    dialog: {
      showSaveDialog: () => Promise.resolve(saveDialog.chosen === null ? { canceled: true } : { canceled: false, filePath: saveDialog.chosen }),
      showOpenDialog: (...args: unknown[]) => {
        openDialog.calls.push(args);
        return Promise.resolve(openDialog.answers.shift() ?? { canceled: true, filePaths: [] });
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
  return { module, order, appListeners, ipcHandlers, ipcListeners, ipcRegistered, protocolHandlers, windows, loaded, saveDialog, openDialog };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-main-'));
  vi.stubEnv('AIRLOCK_HOME', dataDir);
  await import('../../../electron/main');
  await fake.loaded;
});

afterAll(async () => {
  // What closing the last window does: the services stop (the sandbox started above among them).
  fake.appListeners.get('window-all-closed')?.();
  vi.unstubAllEnvs();
  await rm(dataDir, { recursive: true, force: true });
});

function trustedEvent(url = 'app://bundle/index.html') {
  return { sender: { id: 1 }, senderFrame: { url } };
}

describe('electron/main.ts', () => {
  it('registers the app:// scheme and turns the sandbox on before the app is ready', () => {
    const ready = fake.order.indexOf('whenReady');
    expect(fake.order.indexOf('registerSchemesAsPrivileged:[{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]')).toBeGreaterThanOrEqual(0);
    expect(fake.order.indexOf('registerSchemesAsPrivileged:[{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]')).toBeLessThan(ready);
    expect(fake.order.indexOf('enableSandbox')).toBeLessThan(ready);
  });

  it('denies every permission request and check', () => {
    expect(fake.order).toContain('permissionRequest:function');
    expect(fake.order).toContain('permissionCheck:function');
  });

  it('opens one sandboxed, isolated window on app://bundle with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.loaded).toEqual(['app://bundle/index.html']);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('serves only the app:// origin from its protocol handler', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const foreign = (await handler!({ url: 'app://other/index.html' })) as Response;
    expect(foreign.status).toBe(404);
    const missing = (await handler!({ url: 'app://bundle/%2e%2e/%2e%2e/etc/passwd' })) as Response;
    expect(missing.status).toBe(404);
  });

  it('handles every API method over IPC, for the app page only', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
    const info = fake.ipcHandlers.get('app.info')!;
    await expect(info(trustedEvent(), {})).resolves.toMatchObject({ ok: true, value: { name: 'Airlock', version: '9.9.9', mode: 'electron' } });
    await expect(info(trustedEvent('https://evil.example/'), {})).resolves.toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    await expect(info({ sender: { id: 2 }, senderFrame: { url: 'app://bundle/index.html' } }, {})).resolves.toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  });

  it('blocks navigation away from the app, new windows and webviews in every web contents', () => {
    const created = fake.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const handlers = new Map<string, Listener>();
    let windowOpen: Listener | undefined;
    created!({}, { on: (event: string, handler: Listener) => handlers.set(event, handler), setWindowOpenHandler: (handler: Listener) => { windowOpen = handler; } });
    const navigate = (url: string) => {
      let prevented = false;
      handlers.get('will-navigate')!({ preventDefault: () => { prevented = true; } }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://bundle/index.html')).toBe(false);
    let webviewPrevented = false;
    handlers.get('will-attach-webview')!({ preventDefault: () => { webviewPrevented = true; } });
    expect(webviewPrevented).toBe(true);
    expect(windowOpen?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('issue 9 item 3: saves an export through the save dialog atomically, readable by the user only even over an existing file', async () => {
    const target = path.join(dataDir, 'airflow-export.env');
    await writeFile(target, 'OLD_CONTENT=1\n');
    await chmod(target, 0o644);
    const before = await stat(target);
    fake.saveDialog.chosen = target;
    await expect(fake.ipcHandlers.get('profiles.select')!(trustedEvent(), { name: 'sandbox' })).resolves.toMatchObject({ ok: true });

    const saved = await fake.ipcHandlers.get('secrets.export')!(trustedEvent(), { format: 'dotenv' });
    expect(saved).toMatchObject({ ok: true, value: { savedPath: target, cancelled: false, content: null } });
    const after = await stat(target);
    expect(after.mode & 0o777).toBe(0o600);
    // Replaced by a rename (a new file), not rewritten in place: a crash leaves the old bytes or the new ones.
    expect(after.ino).not.toBe(before.ino);
    expect(await readFile(target, 'utf8')).not.toContain('OLD_CONTENT');
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('issue 9 item 9: picks an import file in the main process and gives the page a handle and a name, never the path', async () => {
    const pick = fake.ipcHandlers.get('secrets.pickImportFile')!;
    fake.openDialog.answers.push({ canceled: false, filePaths: ['/home/someone/exports/airflow_settings.yaml'] });
    const picked = (await pick(trustedEvent(), {})) as { ok: true; value: { file: { handle: string; name: string } } };
    expect(picked).toMatchObject({ ok: true, value: { file: { name: 'airflow_settings.yaml', handle: expect.stringMatching(/^[A-Za-z0-9-]{16,64}$/) as unknown } } });
    expect(JSON.stringify(picked)).not.toContain('/home/someone');
    // A file dialog (not a folder one), attached to the app's window.
    expect(fake.openDialog.calls.at(-1)).toEqual([fake.windows[0], { title: 'Import connections and variables', properties: ['openFile'] }]);
    await expect(pick(trustedEvent(), {})).resolves.toEqual({ ok: true, value: { file: null } });
    // Only the app's own page may ask.
    await expect(pick(trustedEvent('https://evil.example/'), {})).resolves.toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(fake.openDialog.calls).toHaveLength(2);
  });

  it('issue 11 item 10: keeps the settings through electron-store, in settings.json in the data folder (0600), with no IPC channel of its own', async () => {
    // electron-store opened the file through the Electron module, and its renderer channel was removed again.
    expect(fake.ipcRegistered).toEqual(['electron-store-get-data']);
    expect([...fake.ipcListeners.keys()]).toEqual([]);
    const marks = { profiles: ['prod'], accounts: ['123456789012'] };
    await expect(fake.ipcHandlers.get('settings.update')!(trustedEvent(), { productionMarks: marks })).resolves.toMatchObject({ ok: true, value: { productionMarks: marks } });
    const file = path.join(dataDir, 'settings.json');
    expect((JSON.parse(await readFile(file, 'utf8')) as { productionMarks: unknown }).productionMarks).toEqual(marks);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('brings the window forward on a second launch', () => {
    fake.appListeners.get('second-instance')!();
    expect(fake.windows[0]!.focused).toBe(1);
  });
});
