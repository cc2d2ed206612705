/**
 * How the newest `SecretsManagerBackend` turns a secret value into a connection (sheet A.5):
 * after `.strip()`, a value starting with `{` is JSON whose keys go through the alias table (plus
 * `extra_conn_words`), then `Connection.from_json`; anything else is a connection URI (B.2).
 */
import type { BackendKwargs } from './backend-kwargs';
import { makeConnection, type AirflowConnection, type ConnectionField } from './connection';
import { connectionWarnings, normalizeConnType, parseConnectionUri } from './connection-uri';
import { error, warning, type Problem } from './problem';
import { parsePythonJson } from './python-json';
import { isPythonSpace, pythonStrip, pythonTruthy, pythonTypeName } from './python-text';

/** The backend's built-in aliases, in the order it tries fields (A.5). */
export const connectionKeyAliases: Readonly<Record<ConnectionField, readonly string[]>> = {
  login: ['login', 'user', 'username', 'user_name'],
  password: ['password', 'pass', 'key'],
  host: ['host', 'remote_host', 'server'],
  port: ['port'],
  schema: ['database', 'schema'],
  conn_type: ['conn_type', 'conn_id', 'connection_type', 'engine'],
  extra: ['extra'],
};

const FIELD_ORDER: readonly ConnectionField[] = ['login', 'password', 'host', 'port', 'schema', 'conn_type', 'extra'];

export type ConnectionSecretFormat = 'json' | 'uri';

export type ConnectionSecretParse =
  | {
      readonly ok: true;
      readonly connection: AirflowConnection;
      readonly format: ConnectionSecretFormat;
      readonly warnings: readonly Problem[];
    }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly format?: ConnectionSecretFormat };

export type AliasWords = Readonly<Record<ConnectionField, readonly unknown[]>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The alias table extended by `extra_conn_words`, or the problem that makes the backend raise
 * on every JSON connection lookup (a `KeyError` or `TypeError` inside the backend).
 */
export function aliasWordsFor(kwargs: BackendKwargs | undefined): { ok: true; words: AliasWords } | { ok: false; problem: Problem } {
  const words: Record<ConnectionField, unknown[]> = {
    login: [...connectionKeyAliases.login],
    password: [...connectionKeyAliases.password],
    host: [...connectionKeyAliases.host],
    port: [...connectionKeyAliases.port],
    schema: [...connectionKeyAliases.schema],
    conn_type: [...connectionKeyAliases.conn_type],
    extra: [...connectionKeyAliases.extra],
  };
  const extraWords = kwargs?.extra_conn_words;
  if (!pythonTruthy(extraWords)) return { ok: true, words };
  if (!isPlainObject(extraWords)) {
    return {
      ok: false,
      problem: error('kwargs.extra-conn-words-type', '`extra_conn_words` must be an object of lists, like {"login": ["db_user"]}; anything else makes every JSON connection lookup fail.', {
        field: 'extra_conn_words',
      }),
    };
  }
  for (const [key, value] of Object.entries(extraWords)) {
    const field = (key === 'user' ? 'login' : key) as ConnectionField;
    if (!Object.prototype.hasOwnProperty.call(words, field)) {
      return {
        ok: false,
        problem: error(
          'kwargs.extra-conn-words-key',
          `\`extra_conn_words\` has the key \`${key}\`, which is not a connection field; the backend raises KeyError on every JSON connection lookup. Use user, login, password, host, port, schema, conn_type or extra.`,
          { field: 'extra_conn_words' },
        ),
      };
    }
    if (Array.isArray(value)) words[field].push(...(value as unknown[]));
    else if (typeof value === 'string') words[field].push(...Array.from(value)); // list.extend("abc") adds "a", "b", "c"
    else if (isPlainObject(value)) words[field].push(...Object.keys(value));
    else {
      return {
        ok: false,
        problem: error('kwargs.extra-conn-words-value', `\`extra_conn_words.${key}\` must be a list of key names; the backend raises TypeError on every JSON connection lookup.`, {
          field: 'extra_conn_words',
        }),
      };
    }
  }
  return { ok: true, words };
}

const CONN_ID_TRAP =
  'The key `conn_id` is read as the connection *type* (it is one of the backend\'s aliases for conn_type); the connection id always comes from the secret name.';

