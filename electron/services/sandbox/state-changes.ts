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
 * `durable`: written and fsynced before the request is answered (every write operation).
 * `deferred`: written with the next durable change or at compaction, and lost in a crash before
 * that; for what AWS itself records loosely (a read's day-resolution LastAccessedDate), so that
 * reads never wait for the disk.
 */
export type Durability = 'durable' | 'deferred';

/**
 * Changes noted during requests, keyed by entity so that an entity changed twice is written
 * once, in its final state: the record is built when the changes are drained.
 */
export class ChangeSet {
  private pending = new Map<string, { readonly build: () => JournalRecord; readonly durable: boolean }>();

  note(key: string, record: () => JournalRecord, durability: Durability = 'durable'): void {
    const durable = durability === 'durable' || this.pending.get(key)?.durable === true;
    this.pending.set(key, { build: record, durable });
  }

  /** True when something noted must reach the disk before the answer goes out. */
  get mustWrite(): boolean {
    for (const entry of this.pending.values()) if (entry.durable) return true;
    return false;
  }

  /** Forgets what is pending (a sandbox without a data file keeps nothing). */
  discard(): void {
    this.pending = new Map();
  }

  /** Every pending record, deferred ones included. */
  drain(): JournalRecord[] {
    const records = [...this.pending.values()].map((entry) => entry.build());
    this.pending = new Map();
    return records;
  }
}
