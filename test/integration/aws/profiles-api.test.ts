/**
 * The `profiles.*` API as the app composes it (electron/airlock.ts), called through `dispatch` like
 * both transports do: strict input validation, the MFA and SSO round trips over events, the browser
 * opened only with the https sign-in page, and no credential value in any result or event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import type { SsoSignIn } from '../../../electron/services/aws/sso-login';
import { createMemoryLogger } from '../../../electron/services/log';
import { appApi } from '../app-api';
import type { EventName } from '../../../shared/api';
import type { AwsTestHome } from '../../fakes/aws/aws-test-env';
import { startFakeAws, validMfaCode, type FakeAws } from '../../fakes/aws/fake-aws-world';

let aws: FakeAws;
let home: AwsTestHome;
let dataDir: string;
let airlock: Airlock;
let opened: string[];
let signIns: SsoSignIn[];
const log = createMemoryLogger();
const seen: string[] = [];
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  aws = await startFakeAws({ script: { manualApproval: true } });
});
afterAll(async () => {
  await aws.close();
});
beforeEach(async () => {
  home = await aws.createHome();
  dataDir = await mkdtemp(join(tmpdir(), 'airlock-api-'));
  opened = [];
  signIns = [];
  airlock = createAirlock({
    mode: 'electron',
    version: 'test',
    dataDir,
    log,
    openExternal: (url, signIn) => {
      opened.push(url);
      signIns.push(signIn);
      return Promise.resolve();
    },
  });
  airlock.events.subscribe((name, payload) => {
    events.push({ name, payload });
    seen.push(JSON.stringify(payload));
  });
});
afterEach(async () => {
  await airlock.close();
  await rm(dataDir, { recursive: true, force: true });
  await home.restore();
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'ipc' });

function nextEvent(name: EventName): Promise<unknown> {
  const start = events.length;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const found = events.slice(start).find((item) => item.name === name);
      if (found !== undefined) {
        clearInterval(timer);
        resolve(found.payload);
      }
    }, 10);
  });
}

describe('input validation', () => {
  it('rejects malformed input before any handler runs', async () => {
    expect((await failure('profiles.select', { name: 'base', region: 'Mars-1' })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.select', { name: 'base', fresh: 'yes' })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.answerMfa', { requestId: 'a'.repeat(36), code: '12345' })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.answerMfa', { requestId: '../../x', code: null })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.setProduction', { profile: 'base', account: '123456789012', production: true })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.setProduction', { production: true })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.setProduction', { account: 'abc', production: true })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.saveAppKeys', { name: 'x', accessKeyId: 'AKIASELFSOURCE000005', secretAccessKey: 's', region: 'eu-west-1', extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await failure('profiles.ssoLoginStatus', { loginId: '00000000-0000-0000-0000-000000000000' })).code).toBe('NOT_FOUND');
  });

  it('names the offending field without echoing a rejected key', async () => {
    const error = await failure('profiles.saveAppKeys', { name: 'typed', accessKeyId: 'AKIATOOSHORT', secretAccessKey: 'aSecretThatMustNotBeEchoed', region: 'eu-west-1' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).not.toContain('aSecretThatMustNotBeEchoed');
  });
});

describe('the round trips the UI drives', () => {
  it('MFA: the switch waits for the code the UI sends back', async () => {
    const requested = nextEvent('profiles.mfaRequested');
    const switching = call('profiles.select', { name: 'role-mfa' });
    const prompt = (await requested) as { requestId: string; profile: string };
    expect(prompt.profile).toBe('role-mfa');
    expect(await call('profiles.mfaPrompts', {})).toHaveLength(1);
    expect(await call('profiles.answerMfa', { requestId: prompt.requestId, code: validMfaCode })).toEqual({ accepted: true });
    expect((await switching).identity?.account).toBe('666666666666');
    expect(await call('profiles.answerMfa', { requestId: prompt.requestId, code: validMfaCode })).toEqual({ accepted: false });
  });

  it('SSO: the login opens only the https sign-in page, and its end is an event', async () => {
    const started = await call('profiles.ssoLogin', { name: 'sso-dev' });
    expect(started.openedInBrowser).toBe(true);
    expect(opened).toEqual([started.verificationUriComplete]);
    expect(opened[0]).toMatch(/^https:\/\//);
    // The opener checks the page against this login's own profile settings (issue 9 item 11).
    expect(signIns).toEqual([{ ssoRegion: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }]);
    const finished = nextEvent('profiles.ssoLoginFinished');
    aws.sso.approve(started.userCode);
    expect(await finished).toMatchObject({ loginId: started.loginId, state: 'succeeded' });
    expect(await call('profiles.ssoLoginStatus', { loginId: started.loginId })).toMatchObject({ state: 'succeeded' });
    expect((await call('profiles.select', { name: 'sso-prod' })).identity?.account).toBe('222222222222');
  });

  it('production marks show on the active profile and on the list', async () => {
    await call('profiles.select', { name: 'role-2' });
    expect(await call('profiles.setProduction', { account: '5555-5555-5555', production: true })).toEqual({ profiles: [], accounts: ['555555555555'] });
    expect(await call('profiles.active', {})).toMatchObject({ production: true, profile: { productionMarkedBy: 'account' } });
    expect((await call('profiles.list', {})).filter((profile) => profile.production).map((profile) => profile.name)).toEqual(['role-2', 'sandbox-prod']);
  });

  it('remembers a project choice and reports it back', async () => {
    await call('profiles.select', { name: 'base', region: 'eu-west-3', projectPath: '/work/etl' });
    expect(await call('profiles.projectMemory', { projectPath: '/work/etl' })).toEqual({ profile: 'base', region: 'eu-west-3', environment: null });
  });
});

describe('no credential value in any result or event', () => {
  it('after every call of this file', async () => {
    // Runs last in this file: everything the API returned or emitted above is in `seen`.
    await call('profiles.select', { name: 'process-ok' });
    await call('profiles.saveAppKeys', { name: 'typed-in', accessKeyId: 'AKIASELFSOURCE000005', secretAccessKey: 'selfSourceSecret000000000000000000000005', region: 'eu-west-1' });
    await call('profiles.appKeys', {});
    const secrets = [
      'selfSourceSecret000000000000000000000005', 'AKIASELFSOURCE000005', 'baseSecret000000000000000000000000000003', 'AKIABASE000000000003',
      ...aws.sts.issued.flatMap((issued) => [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]),
      ...aws.sso.roleCredentials.flatMap((issued) => [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]),
      ...aws.sso.accessTokens,
    ];
    expect(aws.sts.issued.length).toBeGreaterThan(0);
    expect(aws.sso.accessTokens.length).toBeGreaterThan(0);
    const everything = seen.join('\n');
    expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
    expect(secrets.filter((secret) => log.lines.join('\n').includes(secret))).toEqual([]);
  });
});
