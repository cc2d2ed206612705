/**
 * Listing: the secrets Airflow reads under the prefixes in use, the secrets "outside" them, and
 * (on request only) a check of the connection values for variables stored as connections.
 *
 * The main listing splits the prefixes into name ranges (name-ranges.ts) balanced by what earlier
 * listings saw (the inventory), and lists them at the same time under the gateway's limiter,
 * handing rows on as pages arrive: N secrets cost at most 1.5 x ceil(N/100) calls, and it never
 * reads a value. The first listing of a scope, with nothing known yet, is one pagination.
 */
import { detectConnectionTraps } from '../../../shared/airflow';
import type { OutsideListing, OutsideSecret, SecretListing, SecretSummary } from '../../../shared/api';
import type { KwargsInUse } from '../../../shared/secrets';
import { listingNameFilters, notAConnectionPlacement, outsideNameFilters, outsideWordFilters, placeSecretName, secretKinds } from '../../../shared/secrets';
import type { InventoryEntry } from './inventory-store';
import { planNameRanges } from './name-ranges';
import { listConcurrently, rangeQueries } from './range-listing';
import { readCurrentStates } from './read-values';
import { byName, metadataOf, outsideSummary, placeListed } from './secret-summaries';
import { LIST_PAGE_SIZE } from './secrets-gateway';
import { kwargsOrThrow, secretsTarget, type SecretsDeps } from './secrets-deps';

/** How many ranges of one listing run at once (the limiter, not this, keeps the rate). */
export const MAX_LIST_RANGES = 10;

interface ListInput {
  readonly kwargs: string;
  readonly taskId?: string | undefined;
}

/** Rows of a listing as they arrive: new rows only, each once. */
export interface ListingPage {
  readonly items: readonly SecretSummary[];
  readonly notLookedUp: readonly OutsideSecret[];
  /** Secrets seen so far, and calls made. */
  readonly scanned: number;
  readonly calls: number;
}

function reporter(deps: SecretsDeps, taskId: string | undefined, label: string) {
  return (done: number, total: number | null = null) => {
    if (taskId !== undefined) deps.progress?.({ taskId, label, done, total });
  };
}

/** What the main listing of these kwargs lists: its name prefixes ('' for every name), or null when Airflow reads nothing. */
export function listingHeads(use: KwargsInUse): string[] | null {
  const filters = listingNameFilters(use);
  if (filters === null) return [''];
  return filters.length === 0 ? null : filters;
}

export function listingFrame(use: KwargsInUse): Pick<SecretListing, 'prefixes' | 'joiner' | 'kwargsWarnings'> {
  return {
    prefixes: { connections: use.prefixes.connection, variables: use.prefixes.variable, config: use.prefixes.config },
    joiner: use.joiner,
    kwargsWarnings: use.warnings.map((w) => w.message),
  };
}

/** Sorted rows of the main listing from metadata. */
export function listingRows(use: KwargsInUse, entries: readonly InventoryEntry[]): Pick<SecretListing, 'items' | 'notLookedUp'> {
  const placed = placeListed(use, entries);
  return { items: placed.items.sort(byName), notLookedUp: placed.notLookedUp.sort(byName) };
}

export async function listAirflowSecrets(deps: SecretsDeps, input: ListInput, signal?: AbortSignal, onPage?: (page: ListingPage) => void): Promise<SecretListing> {
  const use = kwargsOrThrow(input.kwargs);
  const frame = listingFrame(use);
  const heads = listingHeads(use);
  // Every prefix is null: Airflow never asks Secrets Manager for anything.
  if (heads === null) return { ...frame, items: [], notLookedUp: [], listCalls: 0 };
  const target = await secretsTarget(deps, await deps.clients());
  const known = (await deps.inventory?.knownNames(target.scope, heads)) ?? [];
  const plan = planNameRanges(heads, known, { maxRanges: MAX_LIST_RANGES, pageSize: LIST_PAGE_SIZE });
  const startedAt = new Date();
  const report = reporter(deps, input.taskId, 'Listing secrets');
  const listed = await listConcurrently(target.gateway, rangeQueries(plan, true), {
    signal,
    onEntries: (fresh, progress) => {
      report(progress.scanned);
      if (onPage !== undefined) onPage({ ...placeListed(use, fresh.map(metadataOf)), scanned: progress.scanned, calls: progress.calls });
    },
  });
  const metadata = listed.entries.map(metadataOf);
  // The inventory adds what Airlock wrote lately that ListSecrets may not show yet.
  const entries = deps.inventory === undefined ? metadata : await deps.inventory.recordListing(target.scope, heads, metadata, startedAt);
  return { ...frame, ...listingRows(use, entries), listCalls: listed.calls };
}

