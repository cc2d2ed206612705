import { createHash } from 'node:crypto';
import type { ChangeSet } from '../state-changes';
import type { KmsState, StoredAlias, StoredKey } from './kms-model';

export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly description: string;
  readonly keyManager: 'AWS' | 'CUSTOMER';
  readonly createdDate: number;
  readonly policy: string;
  readonly enabled: boolean;
}

export interface KmsAlias {
  readonly name: string;
  readonly arn: string;
  readonly targetKeyId?: string;
  readonly createdDate: number;
}

export const secretsManagerAlias = 'alias/aws/secretsmanager';
const awsManagedCreated = Date.UTC(2024, 0, 2);

/** A UUID-shaped id derived from a seed, so the AWS managed key keeps its id across restarts. */
function stableKeyId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The policy AWS gives `aws/secretsmanager`: principals of this account may use it through
 * Secrets Manager in this region, nobody else may, and the policy cannot be changed; this is
 * why a secret under the default key can never be read from another account.
 */
function secretsManagerKeyPolicy(accountId: string, region: string): string {
  const viaService = `secretsmanager.${region}.amazonaws.com`;
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'auto-secretsmanager-2',
      Statement: [
        {
          Sid: 'Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': viaService } },
        },
        {
          Sid: 'Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': accountId }, StringLike: { 'kms:ViaService': viaService } },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

/** One account's keys in one region: the stored customer keys plus the AWS managed `aws/secretsmanager` key. */
export class KmsRegion {
  readonly accountId: string;
  readonly region: string;
  private readonly keys = new Map<string, StoredKey>();
  private readonly aliases = new Map<string, StoredAlias>();
  private readonly changes: ChangeSet;

  constructor(accountId: string, region: string, state: KmsState, changes: ChangeSet) {
    this.accountId = accountId;
    this.region = region;
    this.changes = changes;
    this.replaceState(state);
  }

  /** Replaces what is stored (journal replay). */
  replaceState(state: KmsState): void {
    this.keys.clear();
    this.aliases.clear();
    for (const key of state.keys) this.keys.set(key.keyId, key);
    for (const alias of state.aliases) this.aliases.set(alias.name, alias);
  }

  keyArn(keyId: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${keyId}`;
  }

  aliasArn(name: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${name}`;
  }

  /** AWS creates it on first use; the sandbox behaves as if that had always happened. */
  secretsManagerKey(): KmsKey {
    const keyId = stableKeyId(`aws/secretsmanager:${this.accountId}:${this.region}`);
    return {
      keyId,
      arn: this.keyArn(keyId),
      description: 'Default key that protects my Secrets Manager data when no other key is defined',
      keyManager: 'AWS',
      createdDate: awsManagedCreated,
      policy: secretsManagerKeyPolicy(this.accountId, this.region),
      enabled: true,
    };
  }

  private view(key: StoredKey): KmsKey {
    return { ...key, keyManager: 'CUSTOMER' };
  }

  /** A key by id, key ARN, alias name or alias ARN, as KMS accepts them. */
  resolve(reference: string): KmsKey | undefined {
    const awsKey = this.secretsManagerKey();
    const aliasName = reference.startsWith('alias/') ? reference : reference.startsWith(this.aliasArn('alias/')) ? reference.slice(this.aliasArn('').length) : undefined;
    if (aliasName !== undefined) {
      if (aliasName === secretsManagerAlias) return awsKey;
      const alias = this.aliases.get(aliasName);
      const key = alias === undefined ? undefined : this.keys.get(alias.targetKeyId);
      return key === undefined ? undefined : this.view(key);
    }
    const keyId = reference.startsWith(this.keyArn('')) ? reference.slice(this.keyArn('').length) : reference;
    if (keyId === awsKey.keyId) return awsKey;
    const key = this.keys.get(keyId);
    return key === undefined ? undefined : this.view(key);
  }

  allKeys(): KmsKey[] {
    return [this.secretsManagerKey(), ...[...this.keys.values()].map((key) => this.view(key))];
  }

  allAliases(): KmsAlias[] {
    const awsKey = this.secretsManagerKey();
    const stored = [...this.aliases.values()].map((alias): KmsAlias => ({ name: alias.name, arn: this.aliasArn(alias.name), targetKeyId: alias.targetKeyId, createdDate: alias.createdDate }));
    return [{ name: secretsManagerAlias, arn: this.aliasArn(secretsManagerAlias), targetKeyId: awsKey.keyId, createdDate: awsManagedCreated }, ...stored].sort((a, b) => a.name.localeCompare(b.name));
  }

  putKey(key: StoredKey, aliases: readonly string[], nowMs: number): void {
    this.keys.set(key.keyId, key);
    for (const name of aliases) this.aliases.set(name, { name, targetKeyId: key.keyId, createdDate: this.aliases.get(name)?.createdDate ?? nowMs });
    this.noteChange();
  }

  storedKey(keyId: string): StoredKey | undefined {
    return this.keys.get(keyId);
  }

  isEmpty(): boolean {
    return this.keys.size === 0 && this.aliases.size === 0;
  }

  toState(): KmsState {
    return { keys: [...this.keys.values()], aliases: [...this.aliases.values()] };
  }

  private noteChange(): void {
    this.changes.note(`kms:${this.accountId}:${this.region}`, () => ({ t: 'kms', a: this.accountId, r: this.region, kms: this.toState() }));
  }
}
