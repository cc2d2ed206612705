/** The account a profile's own config names, which the production marks use before any call. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProfiles } from '../../../../electron/services/aws/profile-discovery';
import type { ProfileInfo } from '../../../../electron/services/aws/profile-types';
import { awsFixturesDir, renderFixture } from '../../../fakes/aws/aws-test-env';

let dir: string;
let profiles: ProfileInfo[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-account-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  await writeFile(configFile, await renderFixture('config.ini', { STS: 'http://127.0.0.1:1', SSO: 'http://127.0.0.1:2', RECORDER: 'http://127.0.0.1:3', NODE: process.execPath, FIXTURES: awsFixturesDir }));
  await writeFile(credentialsFile, await readFile(join(awsFixturesDir, 'credentials.ini'), 'utf8'));
  profiles = await discoverProfiles({ configFile, credentialsFile, env: {} });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const accountOf = (name: string) => profiles.find((profile) => profile.name === name)?.account;

describe('the account a profile acts in, from its config', () => {
  it('is the account of its role, even when the chain starts at an SSO profile', () => {
    expect(accountOf('role-1')).toBe('444444444444');
    expect(accountOf('role-after-mfa')).toBe('676767676767');
    expect(accountOf('role-from-sso')).toBe('888888888888');
  });

  it('is the sso_account_id of an SSO profile', () => {
    expect(accountOf('sso-dev')).toBe('111111111111');
    expect(accountOf('sso-legacy')).toBe('333333333333');
  });

  it('is unknown for keys and processes until STS says who they are', () => {
    expect(accountOf('base')).toBeUndefined();
    expect(accountOf('process-ok')).toBeUndefined();
    expect(accountOf('default')).toBeUndefined();
  });
});
