/**
 * The session wired to the credential service, over the fixture AWS files and the fake STS and
 * Identity Center: switching, identities, the lazily started sandbox (its identity from its own
 * STS endpoint), MFA and SSO round trips, per-project memory, region override, the production
 * guard, and that no credential ends up in a summary, a log line or a file Airlock writes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { AwsTestHome } from '../../fakes/aws/aws-test-env';
import { awsFixturesDir } from '../../fakes/aws/aws-test-env';
import { fixtureAccount, startFakeAws, validMfaCode, type FakeAws } from '../../fakes/aws/fake-aws-world';
import { createSessionHarness, filesContaining, type SessionHarness } from './session-harness';

let aws: FakeAws;
let home: AwsTestHome;
let harness: SessionHarness;

beforeAll(async () => {
  aws = await startFakeAws({ script: { manualApproval: true } });
});
afterAll(async () => {
  await aws.close();
});
beforeEach(async () => {
  home = await aws.createHome();
  harness = await createSessionHarness();
});
afterEach(async () => {
  await harness.close();
  await home.restore();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Every credential value the fixtures hold or the fakes handed out so far. */
async function knownSecrets(): Promise<string[]> {
  const files = await readFile(join(awsFixturesDir, 'credentials.ini'), 'utf8') + await readFile(home.configFile, 'utf8');
  const fromFiles = [...files.matchAll(/aws_(?:secret_access_key|access_key_id)\s*=\s*(\S+)/g)].map((match) => match[1] ?? '');
  const issued = aws.sts.issued.flatMap((credentials) => [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]);
  const sso = aws.sso.roleCredentials.flatMap((credentials) => [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]);
  return [...fromFiles, ...issued, ...sso, ...aws.sso.accessTokens].filter((value) => value.length >= 12);
}

describe('the profile list', () => {
  it('offers the file profiles, broken ones with their reason, and the sandbox that starts on first use', async () => {
    const profiles = await harness.session.list();
    const byName = new Map(profiles.map((profile) => [profile.name, profile]));
    expect(byName.get('base')).toMatchObject({ kind: 'static', region: 'us-east-1', broken: null, production: false });
    expect(byName.get('role-mfa')).toMatchObject({ kind: 'assume-role', mfa: true, account: '666666666666', sourceChain: ['role-mfa', 'base'] });
    expect(byName.get('sso-dev')).toMatchObject({ kind: 'sso', ssoSession: 'corp', account: '111111111111', sso: { state: 'missing' } });
    expect(byName.get('web-identity')).toMatchObject({ kind: 'web-identity' });
    expect(byName.get('cycle-a')?.broken).toMatchObject({ code: 'source-profile-cycle', reason: expect.stringContaining('cycle-a → cycle-b → cycle-a') as string });
    expect(byName.get('sso-orphan')?.broken?.code).toBe('missing-sso-session');
    expect(byName.get('sandbox')).toMatchObject({ kind: 'sandbox', endpoint: null, broken: null });
    expect(harness.sandbox.url()).toBeNull();
  });

  it('never carries a key: summaries have names, kinds, regions and accounts only', async () => {
    await harness.session.select('base');
    const text = JSON.stringify(await harness.session.list());
    for (const secret of await knownSecrets()) expect(text).not.toContain(secret);
  });
});

