/**
 * Airflow's connection URI format, read and written exactly as Airflow does it (sheet B.1, B.2):
 * `Connection(uri=...)` / `Connection.from_uri` and the Task SDK's `Connection.get_uri()`.
 *
 * The emulation runs Airflow's algorithm step by step on top of `python-url.ts`, so its quirks
 * come along: the scheme is replaced with `str.replace` (every occurrence), the host is
 * lower-cased only up to its first `%`, a `#` anywhere ends the useful part of the URI.
 */
import { makeConnection, type AirflowConnection } from './connection';
import { error, warning, type Problem } from './problem';
import { parsePythonJson, pythonJsonDumps } from './python-json';
import { lstripC0OrSpace } from './python-text';
import {
  netlocHostinfo,
  netlocHostname,
  netlocPort,
  netlocUserinfo,
  parseQsl,
  PythonValueError,
  quote,
  quotePlus,
  unquote,
  urlencode,
  urlsplit,
  type SplitResult,
} from './python-url';

const EXTRA_KEY = '__extra__';

/** `Connection._normalize_conn_type`: `postgresql` becomes `postgres`, `-` becomes `_`. */
export function normalizeConnType(connType: string): string {
  if (connType === 'postgresql') return 'postgres';
  return connType.replaceAll('-', '_');
}

/** What Airflow's URI parser produces before this module maps `""` to null. */
interface RawUriFields {
  readonly connType: string;
  readonly host: string;
  readonly login: string | null;
  readonly password: string | null;
  readonly schema: string;
  readonly port: number | null;
  readonly query: string;
  readonly fragment: string;
  /** The `urlsplit` result the host, user info and port were read from. */
  readonly parts: SplitResult;
}

function countOccurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** `_parse_netloc_to_hostname`: `.hostname`, unless it decodes to something containing `/`. */
function hostnameOf(parts: SplitResult): string {
  let hostname = unquote(netlocHostname(parts.netloc) ?? '');
  if (hostname.includes('/')) {
    hostname = parts.netloc;
    const at = hostname.lastIndexOf('@');
    if (at >= 0) hostname = hostname.slice(at + 1);
    const colon = hostname.indexOf(':');
    if (colon >= 0) hostname = hostname.slice(0, colon);
    hostname = unquote(hostname);
  }
  return hostname;
}

/** `path[1:]` by code point, as Python slices. */
function dropFirstCodePoint(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return '';
  return text.slice(first > 0xffff ? 2 : 1);
}

/** Airflow's `_parse_from_uri` / `from_uri`. Throws `PythonValueError` where Airflow raises. */
function airflowParseUri(uri: string): RawUriFields {
  const schemes = countOccurrences(uri, '://');
  if (schemes > 2) {
    throw new PythonValueError(
      'uri.too-many-schemes',
      'The URI contains `://` more than twice, which Airflow rejects. Percent-encode any `://` inside the login, password or extras (`%3A%2F%2F`).',
    );
  }
  const hostWithProtocol = schemes === 2;
  const first = urlsplit(uri);
  const connType = first.scheme;
  const rest = uri.split(`${connType}://`).join(hostWithProtocol ? '' : '//');
  if (hostWithProtocol) {
    const beforeProtocol = rest.split('://')[0] ?? '';
    if (beforeProtocol.includes('@') || beforeProtocol.includes(':')) {
      throw new PythonValueError(
        'uri.protocol-host-invalid',
        'The URI contains a second `://`, which Airflow reads as a protocol in front of the host (like `http://https://api.example.com`), but the text before it is not a protocol. Percent-encode `://` inside the password or extras.',
      );
    }
  }
  const parts = urlsplit(rest);
  const protocol = hostWithProtocol ? parts.scheme : null;
  const bareHost = hostnameOf(parts);
  const host = bareHost && protocol ? `${protocol}://${bareHost}` : bareHost;
  const quotedSchema = dropFirstCodePoint(parts.path);
  const { username, password } = netlocUserinfo(parts.netloc);
  return {
    connType: normalizeConnType(connType),
    host,
    login: username ? unquote(username) : username,
    password: password ? unquote(password) : password,
    schema: quotedSchema ? unquote(quotedSchema) : quotedSchema,
    port: netlocPort(parts.netloc),
    query: parts.query,
    fragment: parts.fragment,
    parts,
  };
}

/**
 * The query pairs Airflow reads from a URI (in order, duplicates kept), or null when Airflow
 * rejects the URI. Lets trap detection look at extras before they are folded into a dict.
 */
export function uriQueryPairs(uri: string): [string, string][] | null {
  try {
    return parseQsl(airflowParseUri(uri).query);
  } catch (err) {
    if (err instanceof PythonValueError) return null;
    throw err;
  }
}

