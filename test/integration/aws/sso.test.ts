/**
 * SSO (IAM Identity Center): device-flow login against the fake OIDC service, the token cache it
 * writes (same place and format as the AWS CLI), and the SDK's own `fromSSO` accepting that cache.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createCredentialService } from '../../../electron/services/aws/credential-service';
import type { AwsTestHome } from '../../fakes/aws/aws-test-env';
import { startFakeAws, type FakeAws } from '../../fakes/aws/fake-aws-world';
import type { DeviceFlowScript } from '../../fakes/aws/fake-identity-center';

const cliTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

let aws: FakeAws | undefined;
let home: AwsTestHome | undefined;

afterEach(async () => {
  await home?.restore();
  await aws?.close();
  home = undefined;
  aws = undefined;
});

/** Fakes scripted for this test, a fresh HOME, and a service whose polling waits are recorded instead of slept. */
async function setup(script: DeviceFlowScript = {}) {
  const fakes = await startFakeAws({ script });
  aws = fakes;
  const testHome = await fakes.createHome();
  home = testHome;
  const waits: number[] = [];
  const service = createCredentialService({
    ssoSleep: (milliseconds) => {
      waits.push(milliseconds);
      return Promise.resolve();
    },
  });
  const cacheFile = (key: string) => join(testHome.home, '.aws', 'sso', 'cache', `${sha1(key)}.json`);
  return { fakes, testHome, service, waits, cacheFile };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('SSO device login', () => {
  it('polls until approval, honouring interval and slow_down, and writes the CLI token cache', async () => {
    const { fakes, service, waits, cacheFile } = await setup({ pendingPolls: 3, slowDownOnPolls: [2], interval: 1 });
    expect(await service.ssoStatus('sso-dev')).toEqual({ state: 'missing' });

    const login = await service.startSsoLogin('sso-dev');
    expect(new URL(login.verificationUri).protocol).toBe('https:');
    expect(login.verificationUriComplete).toContain(login.userCode);
    const result = await login.done;

    // poll 1 pending, poll 2 slow_down (+5 s), poll 3 pending, poll 4 approved
    expect(waits).toEqual([1000, 1000, 6000, 6000]);
    expect(fakes.sso.oidcCalls).toEqual([
      { route: '/client/register', scopes: ['sso:account:access'] },
      { route: '/device_authorization', startUrl: 'https://corp.awsapps.com/start' },
      { route: '/token', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
      { route: '/token', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
      { route: '/token', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
      { route: '/token', grantType: 'urn:ietf:params:oauth:grant-type:device_code' },
    ]);

    const path = cacheFile('corp');
    const cached = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(cached)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    expect(cached).toMatchObject({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: fakes.sso.accessTokens.at(-1) });
    expect(cached.expiresAt).toMatch(cliTimestamp);
    expect(cached.registrationExpiresAt).toMatch(cliTimestamp);
    expect(cached.expiresAt).toBe(result.tokenExpiresAt);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('makes every profile of the same sso-session usable', async () => {
    const { service } = await setup();
    await (await service.startSsoLogin('sso-dev')).done;
    expect(await service.ssoStatus('sso-dev')).toMatchObject({ state: 'valid', refreshable: true });
    expect(await service.ssoStatus('sso-prod')).toMatchObject({ state: 'valid' });
    expect((await service.identity('sso-prod')).arn).toContain(':222222222222:assumed-role/AWSReservedSSO_ReadOnly/');
  });

  it('writes a cache that the SDK fromSSO accepts, yielding the portal role credentials', async () => {
    const { fakes, service, testHome } = await setup();
    await (await service.startSsoLogin('sso-dev')).done;

    const sdkCredentials = await fromSSO({ profile: 'sso-dev', clientConfig: { endpoint: fakes.sso.url } })();
    expect(sdkCredentials.accessKeyId).toBe(fakes.sso.roleCredentials.at(-1)?.accessKeyId);
    expect(sdkCredentials.sessionToken).toBe(fakes.sso.roleCredentials.at(-1)?.sessionToken);

    // And with AWS_PROFILE set, the SDK finds the portal through the profile's services section by itself.
    testHome.setEnv({ AWS_PROFILE: 'sso-dev' });
    const viaEnv = await fromSSO()();
    expect(viaEnv.accessKeyId).toBe(fakes.sso.roleCredentials.at(-1)?.accessKeyId);
    expect(fakes.sso.portalCalls.at(-1)).toEqual({ accountId: '111111111111', roleName: 'Developer', tokenAccepted: true });

    const ours = await service.resolve('sso-dev');
    expect(ours.accessKeyId).toBe(fakes.sso.roleCredentials.at(-1)?.accessKeyId);
  });

  it('resolves a role chain that starts from an SSO profile', async () => {
    const { fakes, service } = await setup();
    await (await service.startSsoLogin('role-from-sso')).done;
    const identity = await service.identity('role-from-sso');
    expect(identity.arn).toBe('arn:aws:sts::888888888888:assumed-role/CrossAccount/airlock-sso-chain');
    expect(fakes.sts.calls.find((call) => call.action === 'AssumeRole')?.caller).toContain('AWSReservedSSO_Developer');
  });

  it('logs in a legacy SSO profile, caching under the start URL', async () => {
    const { fakes, service, cacheFile } = await setup();
    await (await service.startSsoLogin('sso-legacy')).done;
    const cached = JSON.parse(await readFile(cacheFile('https://legacy.awsapps.com/start'), 'utf8')) as Record<string, unknown>;
    expect(cached).toMatchObject({ startUrl: 'https://legacy.awsapps.com/start', region: 'eu-west-1' });
    expect(cached.refreshToken).toBeUndefined();
    expect(fakes.sso.oidcCalls[0]).toEqual({ route: '/client/register', scopes: [] });
    const sdkCredentials = await fromSSO({ profile: 'sso-legacy', clientConfig: { endpoint: fakes.sso.url } })();
    expect(sdkCredentials.accessKeyId).toBe(fakes.sso.roleCredentials.at(-1)?.accessKeyId);
    expect(await service.ssoStatus('sso-legacy')).toMatchObject({ state: 'valid', refreshable: false });
  });

  it('reuses the client registration of the cache on the next login', async () => {
    const { fakes, service } = await setup();
    await (await service.startSsoLogin('sso-dev')).done;
    await (await service.startSsoLogin('sso-prod')).done;
    expect(fakes.sso.oidcCalls.filter((call) => call.route === '/client/register')).toHaveLength(1);
  });

  it('fails with SSO_LOGIN_REQUIRED when the device code expires', async () => {
    const { service } = await setup({ expireDeviceCode: true });
    const login = await service.startSsoLogin('sso-dev');
    expect((await rejection(login.done)).code).toBe('SSO_LOGIN_REQUIRED');
    expect(await service.ssoStatus('sso-dev')).toEqual({ state: 'missing' });
  });

  it('reports a login denied in the browser', async () => {
    const { service } = await setup({ deny: true });
    expect((await rejection((await service.startSsoLogin('sso-dev')).done)).code).toBe('ACCESS_DENIED');
  });

  it('stops polling when cancelled', async () => {
    const fakes = await startFakeAws({ script: { pendingPolls: 100 } });
    aws = fakes;
    home = await fakes.createHome();
    const controller = new AbortController();
    let waits = 0;
    const service = createCredentialService({
      ssoSleep: () => {
        waits += 1;
        if (waits === 3) controller.abort();
        return Promise.resolve();
      },
    });
    const login = await service.startSsoLogin('sso-dev', controller.signal);
    expect((await rejection(login.done)).code).toBe('CANCELLED');
    expect(fakes.sso.oidcCalls.filter((call) => call.route === '/token').length).toBeLessThanOrEqual(3);
  });

  it('refuses a profile that does not use SSO', async () => {
    const { service } = await setup();
    expect((await rejection(service.startSsoLogin('role-1'))).code).toBe('INVALID_INPUT');
    expect((await rejection(service.ssoStatus('default'))).code).toBe('INVALID_INPUT');
  });
});

describe('SSO token state before calls fail', () => {
  it('a missing token is SSO_LOGIN_REQUIRED without calling the portal', async () => {
    const { fakes, service } = await setup();
    expect((await rejection(service.resolve('sso-dev'))).code).toBe('SSO_LOGIN_REQUIRED');
    expect((await rejection(service.resolve('role-from-sso'))).code).toBe('SSO_LOGIN_REQUIRED');
    expect(fakes.sso.portalCalls).toEqual([]);
  });

  it('an expired token that cannot be refreshed is reported as expired and needs a login', async () => {
    const { fakes, service, cacheFile } = await setup();
    await (await service.startSsoLogin('sso-legacy')).done;
    const path = cacheFile('https://legacy.awsapps.com/start');
    const cached = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...cached, expiresAt: '2020-01-01T00:00:00Z' }));

    expect(await service.ssoStatus('sso-legacy')).toEqual({ state: 'expired', expiresAt: '2020-01-01T00:00:00Z', refreshable: false });
    expect((await rejection(service.resolve('sso-legacy'))).code).toBe('SSO_LOGIN_REQUIRED');
    expect(fakes.sso.portalCalls).toEqual([]);
  });

  // The SDK allows one refresh attempt per sso-session every 30 s per process: keep this the only refresh test.
  it('a token about to expire is refreshed through the refresh_token grant, as the SDK does', async () => {
    const { fakes, service, cacheFile } = await setup();
    await (await service.startSsoLogin('sso-dev')).done;
    const path = cacheFile('corp');
    const cached = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...cached, expiresAt: new Date(Date.now() + 60_000).toISOString() }));

    await service.resolve('sso-dev');
    expect(fakes.sso.oidcCalls.at(-1)).toEqual({ route: '/token', grantType: 'refresh_token' });
    const refreshed = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(refreshed.accessToken).toBe(fakes.sso.accessTokens.at(-1));
  });

  it('a token the portal rejects is SSO_LOGIN_REQUIRED', async () => {
    const { fakes, service } = await setup();
    await (await service.startSsoLogin('sso-dev')).done;
    fakes.sso.revokeTokens();
    expect((await rejection(service.resolve('sso-dev'))).code).toBe('SSO_LOGIN_REQUIRED');
    expect(fakes.sso.portalCalls.at(-1)?.tokenAccepted).toBe(false);
  });
});
