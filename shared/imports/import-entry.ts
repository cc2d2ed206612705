/**
 * One connection or variable read from an import file, before it is compared with Secrets
 * Manager. Readers never throw: what they cannot read becomes a problem on the entry (or on the
 * file), and no problem message ever quotes a value from the file.
 */
import { type AirflowConnection, error, makeConnection, parsePythonJson, type Problem, warning } from '../airflow';

export type ImportFormat = 'airflow-settings-yaml' | 'connections-json' | 'connections-yaml' | 'connections-env' | 'dotenv' | 'variables-json';

export const importFormats: readonly ImportFormat[] = ['airflow-settings-yaml', 'connections-json', 'connections-yaml', 'connections-env', 'dotenv', 'variables-json'];

export const importFormatLabels: Readonly<Record<ImportFormat, string>> = {
  'airflow-settings-yaml': 'airflow_settings.yaml (Astro)',
  'connections-json': 'airflow connections export (JSON)',
  'connections-yaml': 'airflow connections export (YAML)',
  'connections-env': 'airflow connections export (env)',
  dotenv: '.env (AIRFLOW_CONN_* / AIRFLOW_VAR_*)',
  'variables-json': 'airflow variables export (JSON)',
};

export type ImportKind = 'connection' | 'variable';

export interface ImportEntry {
  readonly kind: ImportKind;
  /** The conn_id or variable key ("" when the file gives none). */
  readonly id: string;
  /** Where in the file, for the user ("line 4", "connections[2]"). */
  readonly location: string;
  /** Connections: what the file describes; null when it cannot be read. */
  readonly connection: AirflowConnection | null;
  /** Variables: the value; null for connections. */
  readonly value: string | null;
  readonly problems: readonly Problem[];
}

export interface ParsedImport {
  readonly format: ImportFormat;
  readonly entries: readonly ImportEntry[];
  /** Problems with the file as a whole (not valid YAML, unexpected shape). */
  readonly problems: readonly Problem[];
  /** Template placeholders and lines that are neither connections nor variables. */
  readonly ignored: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Loose fields as import files write them (any JSON/YAML value); null and "" mean unset. */
export interface LooseConnectionFields {
  readonly conn_type?: unknown;
  readonly host?: unknown;
  readonly login?: unknown;
  readonly password?: unknown;
  readonly schema?: unknown;
  readonly port?: unknown;
  readonly extra?: unknown;
}

function textField(name: string, value: unknown, problems: Problem[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  problems.push(error('import.field-type', `The ${name} must be text, not a list or an object.`, { field: name }));
  return null;
}

function portField(value: unknown, problems: Problem[]): number | null {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || !/^\d+$/.test(text) || Number(text) > 65535) {
    problems.push(error('import.port', 'The port must be a whole number from 0 to 65535.', { field: 'port' }));
    return null;
  }
  return Number(text);
}

function extraField(value: unknown, problems: Problem[]): Record<string, unknown> | null {
  if (value === undefined || value === null || value === '') return null;
  if (isPlainObject(value)) return value;
  if (typeof value === 'string') {
    // As Airflow reads it (json.loads), within Airlock's nesting bound.
    const parsed = parsePythonJson(value);
    if (parsed.ok && isPlainObject(parsed.value)) return parsed.value;
  }
  problems.push(error('import.extra', 'The extra must be a JSON object (or a string holding one), like {"sslmode": "require"}.', { field: 'extra' }));
  return null;
}

/** A connection from the loose fields of an import file, or the problems that stop it. */
export function connectionFromLooseFields(fields: LooseConnectionFields): { connection: AirflowConnection | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const connection = makeConnection({
    conn_type: textField('conn_type', fields.conn_type, problems),
    host: textField('host', fields.host, problems),
    login: textField('login', fields.login, problems),
    password: textField('password', fields.password, problems),
    schema: textField('schema', fields.schema, problems),
    port: portField(fields.port, problems),
    extra: extraField(fields.extra, problems),
  });
  if (problems.length > 0) return { connection: null, problems };
  if (Object.values(connection).every((value) => value === null)) {
    // Typically an export made without values: importing it would blank the stored connection.
    return { connection: null, problems: [error('import.empty-connection', 'The connection has no fields at all (perhaps an export made without values); importing it would erase the stored connection.')] };
  }
  return { connection, problems: [] };
}

/** A variable value from an import file: text as is, numbers and booleans as text, objects as JSON. */
export function variableValueFrom(value: unknown): { value: string | null; problems: Problem[] } {
  if (value === undefined || value === null || value === '') {
    return { value: null, problems: [error('import.empty-value', 'The variable has no value; Secrets Manager cannot store an empty value.')] };
  }
  if (typeof value === 'string') return { value, problems: [] };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value), problems: [] };
  return {
    value: JSON.stringify(value),
    problems: [warning('import.value-json', 'The value is a list or an object; it is stored as JSON text (read it with Variable.get(key, deserialize_json=True)).')],
  };
}

export function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