export type ConnectionUriParse =
  | { readonly ok: true; readonly connection: AirflowConnection; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The scheme the user wrote (text before the first `://`), if it looks like one was meant. */
function writtenScheme(uri: string): string | null {
  const cleaned = lstripC0OrSpace(uri).replace(/[\t\r\n]/g, '');
  const at = cleaned.indexOf('://');
  if (at <= 0) return null;
  const candidate = cleaned.slice(0, at);
  return /[/?#@]/.test(candidate) ? null : candidate;
}

function schemeProblem(uri: string): Problem | null {
  const written = writtenScheme(uri);
  if (written === null) return null;
  if (urlsplit(uri).scheme === written.toLowerCase()) return null;
  const fixedScheme = written.toLowerCase().replaceAll('_', '-');
  const at = uri.indexOf(`${written}://`);
  const fixed = at >= 0 ? `${uri.slice(0, at)}${fixedScheme}${uri.slice(at + written.length)}` : null;
  if (/^[A-Za-z][A-Za-z0-9+.\-_]*$/.test(written) && written.includes('_')) {
    return error(
      'uri.scheme-underscore',
      `The URI scheme \`${written}\` contains \`_\`, which Python's URL parser does not accept as a scheme, so Airflow reads no connection type, host, login or password at all. Write \`_\` as \`-\` in the scheme (\`${fixedScheme}://\`); Airflow turns it back into \`_\`.`,
      {
        field: 'conn_type',
        ...(fixed === null ? {} : { fix: { label: `Use ${fixedScheme}://`, value: fixed, sensitive: true } }),
      },
    );
  }
  return error(
    'uri.scheme-invalid',
    'The text before `://` is not a valid URI scheme (it must start with a letter and contain only letters, digits, `+`, `-` and `.`), so Airflow reads no connection type, host, login or password.',
    { field: 'conn_type' },
  );
}

function extraFromQuery(query: string, problems: Problem[], warnings: Problem[]): Record<string, unknown> | null {
  if (query === '') return null;
  const pairs = parseQsl(query);
  const dict = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const [key, value] of pairs) {
    if (dict.has(key)) duplicates.add(key);
    dict.set(key, value);
  }
  if (duplicates.size > 0) {
    // Key names stay out of the message: in a broken URI they can be pieces of the password.
    warnings.push(warning('uri.duplicate-query-key', 'An extra appears more than once in the query; Airflow keeps only the last value.', { field: 'extra' }));
  }
  const extraText = dict.get(EXTRA_KEY);
  if (extraText === undefined) {
    const extra: Record<string, unknown> = {};
    for (const [key, value] of dict) Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
    return extra;
  }
  if (dict.size > 1) {
    warnings.push(
      warning(
        'uri.extra-shadows-query',
        `The query has \`${EXTRA_KEY}\` and other parameters; Airflow uses only \`${EXTRA_KEY}\` and ignores the others. Move them into the \`${EXTRA_KEY}\` JSON.`,
        { field: 'extra' },
      ),
    );
  }
  // An empty `__extra__=` is falsy in Python: Airflow keeps no extra and validates nothing.
  if (extraText === '') return null;
  const parsed = parsePythonJson(extraText);
  if (!parsed.ok) {
    problems.push(
      error('uri.extra-not-json', `The \`${EXTRA_KEY}\` value is not valid JSON (${parsed.message.toLowerCase()}), so Airflow rejects the connection. It must be a URL-encoded JSON object.`, {
        field: 'extra',
      }),
    );
    return null;
  }
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    problems.push(
      error('uri.extra-not-object', `The \`${EXTRA_KEY}\` value is JSON but not an object; Airflow requires extras to be a JSON object like {"key": "value"}.`, {
        field: 'extra',
      }),
    );
    return null;
  }
  return parsed.value as Record<string, unknown>;
}

function hostCaseWarning(raw: RawUriFields): Problem | null {
  const { hostname } = netlocHostinfo(raw.parts.netloc);
  const percent = hostname.indexOf('%');
  const lowered = percent < 0 ? hostname : hostname.slice(0, percent);
  if (lowered === lowered.toLowerCase()) return null;
  if (unquote(netlocHostname(raw.parts.netloc) ?? '').includes('/')) return null;
  return warning(
    'uri.host-lowercased',
    'The host contains capital letters; Airflow lower-cases the host of a URI. Host names are case-insensitive, but if this one is not (a path, a socket), store the connection as JSON instead.',
    { field: 'host' },
  );
}