/**
 * Secrets that look like Airflow secrets but that Airflow never reads: names starting with `/`
 * or "airflow" (any case), and names, descriptions or tags with the words connection, variable
 * or config. Two ListSecrets paginations at once, with server-side filters that leave out the
 * names under the prefixes (negated name filters: the main listing has those), so a store of
 * Airflow secrets costs two calls, not two more full passes. No value is read.
 */
export async function listOutsideSecrets(deps: SecretsDeps, input: ListInput, signal?: AbortSignal): Promise<OutsideListing> {
  const use = kwargsOrThrow(input.kwargs);
  const { gateway } = await secretsTarget(deps, await deps.clients());
  const report = reporter(deps, input.taskId, 'Looking for misplaced secrets');
  const heads = listingHeads(use);
  // With a prefix of "" every name is under the prefixes: nothing to leave out.
  const exclude = heads === null || heads.includes('') ? [] : heads;
  const listed = await listConcurrently(
    gateway,
    [{ include: outsideNameFilters(use), exclude }, { exclude, extra: [{ Key: 'all', Values: [...outsideWordFilters] }] }],
    { signal, onEntries: (_fresh, progress) => report(progress.scanned) },
  );
  const items: OutsideSecret[] = [];
  for (const entry of listed.entries) {
    const metadata = metadataOf(entry);
    const placement = placeSecretName(use, metadata.name);
    if (placement?.where === 'outside') items.push(outsideSummary(metadata, placement));
  }
  return { items: items.sort(byName), listCalls: listed.calls };
}

/**
 * Reads the value of every connection under the prefix (the user asked for it) and returns those
 * that are not connections at all, most likely variables stored under the connections prefix.
 * BatchGetSecretValue, 20 a call: ceil(N/20) calls for N connections, with progress and cancel.
 * The values themselves are never returned.
 */
export async function checkConnectionValues(deps: SecretsDeps, input: ListInput, signal?: AbortSignal): Promise<{ items: OutsideSecret[]; checked: number }> {
  const use = kwargsOrThrow(input.kwargs);
  const listing = await listAirflowSecrets(deps, { kwargs: input.kwargs }, signal);
  const connections = listing.items.filter((item) => secretKinds[item.kind].valueFormat === 'connection' && item.deletedAt === null);
  const { gateway } = await secretsTarget(deps, await deps.clients());
  const report = reporter(deps, input.taskId, 'Checking connection values');
  const states = await readCurrentStates(
    gateway,
    connections.map((c) => c.name),
    { onProgress: (done) => report(done, connections.length), signal },
  );
  const items: OutsideSecret[] = [];
  for (const connection of connections) {
    const value = states.get(connection.name)?.value;
    if (value === null || value === undefined) continue;
    const traps = detectConnectionTraps(value, use.kwargs);
    if (!traps.some((trap) => trap.code === 'secret.not-a-connection' || trap.code === 'json.no-connection-fields')) continue;
    const placement = notAConnectionPlacement(use, connection.id);
    if (placement.where !== 'outside') continue;
    items.push({
      name: connection.name,
      arn: connection.arn,
      description: connection.description,
      lastChangedAt: connection.lastChangedAt,
      deletedAt: null,
      tags: connection.tags,
      reason: placement.reason,
      message: placement.message,
      kind: placement.kind,
      id: placement.id,
      suggestedName: placement.suggestedName,
    });
  }
  return { items, checked: connections.length };
}