describe('switching profiles', () => {
  it('resolves the credentials and shows who they belong to', async () => {
    const active = await harness.session.select('base');
    expect(active).toMatchObject({ region: 'us-east-1', regionOverridden: false, identityError: null, production: false });
    expect(active.identity).toEqual({ account: fixtureAccount, arn: `arn:aws:iam::${fixtureAccount}:user/base-user`, userId: 'AIDABASE' });
    expect(harness.settings.get()).toMatchObject({ activeProfile: 'base', activeRegion: null });

    const next = await harness.session.select('role-1');
    expect(next.identity?.arn).toBe('arn:aws:sts::444444444444:assumed-role/Level1/airlock-test-1');
    expect((await harness.session.active())?.profile.name).toBe('role-1');
  });

  it('uses the region override for every client, and remembers it', async () => {
    const active = await harness.session.select('local-endpoint', 'ap-northeast-1');
    expect(active).toMatchObject({ region: 'ap-northeast-1', regionOverridden: true });
    const clients = await harness.session.clients();
    await clients.secretsManager.send(new ListSecretsCommand({}));
    expect(aws.recorder.requests.at(-1)).toMatchObject({ signingRegion: 'ap-northeast-1', accessKeyId: 'AKIALOCALENDPOINT007' });
    expect(harness.settings.get()).toMatchObject({ activeProfile: 'local-endpoint', activeRegion: 'ap-northeast-1' });
  });

  it('switches even when STS cannot say who the keys belong to, and says why', async () => {
    // local-endpoint's endpoint_url (every service) is the Secrets Manager recorder, which is no STS.
    const active = await harness.session.select('local-endpoint');
    expect(active.identity).toBeNull();
    expect(active.identityError).toMatchObject({ message: expect.stringContaining('"local-endpoint"') as string });
    expect((await harness.session.active())?.profile.name).toBe('local-endpoint');
  });

  it('refuses a broken profile with its reason and keeps the previous one active', async () => {
    await harness.session.select('base');
    const error = await rejection(harness.session.select('missing-source'));
    expect(error.code).toBe('CREDENTIALS_MISSING');
    expect(error.message).toContain('does-not-exist');
    expect((await rejection(harness.session.select('no-such-profile'))).code).toBe('NOT_FOUND');
    expect((await rejection(harness.session.select('no-region'))).code).toBe('UNKNOWN_REGION');
    expect((await harness.session.active())?.profile.name).toBe('base');
  });

  it('remembers the profile and region per project, and restores the last choice in a new session', async () => {
    await harness.session.select('role-1', 'eu-central-1', { projectPath: '/projects/etl' });
    await harness.session.select('base', undefined, { projectPath: '/projects/reports' });
    expect(harness.session.projectMemory('/projects/etl')).toEqual({ profile: 'role-1', region: 'eu-central-1', environment: null });
    expect(harness.session.projectMemory('/projects/reports')).toEqual({ profile: 'base', region: null, environment: null });
    expect(harness.session.projectMemory('/projects/unknown')).toBeNull();

    const restarted = await createSessionHarness({ dataDir: harness.dataDir });
    try {
      const restored = await restarted.session.active();
      expect(restored).toMatchObject({ profile: { name: 'base' }, region: 'us-east-1', identity: { account: fixtureAccount } });
    } finally {
      await restarted.close();
    }
  });
});

describe('the sandbox', () => {
  it('starts on first use and answers GetCallerIdentity from its own STS endpoint', async () => {
    const active = await harness.session.select('sandbox');
    const url = harness.sandbox.url();
    expect(url).not.toBeNull();
    expect(active.identity).toMatchObject({ account: '000000000000', arn: 'arn:aws:iam::000000000000:user/sandbox' });
    expect((await harness.session.list()).find((profile) => profile.name === 'sandbox')?.endpoint).toBe(url);
    const clients = await harness.session.clients();
    expect(clients.secretsManagerEndpoint).toBe(url);
  });
});

