/**
 * The environment matrix: every Airflow id (connection, variable, config) under each environment's
 * prefixes, one column per environment, and whether the values are the same *as Airflow reads
 * them*. Pure: the main process lists and reads the secrets (electron/services/environments), this
 * module turns names and values into cells and verdicts. Values go in; only verdicts and field
 * names come out, so nothing here can carry a value to the window.
 */
import { diffConnections, emptyConnection, lookupKinds, parseConnectionSecret, type AirflowConnection, type BackendKwargs, type LookupKind } from '../airflow';
import { placeSecretName, secretKinds } from '../secrets';
import type { KwargsInUse } from '../secrets';

/**
 * One environment's state for one id:
 * - present: stored where that environment's Airflow reads it;
 * - missing: not stored at all (as far as Airlock could see);
 * - scheduled-for-deletion: stored where Airflow reads it, but deleted (Airflow cannot read it);
 * - misplaced: stored under a name that environment's Airflow never reads (`storedAs` says which);
 * - unknown: the environment could not be listed (its column says why).
 */
export type MatrixCellState = 'present' | 'missing' | 'scheduled-for-deletion' | 'misplaced' | 'unknown';

export interface MatrixCell {
  readonly state: MatrixCellState;
  /** The secret's name in that environment (where Airflow reads it, or where it is stored instead). */
  readonly secretName: string | null;
  /** Why a misplaced secret is not read, in the words of the placement rules. */
  readonly note: string | null;
}

/** A connection field that differs; extra keys are named `extra.<key>`. */
export type DifferingField = string;

export type MatrixComparison =
  /** Values not read yet: reading them is an explicit action. */
  | { readonly state: 'not-compared' }
  /** Present in fewer than two environments: nothing to compare. */
  | { readonly state: 'single' }
  | { readonly state: 'same'; readonly formats: readonly string[] }
  | { readonly state: 'differs'; readonly fields: readonly DifferingField[]; readonly differentIn: readonly string[] }
  | { readonly state: 'unreadable'; readonly message: string };

export interface MatrixRow {
  readonly kind: LookupKind;
  readonly id: string;
  /** Environment name -> cell, for every column. */
  readonly cells: Readonly<Record<string, MatrixCell>>;
  /** How many places in the project's DAGs read this id (0: none found). */
  readonly dagReferences: number;
  readonly comparison: MatrixComparison;
}

/** What one environment's listing gave: the names, and which are scheduled for deletion. */
export interface ListedEnvironment {
  readonly name: string;
  /** null when the environment could not be listed (its cells are all `unknown`). */
  readonly use: KwargsInUse | null;
  readonly secrets: readonly { readonly name: string; readonly scheduledForDeletion: boolean }[];
}

export interface DagId {
  readonly kind: 'connection' | 'variable';
  readonly id: string;
  readonly occurrences: number;
}

export function rowKey(kind: LookupKind, id: string): string {
  return `${kind}\u0000${id}`;
}

const MISSING: MatrixCell = { state: 'missing', secretName: null, note: null };
const UNKNOWN: MatrixCell = { state: 'unknown', secretName: null, note: null };

/** One column's cells by row key, from its listing and its placement rules. */
function cellsOf(environment: ListedEnvironment): Map<string, MatrixCell> {
  const cells = new Map<string, MatrixCell>();
  if (environment.use === null) return cells;
  for (const secret of environment.secrets) {
    const placement = placeSecretName(environment.use, secret.name);
    if (placement === null) continue;
    if (placement.where === 'inside') {
      const state = secret.scheduledForDeletion ? 'scheduled-for-deletion' : 'present';
      const key = rowKey(placement.kind, placement.id);
      // A live secret beats a deleted one of the same id (it cannot happen for one name, but two names can map to one id).
      if (cells.get(key)?.state !== 'present') cells.set(key, { state, secretName: secret.name, note: null });
      continue;
    }
    if (placement.kind === null || placement.id === null || secret.scheduledForDeletion) continue;
    const key = rowKey(placement.kind, placement.id);
    // Stored where Airflow reads it wins over a stray copy elsewhere.
    if (!cells.has(key)) cells.set(key, { state: 'misplaced', secretName: secret.name, note: placement.message });
  }
  return cells;
}

