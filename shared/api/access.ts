/**
 * The access check (issue 14 items 1-3): will Airflow on the project's Deployment be able to read
 * its secrets? Who reads (the principal Airflow uses), what IAM, the secrets' resource policies
 * and KMS say about each prefix (and each secret that differs), what Airlock could not read, and
 * the least-privilege policies to fix it. Airlock only reads IAM; it never changes it.
 */
import { z } from 'zod';
import type { LookupKind } from '../airflow';
import { absolutePathSchema, kwargsJsonTextSchema } from './common';
import { method } from './contract';

/** `unknown`: Airlock could not check (a permission it lacks, a principal it cannot see). Never read as allowed. */
export type AccessVerdict = 'allowed' | 'denied' | 'unknown';

/** Where a deciding statement lives. `aws-rule` is a rule of AWS itself (no statement), e.g. the managed key across accounts. */
export type StatementSourceKind = 'identity' | 'boundary' | 'resource' | 'key' | 'trust' | 'aws-rule';

export interface DecidingStatement {
  readonly sourceKind: StatementSourceKind;
  /** The policy, in words: `managed policy airflow-read-secrets`, `resource policy of airflow/connections/x`. */
  readonly source: string;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny' | null;
  /** The statement as JSON, when Airlock could read it. */
  readonly text: string | null;
}

export interface AccessFinding {
  readonly verdict: AccessVerdict;
  /** One sentence saying why. */
  readonly summary: string;
  readonly deciding: readonly DecidingStatement[];
}

export type ReaderSource = 'workload-identity' | 'deployment-keys' | 'none';

/** Who Airflow on the Deployment calls AWS as. */
export interface AccessReader {
  readonly source: ReaderSource;
  /** The workload identity's role ARN, or the IAM user of the keys on the Deployment; null when unknown. */
  readonly principalArn: string | null;
  /** `role_arn` from the backend kwargs, assumed by that principal. */
  readonly roleArn: string | null;
  /** The `ExternalId` in `assume_role_kwargs`, which a trust policy condition may ask for. */
  readonly externalId: string | null;
  /** Whose permissions decide the reads: the role, else the principal itself. */
  readonly checkedArn: string | null;
  readonly deployment: { readonly id: string; readonly name: string } | null;
  /** How Airlock found out, and what it could not tell. */
  readonly notes: readonly string[];
}

export interface PrefixAccess {
  readonly kind: LookupKind;
  readonly prefix: string;
  /** The prefix-wide ARN pattern, which covers ids the DAGs use that do not exist yet. */
  readonly resourcePattern: string;
  readonly secretCount: number;
  readonly read: AccessFinding;
}

export interface SecretKeyInfo {
  /** `aws/secretsmanager`, an alias, or the key id. */
  readonly label: string;
  readonly managedBy: 'AWS' | 'CUSTOMER' | 'unknown';
  readonly arn: string | null;
}

/** A secret whose answer differs from its prefix's (its own resource policy, a customer key, a narrower statement). */
export interface SecretAccess {
  readonly name: string;
  readonly arn: string;
  readonly kind: LookupKind;
  readonly key: SecretKeyInfo;
  readonly hasResourcePolicy: boolean;
  readonly read: AccessFinding;
  readonly decrypt: AccessFinding;
  readonly verdict: AccessVerdict;
}

/** Something Airlock could not read, and the permission that would let it. */
export interface AccessGap {
  readonly what: string;
  readonly action: string;
  readonly message: string;
}

export interface AccessFix {
  /** The role (or user) to attach the policy to; null when Airlock cannot tell. */
  readonly principalName: string | null;
  readonly principalKind: 'role' | 'user' | null;
  readonly policyName: string;
  readonly policyJson: string;
  /** The trust policy that admits the workload identity; null when no role is assumed from it. */
  readonly trustPolicyJson: string | null;
  /** The exact `aws iam` commands (the JSON files named in them hold the texts above). */
  readonly commands: readonly string[];
  readonly notes: readonly string[];
}

export type AccessOverall = 'allowed' | 'denied' | 'partial' | 'unknown';

export interface AccessCheck {
  readonly checkedAt: string;
  readonly profile: string;
  readonly account: string | null;
  readonly region: string;
  readonly reader: AccessReader;
  /** Whether the role's trust policy admits the principal; null when no role is assumed. */
  readonly trust: AccessFinding | null;
  /** `partial`: some prefixes or secrets are denied, or could not be checked, while others are allowed. */
  readonly overall: AccessOverall;
  /** One sentence for the checklist and the deploy review. */
  readonly headline: string;
  readonly prefixes: readonly PrefixAccess[];
  readonly secrets: readonly SecretAccess[];
  readonly secretsChecked: number;
  readonly gaps: readonly AccessGap[];
  readonly fix: AccessFix | null;
}

export const accessMethods = {
  /**
   * Checks, for the project's Deployment (`.astro/airlock.json`) and the backend kwargs given (null:
   * the Dockerfile's, Airflow's defaults when it sets none), whether the deployed backend can read its secrets with the
   * active profile's view of IAM. Reads only.
   */
  'access.check': method<AccessCheck>()(z.object({ path: absolutePathSchema, kwargsJson: kwargsJsonTextSchema.nullable() }).strict()),
} as const;
