import { createHash } from 'node:crypto';
import type { IamSeed, KmsSeed } from '../sandbox-seeding';

/**
 * IAM and KMS for the access check, the same in every sandbox account (ARNs carry the account):
 * - `airflow-secrets-reader` works: its trust policy admits the Deployment's workload identity,
 *   a customer managed policy lets it read `airflow/*`, an inline Deny keeps it from writing, and
 *   a permissions boundary caps it at reading;
 * - `airflow-secrets-reader-legacy` has the same permissions but trusts another principal (a
 *   retired Deployment), so Airflow could never assume it;
 * - the secrets marked `denyOtherReaders` carry a resource policy that denies everyone but the
 *   alerting role, the reader included;
 * - the secrets marked `customerKey` are under `alias/finance-data`, whose key policy grants
 *   decryption to the finance role only (and delegates the rest to IAM, where the reader has no
 *   kms:Decrypt), so the reader cannot decrypt them.
 */
export const sandboxAstroAccountId = '999999999999';

export interface ExampleAccess {
  /** What `astro deployment inspect` would report as the Deployment's workload identity. */
  readonly workloadIdentityArn: string;
  readonly readerRoleArn: string;
  readonly wrongTrustRoleArn: string;
  /** The principal the wrong-trust role admits instead. */
  readonly otherPrincipalArn: string;
  readonly alertingRoleArn: string;
  readonly readPolicyArn: string;
  readonly boundaryPolicyArn: string;
  readonly customerKeyId: string;
  readonly customerKeyArn: string;
  readonly customerKeyAlias: string;
  /** An IAM user of the account, for SimulatePrincipalPolicy's CallerArn (IAM accepts only users there). */
  readonly simulationCallerArn: string;
}

export function exampleAccess(accountId: string, region: string, label: string): ExampleAccess {
  const hex = createHash('sha256').update(`finance-data:${accountId}:${region}`).digest('hex');
  const customerKeyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    workloadIdentityArn: `arn:aws:iam::${sandboxAstroAccountId}:role/AstroDeployment-${label}`,
    readerRoleArn: `arn:aws:iam::${accountId}:role/airflow-secrets-reader`,
    wrongTrustRoleArn: `arn:aws:iam::${accountId}:role/airflow-secrets-reader-legacy`,
    otherPrincipalArn: `arn:aws:iam::${sandboxAstroAccountId}:role/AstroDeployment-retired`,
    alertingRoleArn: `arn:aws:iam::${accountId}:role/alerting-bot`,
    readPolicyArn: `arn:aws:iam::${accountId}:policy/airflow-read-secrets`,
    boundaryPolicyArn: `arn:aws:iam::${accountId}:policy/airflow-reader-boundary`,
    customerKeyId,
    customerKeyArn: `arn:aws:kms:${region}:${accountId}:key/${customerKeyId}`,
    customerKeyAlias: 'alias/finance-data',
    simulationCallerArn: `arn:aws:iam::${accountId}:user/sandbox`,
  };
}

const assumeBy = (principal: string): Readonly<Record<string, unknown>> => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
});

export function accessIamSeed(accountId: string, region: string, access: ExampleAccess): IamSeed {
  const secrets = `arn:aws:secretsmanager:${region}:${accountId}:secret:`;
  const readers = {
    attachedPolicies: [access.readPolicyArn],
    permissionsBoundary: access.boundaryPolicyArn,
    inlinePolicies: {
      'no-secret-writes': {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ReadOnly', Effect: 'Deny', Action: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret'], Resource: '*' }],
      },
    },
  };
  return {
    accountId,
    policies: [
      {
        name: 'airflow-read-secrets',
        description: "What Airflow's SecretsManagerBackend needs: read the secrets under the airflow/ prefixes",
        document: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'ReadAirflowSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `${secrets}airflow/*` }],
        },
      },
      {
        name: 'airflow-reader-boundary',
        description: 'Caps Airflow roles at reading secrets and decrypting through Secrets Manager',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:Get*', 'secretsmanager:Describe*', 'secretsmanager:List*', 'kms:Decrypt'], Resource: '*' }] },
      },
    ],
    roles: [
      { name: 'airflow-secrets-reader', description: 'Assumed by the Astro Deployment to read its Airflow secrets', trustPolicy: assumeBy(access.workloadIdentityArn), ...readers },
      { name: 'airflow-secrets-reader-legacy', description: 'The old reader role; it still trusts a retired Deployment', trustPolicy: assumeBy(access.otherPrincipalArn), ...readers },
      { name: 'alerting-bot', description: 'Reads the alerting webhooks', trustPolicy: assumeBy(`arn:aws:iam::${accountId}:root`), inlinePolicies: { 'read-alerting': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `${secrets}airflow/connections/slack_*` }] } } },
      { name: 'finance-analyst', description: "Uses the finance team's key", trustPolicy: assumeBy(`arn:aws:iam::${accountId}:root`) },
    ],
  };
}

export function accessKmsSeed(accountId: string, region: string, access: ExampleAccess): KmsSeed {
  return {
    accountId,
    region,
    keys: [
      {
        keyId: access.customerKeyId,
        description: "Finance team's customer managed key",
        aliases: [access.customerKeyAlias],
        policy: {
          Version: '2012-10-17',
          Id: 'finance-data',
          Statement: [
            { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
            { Sid: 'FinanceDecryptThroughSecretsManager', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:role/finance-analyst` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } } },
          ],
        },
      },
    ],
  };
}

/** Denies reading to everyone but the alerting role: the usual "only X may read this" resource policy. */
export function denyOtherReadersPolicy(access: ExampleAccess): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OnlyTheAlertingRole',
          Effect: 'Deny',
          Principal: '*',
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': access.alertingRoleArn } },
        },
      ],
    },
    null,
    2,
  );
}
