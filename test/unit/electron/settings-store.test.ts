import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/services/log';
import { createSettingsStore } from '../../../electron/services/settings-store';
import { defaultSettings } from '../../../shared/settings';

describe('settings store', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'airlock-settings-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('starts from defaults and persists changes across restarts in settings.json (mode 0600)', async () => {
    const first = createSettingsStore(dir, createMemoryLogger());
    expect(first.get()).toEqual(defaultSettings);
    first.update((s) => ({ ...s, activeProfile: 'prod', productionMarks: { profiles: ['prod'], accounts: ['123456789012'] } }));
    const second = createSettingsStore(dir, createMemoryLogger());
    expect(second.get().activeProfile).toBe('prod');
    expect(second.get().productionMarks.accounts).toEqual(['123456789012']);
    if (process.platform !== 'win32') expect((await stat(path.join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses an update that breaks the schema and keeps the previous value', () => {
    const store = createSettingsStore(dir, createMemoryLogger());
    expect(() => store.update((s) => ({ ...s, productionMarks: { profiles: [], accounts: ['not-an-account'] } }))).toThrow();
    expect(store.get().productionMarks.accounts).toEqual([]);
  });

  it.each([
    ['not JSON', '{ this is not json'],
    ['the wrong shape', JSON.stringify({ version: 1, recentProjects: 'not-a-list' })],
  ])('moves a settings file with %s aside, starts from defaults and says so', async (_label, content) => {
    await writeFile(path.join(dir, 'settings.json'), content);
    const store = createSettingsStore(dir, createMemoryLogger(), () => new Date('2026-11-28T10:00:00Z'));
    expect(store.get()).toEqual(defaultSettings);
    expect(store.recoveryNotice).toContain('settings.json.corrupt-2026-11-28T10-00-00-000Z');
    const aside = (await readdir(dir)).find((name) => name.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside ?? ''), 'utf8')).toBe(content);
  });
});
