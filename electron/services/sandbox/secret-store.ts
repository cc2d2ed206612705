import { looksLikeArn, partialArn } from './arn';
import type { SandboxState, StoredSecret } from './secret-model';

/**
 * The set of secrets plus a "changed" flag the server reads after each request to decide whether
 * to persist. Operations mutate the secrets they get from here and call `markChanged`.
 */
export class SecretStore {
  private readonly byName = new Map<string, StoredSecret>();
  private nextSeqValue: number;
  private changed = false;

  constructor(state: SandboxState) {
    for (const secret of state.secrets) this.byName.set(secret.name, secret);
    this.nextSeqValue = state.nextSeq;
  }

  /** All secrets in creation order, including those scheduled for deletion. */
  all(): StoredSecret[] {
    return [...this.byName.values()];
  }

  get size(): number {
    return this.byName.size;
  }

  findByName(name: string): StoredSecret | undefined {
    return this.byName.get(name);
  }

  /** Resolves a SecretId the way AWS does: a name, a full ARN or a partial ARN (without suffix). */
  find(secretId: string): StoredSecret | undefined {
    if (!looksLikeArn(secretId)) return this.byName.get(secretId);
    for (const secret of this.byName.values()) {
      if (secret.arn === secretId || partialArn(secret.arn) === secretId) return secret;
    }
    return undefined;
  }

  allocateSeq(): number {
    const seq = this.nextSeqValue;
    this.nextSeqValue += 1;
    return seq;
  }

  insert(secret: StoredSecret): void {
    this.byName.set(secret.name, secret);
    this.markChanged();
  }

  remove(secret: StoredSecret): void {
    this.byName.delete(secret.name);
    this.markChanged();
  }

  /** AWS purges a scheduled secret some time after its recovery window; here, on the next request. */
  purgeExpired(nowMs: number): void {
    for (const secret of this.byName.values()) {
      if (secret.deletionDate !== undefined && secret.deletionDate <= nowMs) this.remove(secret);
    }
  }

  markChanged(): void {
    this.changed = true;
  }

  /** True once per batch of changes: the caller persists and the flag resets. */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  toState(): SandboxState {
    return { nextSeq: this.nextSeqValue, secrets: this.all() };
  }
}
