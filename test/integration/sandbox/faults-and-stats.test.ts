import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle, SandboxStats } from '../../../electron/services/sandbox';
import { awsError, postJson, secretsClient, startTestSandbox, testCredentials } from './sandbox-harness';

let sandbox: SandboxHandle;

async function setFaults(body: unknown): Promise<Response> {
  return postJson(`${sandbox.url}/_sandbox/faults`, body);
}

async function stats(): Promise<SandboxStats> {
  return (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as SandboxStats;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const client = secretsClient(sandbox);
  await client.send(new CreateSecretCommand({ Name: 'faults/secret', SecretString: 'v' }));
  client.destroy();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await setFaults({ reset: true });
  await postJson(`${sandbox.url}/_sandbox/stats/reset`, {});
});

describe('request stats', () => {
  it('counts every call per operation and resets on request', async () => {
    const client = secretsClient(sandbox);
    await client.send(new ListSecretsCommand({}));
    await client.send(new ListSecretsCommand({}));
    await client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' }));
    await awsError(client.send(new GetSecretValueCommand({ SecretId: 'faults/missing' })));
    client.destroy();
    expect(await stats()).toMatchObject({ total: 4, requests: { ListSecrets: 2, GetSecretValue: 2 } });
    await postJson(`${sandbox.url}/_sandbox/stats/reset`, {});
    expect(await stats()).toMatchObject({ total: 0, requests: {} });
  });
});

describe('throttling', () => {
  it('throttles every call at rate 1 with ThrottlingException (HTTP 400)', async () => {
    await setFaults({ throttleRate: 1 });
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    const error = await awsError(client.send(new ListSecretsCommand({})));
    client.destroy();
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((await stats()).throttled).toBe(1);
  });

  it('is retried by the SDK: three attempts and then the error surfaces', async () => {
    await setFaults({ throttleRate: 1 });
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    const error = await awsError(client.send(new ListSecretsCommand({})));
    client.destroy();
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.attempts).toBe(3);
    expect(await stats()).toMatchObject({ requests: { ListSecrets: 3 }, throttled: 3 });
  });

  it('throttleNext throttles exactly the next calls, which the SDK retries through', async () => {
    await setFaults({ throttleNext: 1 });
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    const value = await client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' }));
    client.destroy();
    expect(value.SecretString).toBe('v');
    expect(await stats()).toMatchObject({ requests: { GetSecretValue: 2 }, throttled: 1 });
  });

  it('spreads a fractional rate evenly: rate 0.5 throttles half of the calls', async () => {
    await setFaults({ throttleRate: 0.5 });
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      try {
        await client.send(new ListSecretsCommand({}));
        outcomes.push('ok');
      } catch (error) {
        outcomes.push(error instanceof Error ? error.name : 'unknown');
      }
    }
    client.destroy();
    expect(outcomes.filter((outcome) => outcome === 'ThrottlingException')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(5);
  });
});

describe('scripted failures', () => {
  it('fails the next call of one operation with InternalServiceError (HTTP 500), then recovers', async () => {
    await setFaults({ failNext: { operation: 'GetSecretValue', count: 1 } });
    const client = secretsClient(sandbox, { maxAttempts: 1 });
    await client.send(new ListSecretsCommand({}));
    const error = await awsError(client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' })));
    expect(error.name).toBe('InternalServiceError');
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' }))).SecretString).toBe('v');
    client.destroy();
  });

  it('a 500 is retried by the SDK, visible in the stats', async () => {
    await setFaults({ failNext: { operation: 'GetSecretValue', count: 1 } });
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' }))).SecretString).toBe('v');
    client.destroy();
    expect(await stats()).toMatchObject({ requests: { GetSecretValue: 2 }, failed: 1 });
  });

  it('can fail with any code, e.g. AccessDeniedException as HTTP 400', async () => {
    await setFaults({ failNext: { operation: '*', count: 2, code: 'AccessDeniedException' } });
    const client = secretsClient(sandbox, { maxAttempts: 3 });
    const first = await awsError(client.send(new ListSecretsCommand({})));
    expect(first.name).toBe('AccessDeniedException');
    expect(first.$metadata.httpStatusCode).toBe(400);
    expect(first.$metadata.attempts).toBe(1);
    expect((await awsError(client.send(new GetSecretValueCommand({ SecretId: 'faults/secret' })))).name).toBe('AccessDeniedException');
    await client.send(new ListSecretsCommand({}));
    client.destroy();
  });
});

describe('latency and the control endpoint', () => {
  it('adds latency to every call, observable in the stats', async () => {
    await setFaults({ latencyMs: 15 });
    const client = secretsClient(sandbox);
    await client.send(new ListSecretsCommand({}));
    await client.send(new ListSecretsCommand({}));
    client.destroy();
    expect((await stats()).injectedLatencyMs).toBe(30);
  });

  it('merges settings, reports them, clears them on reset and rejects bad input', async () => {
    await setFaults({ latencyMs: 5 });
    const merged = (await (await setFaults({ throttleRate: 0.25 })).json()) as Record<string, unknown>;
    expect(merged).toMatchObject({ latencyMs: 5, throttleRate: 0.25 });
    expect(await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()).toMatchObject({ latencyMs: 5, throttleRate: 0.25 });
    expect(await (await setFaults({ reset: true })).json()).toEqual({ latencyMs: 0, throttleRate: 0, throttleNext: 0, failNext: [] });
    const bad = await setFaults({ throttleRate: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('throttleRate');
    expect((await fetch(`${sandbox.url}/_sandbox/nothing`)).status).toBe(404);
  });

  it('applies faults to STS GetCallerIdentity too', async () => {
    await setFaults({ throttleNext: 1 });
    const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: testCredentials, maxAttempts: 1 });
    try {
      await sts.send(new GetCallerIdentityCommand({}));
      expect.unreachable('the call should have been throttled');
    } catch (error) {
      expect(error).toBeInstanceOf(STSServiceException);
      expect((error as STSServiceException).name).toBe('Throttling');
    } finally {
      sts.destroy();
    }
  });

  it('offers the same controls in process', async () => {
    sandbox.setFaults({ failNext: { operation: 'ListSecrets', count: 1, code: 'AccessDeniedException' } });
    const client = secretsClient(sandbox);
    expect((await awsError(client.send(new ListSecretsCommand({})))).name).toBe('AccessDeniedException');
    client.destroy();
    expect(sandbox.stats()).toMatchObject({ total: 1, failed: 1, requests: { ListSecrets: 1 } });
    sandbox.resetStats();
    expect(sandbox.stats().total).toBe(0);
  });
});
