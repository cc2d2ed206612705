import { CreateSecretCommand, DeleteResourcePolicyCommand, DeleteSecretCommand, DescribeSecretCommand, GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAccess } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { environmentCredentials } from './accounts-harness';
import { asRecord, kmsCall } from './aws-wire';
import { awsError, postJson, secretsClient, startTestSandbox, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;
let client: SecretsManagerClient;
const account = '000000000000';
const access = exampleAccess(account, 'us-east-1', 'sandbox');

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.loadExampleData();
  client = secretsClient(sandbox);
});

afterAll(async () => {
  client.destroy();
  await sandbox.close();
});

describe('KMS over JSON 1.1', () => {
  it('issue 14 item 6: DescribeKey tells the AWS managed aws/secretsmanager key from a customer key, by id, ARN or alias', async () => {
    const managed = await kmsCall(sandbox, 'DescribeKey', { KeyId: 'alias/aws/secretsmanager' });
    expect(managed.status).toBe(200);
    const managedKey = asRecord(managed.body.KeyMetadata);
    expect(managedKey).toMatchObject({ AWSAccountId: account, KeyManager: 'AWS', KeyState: 'Enabled', Enabled: true });
    expect(managedKey.Arn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${account}:key/[0-9a-f-]{36}$`));
    expect(typeof managedKey.CreationDate).toBe('number');

    for (const reference of [access.customerKeyAlias, access.customerKeyId, access.customerKeyArn, `arn:aws:kms:us-east-1:${account}:${access.customerKeyAlias}`]) {
      const customer = asRecord((await kmsCall(sandbox, 'DescribeKey', { KeyId: reference })).body.KeyMetadata);
      expect(customer, reference).toMatchObject({ KeyId: access.customerKeyId, Arn: access.customerKeyArn, KeyManager: 'CUSTOMER' });
    }
  });

  it('issue 14 item 6: GetKeyPolicy returns the key policy as a JSON string; the managed key admits only its own account through Secrets Manager', async () => {
    const customer = await kmsCall(sandbox, 'GetKeyPolicy', { KeyId: access.customerKeyArn, PolicyName: 'default' });
    expect(customer.body.PolicyName).toBe('default');
    expect(JSON.parse(String(customer.body.Policy))).toMatchObject({ Statement: [{ Sid: 'Enable IAM User Permissions' }, { Principal: { AWS: `arn:aws:iam::${account}:role/finance-analyst` } }] });
    const managed = JSON.parse(String((await kmsCall(sandbox, 'GetKeyPolicy', { KeyId: 'alias/aws/secretsmanager' })).body.Policy)) as { Statement: { Condition?: unknown }[] };
    expect(managed.Statement[0]?.Condition).toEqual({ StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } });
  });

  it('issue 14 item 6: ListAliases lists the managed and customer aliases, optionally for one key; unknown keys are NotFoundException', async () => {
    const all = await kmsCall(sandbox, 'ListAliases', {});
    const names = (all.body.Aliases as Record<string, unknown>[]).map((alias) => alias.AliasName);
    expect(names).toEqual(expect.arrayContaining(['alias/aws/secretsmanager', access.customerKeyAlias]));
    expect(all.body.Truncated).toBe(false);
    const forKey = await kmsCall(sandbox, 'ListAliases', { KeyId: access.customerKeyId });
    expect(forKey.body.Aliases).toEqual([expect.objectContaining({ AliasName: access.customerKeyAlias, TargetKeyId: access.customerKeyId })]);
    const missing = await kmsCall(sandbox, 'DescribeKey', { KeyId: 'alias/no-such-key' });
    expect(missing.status).toBe(400);
    expect(missing.errorType).toBe('NotFoundException');
    expect(missing.body.__type).toBe('NotFoundException');
  });

  it('issue 14 item 6: keys live per account and region: the dev account does not see the default account key', async () => {
    const { dev } = environmentCredentials();
    const elsewhere = await kmsCall(sandbox, 'DescribeKey', { KeyId: access.customerKeyArn }, { credentials: dev });
    expect(elsewhere.errorType).toBe('NotFoundException');
    const otherRegion = await kmsCall(sandbox, 'DescribeKey', { KeyId: access.customerKeyAlias }, { region: 'eu-west-1' });
    expect(otherRegion.errorType).toBe('NotFoundException');
  });

  it('issue 14 item 6: seeding refuses a key policy the sandbox cannot evaluate, and changes nothing', async () => {
    const response = await postJson(`${sandbox.url}/_sandbox/kms`, {
      keys: [{ aliases: ['alias/bad'], policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }] } }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('NumericLessThan');
    expect((await kmsCall(sandbox, 'DescribeKey', { KeyId: 'alias/bad' })).errorType).toBe('NotFoundException');
  });
});

describe('KmsKeyId and resource policies on secrets', () => {
  it('issue 14 item 6: CreateSecret keeps a customer KmsKeyId and DescribeSecret reports it; the default key is reported as absent', async () => {
    const name = uniqueName('kms/customer');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', KmsKeyId: access.customerKeyAlias }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId).toBe(access.customerKeyAlias);
    const plain = uniqueName('kms/default');
    await client.send(new CreateSecretCommand({ Name: plain, SecretString: 'v' }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: plain }))).KmsKeyId).toBeUndefined();
  });

  it('issue 14 item 6: a KmsKeyId that names no key of the account and region is refused', async () => {
    const error = await awsError(client.send(new CreateSecretCommand({ Name: uniqueName('kms/bad'), SecretString: 'v', KmsKeyId: 'alias/does-not-exist' })));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('invalid KMS key');
  });

  it('issue 14 item 6: PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy round-trip the policy text', async () => {
    const name = uniqueName('policy/round-trip');
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy).toBeUndefined();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:DeleteSecret', Resource: '*' }] });
    const put = await client.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: policy }));
    expect(put).toMatchObject({ ARN: created.ARN, Name: name });
    expect(await client.send(new GetResourcePolicyCommand({ SecretId: created.ARN }))).toMatchObject({ ARN: created.ARN, Name: name, ResourcePolicy: policy });
    await client.send(new DeleteResourcePolicyCommand({ SecretId: name }));
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy).toBeUndefined();
  });

  it('issue 14 item 6: a malformed resource policy is MalformedPolicyDocumentException; a public one with BlockPublicPolicy is PublicPolicyException', async () => {
    const name = uniqueName('policy/checks');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const malformed = await awsError(client.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: '{"Statement": {"Effect": "Allow", "Action": "secretsmanager:*"}}' })));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    const open = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const blocked = await awsError(client.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: open, BlockPublicPolicy: true })));
    expect(blocked.name).toBe('PublicPolicyException');
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy).toBeUndefined();
  });

  it('issue 14 item 6: a secret scheduled for deletion takes no new resource policy but still shows its old one', async () => {
    const name = uniqueName('policy/deleted');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }] });
    await client.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: policy }));
    await client.send(new DeleteSecretCommand({ SecretId: name }));
    expect((await awsError(client.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: policy })))).name).toBe('InvalidRequestException');
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy).toBe(policy);
  });
});
