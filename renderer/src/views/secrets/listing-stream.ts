/**
 * The streamed Secrets listing on the window's side (pure parts): folding each `secrets.listMore`
 * answer into the rows shown, and the "updated N s ago" text.
 */
import type { ListingUpdate, SecretListing } from '../../../../shared/api';

/** The listing with an update applied: rows added or replaced by name, dropped rows removed. */
export function applyListingUpdate(listing: SecretListing, update: ListingUpdate): SecretListing {
  const merge = <T extends { readonly name: string }>(rows: readonly T[], fresh: readonly T[]): T[] => {
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const row of fresh) byName.set(row.name, row);
    for (const name of update.removed) byName.delete(name);
    return [...byName.values()];
  };
  return {
    ...listing,
    items: merge(listing.items, update.items),
    notLookedUp: merge(listing.notLookedUp, update.notLookedUp),
    listCalls: update.listCalls,
    ...(listing.stream === undefined
      ? {}
      : {
          stream: {
            ...listing.stream,
            cursor: update.cursor,
            // Once done, the rows are the new listing's: no longer the cache's.
            ...(update.done ? { listedAt: update.listedAt, fromCache: false } : {}),
          },
        }),
  };
}

/** "updated 12 s ago", "updated 3 min ago"; null when the time is unknown. */
export function updatedAgo(listedAt: string | null, now: number): string | null {
  if (listedAt === null) return null;
  const seconds = Math.max(0, Math.round((now - Date.parse(listedAt)) / 1000));
  if (Number.isNaN(seconds)) return null;
  if (seconds < 60) return `updated ${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `updated ${minutes} min ago`;
  return `updated ${Math.round(minutes / 60)} h ago`;
}
