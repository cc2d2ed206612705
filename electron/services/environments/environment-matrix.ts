/**
 * The environment matrix (issue 13 item 4): every environment of a project listed at once, each
 * with its own profile's clients (session.clientsForProfile: the active profile stays as it is) and
 * through the one Secrets Manager gateway, so each account keeps its own limits. Listing reads
 * names only; comparing values is a separate, explicit call that reads them in batches and keeps
 * them here: the window gets verdicts and field names (shared/environments/matrix.ts). Plain Node.
 */
import type { TaskProgress } from '../../../shared/api';
import type { EnvironmentMatrix, EnvironmentView, MatrixColumn, MatrixComparisons } from '../../../shared/api';
import { buildMatrixRows, compareAsAirflowReads, rowKey, type DagId, type ListedEnvironment, type MatrixRow, type ReadValue } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { readKwargsInUse, type KwargsInUse } from '../../../shared/secrets';
import { listingNameFilters, outsideNameFilters } from '../../../shared/secrets';
import type { Logger } from '../log';
import { BATCH_GET_SIZE, type SecretsGateway, type SecretsManagerAccess, readCurrentStates } from '../secrets';
import type { ProfileClients } from '../session';
import type { EnvironmentsService } from './environments-service';

export interface EnvironmentMatrixDeps {
  readonly environments: Pick<EnvironmentsService, 'list'>;
  /** Any profile's clients, beside the active one (the session's `clientsForProfile`). */
  readonly profiles: { clientsForProfile(name: string, region?: string): Promise<ProfileClients> };
  readonly access: SecretsManagerAccess;
  /** The ids the project's DAGs read (the DAG reference scan); the composition root hands it in. */
  readonly dagIds: (projectPath: string, signal?: AbortSignal) => Promise<readonly DagId[]>;
  readonly onProgress?: (progress: TaskProgress) => void;
  readonly log: Logger;
  /** Milliseconds; tests pass a clock they move themselves. */
  readonly now?: () => number;
}

/**
 * How long the names a matrix listed are reused by a comparison of the same environments: the
 * window asks to compare the rows it shows, right after listing them, and listing every
 * environment again would double the ListSecrets calls for nothing.
 */
export const MATRIX_LISTING_REUSE_MS = 60_000;

export interface EnvironmentMatrixService {
  matrix(path: string, options?: { readDeployments?: boolean; signal?: AbortSignal }): Promise<EnvironmentMatrix>;
  compareValues(path: string, input: { taskId: string; ids?: readonly { kind: MatrixRow['kind']; id: string }[] | undefined }, signal?: AbortSignal): Promise<MatrixComparisons>;
}

/** One environment as listed: its column, and (when it could be listed) its gateway and names. */
interface ListedColumn {
  readonly column: MatrixColumn;
  readonly listed: ListedEnvironment;
  readonly gateway: SecretsGateway | null;
}

function message(error: unknown): string {
  return error instanceof AppError ? error.message : 'The environment could not be read.';
}

/** The kwargs an environment's Airflow runs with, read as Airflow would (defaults when none are set). */
function kwargsOf(environment: EnvironmentView): KwargsInUse {
  if (environment.kwargs.source === 'unknown') throw new AppError('INVALID_INPUT', environment.kwargs.note ?? 'The backend kwargs of this environment are not known.');
  const read = readKwargsInUse(environment.kwargs.text ?? '{}');
  if (!read.ok) throw new AppError('INVALID_INPUT', `Its backend kwargs cannot be read: ${read.message}`);
  return read.value;
}

