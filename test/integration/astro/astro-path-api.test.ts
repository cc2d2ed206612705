/**
 * Where `astro` is, as the app composes it (electron/airlock.ts) and called through `dispatch`:
 * the fake `astro` really moves between folders on the app's PATH while the app keeps running,
 * and the status, the Settings "Use PATH" action and ordinary CLI calls must follow it without a
 * restart.
 */
import { mkdirSync, readlinkSync, renameSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import type { AstroStatus } from '../../../shared/api';
import { createFakeAstro, defaultWorkspace, type FakeAstro } from '../../fakes/astro/fake-astro';
import { appApi } from '../app-api';

const ws = defaultWorkspace.id;
const log = createMemoryLogger();

let fake: FakeAstro;
let dataDir: string;
let airlock: Airlock;
let seen: string[];
/** Two folders on the app's PATH, searched in this order, and one that is not on it. */
let first: string;
let second: string;
let away: string;

beforeEach(async () => {
  fake = createFakeAstro({ deployments: [{ id: 'clx1prod0000000000000000', name: 'prod', workspaceId: ws }] });
  first = fake.binDir;
  second = join(fake.dir, 'bin2');
  away = join(fake.dir, 'away');
  mkdirSync(second);
  mkdirSync(away);
  dataDir = await mkdtemp(join(tmpdir(), 'airlock-astro-path-'));
  seen = [];
  // The usual install folders are searched after PATH; HOME's own ones are inside the fake's folder.
  airlock = createAirlock({
    mode: 'browser',
    version: 'test',
    dataDir,
    log,
    env: { PATH: `${first}:${second}:${process.env.PATH ?? ''}`, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir },
  });
});
afterEach(async () => {
  await airlock.close();
  fake.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const { call } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

/** Moves the fake `astro` (a symlink to the fake CLI) from one folder to another. */
function moveAstro(from: string, to: string): void {
  renameSync(join(from, 'astro'), join(to, 'astro'));
}

function foundPath(status: AstroStatus): string {
  if (!status.binary.found) throw new Error(`astro was not found: ${status.binary.error.code} ${status.binary.error.message}`);
  return status.binary.path;
}

function commandsSince(index: number): (string | null)[] {
  return fake.calls().slice(index).map((item) => item.command);
}

describe('a moved astro is found again without a restart', () => {
  it('issue 9 item 15: a call whose astro left its folder searches PATH again (ENOENT on spawn), checks the new binary and succeeds', async () => {
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(first, 'astro'));
    expect(await call('deploy.workspaces', {})).toEqual([{ id: ws, name: 'Data Team', isCurrent: true }]);

    moveAstro(first, second);
    const before = fake.calls().length;
    expect(await call('deploy.workspaces', {})).toEqual([{ id: ws, name: 'Data Team', isCurrent: true }]);
    // The old path never started a process; the one found now passed the version check first.
    expect(commandsSince(before)).toEqual(['version', 'workspace list']);
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(second, 'astro'));
  });

  it('issue 9 item 15: astro gone from every folder is "not found on your PATH", and found again once it is back', async () => {
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(first, 'astro'));

    moveAstro(first, away);
    const gone = await call('deploy.astroStatus', {});
    expect(gone.binary).toMatchObject({ found: false, error: { code: 'TOOL_MISSING' } });
    expect(gone.binary.found ? '' : gone.binary.error.message).toContain('not found on your PATH');

    moveAstro(away, second);
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(second, 'astro'));
  });

  it('issue 9 item 15: "Use PATH" (setAstroPath null) searches again even though the setting was already empty', async () => {
    moveAstro(first, second);
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(second, 'astro'));

    // A newer install appears earlier on PATH; the one in use still works, so it stays until asked.
    symlinkSync(readlinkSync(join(second, 'astro')), join(first, 'astro'));
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(second, 'astro'));

    const status = await call('deploy.setAstroPath', { path: null });
    expect(status.configuredPath).toBeNull();
    expect(foundPath(status)).toBe(join(first, 'astro'));
  });

  it('uses a path saved in Settings at once, and searches PATH again when a settings update clears it', async () => {
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(first, 'astro'));
    symlinkSync(readlinkSync(join(first, 'astro')), join(away, 'astro'));

    const saved = await call('deploy.setAstroPath', { path: join(away, 'astro') });
    expect(saved.configuredPath).toBe(join(away, 'astro'));
    expect(foundPath(saved)).toBe(join(away, 'astro'));
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(away, 'astro'));

    // The general settings update is another way in: the runner follows it too.
    moveAstro(first, second);
    await call('settings.update', { astroPath: null });
    expect(foundPath(await call('deploy.astroStatus', {}))).toBe(join(second, 'astro'));
  });
});

describe('an expired astro login', () => {
  it('issue 9 item 14: the status answers "not logged in" with the app\'s own timeouts, not after the CLI\'s browser wait', async () => {
    fake.updateState((state) => {
      state.loggedIn = 'expired';
    });
    const status = await call('deploy.astroStatus', {});
    expect(status.binary).toMatchObject({ found: true });
    expect(status.auth).toMatchObject({ loggedIn: false, error: { code: 'NOT_LOGGED_IN' } });
    const stopped = fake.calls().filter((item) => item.command === 'organization list');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]?.exitCode).toBeNull();
  });
});
