/**
 * Reviewed plans waiting for the user's click, held in memory only (they can hold credentials and
 * the values to write). Entries expire and the oldest are dropped past a limit, so an old review
 * screen cannot write, and `take` hands a plan out once.
 */
export interface ExpiringStore<T extends { readonly id: string; readonly createdAt: number }> {
  put(entry: T): void;
  get(id: string): T | null;
  /** Removes and returns the entry. */
  take(id: string): T | null;
  delete(id: string): void;
}

export function createExpiringStore<T extends { readonly id: string; readonly createdAt: number }>(options: {
  now: () => Date;
  ttlMs: number;
  maxEntries: number;
}): ExpiringStore<T> {
  const entries = new Map<string, T>();
  const prune = (): void => {
    const now = options.now().getTime();
    for (const [id, entry] of entries) if (now - entry.createdAt > options.ttlMs) entries.delete(id);
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };
  return {
    put(entry) {
      entries.set(entry.id, entry);
      prune();
    },
    get(id) {
      prune();
      return entries.get(id) ?? null;
    },
    take(id) {
      prune();
      const entry = entries.get(id) ?? null;
      entries.delete(id);
      return entry;
    },
    delete(id) {
      entries.delete(id);
    },
  };
}
