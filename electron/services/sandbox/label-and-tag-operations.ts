import type { OperationHandler } from './operation-context';
import { CURRENT } from './secret-model';
import { checkTagCount, readSecretId, readTags, recordChange, requireActiveSecret } from './secret-rules';
import { attachStage, removeStage, versionById, versionByStage } from './secret-versions';
import { invalidParameter } from './service-error';

/**
 * Moves or removes one staging label. AWS insists that the caller names the version the label
 * currently sits on (RemoveFromVersionId), which makes this a compare-and-swap: a rollback that
 * raced with another writer fails instead of clobbering it.
 */
export const updateSecretVersionStage: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const stage = input.requiredString('VersionStage', { min: 1, max: 256 });
  const removeFromId = input.optionalString('RemoveFromVersionId', { min: 32, max: 64 });
  const moveToId = input.optionalString('MoveToVersionId', { min: 32, max: 64 });
  const secret = requireActiveSecret(context.store, secretId);
  if (removeFromId === undefined && moveToId === undefined) {
    throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
  }
  const removeFrom = removeFromId === undefined ? undefined : versionById(secret, removeFromId);
  if (removeFromId !== undefined && removeFrom === undefined) throw invalidParameter(`The version ${removeFromId} doesn't exist for this secret.`);
  const moveTo = moveToId === undefined ? undefined : versionById(secret, moveToId);
  if (moveToId !== undefined && moveTo === undefined) throw invalidParameter(`The version ${moveToId} doesn't exist for this secret.`);
  if (removeFrom !== undefined && !removeFrom.stages.includes(stage)) {
    throw invalidParameter(`The staging label ${stage} is not attached to version ${removeFrom.versionId}, so it can't be removed from it.`);
  }

  if (moveTo !== undefined) {
    const holder = versionByStage(secret, stage);
    if (holder !== undefined && holder !== moveTo && holder !== removeFrom) {
      throw invalidParameter(
        `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
      );
    }
    attachStage(secret, stage, moveTo);
  } else if (removeFrom !== undefined) {
    if (stage === CURRENT) throw invalidParameter(`You can't remove the staging label ${CURRENT} without moving it to another version with MoveToVersionId.`);
    removeStage(removeFrom, stage);
  }
  recordChange(context.store, secret, context.nowMs);
  return { ARN: secret.arn, Name: secret.name };
};

export const tagResource: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const tags = readTags(input.requiredObjectList('Tags'));
  const secret = requireActiveSecret(context.store, secretId);
  const merged = new Map(secret.tags.map((tag) => [tag.key, tag.value]));
  for (const tag of tags) merged.set(tag.key, tag.value);
  checkTagCount(merged.size);
  secret.tags = [...merged].map(([key, value]) => ({ key, value }));
  recordChange(context.store, secret, context.nowMs);
  return {};
};

export const untagResource: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const keys = new Set(input.requiredStringList('TagKeys', { item: { min: 1, max: 128 } }));
  const secret = requireActiveSecret(context.store, secretId);
  secret.tags = secret.tags.filter((tag) => !keys.has(tag.key));
  recordChange(context.store, secret, context.nowMs);
  return {};
};
