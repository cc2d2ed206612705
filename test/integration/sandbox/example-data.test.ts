import { DeleteSecretCommand, DescribeSecretCommand, GetResourcePolicyCommand, GetSecretValueCommand, ListSecretsCommand, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAccess, exampleSecrets } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { iamCall } from './aws-wire';
import { secretsClient, startTestSandbox } from './sandbox-harness';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

async function allEntries(): Promise<SecretListEntry[]> {
  const client = secretsClient(sandbox);
  const entries: SecretListEntry[] = [];
  for await (const page of paginateListSecrets({ client }, {})) entries.push(...(page.SecretList ?? []));
  client.destroy();
  return entries;
}

describe('example data', () => {
  it('loads realistic Airflow secrets once; loading again creates nothing', async () => {
    const first = await sandbox.loadExampleData();
    expect(first).toEqual({ created: exampleSecrets.length, skipped: 0 });
    const second = await sandbox.loadExampleData();
    expect(second).toEqual({ created: 0, skipped: exampleSecrets.length });
    const entries = await allEntries();
    expect(entries).toHaveLength(exampleSecrets.length);
    for (const entry of entries) {
      expect(entry.Description).toBeTruthy();
      expect(entry.Tags?.length).toBeGreaterThan(0);
    }
  });

  it('covers connections (URI and JSON), variables (plain and JSON), config and two misplaced secrets', async () => {
    const client = secretsClient(sandbox);
    const names = (await allEntries()).map((entry) => entry.Name ?? '');
    const connections = names.filter((name) => name.startsWith('airflow/connections/'));
    const variables = names.filter((name) => name.startsWith('airflow/variables/'));
    expect(connections.length).toBeGreaterThanOrEqual(5);
    expect(variables.length).toBeGreaterThanOrEqual(4);
    expect(names.some((name) => name.startsWith('airflow/config/'))).toBe(true);
    expect(names).toContain('/airflow/connections/legacy_db');

    const values = await Promise.all(
      connections.map(async (name) => (await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString ?? ''),
    );
    expect(values.some((value) => value.trim().startsWith('{'))).toBe(true);
    expect(values.some((value) => /^[a-z][a-z0-9+.-]*:\/\//.test(value))).toBe(true);
    // A value under the connections prefix that is neither a URI nor JSON: a misplaced variable.
    expect(values.some((value) => !value.includes('://') && !value.trim().startsWith('{'))).toBe(true);

    const variableValues = await Promise.all(
      variables.map(async (name) => (await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString ?? ''),
    );
    expect(variableValues.some((value) => value.startsWith('{') && typeof JSON.parse(value) === 'object')).toBe(true);
    expect(variableValues.some((value) => !value.startsWith('{'))).toBe(true);
    client.destroy();
  });

  it("issue 14 item 6: the default account's example data carries the access cases: the roles, a secret under the customer key, one behind a resource policy", async () => {
    const access = exampleAccess('000000000000', 'us-east-1', 'sandbox');
    for (const role of ['airflow-secrets-reader', 'airflow-secrets-reader-legacy']) expect((await iamCall(sandbox, 'GetRole', { RoleName: role })).status, role).toBe(200);
    const client = secretsClient(sandbox);
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'airflow/connections/snowflake_warehouse' }))).KmsKeyId).toBe(access.customerKeyArn);
    const policy = (await client.send(new GetResourcePolicyCommand({ SecretId: 'airflow/connections/slack_alerts' }))).ResourcePolicy;
    expect(JSON.parse(policy ?? '{}')).toMatchObject({ Statement: [{ Effect: 'Deny', Condition: { ArnNotEquals: { 'aws:PrincipalArn': access.alertingRoleArn } } }] });
    // Every other example is under the default key and has no resource policy.
    const others = exampleSecrets.filter((secret) => secret.customerKey !== true && secret.denyOtherReaders !== true);
    for (const secret of others) {
      expect((await client.send(new DescribeSecretCommand({ SecretId: secret.name }))).KmsKeyId, secret.name).toBeUndefined();
      expect((await client.send(new GetResourcePolicyCommand({ SecretId: secret.name }))).ResourcePolicy, secret.name).toBeUndefined();
    }
    client.destroy();
  });

  it('skips an example whose name is scheduled for deletion instead of failing', async () => {
    const client = secretsClient(sandbox);
    await client.send(new DeleteSecretCommand({ SecretId: 'airflow/variables/environment' }));
    expect(await sandbox.loadExampleData()).toEqual({ created: 0, skipped: exampleSecrets.length });
    const listed = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['airflow/variables/environment'] }] }));
    expect(listed.SecretList).toEqual([]);
    client.destroy();
  });
});
