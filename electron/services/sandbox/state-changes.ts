import type { StoredTrailEvent } from './cloudtrail/trail-model';
import type { IamState } from './iam/iam-model';
import type { KmsState } from './kms/kms-model';
import type { StoredSecret } from './secret-model';

/**
 * What one request changed, as journal records: whole entities (a secret, an event, an account's
 * IAM, a region's KMS), so that replaying a record twice is harmless and a record's size depends
 * on what changed, never on how much is stored.
 */
export type JournalRecord =
  | { readonly t: 'secret'; readonly a: string; readonly r: string; readonly n: number; readonly s: StoredSecret }
  | { readonly t: 'secret-gone'; readonly a: string; readonly r: string; readonly name: string; readonly n: number }
  | { readonly t: 'event'; readonly a: string; readonly r: string; readonly e: StoredTrailEvent }
  | { readonly t: 'iam'; readonly a: string; readonly iam: IamState }
  | { readonly t: 'kms'; readonly a: string; readonly r: string; readonly kms: KmsState };

/**
 * Changes noted during a request, keyed by entity so that an entity changed twice is written
 * once, in its final state: the record is built when the request's changes are drained.
 */
export class ChangeSet {
  private pending = new Map<string, () => JournalRecord>();

  note(key: string, record: () => JournalRecord): void {
    this.pending.set(key, record);
  }

  get size(): number {
    return this.pending.size;
  }

  drain(): JournalRecord[] {
    const records = [...this.pending.values()].map((build) => build());
    this.pending = new Map();
    return records;
  }
}
