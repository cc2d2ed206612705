import { DescribeSecretCommand, GetResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAccess } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { asRecord, iamCall, kmsCall, members } from './aws-wire';
import type { QueryParams } from './aws-wire';
import { secretsClient, startTestSandbox } from './sandbox-harness';

let sandbox: SandboxHandle;
const account = '000000000000';
const region = 'us-east-1';
const access = exampleAccess(account, region, 'sandbox');
const secretArnPattern = (name: string): string => `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.loadExampleData();
});

afterAll(async () => {
  await sandbox.close();
});

interface Verdict {
  readonly decision: unknown;
  readonly matched: { id: unknown; type: unknown; line: unknown }[];
  readonly missing: unknown[];
  readonly raw: Record<string, unknown>;
}

async function simulate(params: QueryParams): Promise<Verdict[]> {
  const answer = await iamCall(sandbox, 'SimulatePrincipalPolicy', params);
  if (answer.error !== undefined) throw new Error(`${answer.error.Code}: ${answer.error.Message}`);
  return members(answer.result.EvaluationResults).map((entry) => {
    const result = asRecord(entry);
    return {
      decision: result.EvalDecision,
      matched: members(result.MatchedStatements).map((statement) => {
        const matched = asRecord(statement);
        return { id: matched.SourcePolicyId, type: matched.SourcePolicyType, line: asRecord(matched.StartPosition).Line };
      }),
      missing: members(result.MissingContextValues),
      raw: result,
    };
  });
}

async function only(params: QueryParams): Promise<Verdict> {
  const [verdict, ...rest] = await simulate(params);
  if (verdict === undefined || rest.length > 0) throw new Error('Expected exactly one evaluation result');
  return verdict;
}

async function secretArn(name: string): Promise<string> {
  const client = secretsClient(sandbox);
  const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
  client.destroy();
  return described.ARN ?? '';
}

describe('SimulatePrincipalPolicy on the example access cases', () => {
  it('issue 14 item 6: the working role may read an ordinary secret, decided by its managed policy', async () => {
    const verdict = await only({ PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'], ResourceArns: [await secretArn('airflow/connections/analytics_postgres')] });
    expect(verdict.decision).toBe('allowed');
    expect(verdict.matched).toEqual([{ id: 'airflow-read-secrets', type: 'user-managed', line: expect.any(String) as unknown }]);
    expect(asRecord(verdict.raw.PermissionsBoundaryDecisionDetail)).toEqual({ AllowedByPermissionsBoundary: 'true' });
  });

  it('issue 14 item 6: the working role may read every id under a prefix, including ids that do not exist yet', async () => {
    const verdicts = await simulate({
      PolicySourceArn: access.readerRoleArn,
      ActionNames: ['secretsmanager:GetSecretValue'],
      ResourceArns: [secretArnPattern('airflow/connections/*'), secretArnPattern('airflow/variables/*'), secretArnPattern('other/*')],
    });
    expect(verdicts.map((verdict) => verdict.decision)).toEqual(['allowed', 'allowed', 'implicitDeny']);
    expect(verdicts[2]?.matched).toEqual([]);
  });

  it('issue 14 item 6: the legacy role has the same permissions, so only its trust policy (another principal) is wrong', async () => {
    const verdict = await only({ PolicySourceArn: access.wrongTrustRoleArn, ActionNames: ['secretsmanager:GetSecretValue'], ResourceArns: [secretArnPattern('airflow/connections/*')] });
    expect(verdict.decision).toBe('allowed');
    const trust = asRecord((await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader-legacy' })).result.Role).AssumeRolePolicyDocument;
    expect(decodeURIComponent(String(trust))).not.toContain(access.workloadIdentityArn);
  });

  it("issue 14 item 6: the secret's resource policy denies the working role, and the deciding statement is the resource policy's", async () => {
    const client = secretsClient(sandbox);
    const { ResourcePolicy: policy, ARN: arn } = await client.send(new GetResourcePolicyCommand({ SecretId: 'airflow/connections/slack_alerts' }));
    client.destroy();
    expect(policy).toBeDefined();
    const verdict = await only({
      PolicySourceArn: access.readerRoleArn,
      ActionNames: ['secretsmanager:GetSecretValue'],
      ResourceArns: [arn ?? ''],
      ResourcePolicy: policy ?? '',
      // IAM evaluates a resource policy's principals against CallerArn, which must be a user...
      CallerArn: access.simulationCallerArn,
      // ...so the caller says which principal the condition should see.
      ContextEntries: [{ ContextKeyName: 'aws:PrincipalArn', ContextKeyValues: [access.readerRoleArn], ContextKeyType: 'string' }],
    });
    expect(verdict.decision).toBe('explicitDeny');
    expect(verdict.matched).toEqual([{ id: 'ResourcePolicy', type: 'resource', line: '4' }]);
    // The same secret is readable by the alerting role the policy exempts (its own policy allows slack_*).
    const alerting = await only({
      PolicySourceArn: access.alertingRoleArn,
      ActionNames: ['secretsmanager:GetSecretValue'],
      ResourceArns: [arn ?? ''],
      ResourcePolicy: policy ?? '',
      CallerArn: access.simulationCallerArn,
      ContextEntries: [{ ContextKeyName: 'aws:PrincipalArn', ContextKeyValues: [access.alertingRoleArn], ContextKeyType: 'string' }],
    });
    expect(alerting.decision).toBe('allowed');
  });

  it('issue 14 item 6: the working role cannot decrypt the secret under the customer key (implicit deny): the key policy leaves it to IAM, where the role has no kms:Decrypt', async () => {
    const client = secretsClient(sandbox);
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'airflow/connections/snowflake_warehouse' }));
    client.destroy();
    expect(described.KmsKeyId).toBe(access.customerKeyArn);
    const keyPolicy = String((await kmsCall(sandbox, 'GetKeyPolicy', { KeyId: described.KmsKeyId, PolicyName: 'default' })).body.Policy);
    const decrypt = (role: string): QueryParams => ({
      PolicySourceArn: role,
      ActionNames: ['kms:Decrypt'],
      ResourceArns: [access.customerKeyArn],
      ResourcePolicy: keyPolicy,
      CallerArn: access.simulationCallerArn,
      ContextEntries: [
        { ContextKeyName: 'kms:ViaService', ContextKeyValues: [`secretsmanager.${region}.amazonaws.com`], ContextKeyType: 'string' },
        { ContextKeyName: 'aws:PrincipalArn', ContextKeyValues: [role], ContextKeyType: 'string' },
      ],
    });
    const denied = await only(decrypt(access.readerRoleArn));
    expect(denied.decision).toBe('implicitDeny');
    expect(denied.matched).toEqual([]);
    // With kms:Decrypt in an identity policy, the key policy's delegation to the account lets it through.
    const withGrant = await only({ ...decrypt(access.readerRoleArn), PolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: access.customerKeyArn }] })] });
    expect(withGrant.decision).toBe('allowed');
    expect(withGrant.matched.map((statement) => statement.id)).toEqual(['PolicyInputList.1', 'ResourcePolicy']);
  });
});

describe('SimulatePrincipalPolicy semantics', () => {
  it('issue 14 item 6: an explicit Deny beats an Allow; action wildcards match case-insensitively; ? matches one character', async () => {
    sandbox.seedIam({
      roles: [
        {
          name: 'wildcards',
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] },
          inlinePolicies: {
            broad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'SecretsManager:Get*', Resource: secretArnPattern('app/*') }] },
            narrow: { Version: '2012-10-17', Statement: [{ Sid: 'NoProd', Effect: 'Deny', Action: 'secretsmanager:*', Resource: secretArnPattern('app/prod-??????') }] },
            others: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['secretsmanager:Delete*', 'iam:*'], Resource: '*' }] },
          },
        },
      ],
    });
    const role = `arn:aws:iam::${account}:role/wildcards`;
    const verdicts = await simulate({
      PolicySourceArn: role,
      ActionNames: ['secretsmanager:GetSecretValue', 'secretsmanager:DeleteSecret'],
      ResourceArns: [secretArnPattern('app/dev-Ab12Cd'), secretArnPattern('app/prod-Ab12Cd'), secretArnPattern('app/prod-Ab12C')],
    });
    expect(verdicts.map((verdict) => [verdict.raw.EvalActionName, verdict.raw.EvalResourceName, verdict.decision])).toEqual([
      ['secretsmanager:GetSecretValue', secretArnPattern('app/dev-Ab12Cd'), 'allowed'],
      ['secretsmanager:GetSecretValue', secretArnPattern('app/prod-Ab12Cd'), 'explicitDeny'],
      ['secretsmanager:GetSecretValue', secretArnPattern('app/prod-Ab12C'), 'allowed'],
      ['secretsmanager:DeleteSecret', secretArnPattern('app/dev-Ab12Cd'), 'implicitDeny'],
      ['secretsmanager:DeleteSecret', secretArnPattern('app/prod-Ab12Cd'), 'explicitDeny'],
      ['secretsmanager:DeleteSecret', secretArnPattern('app/prod-Ab12C'), 'implicitDeny'],
    ]);
    // Seeded documents are stored pretty-printed; the statement starts on line 4.
    expect(verdicts[1]?.matched).toEqual([{ id: 'narrow', type: 'role', line: '4' }]);
    const other = await only({ PolicySourceArn: role, ActionNames: ['s3:GetObject'] });
    expect(other.decision).toBe('allowed');
    expect(other.raw.EvalResourceName).toBe('*');
  });

  it('issue 14 item 6: a permissions boundary caps what identity policies allow', async () => {
    sandbox.seedIam({
      policies: [{ name: 'only-describe', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:Describe*', Resource: '*' }] } }],
      roles: [
        {
          name: 'bounded',
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] },
          attachedPolicies: ['arn:aws:iam::aws:policy/SecretsManagerReadWrite'],
          permissionsBoundary: `arn:aws:iam::${account}:policy/only-describe`,
        },
      ],
    });
    const verdicts = await simulate({ PolicySourceArn: `arn:aws:iam::${account}:role/bounded`, ActionNames: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'] });
    expect(verdicts.map((verdict) => verdict.decision)).toEqual(['allowed', 'implicitDeny']);
    expect(verdicts.map((verdict) => asRecord(verdict.raw.PermissionsBoundaryDecisionDetail).AllowedByPermissionsBoundary)).toEqual(['true', 'false']);
  });

  it('issue 14 item 6: reports the context keys a condition needs but the request did not give', async () => {
    const verdict = await only({
      PolicySourceArn: access.readerRoleArn,
      ActionNames: ['kms:Decrypt'],
      ResourceArns: [access.customerKeyArn],
      ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } }] }),
      CallerArn: access.simulationCallerArn,
    });
    expect(verdict.decision).toBe('implicitDeny');
    expect(verdict.missing).toEqual(['kms:ViaService']);
  });

  it('issue 14 item 6: refuses what IAM refuses: a role with a ResourcePolicy but no CallerArn, a role as CallerArn, an unknown principal, a malformed policy', async () => {
    const resourcePolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }] });
    const noCaller = await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'], ResourcePolicy: resourcePolicy });
    expect(noCaller.error?.Code).toBe('InvalidInput');
    expect(noCaller.error?.Message).toContain('CallerArn is required');
    const roleCaller = await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'], ResourcePolicy: resourcePolicy, CallerArn: access.readerRoleArn });
    expect(roleCaller.error?.Code).toBe('InvalidInput');
    const unknown = await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${account}:role/nobody`, ActionNames: ['secretsmanager:GetSecretValue'] });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.Code).toBe('NoSuchEntity');
    const malformed = await iamCall(sandbox, 'SimulatePrincipalPolicy', { PolicySourceArn: access.readerRoleArn, ActionNames: ['secretsmanager:GetSecretValue'], ResourcePolicy: '{"Statement": [{"Effect": "Maybe"}]}', CallerArn: access.simulationCallerArn });
    expect(malformed.error?.Code).toBe('MalformedPolicyDocument');
  });

  it('issue 14 item 6: across accounts both the identity policy and the resource policy must allow', async () => {
    const foreign = 'arn:aws:secretsmanager:us-east-1:333333333333:secret:airflow/connections/shared-AbCdEf';
    const grant = (principal: string): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const base = { PolicySourceArn: `arn:aws:iam::${account}:user/sandbox`, ActionNames: ['secretsmanager:GetSecretValue'], ResourceArns: [foreign] };
    const granted = await only({ ...base, ResourcePolicy: grant(`arn:aws:iam::${account}:root`) });
    expect(granted.decision).toBe('allowed');
    expect(asRecord(granted.raw.EvalDecisionDetails)).toBeDefined();
    expect((await only({ ...base, ResourcePolicy: grant('arn:aws:iam::444444444444:root') })).decision).toBe('implicitDeny');
    expect((await only(base)).decision).toBe('implicitDeny');
  });
});
