/**
 * Input the window sends, or files Airlock reads for it, that must be refused with a clear
 * INVALID_INPUT instead of crashing a handler (INTERNAL) or being stored as is: the astro path
 * (one rule for `settings.update` and `deploy.setAstroPath`), JSON nested deeper than Airlock
 * reads, and YAML alias bombs. Called through the app's handler table like both transports do.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { appApi } from '../app-api';
import { copyFixtureProject, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';

let dataDir: string;
let project: FixtureCopy;
let airlock: Airlock;
const log = createMemoryLogger();
const seen: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'airlock-bounds-'));
  project = await copyFixtureProject('healthy');
  airlock = createAirlock({ mode: 'browser', version: 'test', dataDir, log, env: { HOME: project.base, PATH: '' } });
});
afterEach(async () => {
  await airlock.close();
  await project.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

describe('the astro path', () => {
  const bad = ['astro', './bin/astro', '~/bin/astro', '/usr/local/bin/astro\u0000', '/usr/local/bin/astro\n--help', '/usr/local/bin/as\rtro', '/usr/local/bin/as\ttro', '   '];

  it('issue 9 item 10: settings.update refuses what deploy.setAstroPath refuses, and stores nothing', async () => {
    for (const value of bad) {
      const viaSettings = await failure('settings.update', { astroPath: value });
      const viaDeploy = await failure('deploy.setAstroPath', { path: value });
      expect(viaSettings.code, JSON.stringify(value)).toBe('INVALID_INPUT');
      expect(viaDeploy.code, JSON.stringify(value)).toBe('INVALID_INPUT');
      // One rule, so one reason.
      expect(viaSettings.details?.issues).toEqual([{ path: 'astroPath', message: expect.stringMatching(/full path|control character/) as unknown }]);
      expect(viaDeploy.details?.issues).toEqual([{ path: 'path', message: (viaSettings.details?.issues as { message: string }[] | undefined)?.[0]?.message }]);
    }
    expect((await call('settings.get', {})).astroPath).toBeNull();
    const stored = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '{}')) as { astroPath?: unknown };
    expect(stored.astroPath ?? null).toBeNull();
  });

  it('issue 9 item 10: a full path is stored trimmed, and null still means "search PATH"', async () => {
    expect((await call('settings.update', { astroPath: '  /opt/astro/bin/astro\n' })).astroPath).toBe('/opt/astro/bin/astro');
    expect((await call('settings.update', { astroPath: 'C:\\Tools\\astro.exe' })).astroPath).toBe('C:\\Tools\\astro.exe');
    expect((await call('settings.update', { astroPath: null })).astroPath).toBeNull();
  });
});
