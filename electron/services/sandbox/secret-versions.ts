import { CURRENT, PREVIOUS } from './secret-model';
import type { SecretValue, StoredSecret, StoredVersion } from './secret-model';

/** AWS keeps about 100 versions; older unlabelled ("deprecated") ones are removed. */
export const maxVersionsPerSecret = 100;

export function versionById(secret: StoredSecret, versionId: string): StoredVersion | undefined {
  return secret.versions.find((version) => version.versionId === versionId);
}

export function versionByStage(secret: StoredSecret, stage: string): StoredVersion | undefined {
  return secret.versions.find((version) => version.stages.includes(stage));
}

export function sameValue(version: StoredVersion, value: SecretValue): boolean {
  return version.secretString === value.secretString && version.secretBinary === value.secretBinary;
}

function detachStage(version: StoredVersion, stage: string): void {
  version.stages = version.stages.filter((label) => label !== stage);
}

/**
 * Puts `stage` on `target`, taking it off whichever version held it (a label marks one version
 * at most). Moving AWSCURRENT hands AWSPREVIOUS to the version that lost it, as AWS does; so
 * moving AWSCURRENT back onto the AWSPREVIOUS version swaps the two (a rollback).
 */
export function attachStage(secret: StoredSecret, stage: string, target: StoredVersion): void {
  const holder = versionByStage(secret, stage);
  if (holder === target) return;
  if (holder !== undefined) detachStage(holder, stage);
  target.stages.push(stage);
  if (stage === CURRENT && holder !== undefined) {
    const previousHolder = versionByStage(secret, PREVIOUS);
    if (previousHolder !== undefined) detachStage(previousHolder, PREVIOUS);
    holder.stages.push(PREVIOUS);
  }
}

export function removeStage(version: StoredVersion, stage: string): void {
  detachStage(version, stage);
}

/** Adds a version and gives it its labels; the first version of a secret always becomes current. */
export function addVersion(secret: StoredSecret, version: StoredVersion, stages: readonly string[]): void {
  const isFirst = versionByStage(secret, CURRENT) === undefined;
  secret.versions.push(version);
  for (const stage of stages) attachStage(secret, stage, version);
  if (isFirst && !version.stages.includes(CURRENT)) attachStage(secret, CURRENT, version);
  pruneDeprecatedVersions(secret);
}

/** Drops the oldest unlabelled versions beyond the cap; labelled versions are never dropped. */
export function pruneDeprecatedVersions(secret: StoredSecret): void {
  let excess = secret.versions.length - maxVersionsPerSecret;
  if (excess <= 0) return;
  secret.versions = secret.versions.filter((version) => {
    if (excess > 0 && version.stages.length === 0) {
      excess -= 1;
      return false;
    }
    return true;
  });
}
