/**
 * Credential resolution through the real SDK providers against fake STS, for every non-SSO kind.
 * The acceptance: each profile resolves the same credentials the SDK resolves for AWS_PROFILE=<name>.
 */
import { readFile } from 'node:fs/promises';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createCredentialService } from '../../../electron/services/aws/credential-service';
import type { ResolvedCredentials } from '../../../electron/services/aws/profile-types';
import { environmentKeys, fixtureAccount, processKeys, useFakeAwsWorld } from '../../fakes/aws/fake-aws-world';

const world = useFakeAwsWorld({ beforeAll, afterAll, beforeEach, afterEach });

const keys = (credentials: ResolvedCredentials) => ({
  accessKeyId: credentials.accessKeyId,
  secretAccessKey: credentials.secretAccessKey,
  sessionToken: credentials.sessionToken,
});

/** What the SDK alone resolves when the user runs with AWS_PROFILE=<name>. */
async function sdkResolve(name: string): Promise<ResolvedCredentials> {
  world.home.setEnv({ AWS_PROFILE: name });
  try {
    return await fromIni({ ignoreCache: true })();
  } finally {
    world.home.setEnv({ AWS_PROFILE: undefined });
  }
}

/** The STS calls made while `run` runs, without the credentials that differ per call. */
async function stsCallsDuring(run: () => Promise<unknown>) {
  const start = world.aws.sts.calls.length;
  await run();
  return world.aws.sts.calls.slice(start).map(({ action, roleArn, roleSessionName, caller }) => ({ action, roleArn, roleSessionName, caller }));
}

