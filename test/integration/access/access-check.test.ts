/**
 * The access check against the sandbox's IAM, KMS and Secrets Manager over HTTP, with the
 * Deployment's workload identity read from the fake astro (issue 14 items 1-3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessCheck, AccessFinding, SecretAccess } from '../../../shared/api';
import { DEPLOYMENT_ID, kwargsFor, limitedKey, startAccessHarness, type AccessHarness } from './access-harness';

let harness: AccessHarness;

beforeAll(async () => {
  harness = await startAccessHarness();
});

afterAll(async () => {
  await harness.close();
});

const secret = (check: AccessCheck, name: string): SecretAccess => {
  const found = check.secrets.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`${name} is not among the secrets listed one by one: ${check.secrets.map((s) => s.name).join(', ')}`);
  return found;
};

const sids = (finding: AccessFinding): (string | null)[] => finding.deciding.map((statement) => statement.sid);

/** Every verdict the check gave, wherever it sits. */
const verdicts = (check: AccessCheck): string[] => [
  ...(check.trust === null ? [] : [check.trust.verdict]),
  ...check.prefixes.map((prefix) => prefix.read.verdict),
  ...check.secrets.flatMap((entry) => [entry.read.verdict, entry.decrypt.verdict, entry.verdict]),
];

describe('who reads', () => {
  it('issue 14 item 1: the workload identity from astro deployment inspect assumes role_arn from the kwargs', async () => {
    const check = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(harness.access.readerRoleArn, { assume_role_kwargs: { ExternalId: 'astro-ext' } }) });
    expect(check.reader).toMatchObject({
      source: 'workload-identity',
      principalArn: harness.access.workloadIdentityArn,
      roleArn: harness.access.readerRoleArn,
      externalId: 'astro-ext',
      checkedArn: harness.access.readerRoleArn,
      deployment: { id: DEPLOYMENT_ID, name: 'analytics-prod' },
    });
    // The CLI reports the identity only when asked; Airlock asks.
    const inspect = harness.fake.calls().find((call) => call.command === 'deployment inspect');
    expect(inspect?.argv).toContain('--show-workload-identity');
  });

  it('issue 14 item 1: without role_arn the workload identity itself reads, from Astro\'s account, and the prefixes are denied across accounts', async () => {
    const check = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(null) });
    expect(check.reader.checkedArn).toBe(harness.access.workloadIdentityArn);
    expect(check.trust).toBeNull();
    expect(check.prefixes.map((prefix) => prefix.read.verdict)).toEqual(['denied', 'denied', 'denied']);
    expect(check.prefixes[0]?.read.deciding[0]?.sourceKind).toBe('aws-rule');
    expect(check.overall).toBe('denied');
  });
});

