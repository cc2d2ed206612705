/**
 * The inventory: what the last listings saw, per profile, account, region (and endpoint), so the
 * Secrets view can show the list at once on the next start and revalidate it in the background.
 *
 * Names and metadata only (ARN, description, dates, tags), never a value. One file per scope in
 * the data folder (`secret-inventory/<digest>.json`, 0600, atomic writes), read on first use.
 *
 * A write Airlock made changes the inventory at once. ListSecrets lags behind writes (up to a few
 * minutes, says AWS), so for a while a write also wins over what a listing reports about that
 * secret; after that, listings are the truth again.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretTag } from '../../../shared/api';
import { writeFileAtomic } from '../atomic-file';

export const INVENTORY_FOLDER = 'secret-inventory';
/** How long a write of Airlock's wins over listings (AWS: ListSecrets may lag up to ~5 minutes). */
export const WRITE_PRECEDENCE_MS = 5 * 60 * 1000;

export interface InventoryScope {
  readonly profile: string;
  readonly account: string | null;
  readonly region: string;
  readonly endpoint: string | null;
}

/** One secret's metadata as ListSecrets gives it; dates are ISO strings. */
export interface InventoryEntry {
  readonly name: string;
  readonly arn: string;
  readonly description: string | null;
  readonly lastChangedAt: string | null;
  readonly createdAt: string | null;
  readonly deletedAt: string | null;
  readonly tags: readonly SecretTag[];
}

/** A write that landed: the secret as it is now, or `removed` (deleted without recovery). */
export type InventoryWrite =
  | { readonly kind: 'upsert'; readonly name: string; readonly changes: Partial<Omit<InventoryEntry, 'name'>> }
  | { readonly kind: 'removed'; readonly name: string };

export interface InventorySnapshot {
  readonly entries: readonly InventoryEntry[];
  /** When the oldest of the listings these entries come from started. */
  readonly listedAt: string;
}

export interface SecretInventory {
  /** Everything known under these heads, or null when one of them was never listed in full. */
  snapshot(scope: InventoryScope, heads: readonly string[]): Promise<InventorySnapshot | null>;
  /** Every name known under these heads (listed or written), for planning listing ranges. */
  knownNames(scope: InventoryScope, heads: readonly string[]): Promise<string[]>;
  /** A complete listing of these heads, started at `startedAt`: it replaces what was known under them. */
  recordListing(scope: InventoryScope, heads: readonly string[], entries: readonly InventoryEntry[], startedAt: Date): Promise<InventoryEntry[]>;
  /** Applies a write of Airlock's at once. */
  recordWrite(scope: InventoryScope, write: InventoryWrite): Promise<void>;
  /** The writes still winning over listings under these heads (their current entry, or null when removed). */
  recentWrites(scope: InventoryScope, heads: readonly string[]): Promise<ReadonlyMap<string, InventoryEntry | null>>;
  /** Settles when everything recorded so far is on disk. */
  flush(): Promise<void>;
}

const tagSchema = z.object({ key: z.string(), value: z.string() });
const entrySchema = z.object({
  name: z.string(),
  arn: z.string(),
  description: z.string().nullable(),
  lastChangedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  tags: z.array(tagSchema),
});
const fileSchema = z.object({
  version: z.literal(1),
  scope: z.object({ profile: z.string(), account: z.string().nullable(), region: z.string(), endpoint: z.string().nullable() }),
  /** Head -> when its last complete listing started (ISO). */
  listed: z.record(z.string(), z.string()),
  entries: z.array(entrySchema),
  /** Name -> when Airlock wrote it (ms) and what it wrote (null: removed). */
  writes: z.record(z.string(), z.object({ at: z.number(), entry: entrySchema.nullable() })),
});

interface ScopeState {
  readonly scope: InventoryScope;
  readonly listed: Map<string, string>;
  readonly entries: Map<string, InventoryEntry>;
  readonly writes: Map<string, { at: number; entry: InventoryEntry | null }>;
}

const underAny = (heads: readonly string[]) => (name: string) => heads.some((head) => name.startsWith(head));

function scopeKey(scope: InventoryScope): string {
  return JSON.stringify([scope.profile, scope.account, scope.region, scope.endpoint]);
}

