/**
 * Runs several ListSecrets queries at the same time (a range plan from name-ranges.ts, or the
 * "outside the prefixes" queries), every pagination under the gateway's limiter, plus exact-name
 * lookups, merging pages as they arrive. Each secret is handed on once (by ARN), however the
 * queries overlap. Values are never read.
 */
import type { DescribeSecretCommandOutput, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { AppError } from '../../../shared/errors';
import type { RangePlan } from './name-ranges';
import type { ListQuery, SecretsGateway } from './secrets-gateway';

export type ListedEntry = SecretListEntry & { readonly Name: string; readonly ARN: string };

export interface RangeListingOptions {
  readonly signal?: AbortSignal | undefined;
  /** Called with the new entries of each page (or lookup) as it arrives. */
  readonly onEntries?: ((fresh: readonly ListedEntry[], progress: { readonly scanned: number; readonly calls: number }) => void) | undefined;
}

export interface RangeListing {
  readonly entries: ListedEntry[];
  /** ListSecrets pages and DescribeSecret lookups made. */
  readonly calls: number;
}

function isListed(entry: SecretListEntry): entry is ListedEntry {
  return entry.Name !== undefined && entry.ARN !== undefined;
}

/** A DescribeSecret answer as the list entry ListSecrets would have given (metadata only). */
function asListEntry(described: DescribeSecretCommandOutput): SecretListEntry {
  return {
    ARN: described.ARN,
    Name: described.Name,
    Description: described.Description,
    LastChangedDate: described.LastChangedDate,
    LastAccessedDate: described.LastAccessedDate,
    CreatedDate: described.CreatedDate,
    DeletedDate: described.DeletedDate,
    Tags: described.Tags,
    SecretVersionsToStages: described.VersionIdsToStages,
  };
}

/** A range plan's ranges as queries. */
export function rangeQueries(plan: RangePlan, includePlannedDeletion: boolean): { queries: ListQuery[]; exactNames: readonly string[]; includePlannedDeletion: boolean } {
  return { queries: plan.ranges.map((range) => ({ include: range.include, exclude: range.exclude, includePlannedDeletion })), exactNames: plan.exactNames, includePlannedDeletion };
}

export async function listConcurrently(
  gateway: SecretsGateway,
  work: { readonly queries: readonly ListQuery[]; readonly exactNames?: readonly string[]; readonly includePlannedDeletion?: boolean },
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

  const runs = [
    ...work.queries.map(async (query) => {
      for await (const page of gateway.listPages(query, { signal })) take(page.entries);
    }),
    ...(work.exactNames ?? []).map(async (name) => {
      try {
        const described = await gateway.describe(name, { signal });
        // DescribeSecret also takes partial ARNs: only the exact name belongs here.
        const wanted = described.Name === name && (work.includePlannedDeletion === true || described.DeletedDate === undefined);
        take(wanted ? [asListEntry(described)] : []);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') take([]);
        else throw error;
      }
    }),
  ].map((run) =>
    run.catch((error: unknown) => {
      stop.abort();
      throw error;
    }),
  );
  await Promise.all(runs);
  return { entries, calls };
}
