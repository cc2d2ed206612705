/**
 * MFA on assumed roles, through the real SDK against the fake STS (which checks SerialNumber and
 * TokenCode): the code is asked through the injected provider, once per credentials lifetime.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createCredentialService, type MfaCodeRequest } from '../../../electron/services/aws/credential-service';
import { mfaSerial, validMfaCode, useFakeAwsWorld } from '../../fakes/aws/fake-aws-world';

const world = useFakeAwsWorld({ beforeAll, afterAll, beforeEach, afterEach });

/** An MFA prompt that answers `code` and remembers what it was asked. */
function prompt(code: string | null | (() => Promise<string | null>)) {
  const requests: MfaCodeRequest[] = [];
  const provider = async (request: MfaCodeRequest): Promise<string | null> => {
    requests.push(request);
    return typeof code === 'function' ? code() : code;
  };
  return { requests, provider };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('MFA on an assumed role', () => {
  it('asks for the code with the profile and serial, and sends them to STS', async () => {
    const mfa = prompt(validMfaCode);
    const service = createCredentialService({ mfaCodeProvider: mfa.provider });
    const start = world.aws.sts.calls.length;
    const credentials = await service.resolve('role-mfa');

    expect(mfa.requests).toEqual([{ profile: 'role-mfa', serialNumber: mfaSerial }]);
    expect(world.aws.sts.calls.slice(start)).toEqual([expect.objectContaining({ action: 'AssumeRole', roleArn: 'arn:aws:iam::666666666666:role/Admin', serialNumber: mfaSerial, tokenCodeGiven: true })]);
    expect(credentials.accessKeyId).toBe(world.aws.sts.issued.at(-1)?.accessKeyId);
  });

  it('caches the MFA session: the second resolution and later calls do not prompt', async () => {
    const mfa = prompt(validMfaCode);
    const service = createCredentialService({ mfaCodeProvider: mfa.provider });
    const first = await service.resolve('role-mfa');
    const second = await service.resolve('role-mfa');
    const identity = await service.identity('role-mfa');
    expect(second.accessKeyId).toBe(first.accessKeyId);
    expect(identity.arn).toBe('arn:aws:sts::666666666666:assumed-role/Admin/airlock-mfa');
    expect(mfa.requests).toHaveLength(1);
  });

  it('keeps the MFA session across a reload of unchanged files, and asks again when the role changed', async () => {
    const mfa = prompt(validMfaCode);
    const service = createCredentialService({ mfaCodeProvider: mfa.provider });
    const first = await service.resolve('role-mfa');

    // Another profile edited (appended), this role untouched: no new code.
    await appendFile(world.home.configFile, '\n[profile added-later]\nregion = eu-north-1\n');
    await service.forgetChanged();
    expect((await service.resolve('role-mfa')).accessKeyId).toBe(first.accessKeyId);
    expect(mfa.requests).toHaveLength(1);

    // The role's own section edited: the cached session no longer matches the files.
    const config = await readFile(world.home.configFile, 'utf8');
    await writeFile(world.home.configFile, config.replace('role_session_name = airlock-mfa', 'role_session_name = airlock-mfa-edited'));
    await service.forgetChanged();
    await service.resolve('role-mfa');
    expect(mfa.requests).toHaveLength(2);
  });

  it('asks once when several callers need the profile at the same time', async () => {
    const mfa = prompt(validMfaCode);
    const service = createCredentialService({ mfaCodeProvider: mfa.provider });
    await Promise.all([service.resolve('role-mfa'), service.identity('role-mfa'), service.resolve('role-mfa')]);
    expect(mfa.requests).toHaveLength(1);
  });

  it('asks again once the session is about to expire', async () => {
    const mfa = prompt(validMfaCode);
    let clock = new Date();
    const service = createCredentialService({ mfaCodeProvider: mfa.provider, now: () => clock });
    const first = await service.resolve('role-mfa');
    clock = new Date((first.expiration?.getTime() ?? 0) - 2 * 60_000);
    await service.resolve('role-mfa');
    expect(mfa.requests).toHaveLength(2);
  });

  it('names the role that declares mfa_serial when it sits inside a longer chain', async () => {
    const mfa = prompt(validMfaCode);
    const service = createCredentialService({ mfaCodeProvider: mfa.provider });
    const start = world.aws.sts.calls.length;
    await service.resolve('role-after-mfa');
    expect(mfa.requests).toEqual([{ profile: 'role-mfa', serialNumber: mfaSerial }]);
    expect(world.aws.sts.calls.slice(start).map((call) => call.roleArn?.split('/').pop())).toEqual(['Admin', 'Deployer']);
  });

  it('walks the same path as the SDK with AWS_PROFILE set', async () => {
    const ours = createCredentialService({ mfaCodeProvider: prompt(validMfaCode).provider });
    const start = world.aws.sts.calls.length;
    await ours.resolve('role-after-mfa');
    const middle = world.aws.sts.calls.length;
    world.home.setEnv({ AWS_PROFILE: 'role-after-mfa' });
    await fromIni({ ignoreCache: true, mfaCodeProvider: () => Promise.resolve(validMfaCode) })();
    const strip = ({ action, roleArn, roleSessionName, serialNumber, tokenCodeGiven, caller }: (typeof world.aws.sts.calls)[number]) => ({ action, roleArn, roleSessionName, serialNumber, tokenCodeGiven, caller });
    expect(world.aws.sts.calls.slice(middle).map(strip)).toEqual(world.aws.sts.calls.slice(start, middle).map(strip));
  });

  it('a cancelled prompt is CANCELLED, and nothing is cached', async () => {
    const cancelling = prompt(null);
    const service = createCredentialService({ mfaCodeProvider: cancelling.provider });
    expect((await rejection(service.resolve('role-mfa'))).code).toBe('CANCELLED');
    expect((await rejection(service.identity('role-mfa'))).code).toBe('CANCELLED');
    expect(cancelling.requests).toHaveLength(2);
  });

  it('issue 9 item 21: cancelling while the source profile also fails leaves no dangling rejection', async () => {
    // The SDK starts the source profile's credential_process before it asks for the code. If the
    // call settled on the cancelled prompt alone, the process's failure would arrive later with
    // nobody awaiting it (an unhandled rejection, after this test). So the proof is an event, not
    // a wait: the call settles with the process's own failure, which means it awaited the process.
    const service = createCredentialService({ mfaCodeProvider: prompt(null).provider });
    const error = await rejection(service.resolve('role-mfa-failing-source'));
    expect(error.code, 'the call settled before the source profile\'s credential_process did, leaving its failure unawaited').toBe('CREDENTIAL_PROCESS_FAILED');
  });

  it('a prompt that throws CANCELLED (e.g. the window closed) stays CANCELLED', async () => {
    const service = createCredentialService({ mfaCodeProvider: () => Promise.reject(new AppError('CANCELLED', 'Closed.')) });
    expect((await rejection(service.resolve('role-mfa'))).code).toBe('CANCELLED');
  });

  it('a wrong code is ACCESS_DENIED saying the code was not accepted', async () => {
    const service = createCredentialService({ mfaCodeProvider: prompt('000000').provider });
    const error = await rejection(service.resolve('role-mfa'));
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.details).toMatchObject({ reason: 'mfa-code-rejected' });
  });

  it('a code that is not 6 digits is refused before calling STS', async () => {
    const service = createCredentialService({ mfaCodeProvider: prompt('12ab').provider });
    const start = world.aws.sts.calls.length;
    expect((await rejection(service.resolve('role-mfa'))).code).toBe('INVALID_INPUT');
    expect(world.aws.sts.calls.slice(start).filter((call) => call.roleArn?.endsWith('/Admin'))).toEqual([]);
  });

  it('without a prompt, an MFA profile explains it cannot ask', async () => {
    const error = await rejection(createCredentialService().resolve('role-mfa'));
    expect(error.code).toBe('CREDENTIALS_MISSING');
    expect(error.details).toMatchObject({ reason: 'mfa-unavailable' });
  });
});