export function createSecretInventory(options: { directory: string; now?: () => Date }): SecretInventory {
  const folder = join(options.directory, INVENTORY_FOLDER);
  const now = options.now ?? (() => new Date());
  const states = new Map<string, Promise<ScopeState>>();
  /** Per scope: the write in progress, and whether another is needed after it. */
  const persisting = new Map<string, { running: Promise<void>; again: boolean }>();

  const fileOf = (scope: InventoryScope) => join(folder, `${createHash('sha256').update(scopeKey(scope)).digest('hex').slice(0, 32)}.json`);

  const load = async (scope: InventoryScope): Promise<ScopeState> => {
    const empty: ScopeState = { scope, listed: new Map(), entries: new Map(), writes: new Map() };
    let text: string;
    try {
      text = await readFile(fileOf(scope), 'utf8');
    } catch {
      return empty;
    }
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      // A digest collision or a file copied from elsewhere is not this scope's inventory.
      if (scopeKey(parsed.scope) !== scopeKey(scope)) return empty;
      return {
        scope,
        listed: new Map(Object.entries(parsed.listed)),
        entries: new Map(parsed.entries.map((entry) => [entry.name, entry])),
        writes: new Map(Object.entries(parsed.writes)),
      };
    } catch {
      // A damaged cache is only a cache: start again from the next listing.
      return empty;
    }
  };

  const stateOf = (scope: InventoryScope): Promise<ScopeState> => {
    const key = scopeKey(scope);
    let state = states.get(key);
    if (state === undefined) {
      state = load(scope);
      states.set(key, state);
    }
    return state;
  };

  const expireWrites = (state: ScopeState): void => {
    const cutoff = now().getTime() - WRITE_PRECEDENCE_MS;
    for (const [name, write] of state.writes) if (write.at < cutoff) state.writes.delete(name);
  };

  const writeFile = async (state: ScopeState): Promise<void> => {
    const file = {
      version: 1 as const,
      scope: state.scope,
      listed: Object.fromEntries(state.listed),
      entries: [...state.entries.values()],
      writes: Object.fromEntries(state.writes),
    };
    await writeFileAtomic(fileOf(state.scope), JSON.stringify(file), { mode: 0o600, dirMode: 0o700 });
  };

  /** Coalesces writes: one at a time per scope, and one more after it when something changed meanwhile. */
  const persist = (state: ScopeState): void => {
    const key = scopeKey(state.scope);
    const current = persisting.get(key);
    if (current !== undefined) {
      current.again = true;
      return;
    }
    const entry = { running: Promise.resolve(), again: false };
    entry.running = (async () => {
      do {
        entry.again = false;
        await writeFile(state).catch(() => undefined);
      } while (entry.again);
      persisting.delete(key);
    })();
    persisting.set(key, entry);
  };

  /** When every head was last listed in full (a listing of a shorter head covers longer ones), or null. */
  const listedAt = (state: ScopeState, heads: readonly string[]): string | null => {
    let oldest: string | null = null;
    for (const head of heads) {
      const covering = [...state.listed].filter(([listed]) => head.startsWith(listed)).map(([, at]) => at).sort().at(-1);
      if (covering === undefined) return null;
      if (oldest === null || covering < oldest) oldest = covering;
    }
    return oldest;
  };

  return {
    async snapshot(scope, heads) {
      const state = await stateOf(scope);
      const at = listedAt(state, heads);
      if (at === null) return null;
      const inside = underAny(heads);
      return { entries: [...state.entries.values()].filter((entry) => inside(entry.name)), listedAt: at };
    },
    async knownNames(scope, heads) {
      const state = await stateOf(scope);
      const inside = underAny(heads);
      return [...state.entries.keys()].filter(inside);
    },
    async recordListing(scope, heads, entries, startedAt) {
      const state = await stateOf(scope);
      expireWrites(state);
      const inside = underAny(heads);
      for (const name of [...state.entries.keys()]) if (inside(name)) state.entries.delete(name);
      for (const entry of entries) if (inside(entry.name)) state.entries.set(entry.name, entry);
      // What Airlock wrote lately wins over a listing that may not show it yet.
      for (const [name, write] of state.writes) {
        if (!inside(name)) continue;
        if (write.entry === null) state.entries.delete(name);
        else state.entries.set(name, write.entry);
      }
      for (const head of heads) {
        // This listing also renews every longer head it covers.
        for (const listed of [...state.listed.keys()]) if (listed.startsWith(head)) state.listed.delete(listed);
        state.listed.set(head, startedAt.toISOString());
      }
      persist(state);
      return [...state.entries.values()].filter((entry) => inside(entry.name));
    },
    async recordWrite(scope, write) {
      const state = await stateOf(scope);
      expireWrites(state);
      const at = now().getTime();
      if (write.kind === 'removed') {
        state.entries.delete(write.name);
        state.writes.set(write.name, { at, entry: null });
      } else {
        const before = state.entries.get(write.name);
        const entry: InventoryEntry = {
          name: write.name,
          arn: write.changes.arn ?? before?.arn ?? '',
          description: write.changes.description !== undefined ? write.changes.description : (before?.description ?? null),
          lastChangedAt: write.changes.lastChangedAt !== undefined ? write.changes.lastChangedAt : (before?.lastChangedAt ?? null),
          createdAt: write.changes.createdAt !== undefined ? write.changes.createdAt : (before?.createdAt ?? null),
          deletedAt: write.changes.deletedAt !== undefined ? write.changes.deletedAt : (before?.deletedAt ?? null),
          tags: write.changes.tags ?? before?.tags ?? [],
        };
        // Without an ARN the row cannot be shown or opened reliably: leave it to the next listing.
        if (entry.arn === '') return;
        state.entries.set(write.name, entry);
        state.writes.set(write.name, { at, entry });
      }
      persist(state);
    },
    async recentWrites(scope, heads) {
      const state = await stateOf(scope);
      expireWrites(state);
      const inside = underAny(heads);
      return new Map([...state.writes].filter(([name]) => inside(name)).map(([name, write]) => [name, write.entry]));
    },
    async flush() {
      while (persisting.size > 0) await Promise.all([...persisting.values()].map((entry) => entry.running));
    },
  };
}
