/**
 * A new user without AWS files: `profiles.list` offers only the sandbox, and `profiles.configLocations`
 * says exactly which files Airlock read (the paths the main process resolved, the variables that
 * named them), so the first screen can say where it looked instead of "pick one of your profiles".
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { appApi } from '../app-api';

let root: string;
let home: string;
let dataDir: string;
let airlock: Airlock | null;
const log = createMemoryLogger();
const seen: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'airlock-no-profiles-'));
  home = join(root, 'home');
  dataDir = join(root, 'data');
  await Promise.all([mkdir(home), mkdir(dataDir)]);
  airlock = null;
});
afterEach(async () => {
  await airlock?.close();
  await rm(root, { recursive: true, force: true });
});

function start(env: Record<string, string>): void {
  airlock = createAirlock({ mode: 'browser', version: 'test', dataDir, log, env: { HOME: home, ...env } });
}

const { call } = appApi({
  airlock: () => {
    if (airlock === null) throw new Error('start() first');
    return airlock;
  },
  log,
  seen: () => seen,
  transport: 'http',
});

describe('no AWS profiles', () => {
  it('issue 10 item 4: with no ~/.aws files only the built-in sandbox profiles are offered, and configLocations names the two paths Airlock read', async () => {
    start({});
    expect((await call('profiles.list', {})).map((profile) => profile.kind)).toEqual(['sandbox', 'sandbox', 'sandbox']);
    expect(await call('profiles.configLocations', {})).toEqual({
      config: { path: join(home, '.aws', 'config'), exists: false, setBy: null },
      credentials: { path: join(home, '.aws', 'credentials'), exists: false, setBy: null },
    });
  });

  it('issue 10 item 4: files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE are the ones reported, found but without profiles', async () => {
    const config = join(root, 'elsewhere', 'aws-config');
    const credentials = join(root, 'elsewhere', 'aws-credentials');
    await mkdir(join(root, 'elsewhere'));
    // Files that exist but hold no profile: a comment, and a section the CLI does not read as one.
    await writeFile(config, '# nothing configured yet\n[plugins]\n');
    await writeFile(credentials, '');
    start({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect((await call('profiles.list', {})).map((profile) => profile.kind)).toEqual(['sandbox', 'sandbox', 'sandbox']);
    expect(await call('profiles.configLocations', {})).toEqual({
      config: { path: config, exists: true, setBy: 'AWS_CONFIG_FILE' },
      credentials: { path: credentials, exists: true, setBy: 'AWS_SHARED_CREDENTIALS_FILE' },
    });
  });

  it('issue 10 item 4: a profile written afterwards (as `aws configure sso` would) appears after profiles.reload', async () => {
    start({});
    expect((await call('profiles.list', {})).map((profile) => profile.name)).toEqual(['sandbox', 'sandbox-dev', 'sandbox-prod']);
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-a-real-secret-key\n');
    expect((await call('profiles.reload', {})).map((profile) => profile.name)).toEqual(['dev', 'sandbox', 'sandbox-dev', 'sandbox-prod']);
    expect((await call('profiles.configLocations', {})).config).toEqual({ path: join(home, '.aws', 'config'), exists: true, setBy: null });
  });
});
