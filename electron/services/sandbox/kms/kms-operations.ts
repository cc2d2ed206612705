import type { AccessRequest } from '../access-control';
import type { InputReader, JsonObject } from '../input-reader';
import { paginateByKey } from '../page-token';
import type { PageTokenCodec } from '../page-token';
import type { WireObject } from '../secret-views';
import { epochSeconds } from '../secret-views';
import { ServiceError } from '../service-error';
import type { KmsAlias, KmsKey, KmsRegion } from './kms-region';

/** KMS over JSON 1.1 (`X-Amz-Target: TrentService.<Operation>`): the read operations an access check needs. */
export const kmsTargetPrefix = 'TrentService.';

export interface KmsContext {
  readonly kms: KmsRegion;
  readonly pageTokens: PageTokenCodec;
}

export type KmsHandler = (input: InputReader, context: KmsContext) => WireObject;

function notFound(reference: string, kms: KmsRegion): ServiceError {
  const described = reference.startsWith('alias/') || reference.includes(':alias/') ? `Alias ${reference.startsWith('arn:') ? reference : kms.aliasArn(reference)} is not found.` : `Key '${reference.startsWith('arn:') ? reference : kms.keyArn(reference)}' does not exist`;
  return new ServiceError('NotFoundException', described);
}

function requireKey(input: InputReader, context: KmsContext): KmsKey {
  const reference = input.requiredString('KeyId', { min: 1, max: 2048 });
  const key = context.kms.resolve(reference);
  if (key === undefined) throw notFound(reference, context.kms);
  return key;
}

function keyMetadata(key: KmsKey, accountId: string): WireObject {
  return {
    AWSAccountId: accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.createdDate),
    Enabled: key.enabled,
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.enabled ? 'Enabled' : 'Disabled',
    Origin: 'AWS_KMS',
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}

const describeKey: KmsHandler = (input, context) => ({ KeyMetadata: keyMetadata(requireKey(input, context), context.kms.accountId) });

const getKeyPolicy: KmsHandler = (input, context) => {
  const key = requireKey(input, context);
  const policyName = input.optionalString('PolicyName', { min: 1, max: 128 }) ?? 'default';
  if (policyName !== 'default') throw new ServiceError('NotFoundException', 'No such policy exists');
  return { Policy: key.policy, PolicyName: 'default' };
};

function page<T>(items: readonly T[], input: InputReader, context: KmsContext, scope: unknown, cursorOf: (item: T) => string): { items: T[]; next?: string } {
  const limit = input.optionalInteger('Limit', { min: 1, max: 1000 }) ?? 100;
  const marker = input.optionalString('Marker', { min: 1, max: 1024 });
  const result = paginateByKey(items, { maxResults: Math.min(limit, 100), nextToken: marker, scope, codec: context.pageTokens, keyOf: cursorOf });
  return result.nextToken === undefined ? { items: result.items } : { items: result.items, next: result.nextToken };
}

function withMarker(output: WireObject, next: string | undefined): WireObject {
  return next === undefined ? { ...output, Truncated: false } : { ...output, Truncated: true, NextMarker: next };
}

const listAliases: KmsHandler = (input, context) => {
  const keyReference = input.optionalString('KeyId', { min: 1, max: 2048 });
  const key = keyReference === undefined ? undefined : context.kms.resolve(keyReference);
  if (keyReference !== undefined && key === undefined) throw notFound(keyReference, context.kms);
  const aliases = context.kms.allAliases().filter((alias) => key === undefined || alias.targetKeyId === key.keyId);
  const result = page(aliases, input, context, ['ListAliases', key?.keyId ?? null], (alias: KmsAlias) => alias.name);
  return withMarker(
    {
      Aliases: result.items.map((alias) => ({
        AliasName: alias.name,
        AliasArn: alias.arn,
        TargetKeyId: alias.targetKeyId,
        CreationDate: epochSeconds(alias.createdDate),
        LastUpdatedDate: epochSeconds(alias.createdDate),
      })),
    },
    result.next,
  );
};

const listKeys: KmsHandler = (input, context) => {
  const result = page(context.kms.allKeys(), input, context, ['ListKeys'], (key: KmsKey) => key.keyId);
  return withMarker({ Keys: result.items.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })) }, result.next);
};

export const kmsOperations = {
  DescribeKey: describeKey,
  GetKeyPolicy: getKeyPolicy,
  ListAliases: listAliases,
  ListKeys: listKeys,
} as const satisfies Record<string, KmsHandler>;

export function findKmsOperation(name: string): KmsHandler | undefined {
  return Object.hasOwn(kmsOperations, name) ? kmsOperations[name as keyof typeof kmsOperations] : undefined;
}

/** KMS authorizes against the key's policy (which must allow, directly or through the account) and the caller's. */
export function kmsAccessRequest(operation: string, body: JsonObject, kms: KmsRegion): AccessRequest {
  const action = `kms:${operation}`;
  // ListAliases and ListKeys are not key-scoped in IAM, even with a KeyId filter.
  const keyScoped = operation === 'DescribeKey' || operation === 'GetKeyPolicy';
  const reference = keyScoped && typeof body.KeyId === 'string' ? body.KeyId : undefined;
  const key = reference === undefined ? undefined : kms.resolve(reference);
  if (key === undefined) return { action, resource: '*' };
  return { action, resource: key.arn, resourcePolicy: key.policy, resourcePolicyRole: 'gate', resourceAccountId: kms.accountId };
}
