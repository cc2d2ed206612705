import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProfiles } from '../../../../electron/services/aws/profile-discovery';
import type { ProfileInfo } from '../../../../electron/services/aws/profile-types';
import { awsFixturesDir, renderFixture } from '../../../fakes/aws/aws-test-env';

const urls = { STS: 'http://127.0.0.1:4001', SSO: 'http://127.0.0.1:4002', RECORDER: 'http://127.0.0.1:4003', NODE: process.execPath, FIXTURES: awsFixturesDir };

let dir: string;
let configFile: string;
let credentialsFile: string;
let originalConfig: string;
let originalCredentials: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-discovery-'));
  configFile = join(dir, 'config');
  credentialsFile = join(dir, 'credentials');
  originalConfig = await renderFixture('config.ini', urls);
  originalCredentials = await readFile(join(awsFixturesDir, 'credentials.ini'), 'utf8');
  await writeFile(configFile, originalConfig);
  await writeFile(credentialsFile, originalCredentials);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An explicit, empty environment: these tests never depend on the developer's AWS variables. */
const discover = (env: Record<string, string> = {}, awsProfile?: string): Promise<ProfileInfo[]> =>
  discoverProfiles({ configFile, credentialsFile, env, ...(awsProfile === undefined ? {} : { awsProfile }) });

const byName = (profiles: ProfileInfo[], name: string): ProfileInfo => {
  const found = profiles.find((profile) => profile.name === name);
  if (found === undefined) throw new Error(`profile ${name} not listed`);
  return found;
};

