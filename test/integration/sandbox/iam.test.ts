import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAccess } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { asRecord, decodePolicy, iamCall, members } from './aws-wire';
import { postJson, startTestSandbox } from './sandbox-harness';

let sandbox: SandboxHandle;
const account = '000000000000';
const access = exampleAccess(account, 'us-east-1', 'sandbox');

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.loadExampleData();
});

afterAll(async () => {
  await sandbox.close();
});

describe('IAM over the Query protocol', () => {
  it('issue 14 item 6: GetRole answers XML with the trust policy URL-encoded, the boundary and the role id', async () => {
    const answer = await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader' });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^<GetRoleResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><GetRoleResult><Role>/);
    expect(answer.text).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetRoleResponse>$/);
    const role = asRecord(answer.result.Role);
    expect(role).toMatchObject({ RoleName: 'airflow-secrets-reader', Arn: access.readerRoleArn, Path: '/', MaxSessionDuration: '3600' });
    expect(role.RoleId).toMatch(/^AROA[0-9A-Z]{17}$/);
    expect(role.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Encoded in the XML, as IAM sends it: no raw JSON braces or quotes.
    expect(String(role.AssumeRolePolicyDocument)).toMatch(/^%7B/);
    expect(decodePolicy(role.AssumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: access.workloadIdentityArn }, Action: 'sts:AssumeRole' }],
    });
    expect(asRecord(role.PermissionsBoundary)).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: access.boundaryPolicyArn });
  });

  it('issue 14 item 6: the legacy role trusts another principal than the workload identity', async () => {
    const role = asRecord((await iamCall(sandbox, 'GetRole', { RoleName: 'airflow-secrets-reader-legacy' })).result.Role);
    expect(decodePolicy(role.AssumeRolePolicyDocument)).toMatchObject({ Statement: [{ Principal: { AWS: access.otherPrincipalArn } }] });
    expect(access.otherPrincipalArn).not.toBe(access.workloadIdentityArn);
  });

  it('issue 14 item 6: lists and reads attached and inline policies, and a managed policy by default version', async () => {
    const attached = await iamCall(sandbox, 'ListAttachedRolePolicies', { RoleName: 'airflow-secrets-reader' });
    expect(members(attached.result.AttachedPolicies)).toEqual([{ PolicyName: 'airflow-read-secrets', PolicyArn: access.readPolicyArn }]);
    expect(attached.result.IsTruncated).toBe('false');

    const inline = await iamCall(sandbox, 'ListRolePolicies', { RoleName: 'airflow-secrets-reader' });
    expect(members(inline.result.PolicyNames)).toEqual(['no-secret-writes']);
    const document = await iamCall(sandbox, 'GetRolePolicy', { RoleName: 'airflow-secrets-reader', PolicyName: 'no-secret-writes' });
    expect(document.result).toMatchObject({ RoleName: 'airflow-secrets-reader', PolicyName: 'no-secret-writes' });
    expect(decodePolicy(document.result.PolicyDocument)).toMatchObject({ Statement: [{ Effect: 'Deny', Sid: 'ReadOnly' }] });

    const policy = asRecord((await iamCall(sandbox, 'GetPolicy', { PolicyArn: access.readPolicyArn })).result.Policy);
    expect(policy).toMatchObject({ PolicyName: 'airflow-read-secrets', Arn: access.readPolicyArn, DefaultVersionId: 'v1', AttachmentCount: '2', IsAttachable: 'true' });
    const version = asRecord((await iamCall(sandbox, 'GetPolicyVersion', { PolicyArn: access.readPolicyArn, VersionId: 'v1' })).result.PolicyVersion);
    expect(version).toMatchObject({ VersionId: 'v1', IsDefaultVersion: 'true' });
    expect(decodePolicy(version.Document)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'ReadAirflowSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `arn:aws:secretsmanager:us-east-1:${account}:secret:airflow/*` }],
    });
    // AWS managed policies resolve too.
    expect(asRecord((await iamCall(sandbox, 'GetPolicy', { PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' })).result.Policy).PolicyName).toBe('IAMReadOnlyAccess');
  });

  it('issue 14 item 6: a changed managed policy gets a new default version and keeps the old one', async () => {
    const seeded = await postJson(`${sandbox.url}/_sandbox/iam`, {
      policies: [{ name: 'versioned', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
    });
    expect(seeded.status).toBe(200);
    await postJson(`${sandbox.url}/_sandbox/iam`, { policies: [{ name: 'versioned', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }] });
    const arn = `arn:aws:iam::${account}:policy/versioned`;
    expect(asRecord((await iamCall(sandbox, 'GetPolicy', { PolicyArn: arn })).result.Policy).DefaultVersionId).toBe('v2');
    const v1 = asRecord((await iamCall(sandbox, 'GetPolicyVersion', { PolicyArn: arn, VersionId: 'v1' })).result.PolicyVersion);
    expect(v1.IsDefaultVersion).toBe('false');
    expect(decodePolicy(v1.Document)).toMatchObject({ Statement: [{ Action: 's3:GetObject' }] });
  });

  it("issue 14 item 6: GetUser without a name answers for the caller's own user", async () => {
    const user = asRecord((await iamCall(sandbox, 'GetUser')).result.User);
    expect(user).toMatchObject({ UserName: 'sandbox', Arn: `arn:aws:iam::${account}:user/sandbox` });
    expect(user.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
    const attached = await iamCall(sandbox, 'ListAttachedUserPolicies', { UserName: 'sandbox' });
    expect(members(attached.result.AttachedPolicies)).toEqual([{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
  });

  it('issue 14 item 6: pages ListRoles with IsTruncated and an opaque Marker', async () => {
    const first = await iamCall(sandbox, 'ListRoles', { MaxItems: 2 });
    expect(first.result.IsTruncated).toBe('true');
    const firstNames = members(first.result.Roles).map((role) => asRecord(role).RoleName);
    expect(firstNames).toHaveLength(2);
    const names = [...firstNames];
    let marker = first.result.Marker;
    while (typeof marker === 'string') {
      const page = await iamCall(sandbox, 'ListRoles', { MaxItems: 2, Marker: marker });
      names.push(...members(page.result.Roles).map((role) => asRecord(role).RoleName));
      marker = page.result.IsTruncated === 'true' ? page.result.Marker : undefined;
    }
    expect(names).toEqual(expect.arrayContaining(['airflow-secrets-reader', 'airflow-secrets-reader-legacy', 'alerting-bot', 'finance-analyst']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('issue 14 item 6: answers errors in the Query error format (NoSuchEntity 404, ValidationError, InvalidAction)', async () => {
    const missing = await iamCall(sandbox, 'GetRole', { RoleName: 'no-such-role' });
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code>/);
    expect(missing.error?.Message).toContain('no-such-role');
    const invalid = await iamCall(sandbox, 'GetRole');
    expect(invalid.status).toBe(400);
    expect(invalid.error?.Code).toBe('ValidationError');
    const unknown = await iamCall(sandbox, 'CreateRole', { RoleName: 'x' });
    expect(unknown.error?.Code).toBe('InvalidAction');
  });
});
