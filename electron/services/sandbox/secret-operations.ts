import { randomUUID } from 'node:crypto';
import { newSecretArn } from './arn';
import type { InputReader } from './input-reader';
import type { OperationContext, OperationHandler } from './operation-context';
import { CURRENT, addDays, isScheduledForDeletion } from './secret-model';
import type { SecretValue, StoredSecret } from './secret-model';
import {
  checkTagCount,
  readClientRequestToken,
  readSecretId,
  readSecretValue,
  readTags,
  recordAccess,
  recordChange,
  requireActiveSecret,
  requireSecret,
  validateSecretName,
  versionFromValue,
} from './secret-rules';
import type { SecretStore } from './secret-store';
import { addVersion, sameValue, versionById, versionByStage } from './secret-versions';
import { describeView, epochSeconds, secretValueView } from './secret-views';
import type { WireObject } from './secret-views';
import { invalidParameter, invalidRequest, markedForDeletion, resourceExists, ServiceError } from './service-error';

const defaultRecoveryWindowDays = 30;

type NewVersionResult = { readonly kind: 'created' | 'unchanged'; readonly versionId: string; readonly stages: string[] };

/**
 * The ClientRequestToken rule shared by every call that writes a value: the token becomes the
 * VersionId; repeating it with the same value changes nothing, with another value fails.
 */
function writeVersion(
  store: SecretStore,
  secret: StoredSecret,
  value: SecretValue,
  token: string | undefined,
  stages: readonly string[],
  nowMs: number,
): NewVersionResult {
  const versionId = token ?? randomUUID();
  const existing = versionById(secret, versionId);
  if (existing !== undefined) {
    if (sameValue(existing, value)) return { kind: 'unchanged', versionId, stages: [...existing.stages] };
    throw resourceExists("You can't modify an existing version, you can only create a new version.");
  }
  const version = versionFromValue(versionId, value, nowMs);
  addVersion(secret, version, stages);
  recordChange(store, secret, nowMs);
  return { kind: 'created', versionId, stages: [...version.stages] };
}

/** A customer key must exist in the secret's account and region; AWS refuses the write otherwise. */
function readKmsKeyId(input: InputReader, context: OperationContext): string | undefined {
  const kmsKeyId = input.optionalString('KmsKeyId', { max: 2048 });
  if (kmsKeyId !== undefined && context.kms.resolve(kmsKeyId) === undefined) {
    throw invalidParameter('The operation failed because of an invalid KMS key: Invalid keyId');
  }
  return kmsKeyId;
}

export const createSecret: OperationHandler = (input, context) => {
  const name = input.requiredString('Name');
  validateSecretName(name);
  const token = readClientRequestToken(input);
  const description = input.optionalString('Description', { max: 2048 });
  const kmsKeyId = readKmsKeyId(input, context);
  const value = readSecretValue(input);
  const tags = readTags(input.optionalObjectList('Tags') ?? []);
  checkTagCount(tags.length);

  const existing = context.store.findByName(name);
  if (existing !== undefined) {
    if (isScheduledForDeletion(existing)) {
      throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
    }
    // A retried create (same token, same value) is ignored rather than failed, so retries are safe.
    const retried = token === undefined || value === undefined ? undefined : versionById(existing, token);
    if (retried !== undefined && value !== undefined && sameValue(retried, value)) {
      return { ARN: existing.arn, Name: existing.name, VersionId: retried.versionId };
    }
    throw resourceExists(`The operation failed because the secret ${name} already exists.`);
  }

  const secret: StoredSecret = {
    seq: context.store.allocateSeq(),
    arn: newSecretArn(context.region, context.accountId, name),
    name,
    tags,
    createdDate: context.nowMs,
    lastChangedDate: context.nowMs,
    versions: [],
  };
  if (description !== undefined) secret.description = description;
  if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId;
  let versionId: string | undefined;
  if (value !== undefined) {
    versionId = token ?? randomUUID();
    addVersion(secret, versionFromValue(versionId, value, context.nowMs), [CURRENT]);
  }
  context.store.insert(secret);
  return versionId === undefined ? { ARN: secret.arn, Name: secret.name } : { ARN: secret.arn, Name: secret.name, VersionId: versionId };
};

