/**
 * The settings store over both files it is given: conf (browser mode) and electron-store (the
 * desktop app, electron/electron-settings-file.ts), the latter with a stand-in for the `electron`
 * module (the binary cannot be downloaded here; vitest.config.ts inlines electron-store so the
 * stand-in reaches it). Both must behave the same, corrupt-file recovery included.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_STORE_CHANNEL, openElectronSettingsFile } from '../../../electron/electron-settings-file';
import { createMemoryLogger } from '../../../electron/services/log';
import { createSettingsStore, openConfSettingsFile, type OpenSettingsFile } from '../../../electron/services/settings-store';
import { defaultSettings } from '../../../shared/settings';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, unknown>();
  /** Every channel ever registered, and every `app.getPath` asked: what electron-store did with Electron. */
  const registered: string[] = [];
  const pathsAsked: string[] = [];
  const module = {
    app: {
      getPath: (name: string) => {
        pathsAsked.push(name);
        return '/nonexistent-user-data';
      },
      getVersion: () => '9.9.9',
    },
    ipcMain: {
      on: (channel: string, listener: unknown) => {
        registered.push(channel);
        listeners.set(channel, listener);
      },
      removeAllListeners: (channel: string) => listeners.delete(channel),
    },
    shell: { openPath: () => Promise.resolve('') },
  };
  return { module, listeners, registered, pathsAsked };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const files: readonly (readonly [string, OpenSettingsFile])[] = [
  ['conf', openConfSettingsFile],
  ['electron-store', openElectronSettingsFile],
];

describe.each(files)('settings store through %s (issue 11 item 10)', (_name, openFile) => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'airlock-settings-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('starts from defaults and persists changes across restarts in settings.json (mode 0600)', async () => {
    const first = createSettingsStore(dir, createMemoryLogger(), { openFile });
    expect(first.get()).toEqual(defaultSettings);
    first.update((s) => ({ ...s, activeProfile: 'prod', productionMarks: { profiles: ['prod'], accounts: ['123456789012'] } }));
    const second = createSettingsStore(dir, createMemoryLogger(), { openFile });
    expect(second.get().activeProfile).toBe('prod');
    expect(second.get().productionMarks.accounts).toEqual(['123456789012']);
    if (process.platform !== 'win32') expect((await stat(path.join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses an update that breaks the schema and keeps the previous value', () => {
    const store = createSettingsStore(dir, createMemoryLogger(), { openFile });
    expect(() => store.update((s) => ({ ...s, productionMarks: { profiles: [], accounts: ['not-an-account'] } }))).toThrow();
    expect(store.get().productionMarks.accounts).toEqual([]);
  });

  it.each([
    ['not JSON', '{ this is not json'],
    ['the wrong shape', JSON.stringify({ version: 1, recentProjects: 'not-a-list' })],
  ])('moves a settings file with %s aside, starts from defaults and says so', async (_label, content) => {
    await writeFile(path.join(dir, 'settings.json'), content);
    const store = createSettingsStore(dir, createMemoryLogger(), { now: () => new Date('2026-11-28T10:00:00Z'), openFile });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.recoveryNotice).toContain('settings.json.corrupt-2026-11-28T10-00-00-000Z');
    const aside = (await readdir(dir)).find((name) => name.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside ?? ''), 'utf8')).toBe(content);
  });

  it('reads what the other mode wrote: one settings.json for the desktop app and browser mode', () => {
    const other = files.find(([, candidate]) => candidate !== openFile)?.[1];
    createSettingsStore(dir, createMemoryLogger(), { ...(other === undefined ? {} : { openFile: other }) }).update((s) => ({ ...s, astroPath: '/usr/local/bin/astro' }));
    expect(createSettingsStore(dir, createMemoryLogger(), { openFile }).get().astroPath).toBe('/usr/local/bin/astro');
  });
});

describe('the desktop settings file', () => {
  it('issue 11 item 10: opens through electron-store in the Electron main process and leaves it no IPC channel', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'airlock-settings-'));
    try {
      const asked = electron.pathsAsked.length;
      const opened = openElectronSettingsFile({ cwd: dir, name: 'settings', defaults: defaultSettings, configFileMode: 0o600 });
      // electron-store asked the (stand-in) Electron app for its data folder, registered its renderer channel once, and that channel is gone.
      expect(electron.pathsAsked.slice(asked)).toEqual(['userData']);
      expect(electron.registered).toEqual([ELECTRON_STORE_CHANNEL]);
      expect(electron.listeners.has(ELECTRON_STORE_CHANNEL)).toBe(false);
      expect(opened.store).toEqual(defaultSettings);
      expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toEqual(defaultSettings);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
