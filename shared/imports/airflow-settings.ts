/**
 * Astro's `airflow_settings.yaml`: `airflow.connections` (conn_id, conn_type, conn_host,
 * conn_schema, conn_login, conn_password, conn_port, conn_extra) and `airflow.variables`
 * (variable_name, variable_value). Pools are not secrets and are ignored. The project template
 * ships one empty entry of each; such placeholders are skipped, not reported.
 */
import type { Problem } from '../airflow';
import { error, warning } from '../airflow';
import { connectionFromLooseFields, isObjectRecord, variableValueFrom, type ImportEntry, type ParsedImport } from './import-entry';
import { readYaml } from './yaml-text';

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The field as the Astro CLI reads it: the source text for scalars, null when unset. */
function literalText(typed: Record<string, unknown>, literal: Record<string, unknown> | undefined, key: string): unknown {
  const value = typed[key];
  if (isBlank(value)) return null;
  if (typeof value === 'object') return value;
  const text = literal?.[key];
  return typeof text === 'string' ? text : value;
}

function listAt(typed: Record<string, unknown>, literal: Record<string, unknown> | undefined, key: string, problems: Problem[]): { typed: unknown[]; literal: unknown[] } {
  const value = typed[key];
  if (isBlank(value)) return { typed: [], literal: [] };
  if (!Array.isArray(value)) {
    problems.push(error('import.shape', `\`airflow.${key}\` must be a list of entries ("- ..." lines).`));
    return { typed: [], literal: [] };
  }
  const literalList = literal?.[key];
  return { typed: value as unknown[], literal: Array.isArray(literalList) ? (literalList as unknown[]) : [] };
}

export function parseAirflowSettings(text: string): ParsedImport {
  const format = 'airflow-settings-yaml' as const;
  const read = readYaml(text);
  if (!read.ok) return { format, entries: [], problems: [read.problem], ignored: 0 };
  if (read.typed === null || read.typed === undefined) return { format, entries: [], problems: [], ignored: 0 };
  if (!isObjectRecord(read.typed) || !isObjectRecord(read.typed.airflow)) {
    return { format, entries: [], problems: [error('import.shape', 'This is not an airflow_settings.yaml: it has no top-level `airflow:` section.')], ignored: 0 };
  }
  const typedRoot = read.typed.airflow;
  const literalRoot = isObjectRecord(read.literal) && isObjectRecord(read.literal.airflow) ? read.literal.airflow : undefined;
  const problems: Problem[] = [];
  const entries: ImportEntry[] = [];
  let ignored = 0;

  const connections = listAt(typedRoot, literalRoot, 'connections', problems);
  connections.typed.forEach((item, index) => {
    const location = `connections[${index + 1}]`;
    if (!isObjectRecord(item)) {
      entries.push({ kind: 'connection', id: '', location, connection: null, value: null, problems: [error('import.shape', 'The entry is not a map of conn_* fields.')] });
      return;
    }
    const literalItem = connections.literal[index];
    const literal = isObjectRecord(literalItem) ? literalItem : undefined;
    // The Astro template's placeholder has no id and no fields, only an example conn_extra.
    if (Object.entries(item).every(([key, value]) => key === 'conn_extra' || isBlank(value))) {
      ignored += 1;
      return;
    }
    const field = (key: string) => literalText(item, literal, key);
    const idValue = field('conn_id');
    const id = typeof idValue === 'string' ? idValue.trim() : '';
    const read = connectionFromLooseFields({
      conn_type: field('conn_type'),
      host: field('conn_host'),
      login: field('conn_login'),
      password: field('conn_password'),
      schema: field('conn_schema'),
      port: item.conn_port,
      extra: item.conn_extra,
    });
    const entryProblems = [...read.problems];
    if (id === '') entryProblems.unshift(error('import.no-id', 'The entry has no conn_id.'));
    const unknown = Object.keys(item).filter((key) => !key.startsWith('conn_'));
    if (unknown.length > 0) entryProblems.push(warning('import.unknown-keys', `Keys without the conn_ prefix are ignored: ${unknown.map((k) => `\`${k}\``).join(', ')}.`));
    entries.push({ kind: 'connection', id, location, connection: read.connection, value: null, problems: entryProblems });
  });

  const variables = listAt(typedRoot, literalRoot, 'variables', problems);
  variables.typed.forEach((item, index) => {
    const location = `variables[${index + 1}]`;
    if (!isObjectRecord(item)) {
      entries.push({ kind: 'variable', id: '', location, connection: null, value: null, problems: [error('import.shape', 'The entry is not a map with variable_name and variable_value.')] });
      return;
    }
    if (Object.values(item).every(isBlank)) {
      ignored += 1;
      return;
    }
    const literalItem = variables.literal[index];
    const literal = isObjectRecord(literalItem) ? literalItem : undefined;
    const idValue = literalText(item, literal, 'variable_name');
    const id = typeof idValue === 'string' ? idValue.trim() : '';
    const read = variableValueFrom(literalText(item, literal, 'variable_value'));
    const entryProblems = [...read.problems];
    if (id === '') entryProblems.unshift(error('import.no-id', 'The entry has no variable_name.'));
    entries.push({ kind: 'variable', id, location, connection: null, value: read.value, problems: entryProblems });
  });

  // Keep the list of keys used so that a typo in a section name is visible.
  for (const key of Object.keys(typedRoot)) {
    if (!['connections', 'variables', 'pools'].includes(key)) problems.push(warning('import.unknown-section', `The section \`airflow.${key}\` is not connections, variables or pools; it is ignored.`));
  }
  return { format, entries, problems, ignored };
}
