/**
 * Listing: the secrets Airflow reads under the prefixes in use, the secrets "outside" them, and
 * (on request only) a check of the connection values for variables stored as connections.
 *
 * The main listing is one ListSecrets pagination whose name filter holds every prefix, so N
 * secrets cost ceil(N/100) calls, and it never reads a value.
 */
import { detectConnectionTraps } from '../../../shared/airflow';
import type { OutsideListing, OutsideSecret, SecretListing, SecretSummary } from '../../../shared/api';
import { listingNameFilters, notAConnectionPlacement, outsideNameFilters, outsideWordFilters, placeSecretName } from '../../../shared/secrets/secret-placement';
import { listSecretsUnderPrefix } from './list-secrets';
import { readCurrentStates } from './read-values';
import { outsideSummary, insideSummary, uniqueEntries } from './secret-summaries';
import { aws, kwargsOrThrow, type SecretsDeps } from './secrets-deps';

interface ListInput {
  readonly kwargs: string;
  readonly taskId?: string | undefined;
}

function reporter(deps: SecretsDeps, taskId: string | undefined, label: string) {
  return (done: number, total: number | null = null) => {
    if (taskId !== undefined) deps.progress?.({ taskId, label, done, total });
  };
}

export async function listAirflowSecrets(deps: SecretsDeps, input: ListInput, signal?: AbortSignal): Promise<SecretListing> {
  const use = kwargsOrThrow(input.kwargs);
  const prefixes = { connections: use.prefixes.connection, variables: use.prefixes.variable, config: use.prefixes.config };
  const kwargsWarnings = use.warnings.map((w) => w.message);
  const filters = listingNameFilters(use);
  if (filters !== null && filters.length === 0) {
    // Every prefix is null: Airflow never asks Secrets Manager for anything.
    return { prefixes, joiner: use.joiner, items: [], notLookedUp: [], listCalls: 0, kwargsWarnings };
  }
  const clients = await deps.clients();
  const report = reporter(deps, input.taskId, 'Listing secrets');
  const { entries, calls } = await aws(clients, undefined, () =>
    listSecretsUnderPrefix(clients.secretsManager, {
      namePrefixes: filters ?? [''],
      includePlannedDeletion: true,
      ...(signal === undefined ? {} : { signal }),
      onPage: (loaded) => report(loaded),
    }),
  );
  const items: SecretSummary[] = [];
  const notLookedUp: OutsideSecret[] = [];
  for (const entry of uniqueEntries(entries)) {
    const placement = placeSecretName(use, entry.Name);
    if (placement?.where === 'inside') items.push(insideSummary(entry, placement));
    else if (placement?.where === 'outside' && placement.reason === 'not-looked-up') notLookedUp.push(outsideSummary(entry, placement));
  }
  items.sort((a, b) => a.name.localeCompare(b.name));
  return { prefixes, joiner: use.joiner, items, notLookedUp, listCalls: calls, kwargsWarnings };
}

/**
 * Secrets that look like Airflow secrets but that Airflow never reads: names starting with `/`
 * or "airflow" (any case), and names, descriptions or tags with the words connection, variable
 * or config. Two ListSecrets paginations with server-side filters; no value is read.
 */
export async function listOutsideSecrets(deps: SecretsDeps, input: ListInput, signal?: AbortSignal): Promise<OutsideListing> {
  const use = kwargsOrThrow(input.kwargs);
  const clients = await deps.clients();
  const report = reporter(deps, input.taskId, 'Looking for misplaced secrets');
  const common = { includePlannedDeletion: false, ...(signal === undefined ? {} : { signal }) };
  const byName = await aws(clients, undefined, () => listSecretsUnderPrefix(clients.secretsManager, { ...common, namePrefixes: outsideNameFilters(use), onPage: (n) => report(n) }));
  const byWord = await aws(clients, undefined, () =>
    listSecretsUnderPrefix(clients.secretsManager, { ...common, extraFilters: [{ Key: 'all', Values: [...outsideWordFilters] }], onPage: (n) => report(byName.entries.length + n) }),
  );
  const items: OutsideSecret[] = [];
  for (const entry of uniqueEntries([...byName.entries, ...byWord.entries])) {
    const placement = placeSecretName(use, entry.Name);
    if (placement?.where === 'outside') items.push(outsideSummary(entry, placement));
  }
  items.sort((a, b) => a.name.localeCompare(b.name));
  return { items, listCalls: byName.calls + byWord.calls };
}

/**
 * Reads the value of every connection under the prefix (the user asked for it) and returns those
 * that are not connections at all, most likely variables stored under the connections prefix.
 * The values themselves are never returned.
 */
export async function checkConnectionValues(deps: SecretsDeps, input: ListInput, signal?: AbortSignal): Promise<{ items: OutsideSecret[]; checked: number }> {
  const use = kwargsOrThrow(input.kwargs);
  const listing = await listAirflowSecrets(deps, { kwargs: input.kwargs }, signal);
  const connections = listing.items.filter((item) => item.kind === 'connection' && item.deletedAt === null);
  const clients = await deps.clients();
  const report = reporter(deps, input.taskId, 'Checking connection values');
  const states = await readCurrentStates(deps, clients, connections.map((c) => c.name), (done) => report(done, connections.length));
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
