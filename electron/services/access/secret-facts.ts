/**
 * The secrets under the prefixes and what decides who may read them besides IAM: each secret's
 * resource policy and its KMS key (the AWS managed `aws/secretsmanager` or a customer key, with
 * that key's policy). Listing never reads a value. Reads the profile may not make become gaps.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand, ListAliasesCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { LookupKind } from '../../../shared/airflow';
import type { SecretKeyInfo } from '../../../shared/api';
import { insidePlacement, listingNameFilters } from '../../../shared/secrets';
import type { KwargsInUse } from '../../../shared/secrets';
import type { SecretsGateway } from '../secrets';
import { addGap, attempt, type Gaps } from './iam-reads';

export interface SecretFacts {
  readonly name: string;
  readonly arn: string;
  readonly kind: LookupKind;
  /** The KmsKeyId DescribeSecret/ListSecrets report; undefined: the AWS managed key. */
  readonly keyReference: string | undefined;
  /** undefined: none; null: Airlock could not read it. */
  readonly resourcePolicy: string | null | undefined;
}

export interface KeyFacts {
  readonly info: SecretKeyInfo;
  /** null: not read (a gap says why). */
  readonly policy: string | null;
}

export const managedKeyInfo: SecretKeyInfo = { label: 'aws/secretsmanager', managedBy: 'AWS', arn: null };

const parallelReads = 8;

async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelReads, items.length) }, worker));
  return results;
}

/** The secrets Airflow reads under the prefixes (null when the profile may not list them), with their resource policies. */
export async function readSecrets(secrets: Pick<SecretsGateway, 'listPages' | 'resourcePolicy'>, use: KwargsInUse, gaps: Gaps): Promise<SecretFacts[] | null> {
  const listed = await attempt(async () => {
    const entries: SecretListEntry[] = [];
    for await (const page of secrets.listPages({ include: listingNameFilters(use) ?? [] })) entries.push(...page.entries);
    return { entries };
  });
  if (!listed.ok) {
    addGap(gaps, 'the secrets under the prefixes', 'secretsmanager:ListSecrets', listed);
    return null;
  }
  const inside = listed.value.entries.flatMap((entry) => {
    const placement = entry.Name === undefined || entry.ARN === undefined ? null : insidePlacement(use, entry.Name);
    return placement === null || entry.Name === undefined || entry.ARN === undefined ? [] : [{ name: entry.Name, arn: entry.ARN, kind: placement.kind, keyReference: entry.KmsKeyId }];
  });
  return inParallel(inside, async (secret): Promise<SecretFacts> => {
    const policy = await attempt(() => secrets.resourcePolicy(secret.arn));
    if (!policy.ok) {
      addGap(gaps, `the resource policy of ${secret.name}`, 'secretsmanager:GetResourcePolicy', policy);
      return { ...secret, resourcePolicy: null };
    }
    return { ...secret, resourcePolicy: policy.value };
  });
}

/** What a key reference (id, ARN or alias) is: AWS managed or a customer key, its label and policy. */
export async function readKey(kms: KMSClient, reference: string, gaps: Gaps): Promise<KeyFacts> {
  if (reference === 'alias/aws/secretsmanager') return { info: managedKeyInfo, policy: null };
  const described = await attempt(() => kms.send(new DescribeKeyCommand({ KeyId: reference })));
  if (!described.ok) {
    addGap(gaps, `the KMS key ${reference}`, 'kms:DescribeKey', described);
    return { info: { label: reference, managedBy: 'unknown', arn: reference.startsWith('arn:') && !reference.includes(':alias/') ? reference : null }, policy: null };
  }
  const metadata = described.value.KeyMetadata;
  const arn = metadata?.Arn ?? null;
  const keyId = metadata?.KeyId ?? reference;
  if (metadata?.KeyManager === 'AWS') return { info: { ...managedKeyInfo, arn }, policy: null };
  const aliases = await attempt(() => kms.send(new ListAliasesCommand({ KeyId: keyId })));
  const alias = aliases.ok ? aliases.value.Aliases?.find((entry) => entry.AliasName !== undefined)?.AliasName : undefined;
  const info: SecretKeyInfo = { label: alias ?? keyId, managedBy: 'CUSTOMER', arn };
  const policy = await attempt(() => kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })));
  if (!policy.ok) {
    addGap(gaps, `the key policy of ${info.label}`, 'kms:GetKeyPolicy', policy);
    return { info, policy: null };
  }
  return { info, policy: policy.value.Policy ?? null };
}
