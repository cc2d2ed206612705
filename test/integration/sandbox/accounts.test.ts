import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSecrets, prodSecrets, sandboxDevAccountId, sandboxEnvironments, sandboxProdAccountId } from '../../../electron/services/sandbox';
import type { SandboxEnvironment, SandboxHandle } from '../../../electron/services/sandbox';
import { sandboxCredentials } from '../../../electron/services/aws';
import { createMemoryLogger } from '../../../electron/services/log';
import { createSandboxProfile, SANDBOX_ENVIRONMENT_PROFILES, SANDBOX_REGION } from '../../../electron/services/sandbox-profile';
import { awsError, postJson, startTestSandbox, testCredentials, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;

function environment(name: 'dev' | 'prod'): SandboxEnvironment {
  const found = sandboxEnvironments.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name} environment`);
  return found;
}

function clientFor(credentials: { accessKeyId: string; secretAccessKey: string }, region: string): SecretsManagerClient {
  return new SecretsManagerClient({ region, endpoint: sandbox.url, credentials, maxAttempts: 1 });
}

async function listAll(client: SecretsManagerClient): Promise<SecretListEntry[]> {
  const entries: SecretListEntry[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true, NextToken: token }));
    entries.push(...(page.SecretList ?? []));
    token = page.NextToken;
  } while (token !== undefined);
  return entries;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

describe('accounts and regions', () => {
  it('issue 13 item 7: the access key picks the account: each sees only its own secrets, with its account in the ARN', async () => {
    const dev = environment('dev');
    const prod = environment('prod');
    const name = uniqueName('accounts/same-name');
    const clients = { main: clientFor(testCredentials, 'us-east-1'), dev: clientFor(dev.credentials, 'us-east-1'), prod: clientFor(prod.credentials, 'us-east-1') };
    const arns = {
      main: (await clients.main.send(new CreateSecretCommand({ Name: name, SecretString: 'main' }))).ARN,
      dev: (await clients.dev.send(new CreateSecretCommand({ Name: name, SecretString: 'dev' }))).ARN,
    };
    expect(arns.main).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-[A-Za-z0-9]{6}$`));
    expect(arns.dev).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${sandboxDevAccountId}:secret:${name}-[A-Za-z0-9]{6}$`));
    expect((await clients.main.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('main');
    expect((await clients.dev.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('dev');
    expect((await awsError(clients.prod.send(new GetSecretValueCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');
    // Another account's ARN does not reach into that account.
    expect((await awsError(clients.main.send(new DescribeSecretCommand({ SecretId: arns.dev })))).name).toBe('ResourceNotFoundException');
    for (const client of Object.values(clients)) client.destroy();
  });

  it('issue 13 item 7: the region of the request picks the store, and the ARN carries it', async () => {
    const name = uniqueName('accounts/regional');
    const east = clientFor(testCredentials, 'us-east-1');
    const west = clientFor(testCredentials, 'eu-west-1');
    const created = await west.send(new CreateSecretCommand({ Name: name, SecretString: 'west' }));
    expect(created.ARN).toContain(':eu-west-1:000000000000:');
    expect((await awsError(east.send(new GetSecretValueCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');
    expect((await east.send(new CreateSecretCommand({ Name: name, SecretString: 'east' }))).ARN).toContain(':us-east-1:');
    expect((await west.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('west');
    east.destroy();
    west.destroy();
  });

  it("issue 13 item 7: STS GetCallerIdentity answers each key's account and identity; the app's own sandbox key stays in the default account", async () => {
    const identity = async (credentials: { accessKeyId: string; secretAccessKey: string }): Promise<{ Account?: string; Arn?: string; UserId?: string }> => {
      const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1 });
      try {
        return await sts.send(new GetCallerIdentityCommand({}));
      } finally {
        sts.destroy();
      }
    };
    expect(await identity(environment('dev').credentials)).toMatchObject({ Account: sandboxDevAccountId, Arn: `arn:aws:iam::${sandboxDevAccountId}:user/dev-engineer` });
    const prod = await identity(environment('prod').credentials);
    expect(prod).toMatchObject({ Account: sandboxProdAccountId, Arn: `arn:aws:sts::${sandboxProdAccountId}:assumed-role/AWSReservedSSO_AdministratorAccess_5f1e2d3c4b5a6978/ops.engineer@example.com` });
    expect(prod.UserId).toMatch(/^AROA[0-9A-F]{17}:ops\.engineer@example\.com$/);
    expect(await identity(sandboxCredentials)).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/sandbox' });
  });
});

describe('example data of the dev and prod accounts', () => {
  beforeAll(async () => {
    const response = await postJson(`${sandbox.url}/_sandbox/example-data`, {});
    expect(response.status).toBe(200);
  });

  async function namesAndValues(name: 'dev' | 'prod'): Promise<{ active: Map<string, string>; scheduled: string[] }> {
    const env = environment(name);
    const client = clientFor(env.credentials, env.region);
    const entries = (await listAll(client)).filter((entry) => (entry.Tags ?? []).some((tag) => tag.Key === 'managed-by'));
    const active = new Map<string, string>();
    for (const entry of entries.filter((candidate) => candidate.DeletedDate === undefined)) {
      active.set(entry.Name ?? '', (await client.send(new GetSecretValueCommand({ SecretId: entry.ARN }))).SecretString ?? '');
    }
    client.destroy();
    return { active, scheduled: entries.filter((entry) => entry.DeletedDate !== undefined).map((entry) => entry.Name ?? '') };
  }

  it('issue 13 item 7: dev and prod hold their own example data in their own regions', async () => {
    const dev = await namesAndValues('dev');
    const prod = await namesAndValues('prod');
    expect([...dev.active.keys()].sort()).toEqual(devSecrets.map((secret) => secret.name).sort());
    expect([...prod.active.keys(), ...prod.scheduled].sort()).toEqual(prodSecrets.map((secret) => secret.name).sort());
    const west = clientFor(environment('dev').credentials, 'eu-west-1');
    expect(await listAll(west)).toEqual([]);
    west.destroy();
  });

  it('issue 13 item 7: they differ the ways environments drift: missing ids, hosts, URI vs JSON, a scheduled deletion, a misplaced id', async () => {
    const dev = await namesAndValues('dev');
    const prod = await namesAndValues('prod');
    // Missing on one side.
    expect(dev.active.has('airflow/connections/feature_store_redis') && !prod.active.has('airflow/connections/feature_store_redis')).toBe(true);
    expect(prod.active.has('airflow/variables/pagerduty_service_id') && !dev.active.has('airflow/variables/pagerduty_service_id')).toBe(true);
    // Different hosts.
    const host = (uri: string | undefined): string => new URL(uri ?? '').hostname;
    expect(host(dev.active.get('airflow/connections/analytics_postgres'))).toBe('analytics-db.dev.internal.example.com');
    expect(host(prod.active.get('airflow/connections/analytics_postgres'))).toBe('analytics-db.prod.internal.example.com');
    // The same connection as a URI in dev and as JSON in prod.
    const uri = new URL(dev.active.get('airflow/connections/orders_mysql') ?? '');
    const json = JSON.parse(prod.active.get('airflow/connections/orders_mysql') ?? '{}') as Record<string, unknown>;
    expect({ conn_type: uri.protocol.replace(':', ''), login: uri.username, password: uri.password, host: uri.hostname, port: Number(uri.port), schema: uri.pathname.slice(1) }).toEqual(json);
    // Scheduled for deletion in prod only.
    expect(prod.scheduled).toEqual(['airflow/variables/legacy_batch_size']);
    expect(dev.active.has('airflow/variables/legacy_batch_size')).toBe(true);
    // Stored where Airflow does not read it in prod (a leading slash).
    expect(prod.active.has('/airflow/connections/weather_api') && !prod.active.has('airflow/connections/weather_api')).toBe(true);
    expect(dev.active.has('airflow/connections/weather_api')).toBe(true);
    // And the same where they agree.
    expect(dev.active.get('airflow/variables/etl_settings')).toBe(prod.active.get('airflow/variables/etl_settings'));
  });

  it('issue 13 item 7: loading example data again creates nothing', async () => {
    const again = (await (await postJson(`${sandbox.url}/_sandbox/example-data`, {})).json()) as { accounts: { accountId: string; created: number; skipped: number }[] };
    expect(again.accounts.map((account) => account.accountId)).toEqual(['000000000000', sandboxDevAccountId, sandboxProdAccountId]);
    expect(again.accounts.every((account) => account.created === 0 && account.skipped > 0)).toBe(true);
  });
});

describe("the app's built-in sandbox profiles", () => {
  it('issue 13 item 7: sandbox-dev and sandbox-prod reach their accounts in their regions through the app-started sandbox, and sandbox stays the default account', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'airlock-sandbox-profiles-'));
    const profile = createSandboxProfile({ dataDir, log: createMemoryLogger() });
    try {
      const handle = await profile.ensureStarted();
      expect(SANDBOX_ENVIRONMENT_PROFILES.map((entry) => entry.name)).toEqual(['sandbox-dev', 'sandbox-prod']);
      for (const entry of SANDBOX_ENVIRONMENT_PROFILES) {
        await handle.loadExampleData({ accountId: entry.accountId });
        const sts = new STSClient({ region: entry.region, endpoint: handle.url, credentials: entry.credentials, maxAttempts: 1 });
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(entry.accountId);
        sts.destroy();
        const client = new SecretsManagerClient({ region: entry.region, endpoint: handle.url, credentials: entry.credentials, maxAttempts: 1 });
        const listed = await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
        client.destroy();
        expect(listed.SecretList?.every((secret) => secret.ARN?.includes(`:${entry.region}:${entry.accountId}:`))).toBe(true);
        expect(listed.SecretList?.length).toBe((entry.name === 'sandbox-dev' ? devSecrets : prodSecrets).length);
      }
      expect(SANDBOX_ENVIRONMENT_PROFILES.find((entry) => entry.name === 'sandbox-prod')?.production).toBe(true);
      const main = new SecretsManagerClient({ region: SANDBOX_REGION, endpoint: handle.url, credentials: sandboxCredentials, maxAttempts: 1 });
      expect((await main.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
      main.destroy();
    } finally {
      await profile.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
