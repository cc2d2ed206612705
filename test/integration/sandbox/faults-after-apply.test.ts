/**
 * Faults that strike after the write landed: the sandbox applies the operation, then answers an
 * error (or drops the connection) instead of its result. This is the case where a retry decides
 * whether a second version gets written, so the token rules of AWS must hold on the retry:
 * the same ClientRequestToken with the same value is answered without a new version, with another
 * value it is ResourceExistsException, and another token on CreateSecret is ResourceExistsException.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerServiceException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { awsError, postJson, secretsClient, startTestSandbox, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.setFaults({ reset: true });
  sandbox.resetStats();
});

async function versionIds(client: SecretsManagerClient, name: string): Promise<string[]> {
  const listed = await client.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
  return (listed.Versions ?? []).map((version) => version.VersionId ?? '');
}

/** A failure that is not an AWS answer at all (the connection closed), as the SDK reports it. */
async function networkError(call: Promise<unknown>): Promise<NodeJS.ErrnoException> {
  const error = await call.then(
    () => {
      throw new Error('Expected the call to fail, but it succeeded.');
    },
    (caught: unknown) => caught,
  );
  expect(error).not.toBeInstanceOf(SecretsManagerServiceException);
  return error as NodeJS.ErrnoException;
}

describe('issue 9 item 18: a write applied, then failed', () => {
  it('issue 9 item 18: CreateSecret lands before the 500; the same token again is answered with that version, another token is ResourceExistsException', async () => {
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    const name = uniqueName('after-apply/create');
    const token = randomUUID();
    sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 1, afterApply: true } });

    const lost = await awsError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: token })));
    expect(lost.name).toBe('InternalServiceError');
    expect(lost.$metadata.httpStatusCode).toBe(500);
    // The write landed although the caller was told it failed.
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages).toEqual({ [token]: ['AWSCURRENT'] });

    const retried = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: token }));
    expect(retried.VersionId).toBe(token);
    expect(await versionIds(client, name)).toEqual([token]);
    expect((await awsError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: randomUUID() })))).name).toBe('ResourceExistsException');
    expect((await awsError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'other', ClientRequestToken: token })))).name).toBe('ResourceExistsException');
    client.destroy();
  });

  it('issue 9 item 18: PutSecretValue lands before a 503; a retry with the same token writes no second version', async () => {
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    const name = uniqueName('after-apply/put');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' }));
    const token = randomUUID();
    sandbox.setFaults({ failNext: { operation: 'PutSecretValue', count: 1, code: 'ServiceUnavailable', afterApply: true } });

    const lost = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2', ClientRequestToken: token })));
    expect(lost.$metadata.httpStatusCode).toBe(503);
    expect(await versionIds(client, name)).toHaveLength(2);
    expect((await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2', ClientRequestToken: token }))).VersionId).toBe(token);
    expect(await versionIds(client, name)).toHaveLength(2);
    expect((await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v3', ClientRequestToken: token })))).name).toBe('ResourceExistsException');
    client.destroy();
  });

  it('issue 9 item 18: the SDK retries a landed write with the same request, so a throttling answer after the write costs no version', async () => {
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    const name = uniqueName('after-apply/throttled');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' }));
    sandbox.resetStats();
    sandbox.setFaults({ failNext: { operation: 'PutSecretValue', count: 2, code: 'ThrottlingException', afterApply: true } });
    // No token given: the SDK makes one per command and keeps it for its own retries.
    const put = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2' }));
    expect(put.$metadata.attempts).toBe(3);
    expect(await versionIds(client, name)).toHaveLength(2);
    expect(sandbox.stats()).toMatchObject({ requests: { PutSecretValue: 3 }, failed: 2, failedAfterApply: 2 });
    client.destroy();
  });
});

describe('issue 9 item 18: a dropped connection', () => {
  it('issue 9 item 18: before the write nothing lands; after the write it has landed; both reach the caller as ECONNRESET', async () => {
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    const name = uniqueName('dropped/create');
    sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 1, dropConnection: true } });
    expect((await networkError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' })))).code).toBe('ECONNRESET');
    expect((await awsError(client.send(new DescribeSecretCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');

    const token = randomUUID();
    sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 1, dropConnection: true, afterApply: true } });
    expect((await networkError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1', ClientRequestToken: token })))).code).toBe('ECONNRESET');
    expect(await versionIds(client, name)).toEqual([token]);
    client.destroy();
  });

  it('issue 9 item 18: the SDK retries a reset connection with the same token: one version', async () => {
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    const name = uniqueName('dropped/retried');
    sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 1, dropConnection: true, afterApply: true } });
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v1' }));
    expect(created.$metadata.attempts).toBe(2);
    expect(await versionIds(client, name)).toEqual([created.VersionId]);
    expect(sandbox.stats()).toMatchObject({ requests: { CreateSecret: 2 }, failed: 1, failedAfterApply: 1 });
    client.destroy();
  });
});

describe('the faults control route', () => {
  it('issue 9 item 18: reports the new rules and rejects a dropped connection with a code, or a flag that is not a boolean', async () => {
    const set = await postJson(`${sandbox.url}/_sandbox/faults`, { failNext: [{ operation: 'PutSecretValue', count: 2, afterApply: true }, { operation: 'CreateSecret', count: 1, dropConnection: true }] });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { failNext: unknown[] }).failNext).toEqual([
      { operation: 'PutSecretValue', count: 2, afterApply: true, dropConnection: false, code: 'InternalServiceError', status: 500 },
      { operation: 'CreateSecret', count: 1, afterApply: false, dropConnection: true },
    ]);
    const withCode = await postJson(`${sandbox.url}/_sandbox/faults`, { failNext: { operation: 'CreateSecret', count: 1, dropConnection: true, code: 'InternalServiceError' } });
    expect(withCode.status).toBe(400);
    expect(((await withCode.json()) as { error: string }).error).toContain('dropConnection');
    const notBoolean = await postJson(`${sandbox.url}/_sandbox/faults`, { failNext: { operation: 'CreateSecret', count: 1, afterApply: 'yes' } });
    expect(notBoolean.status).toBe(400);
    expect(((await notBoolean.json()) as { error: string }).error).toContain('afterApply');
  });
});