/** The matrix rows, sorted by kind then id; comparisons start as not compared (or single). */
export function buildMatrixRows(environments: readonly ListedEnvironment[], dagIds: readonly DagId[]): MatrixRow[] {
  const columns = environments.map((environment) => ({ environment, cells: cellsOf(environment) }));
  const keys = new Map<string, { kind: LookupKind; id: string }>();
  for (const { cells } of columns) {
    for (const key of cells.keys()) {
      const [kind, id] = key.split('\u0000') as [LookupKind, string];
      keys.set(key, { kind, id });
    }
  }
  const dagCounts = new Map<string, number>();
  for (const dag of dagIds) {
    const key = rowKey(dag.kind, dag.id);
    dagCounts.set(key, (dagCounts.get(key) ?? 0) + dag.occurrences);
    if (!keys.has(key)) keys.set(key, { kind: dag.kind, id: dag.id });
  }
  const rows = [...keys.entries()].map(([key, { kind, id }]): MatrixRow => {
    const cells: Record<string, MatrixCell> = {};
    for (const { environment, cells: byKey } of columns) cells[environment.name] = environment.use === null ? UNKNOWN : (byKey.get(key) ?? MISSING);
    const present = Object.values(cells).filter((cell) => cell.state === 'present').length;
    return { kind, id, cells, dagReferences: dagCounts.get(key) ?? 0, comparison: present >= 2 ? { state: 'not-compared' } : { state: 'single' } };
  });
  return rows.sort((a, b) => lookupKinds.indexOf(a.kind) - lookupKinds.indexOf(b.kind) || a.id.localeCompare(b.id));
}

/** Whether a row is missing in at least one environment that could be listed. */
export function missingSomewhere(row: MatrixRow): boolean {
  return Object.values(row.cells).some((cell) => cell.state !== 'present' && cell.state !== 'unknown');
}

export type MatrixFilter = 'all' | 'missing-somewhere' | 'differs' | 'used-by-dags-but-missing';

export function rowMatches(row: MatrixRow, filter: MatrixFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'missing-somewhere':
      return missingSomewhere(row);
    case 'differs':
      return row.comparison.state === 'differs';
    case 'used-by-dags-but-missing':
      return row.dagReferences > 0 && missingSomewhere(row);
    default: {
      const never: never = filter;
      throw new Error(`Unknown matrix filter ${String(never)}`);
    }
  }
}

/** One environment's value of an id, with the kwargs its Airflow reads it with. */
export interface ReadValue {
  readonly environment: string;
  readonly value: string;
  readonly kwargs: BackendKwargs;
}

type Reading =
  | { readonly ok: true; readonly format: string; readonly text: string; readonly connection: AirflowConnection | null }
  | { readonly ok: false; readonly message: string };

/** A value as Airflow reads it: a variable or config value as its text, a connection parsed from URI or JSON. */
function readAsAirflow(kind: LookupKind, read: ReadValue): Reading {
  if (secretKinds[kind].valueFormat === 'text') return { ok: true, format: 'text', text: read.value, connection: null };
  const parsed = parseConnectionSecret(read.value, read.kwargs);
  if (!parsed.ok) return { ok: false, message: `Airflow cannot read the connection in ${read.environment} (${parsed.problems[0]?.code ?? 'unreadable'}).` };
  return { ok: true, format: parsed.format === 'uri' ? 'URI' : 'JSON', text: '', connection: parsed.connection };
}

/** The fields on which two readings differ: Airflow's field order, with `extra` broken into its keys. */
function differingFields(a: Reading & { ok: true }, b: Reading & { ok: true }): string[] {
  if (a.connection === null || b.connection === null) return a.text === b.text ? [] : ['value'];
  const plain = diffConnections(a.connection, b.connection).filter((field) => field !== 'extra');
  const extraA = a.connection.extra ?? {};
  const extraB = b.connection.extra ?? {};
  const extraKeys = [...new Set([...Object.keys(extraA), ...Object.keys(extraB)])].sort();
  // One key at a time, through Airflow's own equality (an extra of just that key on each side).
  const extra = extraKeys.filter((key) => diffConnections({ ...emptyConnection, extra: key in extraA ? { [key]: extraA[key] } : null }, { ...emptyConnection, extra: key in extraB ? { [key]: extraB[key] } : null }).length > 0);
  return [...plain, ...extra.map((key) => `extra.${key}`)];
}

/**
 * The verdict for one id from the values of the environments where it is present: the same as
 * Airflow reads them (a URI and the equivalent JSON are the same), or the fields that differ and
 * the environments that differ from the first. Never returns a value.
 */
export function compareAsAirflowReads(kind: LookupKind, values: readonly ReadValue[]): MatrixComparison {
  if (values.length < 2) return { state: 'single' };
  const readings = values.map((value) => ({ environment: value.environment, reading: readAsAirflow(kind, value) }));
  const broken = readings.find((entry) => !entry.reading.ok);
  if (broken !== undefined && !broken.reading.ok) return { state: 'unreadable', message: broken.reading.message };
  const [first, ...others] = readings.flatMap((entry) => (entry.reading.ok ? [{ environment: entry.environment, reading: entry.reading }] : []));
  if (first === undefined) return { state: 'single' };
  const fields = new Set<string>();
  const differentIn: string[] = [];
  for (const other of others) {
    const diff = differingFields(first.reading, other.reading);
    if (diff.length > 0) differentIn.push(other.environment);
    for (const field of diff) fields.add(field);
  }
  const formats = [...new Set(readings.flatMap((entry) => (entry.reading.ok ? [entry.reading.format] : [])))];
  return fields.size === 0 ? { state: 'same', formats } : { state: 'differs', fields: [...fields], differentIn };
}