function dropWarnings(keys: readonly string[], used: ReadonlySet<string>, words: AliasWords): Problem[] {
  const problems: Problem[] = [];
  const allWords = new Map<string, ConnectionField>();
  for (const field of FIELD_ORDER) for (const word of words[field]) if (typeof word === 'string' && !allWords.has(word)) allWords.set(word, field);
  for (const key of keys) {
    if (used.has(key)) continue;
    const aliasOf = allWords.get(key);
    if (aliasOf !== undefined) {
      problems.push(
        warning('json.alias-shadowed', `\`${key}\` is ignored because an earlier key already gives the ${aliasOf}; the backend uses the first matching key. Remove one of them.`, {
          field: key,
        }),
      );
      continue;
    }
    const caseMatch = [...allWords.keys()].find((word) => word.toLowerCase() === key.toLowerCase());
    if (caseMatch !== undefined) {
      problems.push(
        warning(
          'json.key-case',
          `\`${key}\` is not read: the backend's key names are case-sensitive, so Airflow silently drops it. Rename it to \`${caseMatch}\`.`,
          { field: key, fix: { label: `Rename to ${caseMatch}`, kind: 'rename-key', value: caseMatch } },
        ),
      );
      continue;
    }
    if (key === 'description') {
      problems.push(warning('json.description-dropped', 'The backend drops `description`; keep notes in the secret\'s own description instead.', { field: key }));
      continue;
    }
    problems.push(
      warning('json.key-dropped', `\`${key}\` is not a connection field or alias, so Airflow drops it. Put custom settings inside \`extra\`.`, { field: key }),
    );
  }
  return problems;
}

function parsePort(value: unknown, problems: Problem[]): number | null {
  const fail = (code: string, message: string): null => {
    problems.push(error(code, message, { field: 'port' }));
    return null;
  };
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return fail('json.port-invalid', 'The port is true/false; it must be a number like 5432.');
  let port: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return fail('json.port-invalid', 'The port must be a whole number like 5432.');
    port = value;
  } else if (typeof value === 'string') {
    // Python's int(): surrounding whitespace, a sign and digit-group underscores are allowed.
    const text = Array.from(value);
    let start = 0;
    let end = text.length;
    while (start < end && isPythonSpace(text[start] ?? '')) start += 1;
    while (end > start && isPythonSpace(text[end - 1] ?? '')) end -= 1;
    const core = text.slice(start, end).join('');
    if (!/^[+-]?[0-9]+(?:_[0-9]+)*$/.test(core)) return fail('json.port-invalid', 'The port is not a number; write it like 5432 or "5432".');
    port = Number(core.replaceAll('_', ''));
  } else {
    return fail('json.port-invalid', `The port is a ${pythonTypeName(value)}; it must be a number like 5432.`);
  }
  if (port < 0 || port > 65535) return fail('json.port-range', 'The port must be between 0 and 65535 (the Airflow 3 Task SDK rejects anything else).');
  return port;
}

function parseExtra(value: unknown, problems: Problem[]): Record<string, unknown> | null {
  if (!pythonTruthy(value)) return null;
  let extra: unknown = value;
  if (typeof value === 'string') {
    const parsed = parsePythonJson(value);
    if (!parsed.ok) {
      problems.push(
        error('json.extra-not-json', '`extra` is a string but not valid JSON. Write it as a JSON object, e.g. "extra": {"sslmode": "require"}.', { field: 'extra' }),
      );
      return null;
    }
    extra = parsed.value;
  }
  if (!isPlainObject(extra)) {
    problems.push(
      error('json.extra-not-object', '`extra` must be a JSON object (or a string containing one); Airflow 2 rejects the connection and Airflow 3 hooks see no extras.', {
        field: 'extra',
      }),
    );
    return null;
  }
  return extra;
}

function parseTextField(field: 'login' | 'password' | 'host' | 'schema', value: unknown, problems: Problem[], warnings: Problem[]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    warnings.push(
      warning('json.field-not-string', `The ${field} is a JSON number; Airflow passes it to the hook as a number, not text. Quote it.`, {
        field,
      }),
    );
    return String(value);
  }
  problems.push(error('json.field-type', `The ${field} is a ${pythonTypeName(value)}; it must be a string.`, { field }));
  return null;
}