describe('the access check', () => {
  let works: AccessCheck;

  beforeAll(async () => {
    works = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(harness.access.readerRoleArn) });
  });

  it('issue 14 item 2: the working role may read every prefix (ids that do not exist yet included), decided by its managed policy', () => {
    expect(works.trust?.verdict).toBe('allowed');
    expect(works.trust?.deciding[0]?.text).toContain(harness.access.workloadIdentityArn);
    expect(works.prefixes.map((prefix) => [prefix.prefix, prefix.read.verdict])).toEqual([
      ['airflow/connections', 'allowed'],
      ['airflow/variables', 'allowed'],
      ['airflow/config', 'allowed'],
    ]);
    expect(works.prefixes[0]?.resourcePattern).toBe('arn:aws:secretsmanager:us-east-1:000000000000:secret:airflow/connections/*');
    for (const prefix of works.prefixes) {
      expect(sids(prefix.read)).toEqual(['ReadAirflowSecrets']);
      expect(prefix.read.deciding[0]?.source).toBe('managed policy airflow-read-secrets');
    }
    expect(works.gaps).toEqual([]);
  });

  it('issue 14 item 2: slack_alerts is denied by the OnlyTheAlertingRole statement of its resource policy', () => {
    const slack = secret(works, 'airflow/connections/slack_alerts');
    expect(slack.verdict).toBe('denied');
    expect(slack.read.verdict).toBe('denied');
    expect(slack.read.deciding).toEqual([expect.objectContaining({ sourceKind: 'resource', sid: 'OnlyTheAlertingRole', effect: 'Deny' })]);
    expect(slack.decrypt.verdict).toBe('allowed');
  });

  it('issue 14 item 2: snowflake_warehouse under alias/finance-data is readable but not decryptable by the role', () => {
    const snowflake = secret(works, 'airflow/connections/snowflake_warehouse');
    expect(snowflake.key).toMatchObject({ label: 'alias/finance-data', managedBy: 'CUSTOMER' });
    expect(snowflake.read.verdict).toBe('allowed');
    expect(snowflake.decrypt.verdict).toBe('denied');
    expect(snowflake.decrypt.summary).toContain('finance-analyst');
    expect(snowflake.verdict).toBe('denied');
  });

  it('issue 14 item 2: only the secrets that differ from their prefix are listed, and the whole is partial', () => {
    expect(works.secrets.map((entry) => entry.name)).toEqual(['airflow/connections/slack_alerts', 'airflow/connections/snowflake_warehouse']);
    expect(works.secretsChecked).toBeGreaterThan(10);
    expect(works.overall).toBe('partial');
    expect(works.headline).toContain('denied 2 secrets');
  });

  it('issue 14 item 2: the legacy role trusts another principal, so Airflow cannot assume it', async () => {
    const legacy = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(harness.access.wrongTrustRoleArn) });
    expect(legacy.trust?.verdict).toBe('denied');
    expect(legacy.trust?.deciding[0]?.text).toContain(harness.access.otherPrincipalArn);
    expect(legacy.trust?.summary).toContain(harness.access.workloadIdentityArn);
    expect(legacy.overall).toBe('denied');
    expect(legacy.headline).toMatch(/^The deployed backend would be denied/);
  });

  it('issue 14 item 2: a trust condition on sts:ExternalId is checked against assume_role_kwargs', async () => {
    // Seed a role whose trust asks for an external id (sandbox control route).
    const response = await fetch(`${harness.sandbox.url}/_sandbox/iam`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: '000000000000',
        roles: [{ name: 'airflow-external-id', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: harness.access.workloadIdentityArn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'right-id' } } }] }, attachedPolicies: [harness.access.readPolicyArn] }],
      }),
    });
    expect(response.ok).toBe(true);
    const roleArn = 'arn:aws:iam::000000000000:role/airflow-external-id';
    const wrong = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(roleArn, { assume_role_kwargs: { ExternalId: 'wrong-id' } }) });
    expect(wrong.trust?.verdict).toBe('denied');
    const right = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(roleArn, { assume_role_kwargs: { ExternalId: 'right-id' } }) });
    expect(right.trust?.verdict).toBe('allowed');
  });

  it('issue 14 item 2: without IAM read and simulate permissions the result says "could not check", never "allowed"', async () => {
    const limited = await harness.checker(limitedKey).check({ path: harness.project, kwargsJson: kwargsFor(harness.access.readerRoleArn) });
    expect(verdicts(limited)).not.toContain('allowed');
    expect(limited.overall).toBe('unknown');
    expect(limited.trust?.verdict).toBe('unknown');
    for (const prefix of limited.prefixes) expect(prefix.read.summary).toMatch(/^Could not check/);
    expect(limited.gaps.map((gap) => gap.action)).toEqual(expect.arrayContaining(['iam:GetRole', 'iam:SimulatePrincipalPolicy', 'kms:GetKeyPolicy']));
    expect(limited.gaps.find((gap) => gap.action === 'iam:SimulatePrincipalPolicy')?.message).toContain('IAMReadOnlyAccess');
  });
});

describe('fix it', () => {
  it('issue 14 item 3: the least-privilege policy covers the prefixes and the customer key through Secrets Manager only', async () => {
    const check = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(harness.access.readerRoleArn) });
    const fix = check.fix;
    if (fix === null) throw new Error('no fix offered');
    const policy = JSON.parse(fix.policyJson) as { Statement: { Action: unknown; Resource: unknown; Condition?: unknown }[] };
    expect(policy.Statement[0]).toEqual({
      Sid: 'ReadAirflowSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: check.prefixes.map((prefix) => prefix.resourcePattern),
    });
    expect(policy.Statement[1]).toMatchObject({ Action: 'kms:Decrypt', Resource: [secretKeyArn(check)], Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });
    expect(JSON.parse(fix.trustPolicyJson ?? '{}')).toMatchObject({ Statement: [{ Principal: { AWS: harness.access.workloadIdentityArn }, Action: 'sts:AssumeRole' }] });
    expect(fix.commands).toEqual([`aws iam put-role-policy --role-name airflow-secrets-reader --policy-name airflow-secrets-backend-read --policy-document file://airflow-secrets-read.json --endpoint-url ${harness.sandbox.url}`]);
  });

  it('issue 14 item 3: a role whose trust is wrong also gets the update-assume-role-policy command', async () => {
    const check = await harness.checker(limitedKey).check({ path: harness.project, kwargsJson: kwargsFor(harness.access.wrongTrustRoleArn) });
    expect(check.fix?.commands).toEqual(['aws iam put-role-policy --role-name airflow-secrets-reader-legacy --policy-name airflow-secrets-backend-read --policy-document file://airflow-secrets-read.json --profile limited']);
    const admin = await harness.checker().check({ path: harness.project, kwargsJson: kwargsFor(harness.access.wrongTrustRoleArn) });
    expect(admin.fix?.commands[1]).toBe(`aws iam update-assume-role-policy --role-name airflow-secrets-reader-legacy --policy-document file://airflow-trust-policy.json --endpoint-url ${harness.sandbox.url}`);
  });
});

function secretKeyArn(check: AccessCheck): string {
  return secret(check, 'airflow/connections/snowflake_warehouse').key.arn ?? '';
}
