/**
 * What an import would do, item by item, given what Secrets Manager holds now: new, changed
 * (with the current value for the diff), identical (nothing to write) or invalid (with the
 * reason). The same plan drives the preview and the run, so a second run of the same file finds
 * everything identical and writes nothing.
 *
 * Connections are compared as Airflow reads them (`diffConnections`), not as text: a connection
 * stored as a URI is identical to the same connection in a JSON file.
 */
import { diffConnections, parseConnectionSecret, parsePythonJson, type Problem, validateSecretValueSize } from '../airflow';
import { checkReadBack, secretKinds, secretNameFor, type StorageFormat, storedConnectionString } from '../secrets';
import type { KwargsInUse } from '../secrets';
import type { ImportEntry, ImportKind, ParsedImport } from './import-entry';

export type ImportStatus = 'new' | 'changed' | 'identical' | 'invalid';

/** One secret as Secrets Manager holds it now. Absent from the map: it does not exist. */
export interface RemoteSecretState {
  readonly versionId: string | null;
  /** The current SecretString; null when it could not be read (see readError) or is binary. */
  readonly value: string | null;
  readonly scheduledForDeletion: boolean;
  readonly readError: string | null;
}

export interface ImportPlanItem {
  /** Unique within the plan (kind, id and place in the file). */
  readonly key: string;
  readonly kind: ImportKind;
  readonly id: string;
  readonly location: string;
  /** The secret name Airflow reads for this id; null when there is none. */
  readonly name: string | null;
  readonly status: ImportStatus;
  /** Invalid: why. Identical: a note when the text differs but Airflow reads the same. */
  readonly reason: string | null;
  readonly warnings: readonly string[];
  /** The string that would be stored (null when invalid). */
  readonly value: string | null;
  /** The string stored now (null when new or unreadable). */
  readonly current: string | null;
  readonly currentVersionId: string | null;
}

function firstError(problems: readonly Problem[]): Problem | undefined {
  return problems.find((p) => p.severity === 'error');
}

function warningsOf(problems: readonly Problem[]): string[] {
  return problems.filter((p) => p.severity === 'warning').map((p) => p.message);
}

function idProblems(entry: ImportEntry, use: KwargsInUse): Problem[] {
  return secretKinds[entry.kind].validateId(entry.id, use.kwargs);
}

function sameJson(a: string, b: string): boolean {
  const left = parsePythonJson(a);
  const right = parsePythonJson(b);
  return left.ok && right.ok && typeof left.value === 'object' && left.value !== null && JSON.stringify(left.value) === JSON.stringify(right.value);
}

/** The secret names an import touches, so their current values can be read first. */
export function importTargetNames(parsed: ParsedImport, use: KwargsInUse): string[] {
  const names = new Set<string>();
  for (const entry of parsed.entries) {
    if (entry.id === '' || firstError(idProblems(entry, use)) !== undefined) continue;
    const target = secretNameFor(use, entry.kind, entry.id);
    if (target.ok) names.add(target.name);
  }
  return [...names];
}

interface Proposal {
  readonly name: string | null;
  readonly value: string | null;
  readonly invalid: string | null;
  readonly warnings: string[];
}

function propose(entry: ImportEntry, use: KwargsInUse, storage: StorageFormat): Proposal {
  const warnings = warningsOf(entry.problems);
  const invalid = (reason: string, name: string | null = null): Proposal => ({ name, value: null, invalid: reason, warnings });
  const entryError = firstError(entry.problems);
  if (entryError !== undefined) return invalid(entryError.message);
  const idError = firstError(idProblems(entry, use));
  if (idError !== undefined) return invalid(idError.message);
  warnings.push(...warningsOf(idProblems(entry, use)));
  const target = secretNameFor(use, entry.kind, entry.id);
  if (!target.ok) return invalid(`Airflow would never read it with the kwargs in use: ${target.reason}`);

  let value: string;
  if (secretKinds[entry.kind].valueFormat === 'connection') {
    if (entry.connection === null) return invalid(`The ${secretKinds[entry.kind].one} could not be read.`, target.name);
    value = storedConnectionString(entry.connection, storage);
    const check = checkReadBack(value, entry.connection, use.kwargs);
    if (check.readBack === null || check.differences.length > 0) {
      const fields = check.differences.join(', ');
      return invalid(
        check.readBack === null
          ? 'Airflow could not read the stored string back. Store it as JSON instead.'
          : `Stored as a URI, Airflow would read a different ${fields}. Store it as JSON instead.`,
        target.name,
      );
    }
    warnings.push(...warningsOf(check.problems));
  } else {
    if (entry.value === null) return invalid(`The ${secretKinds[entry.kind].one} has no value.`, target.name);
    value = entry.value;
  }
  const size = firstError(validateSecretValueSize(value));
  if (size !== undefined) return invalid(size.message, target.name);
  return { name: target.name, value, invalid: null, warnings };
}

export function planImport(parsed: ParsedImport, use: KwargsInUse, storage: StorageFormat, remote: ReadonlyMap<string, RemoteSecretState>): ImportPlanItem[] {
  const lastIndex = new Map<string, number>();
  parsed.entries.forEach((entry, index) => lastIndex.set(`${entry.kind}:${entry.id}`, index));

  return parsed.entries.map((entry, index) => {
    const base = { key: `${entry.kind}:${entry.id}:${index}`, kind: entry.kind, id: entry.id, location: entry.location };
    const proposal = propose(entry, use, storage);
    const item = (status: ImportStatus, reason: string | null, state: RemoteSecretState | undefined): ImportPlanItem => ({
      ...base,
      name: proposal.name,
      status,
      reason,
      warnings: proposal.warnings,
      value: status === 'invalid' ? null : proposal.value,
      current: state?.value ?? null,
      currentVersionId: state?.versionId ?? null,
    });
    const winner = lastIndex.get(`${entry.kind}:${entry.id}`);
    if (entry.id !== '' && winner !== index) {
      const later = parsed.entries[winner ?? index]?.location ?? 'later';
      return item('invalid', `The same ${secretKinds[entry.kind].one} is defined again at ${later}; only that last definition is imported.`, undefined);
    }
    if (proposal.invalid !== null || proposal.value === null || proposal.name === null) return item('invalid', proposal.invalid ?? 'It cannot be imported.', undefined);

    const state = remote.get(proposal.name);
    if (state === undefined) return item('new', null, undefined);
    if (state.scheduledForDeletion) return item('invalid', `\`${proposal.name}\` is scheduled for deletion. Restore it first (Scheduled for deletion tab), then import again.`, state);
    if (state.readError !== null || state.value === null) return item('invalid', `The current value of \`${proposal.name}\` cannot be read: ${state.readError ?? 'it is binary'}`, state);

    if (secretKinds[entry.kind].valueFormat === 'connection' && entry.connection !== null) {
      const current = parseConnectionSecret(state.value, use.kwargs);
      if (current.ok && diffConnections(current.connection, entry.connection).length === 0) {
        return item('identical', state.value === proposal.value ? null : 'Stored in another form, but Airflow reads the same connection.', state);
      }
      return item('changed', null, state);
    }
    if (state.value === proposal.value) return item('identical', null, state);
    if (sameJson(state.value, proposal.value)) return item('identical', 'The same JSON, formatted differently.', state);
    return item('changed', null, state);
  });
}
