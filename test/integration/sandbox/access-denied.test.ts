import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, BatchGetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAccess, sandboxAccessKeys } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { iamCall, kmsCall, lookupEvents } from './aws-wire';
import { awsError, startTestSandbox, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;
let limitedClient: SecretsManagerClient;
const limited = { accessKeyId: sandboxAccessKeys.limited.accessKeyId, secretAccessKey: sandboxAccessKeys.limited.secretAccessKey };
const account = '000000000000';
const access = exampleAccess(account, 'us-east-1', 'sandbox');

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.loadExampleData();
  limitedClient = new SecretsManagerClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: limited, maxAttempts: 1 });
});

afterAll(async () => {
  limitedClient.destroy();
  await sandbox.close();
});

describe('the limited key: Secrets Manager yes, IAM, key policies and CloudTrail no', () => {
  it('issue 14 item 6: is the airlock-limited user of the default account and may use Secrets Manager', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: limited, maxAttempts: 1 });
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: account, Arn: `arn:aws:iam::${account}:user/airlock-limited` });
    sts.destroy();
    expect((await limitedClient.send(new ListSecretsCommand({}))).SecretList?.length).toBeGreaterThan(0);
    const name = uniqueName('limited/own');
    await limitedClient.send(new CreateSecretCommand({ Name: name, SecretString: 'mine' }));
    expect((await limitedClient.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('mine');
  });

  it('issue 14 item 6: IAM reads and the simulator answer AccessDenied (403) in the Query error format', async () => {
    const getRole = await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader' }, { credentials: limited });
    expect(getRole.status).toBe(403);
    expect(getRole.error?.Code).toBe('AccessDenied');
    expect(getRole.error?.Message).toBe(
      `User: arn:aws:iam::${account}:user/airlock-limited is not authorized to perform: iam:GetRole on resource: ${access.readerRoleArn} because no identity-based policy allows the iam:GetRole action`,
    );
    const simulate = await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'] }, { credentials: limited });
    expect(simulate.status).toBe(403);
    expect(simulate.error?.Code).toBe('AccessDenied');
    // The same calls work for the account's administrator.
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader' })).status).toBe(200);
  });

  it('issue 14 item 6: KMS lets it describe keys (SecretsManagerReadWrite) but not read key policies, as AccessDeniedException in JSON', async () => {
    expect((await kmsCall(sandbox, 'DescribeKey', { KeyId: access.customerKeyAlias }, { credentials: limited })).status).toBe(200);
    const policy = await kmsCall(sandbox, 'GetKeyPolicy', { KeyId: access.customerKeyAlias }, { credentials: limited });
    expect(policy.status).toBe(400);
    expect(policy.errorType).toBe('AccessDeniedException');
    expect(policy.body.__type).toBe('AccessDeniedException');
    expect(String(policy.body.message)).toContain('kms:GetKeyPolicy');
  });

  it('issue 14 item 6: CloudTrail LookupEvents is AccessDeniedException', async () => {
    const answer = await lookupEvents(sandbox, {}, { credentials: limited });
    expect(answer.errorType).toBe('AccessDeniedException');
    expect(String(answer.body.message)).toContain('cloudtrail:LookupEvents');
  });

  it("issue 14 item 6: reading a value obeys the secret's resource policy and its customer key", async () => {
    const denied = await awsError(limitedClient.send(new GetSecretValueCommand({ SecretId: 'airflow/connections/slack_alerts' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('with an explicit deny in a resource-based policy');
    const encrypted = await awsError(limitedClient.send(new GetSecretValueCommand({ SecretId: 'airflow/connections/snowflake_warehouse' })));
    expect(encrypted.name).toBe('AccessDeniedException');
    expect(encrypted.message).toBe('Access to KMS is not allowed');
    const batch = await limitedClient.send(new BatchGetSecretValueCommand({ SecretIdList: ['airflow/connections/slack_alerts', 'airflow/connections/analytics_postgres'] }));
    expect(batch.SecretValues?.map((value) => value.Name)).toEqual(['airflow/connections/analytics_postgres']);
    expect(batch.Errors).toEqual([expect.objectContaining({ SecretId: 'airflow/connections/slack_alerts', ErrorCode: 'AccessDeniedException' })]);
  });

  it('issue 14 item 6: its permissions follow its IAM definition: granting IAMReadOnlyAccess lets it read roles', async () => {
    sandbox.seedIam({ users: [{ name: 'airlock-limited', attachedPolicies: ['arn:aws:iam::aws:policy/SecretsManagerReadWrite', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'] }] });
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader' }, { credentials: limited })).status).toBe(200);
    expect((await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'] }, { credentials: limited })).status).toBe(200);
    sandbox.seedIam({ users: [{ name: 'airlock-limited', attachedPolicies: ['arn:aws:iam::aws:policy/SecretsManagerReadWrite'] }] });
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader' }, { credentials: limited })).status).toBe(403);
  });
});
