/**
 * The connection editor's form as plain data, and the way from the form to the exact string
 * stored in Secrets Manager and back through Airflow's own parser ("what Airflow reads").
 *
 * Building and parsing are shared/airflow's (`connectionToJson`, `buildConnectionUri`,
 * `parseConnectionSecret`, `diffConnections`); this module only turns text fields into a
 * connection and typed extra fields into the extra object.
 */
import { type AirflowConnection, type BackendKwargs, buildConnectionUri, type ConnectionField, connectionToJson, diffConnections, error, type ExtraFieldSpec, makeConnection, parseConnectionSecret, parsePythonJson, type Problem } from '../airflow';

export type StorageFormat = 'json' | 'uri';

/** What the user typed: every field as text, the extra as JSON text ("" = no extra). */
export interface ConnectionFormState {
  readonly connType: string;
  readonly host: string;
  readonly login: string;
  readonly password: string;
  readonly schema: string;
  readonly port: string;
  readonly extra: string;
}

export const emptyConnectionForm: ConnectionFormState = { connType: '', host: '', login: '', password: '', schema: '', port: '', extra: '' };

export type FormToConnection = { readonly ok: true; readonly connection: AirflowConnection } | { readonly ok: false; readonly problems: readonly Problem[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The extra JSON text as an object, null when empty, or the problem with it. */
export function parseExtraText(text: string): { ok: true; extra: Record<string, unknown> | null } | { ok: false; problem: Problem } {
  if (text.trim() === '') return { ok: true, extra: null };
  // Not JSON.parse: its error messages quote the text, which may hold a password.
  const parsed = parsePythonJson(text);
  if (!parsed.ok) {
    return { ok: false, problem: error('form.extra-json', `The extra is not valid JSON (${parsed.message.toLowerCase()} at character ${parsed.position + 1}). Fix it or clear it.`, { field: 'extra' }) };
  }
  const value = parsed.value;
  if (!isPlainObject(value)) return { ok: false, problem: error('form.extra-object', 'The extra must be a JSON object like {"sslmode": "require"}.', { field: 'extra' }) };
  return { ok: true, extra: value };
}

/** The connection the form describes, or the problems that stop it from being one. */
export function connectionFromForm(state: ConnectionFormState): FormToConnection {
  const problems: Problem[] = [];
  let port: number | null = null;
  const portText = state.port.trim();
  if (portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) problems.push(error('form.port', 'The port must be a whole number from 0 to 65535.', { field: 'port' }));
    else port = Number(portText);
  }
  const extra = parseExtraText(state.extra);
  if (!extra.ok) problems.push(extra.problem);
  if (problems.length > 0 || !extra.ok) return { ok: false, problems };
  return {
    ok: true,
    connection: makeConnection({
      conn_type: state.connType.trim(),
      host: state.host,
      login: state.login,
      password: state.password,
      schema: state.schema,
      port,
      extra: extra.extra,
    }),
  };
}

/** The form showing `connection` (extra pretty-printed). */
export function formFromConnection(connection: AirflowConnection): ConnectionFormState {
  return {
    connType: connection.conn_type ?? '',
    host: connection.host ?? '',
    login: connection.login ?? '',
    password: connection.password ?? '',
    schema: connection.schema ?? '',
    port: connection.port === null ? '' : String(connection.port),
    extra: connection.extra === null ? '' : JSON.stringify(connection.extra, null, 2),
  };
}

/** The exact string Airlock stores for `connection`. */
export function storedConnectionString(connection: AirflowConnection, format: StorageFormat): string {
  return format === 'json' ? connectionToJson(connection) : buildConnectionUri(connection);
}

export interface ReadBackCheck {
  /** What Airflow's parser gets from the stored string; null when it cannot read it. */
  readonly readBack: AirflowConnection | null;
  /** Fields where Airflow would read something other than what the form says. */
  readonly differences: readonly ConnectionField[];
  readonly problems: readonly Problem[];
}

/** Parses `stored` as Airflow does and compares the result with what the form meant. */
export function checkReadBack(stored: string, intended: AirflowConnection, kwargs?: BackendKwargs): ReadBackCheck {
  const parsed = parseConnectionSecret(stored, kwargs);
  if (!parsed.ok) return { readBack: null, differences: [], problems: parsed.problems };
  return { readBack: parsed.connection, differences: diffConnections(intended, parsed.connection), problems: parsed.warnings };
}

/** The text an input shows for a typed extra field ("" when unset). */
export function extraFieldText(extra: Readonly<Record<string, unknown>> | null, field: ExtraFieldSpec): string {
  const value = extra?.[field.name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The extra JSON text with one typed field set from its input text ("" removes the key). Numbers
 * and booleans are stored as JSON numbers and booleans, as the hooks expect.
 */
export function setExtraField(extraText: string, field: ExtraFieldSpec, text: string): string | null {
  const parsed = parseExtraText(extraText);
  if (!parsed.ok) return null;
  const next: Record<string, unknown> = { ...(parsed.extra ?? {}) };
  if (text === '') {
    delete next[field.name];
  } else if (field.kind === 'number' && /^-?\d+(\.\d+)?$/.test(text.trim())) {
    next[field.name] = Number(text.trim());
  } else if (field.kind === 'boolean' && (text === 'true' || text === 'false')) {
    next[field.name] = text === 'true';
  } else if (field.kind === 'json') {
    const parsedField = parsePythonJson(text);
    if (!parsedField.ok) return null;
    next[field.name] = parsedField.value;
  } else {
    next[field.name] = text;
  }
  return Object.keys(next).length === 0 ? '' : JSON.stringify(next, null, 2);
}