describe('MFA through the UI round trip', () => {
  it('announces the prompt, takes the answer, and caches the session', async () => {
    const switching = harness.session.select('role-mfa');
    const prompt = await harness.nextMfaPrompt();
    expect(prompt).toMatchObject({ profile: 'role-mfa', serialNumber: 'arn:aws:iam::000000000003:mfa/base-user' });
    expect(harness.mfaPrompts.pending()).toEqual([prompt]);
    expect(harness.mfaPrompts.answer(prompt.requestId, validMfaCode)).toBe(true);
    const active = await switching;
    expect(active.identity?.account).toBe('666666666666');
    expect(harness.mfaClosed).toEqual([{ requestId: prompt.requestId, reason: 'answered' }]);

    await harness.session.select('base');
    await harness.session.select('role-mfa');
    expect(harness.mfaRequests).toHaveLength(1);
  });

  it('a cancelled prompt fails the switch and leaves the previous profile active', async () => {
    await harness.session.select('base');
    const switching = harness.session.select('role-mfa');
    const prompt = await harness.nextMfaPrompt();
    harness.mfaPrompts.answer(prompt.requestId, null);
    expect((await rejection(switching)).code).toBe('CANCELLED');
    expect((await harness.session.active())?.profile.name).toBe('base');
  });

  it('a prompt nobody answers times out as CANCELLED', async () => {
    const switching = harness.session.select('role-mfa');
    const prompt = await harness.nextMfaPrompt();
    harness.fireMfaTimeouts();
    const error = await rejection(switching);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain('within 5 minutes');
    expect(harness.mfaClosed).toEqual([{ requestId: prompt.requestId, reason: 'timed-out' }]);
    expect(harness.mfaPrompts.answer(prompt.requestId, validMfaCode)).toBe(false);
  });

  it('"log in again" (fresh) asks for a new code after the role credentials expired', async () => {
    const first = harness.session.select('role-mfa');
    harness.mfaPrompts.answer((await harness.nextMfaPrompt()).requestId, validMfaCode);
    await first;
    aws.sts.expireIssued();
    const checked = await harness.session.refreshIdentity();
    expect(checked?.identityError?.code).toBe('CREDENTIALS_EXPIRED');

    const again = harness.session.select('role-mfa', undefined, { fresh: true });
    harness.mfaPrompts.answer((await harness.nextMfaPrompt()).requestId, validMfaCode);
    expect((await again).identity?.account).toBe('666666666666');
    expect(harness.mfaRequests).toHaveLength(2);
  });
});

