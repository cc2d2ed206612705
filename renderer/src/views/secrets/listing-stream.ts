/**
 * The streamed Secrets listing on the window's side (pure parts): folding each `secrets.listMore`
 * answer into the rows shown, and the "updated N s ago" text.
 */
import type { ListingUpdate, SecretListing } from '../../../../shared/api';
import { applyRowBatch } from './secret-list-model';

/**
 * The listing with an update applied: rows added or replaced by name, dropped rows removed. Rows
 * the update does not touch keep their identity, and an update without rows keeps the arrays, so
 * the list model only does the new rows' work (and a revalidation that finds nothing new, none).
 */
export function applyListingUpdate(listing: SecretListing, update: ListingUpdate): SecretListing {
  return {
    ...listing,
    items: applyRowBatch(listing.items, { items: update.items, removed: update.removed }),
    notLookedUp: applyRowBatch(listing.notLookedUp, { items: update.notLookedUp, removed: update.removed }),
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
