/** Customer managed KMS keys and aliases of one account and region (AWS managed keys are derived, not stored). */
export interface StoredKey {
  keyId: string;
  arn: string;
  description: string;
  createdDate: number;
  /** The key policy as JSON text (KMS keys have exactly one, named `default`). */
  policy: string;
  enabled: boolean;
}

export interface StoredAlias {
  /** `alias/<name>`. */
  name: string;
  targetKeyId: string;
  createdDate: number;
}

export interface KmsState {
  keys: StoredKey[];
  aliases: StoredAlias[];
}

export function emptyKmsState(): KmsState {
  return { keys: [], aliases: [] };
}