describe('SSO login inside the app', () => {
  it('a switch to a logged-out SSO profile asks for the login; after the device flow the switch works', async () => {
    expect((await rejection(harness.session.select('sso-dev'))).code).toBe('SSO_LOGIN_REQUIRED');
    expect(aws.sso.portalCalls).toEqual([]);

    const login = await harness.ssoLogins.start('sso-dev');
    expect(login).toMatchObject({ profile: 'sso-dev', openedInBrowser: false });
    expect(new URL(login.verificationUri).protocol).toBe('https:');
    expect(harness.ssoLogins.status(login.loginId).state).toBe('pending');
    expect(aws.sso.approve(login.userCode)).toBe(true);
    expect(await harness.ssoFinishedFor(login.loginId)).toMatchObject({ state: 'succeeded', error: null });

    const active = await harness.session.select('sso-dev');
    expect(active.identity?.arn).toContain(':111111111111:assumed-role/AWSReservedSSO_Developer/');
    expect(active.profile.sso).toMatchObject({ state: 'valid', refreshable: true });
    // The same sso-session serves the other profile.
    expect((await harness.session.list()).find((profile) => profile.name === 'sso-prod')?.sso?.state).toBe('valid');
  });

  it('a cancelled login ends as cancelled', async () => {
    const login = await harness.ssoLogins.start('sso-legacy');
    expect(harness.ssoLogins.cancel(login.loginId)).toBe(true);
    expect(await harness.ssoFinishedFor(login.loginId)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(harness.ssoLogins.cancel(login.loginId)).toBe(false);
  });

  it('restores a remembered SSO profile whose login expired, with the reason, instead of forgetting it', async () => {
    harness.settings.update((settings) => ({ ...settings, activeProfile: 'sso-prod' }));
    const restored = await harness.session.active();
    expect(restored).toMatchObject({ profile: { name: 'sso-prod' }, identity: null, identityError: { code: 'SSO_LOGIN_REQUIRED' } });
  });
});

describe('the production guard', () => {
  it('a profile marked as production needs the account id typed before a write', async () => {
    harness.productionMarks.set({ profile: 'role-1', production: true });
    const active = await harness.session.select('role-1');
    expect(active.production).toBe(true);
    expect(active.profile.productionMarkedBy).toBe('profile');

    const error = await rejection(harness.session.clientsForWrite('delete airflow/connections/db', undefined));
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect(error.message).toContain('444444444444');
    expect(error.details).toEqual({ account: '444444444444', profile: 'role-1', expected: '444444444444', action: 'delete airflow/connections/db' });
    expect((await rejection(harness.session.clientsForWrite('delete airflow/connections/db', 'role-1'))).code).toBe('CONFIRMATION_REQUIRED');
    expect((await harness.session.clientsForWrite('delete airflow/connections/db', '444444444444')).profile).toBe('role-1');
    // Reads are never guarded.
    expect((await harness.session.clients()).profile).toBe('role-1');
  });

  it('an account mark covers every profile that reaches the account, however the id was typed', async () => {
    expect(harness.productionMarks.set({ account: '0000 0000 0003', production: true }).accounts).toEqual([fixtureAccount]);
    await harness.session.select('base');
    const list = await harness.session.list();
    expect(list.find((profile) => profile.name === 'base')).toMatchObject({ production: true, productionMarkedBy: 'account' });
    expect(list.find((profile) => profile.name === 'role-1')?.production).toBe(false);
    expect((await rejection(harness.session.clientsForWrite('create airflow/variables/x', undefined))).details).toMatchObject({ expected: fixtureAccount });

    harness.productionMarks.set({ account: '000000000003', production: false });
    expect(harness.productionMarks.view().accounts).toEqual([]);
    expect((await harness.session.clientsForWrite('create airflow/variables/x', undefined)).profile).toBe('base');
  });

  it('when STS cannot tell the account while accounts are marked, a write is confirmed by profile name', async () => {
    harness.productionMarks.set({ account: '999999999999', production: true });
    await harness.session.select('local-endpoint');
    const error = await rejection(harness.session.clientsForWrite('update airflow/variables/x', undefined));
    expect(error.details).toMatchObject({ account: null, expected: 'local-endpoint' });
    expect((await harness.session.clientsForWrite('update airflow/variables/x', 'local-endpoint')).profile).toBe('local-endpoint');
  });

  it('refuses an account id that is not 12 digits', () => {
    expect(() => harness.productionMarks.set({ account: '1234', production: true })).toThrow(AppError);
  });
});

describe('keys entered in the app', () => {
  it('without secure storage they live in memory, work for calls, and reach no file', async () => {
    const secret = 'selfSourceSecret000000000000000000000005';
    const state = harness.session.appKeys();
    expect(state.storage).toMatchObject({ persistent: false, reason: 'no-cipher' });
    const summary = await harness.session.saveAppKeys({ name: 'typed-in', accessKeyId: 'AKIASELFSOURCE000005', secretAccessKey: secret, region: 'eu-west-1', endpoint: aws.sts.url });
    expect(summary).toEqual({ name: 'typed-in', accessKeyIdLast4: '0005', region: 'eu-west-1', endpoint: aws.sts.url, persisted: false });
    expect((await harness.session.list()).find((profile) => profile.name === 'typed-in')).toMatchObject({ kind: 'app-keys', source: 'app' });
    const active = await harness.session.select('typed-in');
    expect(active.identity?.arn).toBe(`arn:aws:iam::${fixtureAccount}:user/self-source-user`);
    expect(await filesContaining(harness.dataDir, [secret, 'AKIASELFSOURCE000005'])).toEqual([]);

    expect(await harness.session.removeAppKeys('typed-in')).toBe(true);
    expect(await harness.session.active()).toBeNull();
  });
});

describe('no credential leaks', () => {
  it('through log lines or files Airlock writes, after every kind of sign-in', async () => {
    await harness.session.select('base');
    await harness.session.select('sandbox');
    const mfa = harness.session.select('role-after-mfa');
    harness.mfaPrompts.answer((await harness.nextMfaPrompt()).requestId, validMfaCode);
    await mfa;
    const login = await harness.ssoLogins.start('sso-dev');
    aws.sso.approve(login.userCode);
    await harness.ssoFinishedFor(login.loginId);
    await harness.session.select('role-from-sso');
    await harness.session.select('process-ok');

    const secrets = await knownSecrets();
    expect(secrets.length).toBeGreaterThan(20);
    const log = harness.logLines.join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(await filesContaining(harness.dataDir, secrets)).toEqual([]);
  });
});
