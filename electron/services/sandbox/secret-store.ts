import { looksLikeArn, partialArn } from './arn';
import type { SandboxState, StoredSecret } from './secret-model';
import type { ChangeSet } from './state-changes';

/**
 * The secrets of one account in one region. Operations mutate the secrets they get from here and
 * report each change (`markChanged(secret)`), which becomes one journal record for that secret.
 * Lookups by name and ARN and the purge of expired deletions cost the same at 10 secrets as at
 * 10,000, so the sandbox does not slow down the benchmarks it serves.
 */
export class SecretStore {
  readonly accountId: string;
  readonly region: string;
  private readonly byName = new Map<string, StoredSecret>();
  /** Full and partial (suffix-less) ARNs. */
  private readonly byArn = new Map<string, StoredSecret>();
  private readonly scheduled = new Set<StoredSecret>();
  private nextSeqValue: number;
  private readonly changes: ChangeSet;
  /** Bumped by every change, so a listing can reuse its sorted matches until the next one. */
  private revisionValue = 0;

  constructor(scope: { readonly accountId: string; readonly region: string }, state: SandboxState, changes: ChangeSet) {
    this.accountId = scope.accountId;
    this.region = scope.region;
    this.changes = changes;
    this.nextSeqValue = state.nextSeq;
    for (const secret of state.secrets) this.index(secret);
  }

  private index(secret: StoredSecret): void {
    this.revisionValue += 1;
    this.byName.set(secret.name, secret);
    this.byArn.set(secret.arn, secret);
    this.byArn.set(partialArn(secret.arn), secret);
    if (secret.deletionDate !== undefined) this.scheduled.add(secret);
  }

  private unindex(secret: StoredSecret): void {
    this.revisionValue += 1;
    this.byName.delete(secret.name);
    this.byArn.delete(secret.arn);
    this.byArn.delete(partialArn(secret.arn));
    this.scheduled.delete(secret);
  }

  /** All secrets in creation order, including those scheduled for deletion. */
  all(): StoredSecret[] {
    return [...this.byName.values()];
  }

  /** Changes on every insert, removal, change and recorded access. */
  get revision(): number {
    return this.revisionValue;
  }

  get size(): number {
    return this.byName.size;
  }

  get nextSeq(): number {
    return this.nextSeqValue;
  }

  findByName(name: string): StoredSecret | undefined {
    return this.byName.get(name);
  }

  /** Resolves a SecretId the way AWS does: a name, a full ARN or a partial ARN (without suffix). */
  find(secretId: string): StoredSecret | undefined {
    return looksLikeArn(secretId) ? this.byArn.get(secretId) : this.byName.get(secretId);
  }

  allocateSeq(): number {
    const seq = this.nextSeqValue;
    this.nextSeqValue += 1;
    return seq;
  }

  insert(secret: StoredSecret): void {
    this.index(secret);
    this.markChanged(secret);
  }

  remove(secret: StoredSecret): void {
    this.unindex(secret);
    const { accountId: a, region: r } = this;
    this.changes.note(`secret:${a}:${r}:${secret.name}`, () => ({ t: 'secret-gone', a, r, name: secret.name, n: this.nextSeqValue }));
  }

  /** AWS purges a scheduled secret some time after its recovery window; here, on the next request. */
  purgeExpired(nowMs: number): void {
    for (const secret of [...this.scheduled]) {
      if (secret.deletionDate !== undefined && secret.deletionDate <= nowMs) this.remove(secret);
    }
  }

  /** Records that a secret changed (it is written whole, in its state at the end of the request). */
  markChanged(secret: StoredSecret): void {
    this.revisionValue += 1;
    if (secret.deletionDate === undefined) this.scheduled.delete(secret);
    else this.scheduled.add(secret);
    const { accountId: a, region: r } = this;
    this.changes.note(`secret:${a}:${r}:${secret.name}`, () => ({ t: 'secret', a, r, n: this.nextSeqValue, s: secret }));
  }

  /** A read's LastAccessedDate: recorded, but not worth a disk flush of its own (see Durability). */
  markAccessed(secret: StoredSecret): void {
    this.revisionValue += 1;
    const { accountId: a, region: r } = this;
    this.changes.note(`secret:${a}:${r}:${secret.name}`, () => ({ t: 'secret', a, r, n: this.nextSeqValue, s: secret }), 'deferred');
  }

  /** Replays a journal record: the secret as it was written, replacing any of that name. */
  restore(secret: StoredSecret, nextSeq: number): void {
    const existing = this.byName.get(secret.name);
    if (existing !== undefined) this.unindex(existing);
    this.index(secret);
    this.nextSeqValue = Math.max(this.nextSeqValue, nextSeq);
  }

  /** Replays a removal record. */
  forget(name: string, nextSeq: number): void {
    const existing = this.byName.get(name);
    if (existing !== undefined) this.unindex(existing);
    this.nextSeqValue = Math.max(this.nextSeqValue, nextSeq);
  }

  toState(): SandboxState {
    return { nextSeq: this.nextSeqValue, secrets: this.all() };
  }
}