async function listNames(gateway: SecretsGateway, use: KwargsInUse, signal: AbortSignal | undefined): Promise<ListedEnvironment['secrets']> {
  const found = new Map<string, boolean>();
  const inside = listingNameFilters(use);
  // Under the prefixes (deleted ones too), then near them: names Airflow would never read.
  for (const include of [inside ?? [], outsideNameFilters(use)]) {
    for await (const page of gateway.listPages({ include, includePlannedDeletion: true }, { signal })) {
      for (const entry of page.entries) if (entry.Name !== undefined) found.set(entry.Name, entry.DeletedDate !== undefined);
    }
    if (inside === null) break;
  }
  return [...found].map(([name, scheduledForDeletion]) => ({ name, scheduledForDeletion }));
}

/** An environment reached with its own profile: its column, and the gateway and kwargs when it could be reached. */
export interface ConnectedEnvironment {
  readonly column: MatrixColumn;
  readonly use: KwargsInUse | null;
  readonly gateway: SecretsGateway | null;
}

/**
 * Signs in to an environment's profile (beside the active one) and checks it reaches the account
 * the environment expects; a problem comes back in `column.error`, never as a throw.
 */
export async function connectEnvironment(deps: Pick<EnvironmentMatrixDeps, 'profiles' | 'access' | 'log'>, environment: EnvironmentView): Promise<ConnectedEnvironment> {
  const using = environment.profile.using;
  const base: MatrixColumn = {
    name: environment.name,
    production: environment.production,
    profile: using,
    account: null,
    region: environment.region,
    kwargsSource: environment.kwargs.source,
    prefixes: null,
    listed: 0,
    error: null,
  };
  const failed = (error: string, column: MatrixColumn = base): ConnectedEnvironment => ({ column: { ...column, error }, use: null, gateway: null });
  if (using === null || environment.profile.status === 'missing') return failed(environment.profile.message ?? 'No AWS profile is set for this environment.');
  let use: KwargsInUse;
  try {
    use = kwargsOf(environment);
  } catch (error) {
    return failed(message(error));
  }
  const prefixes = { connection: use.prefixes.connection, variable: use.prefixes.variable, config: use.prefixes.config };
  try {
    const clients = await deps.profiles.clientsForProfile(using, environment.region ?? undefined);
    const column: MatrixColumn = { ...base, prefixes, account: clients.account, region: clients.region };
    if (environment.accountId !== null && clients.account !== null && clients.account !== environment.accountId) {
      // Reading or writing another account would treat its secrets as this environment's.
      return failed(`"${using}" reaches account ${clients.account}, not ${environment.accountId} as this environment expects. Pick your own profile for it on the Environments tab.`, column);
    }
    return { column, use, gateway: deps.access.gateway(clients) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CANCELLED') throw error;
    deps.log.warn('an environment could not be reached', { environment: environment.name, code: error instanceof AppError ? error.code : 'unknown' });
    return failed(message(error), { ...base, prefixes });
  }
}

export function createEnvironmentMatrixService(deps: EnvironmentMatrixDeps): EnvironmentMatrixService {
  const now = deps.now ?? (() => Date.now());
  /** The names each environment listed lately, by everything that decides what its listing holds. */
  const listedLately = new Map<string, { readonly secrets: ListedEnvironment['secrets']; readonly at: number }>();

  const listOne = async (path: string, environment: EnvironmentView, reuse: boolean, signal: AbortSignal | undefined): Promise<ListedColumn> => {
    const connected = await connectEnvironment(deps, environment);
    const unlisted = (column: MatrixColumn): ListedColumn => ({ column, listed: { name: environment.name, use: null, secrets: [] }, gateway: null });
    if (connected.gateway === null || connected.use === null) return unlisted(connected.column);
    const { column, use } = connected;
    const key = JSON.stringify([path, environment.name, column.profile, column.account, column.region, listingNameFilters(use), outsideNameFilters(use)]);
    try {
      const lately = listedLately.get(key);
      const fresh = reuse && lately !== undefined && now() - lately.at <= MATRIX_LISTING_REUSE_MS;
      const secrets = fresh ? lately.secrets : await listNames(connected.gateway, use, signal);
      if (!fresh) listedLately.set(key, { secrets, at: now() });
      return { column: { ...connected.column, listed: secrets.length }, listed: { name: environment.name, use: connected.use, secrets }, gateway: connected.gateway };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      deps.log.warn('an environment could not be listed', { environment: environment.name, code: error instanceof AppError ? error.code : 'unknown' });
      return unlisted({ ...connected.column, error: message(error) });
    }
  };

  const listAll = async (path: string, readDeployments: boolean, reuse: boolean, signal: AbortSignal | undefined) => {
    const view = await deps.environments.list(path, { readDeployments, ...(signal === undefined ? {} : { signal }) });
    // Every environment at once: each profile signs in on its own, each account under its own limits.
    const columns = await Promise.all(view.environments.map((environment) => listOne(path, environment, reuse, signal)));
    return { view, columns };
  };

  return {
    async matrix(path, options = {}) {
      const [{ view, columns }, dag] = await Promise.all([
        listAll(path, options.readDeployments === true, false, options.signal),
        deps.dagIds(path, options.signal).then(
          (ids) => ({ ids, error: null }),
          (error: unknown) => ({ ids: [] as readonly DagId[], error: message(error) }),
        ),
      ]);
      return {
        projectPath: view.projectPath,
        columns: columns.map((entry) => entry.column),
        rows: buildMatrixRows(columns.map((entry) => entry.listed), dag.ids),
        dagScanError: dag.error,
        problem: view.problem,
      };
    },

    async compareValues(path, input, signal) {
      // The names the matrix just listed (the rows the user asks to compare), when it listed them lately.
      const { columns } = await listAll(path, false, true, signal);
      const rows = buildMatrixRows(columns.map((entry) => entry.listed), []);
      const wanted = input.ids === undefined ? null : new Set(input.ids.map((id) => rowKey(id.kind, id.id)));
      const compared = rows.filter((row) => row.comparison.state === 'not-compared' && (wanted === null || wanted.has(rowKey(row.kind, row.id))));

      // Per environment, the names to read: those of the compared rows present there.
      const reads = columns.map((entry) => ({
        entry,
        names: compared.flatMap((row) => {
          const cell = row.cells[entry.column.name];
          return cell?.state === 'present' && cell.secretName !== null ? [cell.secretName] : [];
        }),
      }));
      const total = reads.reduce((sum, read) => sum + read.names.length, 0);
      const batchCalls = reads.reduce((sum, read) => sum + Math.ceil(read.names.length / BATCH_GET_SIZE), 0);
      let done = 0;
      const progress = (): void => deps.onProgress?.({ taskId: input.taskId, label: 'Reading values to compare', done, total });
      progress();
      const values = await Promise.all(
        reads.map(async ({ entry, names }) => {
          if (entry.gateway === null || names.length === 0) return new Map<string, string | null>();
          let before = 0;
          const states = await readCurrentStates(entry.gateway, names, {
            signal,
            onProgress: (read) => {
              done += read - before;
              before = read;
              progress();
            },
          });
          return new Map([...states].map(([name, state]) => [name, state.value]));
        }),
      );

      const results = compared.map((row) => {
        const present: ReadValue[] = [];
        for (const [index, { entry }] of reads.entries()) {
          const cell = row.cells[entry.column.name];
          if (cell?.state !== 'present' || cell.secretName === null || entry.listed.use === null) continue;
          const value = values[index]?.get(cell.secretName) ?? null;
          if (value === null) return { kind: row.kind, id: row.id, comparison: { state: 'unreadable' as const, message: `Airlock could not read ${cell.secretName} in ${entry.column.name}.` } };
          present.push({ environment: entry.column.name, value, kwargs: entry.listed.use.kwargs });
        }
        return { kind: row.kind, id: row.id, comparison: compareAsAirflowReads(row.kind, present) };
      });
      deps.log.info('environment values compared', { ids: results.length, batchCalls });
      return { rows: results, batchCalls };
    },
  };
}