/** Warnings that apply to a parsed connection whatever format it came from. */
export function connectionWarnings(connection: AirflowConnection): Problem[] {
  const warnings: Problem[] = [];
  if (connection.conn_type === null) {
    warnings.push(
      warning(
        'connection.missing-conn-type',
        'The connection has no type. Hooks that read fields directly may still work, but `conn.get_hook()`, the Airflow UI and connection tests need it; set a type such as `postgres` or `aws`.',
        { field: 'conn_type' },
      ),
    );
  } else if (connection.conn_type.includes('+')) {
    const base = connection.conn_type.split('+')[0] ?? '';
    warnings.push(
      warning(
        'conn-type.sqlalchemy-dialect',
        `The connection type \`${connection.conn_type}\` is a SQLAlchemy dialect, not an Airflow connection type; no hook is registered for it. Use \`${normalizeConnType(base)}\`.`,
        { field: 'conn_type', fix: { label: `Use ${normalizeConnType(base)}`, value: normalizeConnType(base) } },
      ),
    );
  } else if (connection.conn_type !== connection.conn_type.toLowerCase()) {
    warnings.push(
      warning(
        'conn-type.not-lowercase',
        `The connection type \`${connection.conn_type}\` has capital letters; Airflow's hook registry is keyed by lower-case types, so \`get_hook()\` will not find it.`,
        { field: 'conn_type', fix: { label: 'Use lower case', value: connection.conn_type.toLowerCase() } },
      ),
    );
  }
  if (connection.port === 0) {
    warnings.push(
      warning(
        'connection.port-zero',
        'Port 0 is treated as "no port" by Airflow 2 (`if self.port:`) but kept by the Airflow 3 Task SDK. Leave the port empty instead.',
        { field: 'port' },
      ),
    );
  }
  return warnings;
}

/** Parses a connection URI the way Airflow does (sheet B.2). Never throws. */
export function parseConnectionUri(uri: string): ConnectionUriParse {
  let scheme: Problem | null = null;
  try {
    scheme = schemeProblem(uri);
  } catch {
    // urlsplit itself failed; airflowParseUri below reports why.
  }
  let raw: RawUriFields;
  try {
    raw = airflowParseUri(uri);
  } catch (err) {
    if (!(err instanceof PythonValueError)) throw err;
    return { ok: false, problems: [...(scheme ? [scheme] : []), error(err.code, err.message)] };
  }
  if (scheme) return { ok: false, problems: [scheme] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const extra = extraFromQuery(raw.query, problems, warnings);
  if (problems.length > 0) return { ok: false, problems };
  const connection = makeConnection({
    conn_type: raw.connType,
    host: raw.host,
    login: raw.login,
    password: raw.password,
    schema: raw.schema,
    port: raw.port,
    extra,
  });
  const hostCase = hostCaseWarning(raw);
  if (hostCase) warnings.push(hostCase);
  if (raw.fragment !== '') {
    warnings.push(
      warning(
        'uri.fragment-dropped',
        'Everything after a `#` in the URI is ignored by Airflow. If a password, database name or extra contains `#`, percent-encode it as `%23`.',
      ),
    );
  }
  warnings.push(...connectionWarnings(connection));
  return { ok: true, connection, warnings };
}

/**
 * `Connection.get_uri()` as the Airflow 3 Task SDK writes it (sheet B.1). Two deliberate choices
 * where Airflow 2's core differs: a port of 0 is written (core drops it), and a host whose
 * protocol equals the connection type is kept whole (core writes `http://http://x`, which its own
 * parser reads back as `x`).
 */
export function buildConnectionUri(conn: AirflowConnection): string {
  let uri = conn.conn_type ? `${conn.conn_type.toLowerCase().replaceAll('_', '-')}://` : '//';
  let hostToUse = conn.host;
  let protocolToAdd: string | null = null;
  if (conn.host?.includes('://')) {
    const at = conn.host.indexOf('://');
    const protocol = conn.host.slice(0, at);
    if (protocol !== conn.conn_type) {
      hostToUse = conn.host.slice(at + 3);
      protocolToAdd = protocol;
    }
  }
  if (protocolToAdd) uri += `${protocolToAdd}://`;
  let authority = '';
  if (conn.login !== null) authority += quote(conn.login);
  if (conn.password !== null) authority += `:${quote(conn.password)}`;
  if (authority !== '') {
    authority += '@';
    uri += authority;
  }
  let hostBlock = '';
  if (hostToUse) hostBlock += quote(hostToUse);
  if (conn.port !== null) hostBlock += hostBlock === '' && authority === '' ? `@:${conn.port}` : `:${conn.port}`;
  if (conn.schema) hostBlock += `/${quote(conn.schema)}`;
  uri += hostBlock;
  const entries = conn.extra === null ? [] : Object.entries(conn.extra);
  if (entries.length > 0) {
    const prefix = conn.schema ? '?' : '/?';
    const flat = entries.every((entry): entry is [string, string] => typeof entry[1] === 'string');
    uri += prefix + (flat ? urlencode(entries) : `${EXTRA_KEY}=${quotePlus(pythonJsonDumps(conn.extra))}`);
  }
  return uri;
}
