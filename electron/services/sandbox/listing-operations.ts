import { readFilters, matchesFilters } from './list-filters';
import type { SecretFilter } from './list-filters';
import type { OperationContext, OperationHandler } from './operation-context';
import { paginate, paginateByKey, queryScope } from './page-token';
import { CURRENT, isScheduledForDeletion } from './secret-model';
import type { StoredSecret, StoredVersion } from './secret-model';
import type { SecretStore } from './secret-store';
import { readSecretId, recordAccess, requireActiveSecret, requireSecret } from './secret-rules';
import { versionByStage } from './secret-versions';
import { listEntryView, secretValueView, versionListEntryView } from './secret-views';
import type { WireObject } from './secret-views';
import { invalidParameter, ServiceError } from './service-error';

const sortKeys = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] as const;
type SortBy = (typeof sortKeys)[number];
type SortOrder = 'asc' | 'desc';
/** The primary sort value and the creation sequence that breaks ties; also the page cursor. */
type SortKey = readonly [string | number, number];

function sortKeyOf(secret: StoredSecret, sortBy: SortBy): SortKey {
  switch (sortBy) {
    case 'created-date':
      return [secret.createdDate, secret.seq];
    case 'last-accessed-date':
      return [secret.lastAccessedDate ?? 0, secret.seq];
    case 'last-changed-date':
      return [secret.lastChangedDate, secret.seq];
    case 'name':
      return [secret.name, secret.seq];
  }
}

function compareKeys(a: SortKey, b: SortKey, order: SortOrder): number {
  const primary = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  const result = primary !== 0 ? primary : a[1] - b[1];
  return order === 'asc' ? result : -result;
}

function isSortKey(value: unknown, sortBy: SortBy): value is SortKey {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[1] !== 'number') return false;
  return sortBy === 'name' ? typeof value[0] === 'string' : typeof value[0] === 'number';
}

interface SortedMatches {
  readonly keyed: readonly { readonly secret: StoredSecret; readonly key: SortKey }[];
  readonly sorted: StoredSecret[];
}

/**
 * The last few queries' sorted matches per store, valid while the store's revision stands: a
 * listing's pages all ask the same query, and filtering and sorting 10,000 secrets for each page
 * cost the sandbox ~20 ms of CPU a call, which a benchmark would have measured as the app's.
 */
const sortedCache = new WeakMap<SecretStore, { revision: number; byScope: Map<string, SortedMatches> }>();
const CACHED_QUERIES = 32;

function sortedMatches(
  store: SecretStore,
  scope: string,
  query: { filters: readonly SecretFilter[]; includePlannedDeletion: boolean; sortBy: SortBy; sortOrder: SortOrder },
): SortedMatches {
  let cache = sortedCache.get(store);
  if (cache?.revision !== store.revision) {
    cache = { revision: store.revision, byScope: new Map() };
    sortedCache.set(store, cache);
  }
  const cached = cache.byScope.get(scope);
  if (cached !== undefined) return cached;
  const { sortBy, sortOrder } = query;
  // Keys are computed once per secret, not once per comparison: at 10,000 secrets this is most of a page's cost.
  const keyed = store
    .all()
    .filter((secret) => query.includePlannedDeletion || !isScheduledForDeletion(secret))
    .filter((secret) => matchesFilters(secret, query.filters))
    .map((secret) => ({ secret, key: sortKeyOf(secret, sortBy) }))
    .sort((a, b) => compareKeys(a.key, b.key, sortOrder));
  const matches = { keyed, sorted: keyed.map((entry) => entry.secret) };
  if (cache.byScope.size >= CACHED_QUERIES) cache.byScope.clear();
  cache.byScope.set(scope, matches);
  return matches;
}

/** Sorted matches of a query, paged by a cursor on the sort key so that writes between pages neither skip nor repeat entries. */
function pageOfSecrets(
  context: OperationContext,
  query: { filters: readonly SecretFilter[]; includePlannedDeletion: boolean; sortBy: SortBy; sortOrder: SortOrder },
  maxResults: number,
  nextToken: string | undefined,
): { secrets: StoredSecret[]; nextToken?: string } {
  const { sortBy, sortOrder } = query;
  const scope = queryScope(['ListSecrets', query]);
  const { keyed, sorted } = sortedMatches(context.store, scope, query);
  const page = paginate(sorted, {
    maxResults,
    nextToken,
    scope,
    codec: context.pageTokens,
    cursorOf: (secret) => sortKeyOf(secret, sortBy),
    resumeIndex: (cursor) => {
      if (!isSortKey(cursor, sortBy)) return undefined;
      // The first entry after the cursor, by binary search: the entries are sorted by this order.
      let [lo, hi] = [0, keyed.length];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareKeys(keyed[mid]?.key ?? cursor, cursor, sortOrder) > 0) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  });
  return page.nextToken === undefined ? { secrets: page.items } : { secrets: page.items, nextToken: page.nextToken };
}

