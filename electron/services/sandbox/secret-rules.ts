import type { InputReader } from './input-reader';
import { isScheduledForDeletion, startOfUtcDay } from './secret-model';
import type { SecretValue, StoredSecret, StoredTag, StoredVersion } from './secret-model';
import type { SecretStore } from './secret-store';
import { invalidParameter, markedForDeletion, secretNotFound, validationError } from './service-error';

const namePattern = /^[A-Za-z0-9/_+=.@-]+$/;
const maxNameLength = 512;
const maxValueBytes = 65_536;
const maxTagsPerSecret = 50;
// Tag keys and values: Unicode letters, digits, whitespace and _ . : / = + - @ (AWS's tag pattern).
const tagPattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function readSecretId(input: InputReader): string {
  return input.requiredString('SecretId', { min: 1, max: 2048 });
}

export function validateSecretName(name: string): void {
  if (name.length === 0 || name.length > maxNameLength || !namePattern.test(name)) {
    throw invalidParameter(
      `Invalid name. Must be a valid name containing 1 to ${String(maxNameLength)} characters: ASCII letters, digits, or any of the following: /_+=.@-`,
    );
  }
}

export function readClientRequestToken(input: InputReader): string | undefined {
  return input.optionalString('ClientRequestToken', { min: 32, max: 64 });
}

/** SecretString or SecretBinary, never both. */
export function readSecretValue(input: InputReader): SecretValue | undefined {
  const secretString = input.optionalUtf8String('SecretString', { min: 1, max: maxValueBytes });
  const secretBinary = input.optionalBlob('SecretBinary', { min: 1, max: maxValueBytes });
  if (secretString !== undefined && secretBinary !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (secretString !== undefined) return { secretString };
  if (secretBinary !== undefined) return { secretBinary };
  return undefined;
}

export function versionFromValue(versionId: string, value: SecretValue, nowMs: number): StoredVersion {
  return value.secretString !== undefined
    ? { versionId, secretString: value.secretString, createdDate: nowMs, stages: [] }
    : { versionId, secretBinary: value.secretBinary ?? '', createdDate: nowMs, stages: [] };
}

export function readTags(readers: readonly InputReader[]): StoredTag[] {
  const tags = readers.map((reader) => {
    const key = reader.requiredString('Key', { min: 1, max: 128 });
    const value = reader.optionalString('Value', { max: 256 }) ?? '';
    if (!tagPattern.test(key) || !tagPattern.test(value)) {
      throw validationError("Value at 'tags' failed to satisfy constraint: Tag keys and values may contain only letters, digits, spaces and _ . : / = + - @");
    }
    if (key.toLowerCase().startsWith('aws:')) throw invalidParameter('Tag keys that start with "aws:" are reserved for AWS use.');
    return { key, value };
  });
  const keys = new Set(tags.map((tag) => tag.key));
  if (keys.size !== tags.length) throw invalidParameter('The request contains the same tag key more than once.');
  return tags;
}

export function checkTagCount(count: number): void {
  if (count > maxTagsPerSecret) throw invalidParameter(`A secret can have at most ${String(maxTagsPerSecret)} tags.`);
}

export function requireSecret(store: SecretStore, secretId: string): StoredSecret {
  const secret = store.find(secretId);
  if (secret === undefined) throw secretNotFound();
  return secret;
}

/** Reads and writes of a secret scheduled for deletion fail; only describe, list and restore work. */
export function requireActiveSecret(store: SecretStore, secretId: string): StoredSecret {
  const secret = requireSecret(store, secretId);
  if (isScheduledForDeletion(secret)) throw markedForDeletion();
  return secret;
}

/** LastAccessedDate has day resolution: it only changes (and is persisted, without a flush of its own) once a day. */
export function recordAccess(store: SecretStore, secret: StoredSecret, version: StoredVersion, nowMs: number): void {
  const day = startOfUtcDay(nowMs);
  if (secret.lastAccessedDate !== day || version.lastAccessedDate !== day) {
    secret.lastAccessedDate = day;
    version.lastAccessedDate = day;
    store.markAccessed(secret);
  }
}

export function recordChange(store: SecretStore, secret: StoredSecret, nowMs: number): void {
  secret.lastChangedDate = nowMs;
  store.markChanged(secret);
}