export const getSecretValue: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const versionId = input.optionalString('VersionId', { min: 32, max: 64 });
  const versionStage = input.optionalString('VersionStage', { min: 1, max: 256 });
  const secret = requireActiveSecret(context.store, secretId);
  let version;
  if (versionId !== undefined) {
    version = versionById(secret, versionId);
    if (version === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
    }
    if (versionStage !== undefined && !version.stages.includes(versionStage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
  } else {
    const stage = versionStage ?? CURRENT;
    version = versionByStage(secret, stage);
    if (version === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
    }
  }
  recordAccess(context.store, secret, version, context.nowMs);
  return secretValueView(secret, version);
};

export const putSecretValue: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const token = readClientRequestToken(input);
  const value = readSecretValue(input);
  if (value === undefined) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  const stages = input.optionalStringList('VersionStages', { min: 1, max: 20, item: { min: 1, max: 256 } });
  const secret = requireActiveSecret(context.store, secretId);
  const result = writeVersion(context.store, secret, value, token, stages ?? [CURRENT], context.nowMs);
  return { ARN: secret.arn, Name: secret.name, VersionId: result.versionId, VersionStages: result.stages };
};

export const updateSecret: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const token = readClientRequestToken(input);
  const description = input.optionalString('Description', { max: 2048 });
  const kmsKeyId = readKmsKeyId(input, context);
  const value = readSecretValue(input);
  const secret = requireActiveSecret(context.store, secretId);

  const output: WireObject = { ARN: secret.arn, Name: secret.name };
  if (value !== undefined) {
    const result = writeVersion(context.store, secret, value, token, [CURRENT], context.nowMs);
    output.VersionId = result.versionId;
  }
  if (description !== undefined || kmsKeyId !== undefined) {
    if (description !== undefined) secret.description = description;
    if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId;
    recordChange(context.store, secret, context.nowMs);
  }
  return output;
};

export const describeSecret: OperationHandler = (input, context) => {
  const secret = requireSecret(context.store, readSecretId(input));
  return describeView(secret);
};

export const deleteSecret: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const recoveryWindow = input.optionalInteger('RecoveryWindowInDays');
  const force = input.optionalBoolean('ForceDeleteWithoutRecovery') === true;
  if (force && recoveryWindow !== undefined) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  if (recoveryWindow !== undefined && (recoveryWindow < 7 || recoveryWindow > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }

  const secret = context.store.find(secretId);
  if (force) {
    const deletionDate = epochSeconds(context.nowMs);
    // AWS does not report a missing secret on a forced delete: the caller's goal is already met.
    if (secret === undefined) return secretId.startsWith('arn:') ? { ARN: secretId, DeletionDate: deletionDate } : { Name: secretId, DeletionDate: deletionDate };
    context.store.remove(secret);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: deletionDate };
  }

  const target = requireSecret(context.store, secretId);
  if (isScheduledForDeletion(target)) throw markedForDeletion();
  const deletionDate = addDays(context.nowMs, recoveryWindow ?? defaultRecoveryWindowDays);
  target.deletionDate = deletionDate;
  recordChange(context.store, target, context.nowMs);
  return { ARN: target.arn, Name: target.name, DeletionDate: epochSeconds(deletionDate) };
};

export const restoreSecret: OperationHandler = (input, context) => {
  const secret = requireSecret(context.store, readSecretId(input));
  if (isScheduledForDeletion(secret)) {
    delete secret.deletionDate;
    recordChange(context.store, secret, context.nowMs);
  }
  return { ARN: secret.arn, Name: secret.name };
};
