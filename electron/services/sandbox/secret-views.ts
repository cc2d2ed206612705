import type { StoredSecret, StoredVersion } from './secret-model';

/** Output members as JSON; absent members are left out, as AWS does. */
export type WireObject = Record<string, unknown>;

export function epochSeconds(ms: number): number {
  return ms / 1000;
}

function withDefined(entries: Record<string, unknown>): WireObject {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

function tagsView(secret: StoredSecret): WireObject[] | undefined {
  return secret.tags.length === 0 ? undefined : secret.tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
}

/** Deprecated (unlabelled) versions are not part of the stage map. */
function versionsToStages(secret: StoredSecret): Record<string, string[]> | undefined {
  const labelled = secret.versions.filter((version) => version.stages.length > 0);
  if (labelled.length === 0) return undefined;
  return Object.fromEntries(labelled.map((version) => [version.versionId, [...version.stages]]));
}

function metadata(secret: StoredSecret): WireObject {
  return withDefined({
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    LastChangedDate: epochSeconds(secret.lastChangedDate),
    LastAccessedDate: secret.lastAccessedDate === undefined ? undefined : epochSeconds(secret.lastAccessedDate),
    DeletedDate: secret.deletionDate === undefined ? undefined : epochSeconds(secret.deletionDate),
    Tags: tagsView(secret),
    CreatedDate: epochSeconds(secret.createdDate),
  });
}

export function describeView(secret: StoredSecret): WireObject {
  return withDefined({ ...metadata(secret), VersionIdsToStages: versionsToStages(secret) });
}

/** ListSecrets entries: metadata only, never a value; note the different stage-map member name. */
export function listEntryView(secret: StoredSecret): WireObject {
  return withDefined({ ...metadata(secret), SecretVersionsToStages: versionsToStages(secret) });
}

export function secretValueView(secret: StoredSecret, version: StoredVersion): WireObject {
  return withDefined({
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    SecretBinary: version.secretBinary,
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdDate),
  });
}

export function versionListEntryView(version: StoredVersion): WireObject {
  return withDefined({
    VersionId: version.versionId,
    VersionStages: [...version.stages],
    LastAccessedDate: version.lastAccessedDate === undefined ? undefined : epochSeconds(version.lastAccessedDate),
    CreatedDate: epochSeconds(version.createdDate),
  });
}
