/**
 * Runs several ListSecrets queries at the same time (a range plan from name-ranges.ts, or the
 * "outside the prefixes" queries), every pagination under the gateway's limiter, merging pages
 * as they arrive. Each secret is handed on once (by ARN), however the
 * queries overlap. Values are never read.
 */
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { RangePlan } from './name-ranges';
import type { ListQuery, SecretsGateway } from './secrets-gateway';

export type ListedEntry = SecretListEntry & { readonly Name: string; readonly ARN: string };

export interface RangeListingOptions {
  readonly signal?: AbortSignal | undefined;
  /** Called with the new entries of each page as it arrives. */
  readonly onEntries?: ((fresh: readonly ListedEntry[], progress: { readonly scanned: number; readonly calls: number }) => void) | undefined;
}

export interface RangeListing {
  readonly entries: ListedEntry[];
  /** ListSecrets pages requested. */
  readonly calls: number;
}

function isListed(entry: SecretListEntry): entry is ListedEntry {
  return entry.Name !== undefined && entry.ARN !== undefined;
}

/** A range plan's ranges as queries. */
export function rangeQueries(plan: RangePlan, includePlannedDeletion: boolean): ListQuery[] {
  return plan.ranges.map((range) => ({ include: range.include, exclude: range.exclude, includePlannedDeletion }));
}

export async function listConcurrently(
  gateway: SecretsGateway,
  queries: readonly ListQuery[],
  options: RangeListingOptions,
): Promise<RangeListing> {
  // The first failure stops every other range: a partial listing is not a listing.
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const seen = new Set<string>();
  const entries: ListedEntry[] = [];
  let calls = 0;

  const take = (page: readonly SecretListEntry[]): void => {
    calls += 1;
    const fresh: ListedEntry[] = [];
    for (const entry of page) {
      if (!isListed(entry) || seen.has(entry.ARN)) continue;
      seen.add(entry.ARN);
      fresh.push(entry);
    }
    entries.push(...fresh);
    options.onEntries?.(fresh, { scanned: entries.length, calls });
  };

  const runs = queries.map(async (query) => {
    for await (const page of gateway.listPages(query, { signal })) take(page.entries);
  }).map((run) =>
    run.catch((error: unknown) => {
      stop.abort();
      throw error;
    }),
  );
  await Promise.all(runs);
  return { entries, calls };
}