function parseJsonSecret(value: string, kwargs: BackendKwargs | undefined): ConnectionSecretParse {
  const parsed = parsePythonJson(value);
  if (!parsed.ok) {
    return {
      ok: false,
      format: 'json',
      problems: [
        error(
          'json.invalid',
          `The secret starts with \`{\` so Airflow reads it as JSON, but it is not valid JSON (${parsed.message.toLowerCase()} at character ${parsed.position + 1}). The lookup fails and Airflow falls through to the next backend.`,
        ),
      ],
    };
  }
  const secret = parsed.value as Record<string, unknown>;
  const keys = parsed.keyOrder ?? Object.keys(secret);
  const aliases = aliasWordsFor(kwargs);
  if (!aliases.ok) return { ok: false, format: 'json', problems: [aliases.problem] };
  const words = aliases.words;

  const chosen = new Map<ConnectionField, string>();
  for (const field of FIELD_ORDER) {
    const key = keys.find((k) => words[field].includes(k));
    if (key !== undefined) chosen.set(field, key);
  }
  const used = new Set(chosen.values());
  const warnings: Problem[] = parsed.duplicateKeys.map((key) =>
    warning('json.duplicate-key', `\`${key}\` appears more than once; Airflow uses the last value.`, { field: key }),
  );
  warnings.push(...dropWarnings(keys, used, words));
  const problems: Problem[] = [];
  const valueOf = (field: ConnectionField): unknown => {
    const key = chosen.get(field);
    return key === undefined ? null : secret[key];
  };

  const connTypeKey = chosen.get('conn_type');
  if (connTypeKey === 'conn_id') {
    const other = keys.find((k) => k !== 'conn_id' && words.conn_type.includes(k));
    const conflicting = other !== undefined && secret[other] !== secret.conn_id;
    // Airflow does read this connection, so it stays a warning here; trap detection reports the
    // conflicting case as an error because the resulting type is wrong.
    warnings.push(
      conflicting
        ? warning('json.conn-id-overrides-conn-type', `${CONN_ID_TRAP} Because it comes before \`${other ?? ''}\`, it wins and the connection gets the wrong type. Remove \`conn_id\`.`, {
            field: 'conn_id',
          })
        : warning('json.conn-id-is-conn-type', `${CONN_ID_TRAP} Rename it to \`conn_type\` if it holds the type, or remove it.`, {
            field: 'conn_id',
            fix: { label: 'Rename to conn_type', kind: 'rename-key', value: 'conn_type' },
          }),
    );
  }

  let connType: string | null = null;
  const rawType = valueOf('conn_type');
  if (pythonTruthy(rawType)) {
    if (typeof rawType === 'string') connType = normalizeConnType(rawType);
    else problems.push(error('json.field-type', `The connection type is a ${pythonTypeName(rawType)}; it must be a string like "postgres".`, { field: 'conn_type' }));
  }
  const port = parsePort(valueOf('port'), problems);
  const extra = parseExtra(valueOf('extra'), problems);
  const login = parseTextField('login', valueOf('login'), problems, warnings);
  const password = parseTextField('password', valueOf('password'), problems, warnings);
  const host = parseTextField('host', valueOf('host'), problems, warnings);
  const schema = parseTextField('schema', valueOf('schema'), problems, warnings);
  if (problems.length > 0) return { ok: false, format: 'json', problems: [...problems, ...warnings] };

  const connection = makeConnection({ conn_type: connType, host, login, password, schema, port, extra });
  return { ok: true, connection, format: 'json', warnings: [...warnings, ...connectionWarnings(connection)] };
}

/**
 * Reads a connection secret's value the way the newest provider and Airflow do (A.5, B.2, B.3).
 * `kwargs` matter only for `extra_conn_words`.
 */
export function parseConnectionSecret(value: string, kwargs?: BackendKwargs): ConnectionSecretParse {
  if (value === '') {
    return { ok: false, problems: [error('secret.empty', 'The secret value is empty; Airflow treats it as "not found" and falls through to the next backend.')] };
  }
  const stripped = pythonStrip(value);
  if (stripped === '') {
    return { ok: false, problems: [error('secret.blank', 'The secret value is only whitespace; Airflow fails to read it as a connection.')] };
  }
  if (stripped.startsWith('{')) return parseJsonSecret(value, kwargs);
  const uri = parseConnectionUri(stripped);
  return uri.ok ? { ...uri, format: 'uri' } : { ok: false, format: 'uri', problems: uri.problems };
}

/**
 * The JSON secret format (B.3): only the fields that are set, `extra` as an object, in the order
 * Airflow's own `Connection.as_json()` writes them.
 */
export function connectionToJson(conn: AirflowConnection, options: { pretty?: boolean } = {}): string {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: string | null): void => {
    if (value !== null && value !== '') out[key] = value;
  };
  set('conn_type', conn.conn_type);
  set('host', conn.host);
  set('login', conn.login);
  set('password', conn.password);
  set('schema', conn.schema);
  if (conn.port !== null) out.port = conn.port;
  if (conn.extra !== null && Object.keys(conn.extra).length > 0) out.extra = conn.extra;
  return JSON.stringify(out, null, options.pretty ? 2 : undefined);
}