async function expectAppError(promise: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('static keys and credential_process', () => {
  it.each(['default', 'creds-only', 'static-in-config', 'both-files'])('%s resolves the keys the SDK resolves for AWS_PROFILE', async (name) => {
    const service = createCredentialService();
    const ours = await service.resolve(name);
    expect(keys(ours)).toEqual(keys(await sdkResolve(name)));
    expect(ours.accessKeyId).toMatch(/^AKIA/);
  });

  it('the credentials file wins over the config file for the same profile', async () => {
    // both-files has keys only in credentials; base has region in config and keys in credentials.
    const service = createCredentialService();
    expect((await service.resolve('base')).accessKeyId).toBe('AKIABASE000000000003');
    expect((await service.identity('base')).arn).toBe(`arn:aws:iam::${fixtureAccount}:user/base-user`);
  });

  it('runs a credential_process and returns what it printed, like the SDK', async () => {
    const service = createCredentialService();
    const ours = await service.resolve('process-ok');
    expect(keys(ours)).toEqual({ ...processKeys, sessionToken: undefined });
    expect(keys(ours)).toEqual(keys(await sdkResolve('process-ok')));
    expect(ours.expiration).toBeInstanceOf(Date);
  });

  it.each(['process-fail', 'process-bad-json'])('reports a failing credential_process (%s) without its output', async (name) => {
    const error = await expectAppError(createCredentialService().resolve(name), 'CREDENTIAL_PROCESS_FAILED');
    const visible = JSON.stringify({ message: error.message, details: error.details });
    expect(visible).toContain(name);
    expect(visible).not.toContain('AKIALEAKEDKEY');
    expect(visible).not.toContain('leakedSecretValue');
    expect(error.cause).toBeUndefined();
  });
});

describe('assume-role chains', () => {
  it.each([
    ['role-1', ['Level1']],
    ['role-2', ['Level1', 'Level2']],
    ['role-3', ['Level1', 'Level2', 'Level3']],
    ['self-source', ['SelfAssumed']],
  ])('%s assumes each role of its chain in order and returns the last issued credentials', async (name, roles) => {
    const service = createCredentialService();
    let ours: ResolvedCredentials | undefined;
    const ourCalls = await stsCallsDuring(async () => {
      ours = await service.resolve(name);
    });
    expect(ourCalls.map((call) => call.roleArn?.split('/').pop())).toEqual(roles);
    const issued = world.aws.sts.issued.at(-1);
    expect(ours && keys(ours)).toEqual(issued && { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
    // STS sends Expiration with whole seconds.
    expect(ours?.expiration?.getTime()).toBe(Math.floor((issued?.expiration.getTime() ?? 0) / 1000) * 1000);

    // The SDK on its own, with AWS_PROFILE=<name>, walks exactly the same path.
    let sdk: ResolvedCredentials | undefined;
    const sdkCalls = await stsCallsDuring(async () => {
      sdk = await sdkResolve(name);
    });
    expect(sdkCalls).toEqual(ourCalls);
    const sdkIssued = world.aws.sts.issued.at(-1);
    expect(sdk?.accessKeyId).toBe(sdkIssued?.accessKeyId);
    expect(sdkIssued?.roleArn).toBe(issued?.roleArn);
  });

  it('uses credential_source = Environment', async () => {
    world.home.setEnv({ AWS_ACCESS_KEY_ID: environmentKeys.accessKeyId, AWS_SECRET_ACCESS_KEY: environmentKeys.secretAccessKey });
    const service = createCredentialService();
    const calls = await stsCallsDuring(() => service.resolve('from-env'));
    expect(calls).toEqual([{ action: 'AssumeRole', roleArn: 'arn:aws:iam::777777777777:role/FromEnv', roleSessionName: 'airlock-env', caller: `arn:aws:iam::${fixtureAccount}:user/environment-user` }]);
  });

  it('reports who the assumed role is (GetCallerIdentity at the profile STS endpoint)', async () => {
    const service = createCredentialService();
    expect(await service.identity('role-2')).toEqual({
      account: '555555555555',
      arn: 'arn:aws:sts::555555555555:assumed-role/Level2/airlock-test-2',
      userId: expect.stringMatching(/^AROA[A-Z0-9]{16}:airlock-test-2$/) as string,
    });
  });

  it('keeps temporary credentials until shortly before they expire, then renews them', async () => {
    let clock = new Date();
    const service = createCredentialService({ now: () => clock });
    const first = await service.resolve('role-1');
    const cachedCalls = await stsCallsDuring(() => service.resolve('role-1'));
    expect(cachedCalls).toEqual([]);

    clock = new Date((first.expiration?.getTime() ?? 0) - 60_000);
    const renewedCalls = await stsCallsDuring(async () => {
      expect((await service.resolve('role-1')).accessKeyId).not.toBe(first.accessKeyId);
    });
    expect(renewedCalls.map((call) => call.action)).toEqual(['AssumeRole']);
  });

  it('shares one resolution between concurrent callers', async () => {
    const service = createCredentialService();
    const calls = await stsCallsDuring(async () => {
      const [a, b, c] = await Promise.all([service.resolve('role-2'), service.resolve('role-2'), service.resolve('role-2')]);
      expect(new Set([a.accessKeyId, b.accessKeyId, c.accessKeyId]).size).toBe(1);
    });
    expect(calls).toHaveLength(2);
  });

  it('forget() drops the cached credentials so the next use resolves again', async () => {
    const service = createCredentialService();
    await service.resolve('role-1');
    service.forget('role-1');
    expect(await stsCallsDuring(() => service.resolve('role-1'))).toHaveLength(1);
  });

  it('never rewrites the shared files', async () => {
    const before = await Promise.all([readFile(world.home.configFile, 'utf8'), readFile(world.home.credentialsFile, 'utf8')]);
    const service = createCredentialService();
    await service.resolve('role-3');
    await service.resolve('process-ok');
    await service.identity('base');
    expect(await Promise.all([readFile(world.home.configFile, 'utf8'), readFile(world.home.credentialsFile, 'utf8')])).toEqual(before);
  });
});

describe('errors a user can act on', () => {
  it.each([
    ['cycle-a', 'source-profile-cycle'],
    ['missing-source', 'missing-source-profile'],
    ['sso-orphan', 'missing-sso-session'],
    ['no-credentials', 'no-credentials'],
  ])('a broken profile (%s) fails with the reason discovery showed, before any call', async (name, reason) => {
    const calls = world.aws.sts.calls.length;
    const error = await expectAppError(createCredentialService().resolve(name), 'CREDENTIALS_MISSING');
    expect(error.details).toMatchObject({ profile: name, reason });
    expect(world.aws.sts.calls.length).toBe(calls);
  });

  it('an unknown profile name is CREDENTIALS_MISSING', async () => {
    await expectAppError(createCredentialService().resolve('nobody'), 'CREDENTIALS_MISSING');
  });

  it('a role the source may not assume is ACCESS_DENIED with the action and resource', async () => {
    const error = await expectAppError(createCredentialService().resolve('role-denied'), 'ACCESS_DENIED');
    expect(error.details).toMatchObject({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::999999999999:role/NotTrusted', awsCode: 'AccessDenied', httpStatus: 403 });
    expect(error.message).toContain('sts:AssumeRole');
  });

  it('a key AWS does not know is CREDENTIALS_MISSING, a wrong secret says so', async () => {
    const service = createCredentialService();
    expect((await expectAppError(service.identity('revoked-key'), 'CREDENTIALS_MISSING')).details).toMatchObject({ reason: 'unrecognized-credentials' });
    expect((await expectAppError(service.identity('wrong-secret'), 'CREDENTIALS_MISSING')).details).toMatchObject({ reason: 'signature-mismatch' });
  });

  it('expired temporary credentials are CREDENTIALS_EXPIRED', async () => {
    const service = createCredentialService();
    await service.resolve('role-1');
    world.aws.sts.expireIssued();
    const error = await expectAppError(service.identity('role-1'), 'CREDENTIALS_EXPIRED');
    expect(error.message).not.toMatch(/ASIA[A-Z0-9]{16}/);
  });
});
