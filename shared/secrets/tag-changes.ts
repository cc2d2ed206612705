/**
 * The one tag diff: what to send so that a secret's tags become `wanted`. Used by the write itself
 * (electron/services/secrets/write-service.ts) and by the AWS CLI commands the editor shows for it.
 */
/** One tag of a secret, as Secrets Manager stores it. */
export interface SecretTag {
  readonly key: string;
  readonly value: string;
}

export interface TagChanges {
  /** Tags to set (TagResource): new keys, or keys whose value differs. */
  readonly changed: SecretTag[];
  /** Keys to remove (UntagResource). */
  readonly removed: string[];
}

export function tagChanges(current: readonly SecretTag[], wanted: readonly SecretTag[]): TagChanges {
  return {
    changed: wanted.filter((tag) => !current.some((existing) => existing.key === tag.key && existing.value === tag.value)),
    removed: current.filter((existing) => !wanted.some((tag) => tag.key === existing.key)).map((existing) => existing.key),
  };
}