describe('discoverProfiles: the list the AWS CLI would offer', () => {
  it('lists [default] and [profile x] from config plus credentials-only sections, and nothing else as a usable profile', async () => {
    const profiles = await discover();
    const cliProfiles = profiles.filter((profile) => profile.broken?.code !== 'misplaced-section').map((profile) => profile.name);
    expect(new Set(cliProfiles)).toEqual(new Set([
      'default', 'both-files', 'static-in-config', 'base', 'sso-dev', 'sso-prod', 'sso-legacy', 'sso-orphan', 'sso-incomplete',
      'role-1', 'role-2', 'role-3', 'role-mfa', 'role-after-mfa', 'self-source', 'from-env', 'role-from-sso', 'cycle-a', 'cycle-b',
      'missing-source', 'role-without-source', 'role-two-sources', 'bad-credential-source', 'web-identity', 'process-ok',
      'process-fail', 'process-bad-json', 'no-region', 'no-credentials', 'local-endpoint', 'services-endpoint', 'ignore-endpoint',
      'missing-services', 'creds-only', 'role-denied', 'revoked-key', 'wrong-secret', 'role-mfa-failing-source',
    ]));
    // sso-session and services sections are not profiles, and each name appears once.
    expect(cliProfiles).not.toContain('corp');
    expect(cliProfiles).not.toContain('fake-aws');
    expect(new Set(cliProfiles).size).toBe(cliProfiles.length);
    expect(profiles[0]?.name).toBe('default');
  });

  it('reports sections the CLI ignores instead of dropping them silently', async () => {
    const profiles = await discover();
    expect(byName(profiles, 'misnamed').broken).toMatchObject({ code: 'misplaced-section', reason: expect.stringContaining('[profile misnamed]') as string });
    expect(byName(profiles, 'profile prefixed-in-credentials').broken?.code).toBe('misplaced-section');
    expect(profiles.map((profile) => profile.name)).not.toContain('plugins');
  });

  it('classifies every kind of profile', async () => {
    const profiles = await discover();
    const kinds = Object.fromEntries(profiles.map((profile) => [profile.name, profile.kind]));
    expect(kinds).toMatchObject({
      default: 'static',
      'creds-only': 'static',
      'static-in-config': 'static',
      'both-files': 'static',
      'sso-dev': 'sso',
      'sso-prod': 'sso',
      'sso-legacy': 'sso-legacy',
      'role-1': 'assume-role',
      'role-3': 'assume-role',
      'self-source': 'assume-role',
      'from-env': 'assume-role',
      'role-from-sso': 'assume-role',
      'web-identity': 'web-identity',
      'process-ok': 'credential-process',
      'process-fail': 'credential-process',
      'no-credentials': 'unknown',
    });
  });

  it('tells where each profile is defined, with credentials-file values winning for the same key', async () => {
    const profiles = await discover();
    expect(byName(profiles, 'both-files')).toMatchObject({ source: 'both', region: 'eu-central-1' });
    expect(byName(profiles, 'creds-only')).toMatchObject({ source: 'credentials', region: 'ca-central-1' });
    expect(byName(profiles, 'static-in-config')).toMatchObject({ source: 'config', region: 'eu-west-2' });
    expect(byName(profiles, 'base').source).toBe('both');
  });

  it('marks the profile the CLI uses without --profile', async () => {
    expect((await discover()).filter((profile) => profile.isDefault).map((profile) => profile.name)).toEqual(['default']);
    expect((await discover({}, 'role-2')).filter((profile) => profile.isDefault).map((profile) => profile.name)).toEqual(['role-2']);
    expect((await discover({ AWS_PROFILE: 'sso-dev' })).filter((profile) => profile.isDefault).map((profile) => profile.name)).toEqual(['sso-dev']);
  });

  it('shows role chains, MFA along the chain and the SSO session behind a profile', async () => {
    const profiles = await discover();
    expect(byName(profiles, 'role-3').sourceChain).toEqual(['role-3', 'role-2', 'role-1', 'base']);
    expect(byName(profiles, 'role-1')).toMatchObject({ sourceChain: ['role-1', 'base'], mfa: false, broken: null });
    expect(byName(profiles, 'role-mfa').mfa).toBe(true);
    expect(byName(profiles, 'role-after-mfa')).toMatchObject({ mfa: true, sourceChain: ['role-after-mfa', 'role-mfa', 'base'] });
    // A role may name itself as source when it also holds keys (as in the CLI and the SDK).
    expect(byName(profiles, 'self-source')).toMatchObject({ sourceChain: ['self-source', 'self-source'], broken: null });
    expect(byName(profiles, 'sso-dev').ssoSession).toBe('corp');
    expect(byName(profiles, 'sso-prod').ssoSession).toBe('corp');
    expect(byName(profiles, 'role-from-sso')).toMatchObject({ ssoSession: 'corp', sourceChain: ['role-from-sso', 'sso-dev'], broken: null });
    expect(byName(profiles, 'sso-legacy').ssoSession).toBeUndefined();
  });

  it('keeps broken profiles in the list with the reason', async () => {
    const profiles = await discover();
    const problems = Object.fromEntries(profiles.filter((profile) => profile.broken !== null).map((profile) => [profile.name, profile.broken?.code]));
    expect(problems).toEqual({
      'cycle-a': 'source-profile-cycle',
      'cycle-b': 'source-profile-cycle',
      'missing-source': 'missing-source-profile',
      'role-without-source': 'role-without-source',
      'role-two-sources': 'conflicting-role-source',
      'bad-credential-source': 'unsupported-credential-source',
      'sso-orphan': 'missing-sso-session',
      'sso-incomplete': 'incomplete-sso-profile',
      'no-region': 'no-region',
      'no-credentials': 'no-credentials',
      'missing-services': 'missing-services-section',
      misnamed: 'misplaced-section',
      'profile prefixed-in-credentials': 'misplaced-section',
    });
    expect(byName(profiles, 'cycle-a').broken?.reason).toContain('cycle-a → cycle-b → cycle-a');
    expect(byName(profiles, 'missing-source').broken?.reason).toContain('does-not-exist');
    expect(byName(profiles, 'sso-orphan').broken?.reason).toContain('[sso-session nowhere]');
  });

  it('fills a missing region from AWS_REGION / AWS_DEFAULT_REGION, but a profile region wins', async () => {
    const withEnv = await discover({ AWS_DEFAULT_REGION: 'sa-east-1' });
    expect(byName(withEnv, 'no-region')).toMatchObject({ region: 'sa-east-1', broken: null });
    expect(byName(withEnv, 'role-1').region).toBe('eu-west-1');
    expect(byName(await discover({ AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' }), 'no-region').region).toBe('ap-south-1');
  });

  it('shows the Secrets Manager endpoint each profile would use', async () => {
    const profiles = await discover();
    expect(byName(profiles, 'local-endpoint').endpoint).toBe(urls.RECORDER);
    expect(byName(profiles, 'services-endpoint').endpoint).toBe(`${urls.RECORDER}/svc`);
    expect(byName(profiles, 'ignore-endpoint').endpoint).toBeNull();
    // fake-aws only configures sts/sso/sso_oidc, so Secrets Manager stays on AWS.
    expect(byName(profiles, 'role-1').endpoint).toBeNull();
    expect(byName(profiles, 'default').endpoint).toBeNull();

    const serviceEnv = await discover({ AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://localhost:9999', AWS_ENDPOINT_URL: 'http://localhost:1111' });
    expect(byName(serviceEnv, 'local-endpoint').endpoint).toBe('http://localhost:9999');
    expect(byName(await discover({ AWS_ENDPOINT_URL: 'http://localhost:1111' }), 'default').endpoint).toBe('http://localhost:1111');
    expect(byName(await discover({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://localhost:1111' }), 'local-endpoint').endpoint).toBeNull();
  });

  it('never puts key material in the list (it goes to the renderer)', async () => {
    const text = JSON.stringify(await discover());
    expect(text).not.toMatch(/AKIA[A-Z0-9]{16}/);
    expect(text).not.toMatch(/Secret0{5}/);
  });

  it('reads the files without changing them', async () => {
    await discover();
    expect(await readFile(configFile, 'utf8')).toBe(originalConfig);
    expect(await readFile(credentialsFile, 'utf8')).toBe(originalCredentials);
  });

  it('returns an empty list when neither file exists', async () => {
    expect(await discoverProfiles({ configFile: join(dir, 'absent-config'), credentialsFile: join(dir, 'absent-credentials'), env: {} })).toEqual([]);
  });

  it('sees edits made while the app runs', async () => {
    const editable = join(dir, 'editable-config');
    await writeFile(editable, '[profile first]\nregion = eu-west-1\naws_access_key_id = AKIAEDITABLE00000001\naws_secret_access_key = x\n');
    const before = await discoverProfiles({ configFile: editable, credentialsFile: join(dir, 'none'), env: {} });
    await writeFile(editable, '[profile second]\nregion = eu-west-1\nsso_session = gone\nsso_account_id = 1\nsso_role_name = r\n');
    const after = await discoverProfiles({ configFile: editable, credentialsFile: join(dir, 'none'), env: {} });
    expect(before.map((profile) => profile.name)).toEqual(['first']);
    expect(after.map((profile) => [profile.name, profile.broken?.code])).toEqual([['second', 'missing-sso-session']]);
  });
});