export const listSecrets: OperationHandler = (input, context) => {
  const includePlannedDeletion = input.optionalBoolean('IncludePlannedDeletion') ?? false;
  const maxResults = input.optionalInteger('MaxResults', { min: 1, max: 100 }) ?? 100;
  const nextToken = input.optionalString('NextToken', { min: 1, max: 4096 });
  const filters = readFilters(input) ?? [];
  const sortOrder = input.optionalEnum('SortOrder', ['asc', 'desc'] as const) ?? 'asc';
  const sortBy = input.optionalEnum('SortBy', sortKeys) ?? 'created-date';
  const page = pageOfSecrets(context, { filters, includePlannedDeletion, sortBy, sortOrder }, maxResults, nextToken);
  const output: WireObject = { SecretList: page.secrets.map(listEntryView) };
  if (page.nextToken !== undefined) output.NextToken = page.nextToken;
  return output;
};

function errorEntry(secretId: string, error: ServiceError): WireObject {
  return { SecretId: secretId, ErrorCode: error.code, Message: error.message };
}

function currentValue(context: OperationContext, secret: StoredSecret): WireObject {
  context.authorizeRead(secret);
  const version = versionByStage(secret, CURRENT);
  if (version === undefined) {
    throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${CURRENT}`);
  }
  recordAccess(context.store, secret, version, context.nowMs);
  return secretValueView(secret, version);
}

/** Per-secret failures become entries of Errors[]; only a bad request as a whole fails the call. */
export const batchGetSecretValue: OperationHandler = (input, context) => {
  const secretIds = input.optionalStringList('SecretIdList', { min: 1, max: 20, item: { min: 1, max: 2048 } });
  const filters = readFilters(input);
  const maxResults = input.optionalInteger('MaxResults', { min: 1, max: 20 });
  const nextToken = input.optionalString('NextToken', { min: 1, max: 4096 });
  if ((secretIds === undefined) === (filters === undefined)) {
    throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }
  const values: WireObject[] = [];
  const errors: WireObject[] = [];
  const collect = (secretId: string, read: () => WireObject): void => {
    try {
      values.push(read());
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      errors.push(errorEntry(secretId, error));
    }
  };

  if (secretIds !== undefined) {
    if (maxResults !== undefined) throw invalidParameter("'Filters' must be provided when you use 'MaxResults'.");
    for (const secretId of secretIds) collect(secretId, () => currentValue(context, requireActiveSecret(context.store, secretId)));
    return { SecretValues: values, Errors: errors };
  }

  const query = { filters: filters ?? [], includePlannedDeletion: false, sortBy: 'created-date' as const, sortOrder: 'asc' as const };
  const page = pageOfSecrets(context, query, maxResults ?? 20, nextToken);
  for (const secret of page.secrets) collect(secret.name, () => currentValue(context, secret));
  const output: WireObject = { SecretValues: values, Errors: errors };
  if (page.nextToken !== undefined) output.NextToken = page.nextToken;
  return output;
};

export const listSecretVersionIds: OperationHandler = (input, context) => {
  const secretId = readSecretId(input);
  const maxResults = input.optionalInteger('MaxResults', { min: 1, max: 100 }) ?? 100;
  const nextToken = input.optionalString('NextToken', { min: 1, max: 4096 });
  const includeDeprecated = input.optionalBoolean('IncludeDeprecated') ?? false;
  const secret = requireSecret(context.store, secretId);
  // Newest first; versions only ever get appended, so reversing the list sorts by creation.
  const versions = [...secret.versions].reverse().filter((version) => includeDeprecated || version.stages.length > 0);
  const page = paginateByKey<StoredVersion>(versions, {
    maxResults,
    nextToken,
    scope: ['ListSecretVersionIds', secret.arn, includeDeprecated],
    codec: context.pageTokens,
    keyOf: (version) => version.versionId,
  });
  const output: WireObject = { ARN: secret.arn, Name: secret.name, Versions: page.items.map(versionListEntryView) };
  if (page.nextToken !== undefined) output.NextToken = page.nextToken;
  return output;
};
