/**
 * The secrets of one account and region. Dates are epoch milliseconds; they become epoch seconds
 * on the wire. The same shapes are written to the data file, so a change here needs a
 * persistence migration (persistence/state-file.ts).
 */
export interface StoredVersion {
  versionId: string;
  /** Exactly one of secretString / secretBinary (base64) is set. */
  secretString?: string;
  secretBinary?: string;
  createdDate: number;
  /** Staging labels; a version with none is "deprecated" and may be pruned. */
  stages: string[];
  lastAccessedDate?: number;
}

export interface StoredTag {
  key: string;
  value: string;
}

export interface StoredSecret {
  /** Creation order; breaks ties between secrets created in the same millisecond. */
  seq: number;
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  /** The resource-based policy (PutResourcePolicy), as JSON text. */
  resourcePolicy?: string;
  tags: StoredTag[];
  createdDate: number;
  lastChangedDate: number;
  /** Day resolution, like AWS. */
  lastAccessedDate?: number;
  /** Set while the secret is scheduled for deletion: the moment it will be purged. */
  deletionDate?: number;
  /** Oldest first. */
  versions: StoredVersion[];
}

export interface SandboxState {
  nextSeq: number;
  secrets: StoredSecret[];
}

export interface SecretValue {
  readonly secretString?: string;
  readonly secretBinary?: string;
}

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';

const dayMs = 24 * 60 * 60 * 1000;

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / dayMs) * dayMs;
}

export function addDays(ms: number, days: number): number {
  return ms + days * dayMs;
}

export function isScheduledForDeletion(secret: StoredSecret): boolean {
  return secret.deletionDate !== undefined;
}

export function emptyState(): SandboxState {
  return { nextSeq: 1, secrets: [] };
}
