/**
 * Mistakes people make when they store an Airflow connection in Secrets Manager by hand, each
 * reported with what Airflow does with it and, where one exists, the corrected value.
 *
 * `fix.value` here is usually the whole corrected secret, so every such fix is marked sensitive.
 */
import type { BackendKwargs } from './backend-kwargs';
import { diffConnections, emptyConnection, type AirflowConnection } from './connection';
import { parseConnectionSecret } from './connection-secret';
import { buildConnectionUri, parseConnectionUri, uriQueryPairs } from './connection-uri';
import { dedupeProblems, error, warning, type Problem } from './problem';
import { parsePythonJson } from './python-json';
import { pythonStrip } from './python-text';
import { quote, unquote } from './python-url';

const URI_LIKE = /^[A-Za-z][A-Za-z0-9+.\-_]*:\/\/\S/;

function sensitiveFix(label: string, value: string): Problem['fix'] {
  return { label, value, sensitive: true };
}

function wrapperTraps(stripped: string): Problem[] {
  if (stripped.length < 2) return [];
  const first = stripped[0];
  const last = stripped[stripped.length - 1];
  if ((first === '"' || first === "'") && last === first) {
    let inner = stripped.slice(1, -1);
    if (first === '"') {
      const decoded = parsePythonJson(stripped);
      if (decoded.ok && typeof decoded.value === 'string') inner = decoded.value;
    }
    return [
      error(
        'secret.quoted',
        'The whole value is wrapped in quotes (often left over from a shell command or a JSON string). Airflow reads the quotes as part of the value, so it finds no connection type and no host. Remove them.',
        { fix: sensitiveFix('Remove the quotes', inner) },
      ),
    ];
  }
  if (first === '[' && last === ']') {
    const parsed = parsePythonJson(stripped);
    let inner = stripped.slice(1, -1).trim();
    if (parsed.ok && Array.isArray(parsed.value) && parsed.value.length === 1) {
      const only: unknown = parsed.value[0];
      inner = typeof only === 'string' ? only : JSON.stringify(only);
    }
    return [
      error(
        'secret.brackets',
        'The value is wrapped in `[ ]`. Airflow expects either a URI or a JSON object starting with `{`, so it reads this as a URI and finds nothing usable. Remove the brackets.',
        inner === '' ? {} : { fix: sensitiveFix('Remove the brackets', inner) },
      ),
    ];
  }
  if (first === '{' && !parsePythonJson(stripped).ok) {
    const inner = stripped.slice(1, last === '}' ? -1 : undefined).trim();
    if (URI_LIKE.test(inner)) {
      return [
        error(
          'secret.braces-around-uri',
          'The URI is wrapped in `{ }` (the AWS console\'s plaintext editor starts with `{}`). Airflow reads anything starting with `{` as JSON, fails, and falls through to the next backend. Remove the braces.',
          { fix: sensitiveFix('Remove the braces', inner) },
        ),
      ];
    }
    if (/'[^']*'\s*:/.test(stripped)) {
      return [
        error(
          'json.single-quotes',
          'The value looks like a Python dict with single quotes. Only provider 5.x with `full_url_mode: false` accepted that; JSON needs double quotes around keys and strings.',
        ),
      ];
    }
  }
  return [];
}

const UNRESERVED = /[A-Za-z0-9._~-]/;
const BREAKING = ['/', '?', '#', '@', '[', ']'];

/** Percent-encodes what needs it, keeping escapes that are already valid (`%40` stays). */
function encodeKeepingEscapes(text: string): string {
  let out = '';
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] ?? '';
    if (char === '%' && /^[0-9A-Fa-f]$/.test(chars[i + 1] ?? '') && /^[0-9A-Fa-f]$/.test(chars[i + 2] ?? '')) {
      out += char;
    } else {
      out += UNRESERVED.test(char) ? char : quote(char);
    }
  }
  return out;
}

function specialCharsIn(text: string): string[] {
  const found = new Set<string>();
  for (const char of BREAKING) if (text.includes(char)) found.add(char);
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) found.add('%');
  return [...found];
}

/**
 * Finds the `@` that most plausibly ends the user info (followed by a host, an optional port and
 * the end or `/?#`), then checks the login and password before it for characters that must be
 * percent-encoded. Airflow itself splits at the *first* `/`, `?` or `#` and then at the last `@`.
 */
function userinfoTrap(uri: string): Problem | null {
  const head = /^[A-Za-z][A-Za-z0-9+.\-_]*:\/\/(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?/.exec(uri)?.[0];
  if (head === undefined) return null;
  const rest = uri.slice(head.length);
  const hostTail = /^(?:\[[^\]/?#@]*\]|[A-Za-z0-9._~%-]*)(?::[0-9]*)?(?:[/?#]|$)/;
  let at = rest.lastIndexOf('@');
  let userinfo: string | null = null;
  while (at >= 0) {
    const candidate = rest.slice(0, at);
    // An `@` inside a query value (`?principal=me@REALM`) is not the end of the user info.
    if (hostTail.test(rest.slice(at + 1)) && !/\?[^@]*=/.test(candidate)) {
      userinfo = candidate;
      break;
    }
    if (at === 0) break;
    at = rest.lastIndexOf('@', at - 1);
  }
  if (userinfo === null) return null;
  const colon = userinfo.indexOf(':');
  const login = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? userinfo.slice(colon + 1) : null;
  const loginChars = specialCharsIn(login);
  const passwordChars = password === null ? [] : specialCharsIn(password);
  if (loginChars.length === 0 && passwordChars.length === 0) return null;

  const fixedUserinfo = encodeKeepingEscapes(login) + (password === null ? '' : `:${encodeKeepingEscapes(password)}`);
  const fixed = `${head}${fixedUserinfo}@${rest.slice(at + 1)}`;
  const asIs = parseConnectionUri(uri);
  const corrected = parseConnectionUri(fixed);
  const breaks = !asIs.ok || (corrected.ok && diffConnections(asIs.connection, corrected.connection).length > 0);
  const fields = [loginChars.length > 0 ? 'login' : null, passwordChars.length > 0 ? 'password' : null].filter((f) => f !== null).join(' and ');
  const chars = [...new Set([...loginChars, ...passwordChars])].map((c) => `\`${c}\``).join(', ');
  const consequence = breaks
    ? 'Airflow splits the URI at the first `/`, `?` or `#` and at the last `@`, so it reads a different host, login or password (or rejects the URI).'
    : 'Airflow happens to read this one correctly, but other tools will not, and a later edit can break it.';
  return (breaks ? error : warning)(
    'uri.unencoded-userinfo',
    `The ${fields} contains ${chars}, which must be percent-encoded in a URI. ${consequence} Percent-encode them (\`@\` as \`%40\`, \`/\` as \`%2F\`...).`,
    { field: passwordChars.length > 0 ? 'password' : 'login', fix: sensitiveFix('Percent-encode the login and password', fixed) },
  );
}

function withExtra(conn: AirflowConnection, extra: Record<string, unknown>): string {
  return buildConnectionUri({ ...conn, extra });
}

function queryTraps(uri: string, conn: AirflowConnection): Problem[] {
  const pairs = uriQueryPairs(uri);
  if (pairs === null || pairs.length === 0 || pairs.some(([k]) => k === '__extra__')) return [];
  const problems: Problem[] = [];
  const extra = conn.extra ?? {};
  // Key names are not quoted in the message: in a broken URI they can be pieces of the password.
  if (pairs.some(([key]) => /[[\]]/.test(key))) {
    problems.push(
      warning(
        'uri.query-nested-key',
        'Airflow does not expand bracketed query keys (`a[b]=c`): the extra gets a key literally named `a[b]`, not a nested object. Put nested extras in `__extra__` (or store the connection as JSON).',
        { field: 'extra' },
      ),
    );
  }
  const jsonValued: Record<string, unknown> = { ...extra };
  let jsonCount = 0;
  const booleanValued: Record<string, unknown> = { ...extra };
  let boolCount = 0;
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value !== 'string') continue;
    if (/^\s*[[{]/.test(value)) {
      const parsed = parsePythonJson(value.trim());
      if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object') {
        jsonValued[key] = parsed.value;
        jsonCount += 1;
      }
    }
    if (/^(true|false)$/i.test(value)) {
      booleanValued[key] = value.toLowerCase() === 'true';
      boolCount += 1;
    }
  }
  if (jsonCount > 0) {
    problems.push(
      warning(
        'uri.query-json-value',
        'An extra in the query holds JSON, but query values always reach Airflow as strings; most hooks will not decode it (MySQL\'s `ssl` is an exception). Use `__extra__` to pass a real object.',
        { field: 'extra', fix: sensitiveFix('Send the JSON as a real object (__extra__)', withExtra(conn, jsonValued)) },
      ),
    );
  }
  if (boolCount > 0) {
    problems.push(
      warning(
        'uri.query-boolean-string',
        'An extra in the query is `true` or `false`, which reaches the hook as a string; in Python the string "false" counts as true. Hooks that parse strings (Snowflake, SSH) cope; others do not. Use `__extra__` for a real boolean.',
        { field: 'extra', fix: sensitiveFix('Send real booleans (__extra__)', withExtra(conn, booleanValued)) },
      ),
    );
  }
  return problems;
}

function jsonTraps(raw: string, conn: AirflowConnection): Problem[] {
  const parsed = parsePythonJson(raw);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return [];
  const secret = parsed.value as Record<string, unknown>;
  const problems: Problem[] = [];
  if (diffConnections(conn, emptyConnection).length === 0) {
    // Only a lone value, or one under a key that says so: `{"endpoint": "https://..."}` is a variable.
    const entries = Object.entries(secret);
    const uri = entries
      .filter(([key]) => entries.length === 1 || /ur[il]|conn/i.test(key))
      .map(([, v]) => v)
      .find((v): v is string => typeof v === 'string' && URI_LIKE.test(v.trim()));
    if (uri === undefined) {
      problems.push(
        error(
          'json.no-connection-fields',
          'None of the keys is a connection field, so Airflow gets an empty connection. If this JSON is a variable\'s value, store it under the variables prefix; otherwise use keys like conn_type, host, login, password.',
        ),
      );
    } else {
      problems.push(
        error(
          'json.uri-in-key-value',
          'The connection URI is stored as a value inside a JSON key/value pair (the AWS console\'s "Key/value" tab does this). Airflow reads the JSON, finds none of its keys and gets an empty connection. Store the URI alone as the plaintext value.',
          { fix: sensitiveFix('Store the URI alone', uri.trim()) },
        ),
      );
    }
  }
  for (const field of ['login', 'password'] as const) {
    const value = conn[field];
    if (value !== null && /%[0-9A-Fa-f]{2}/.test(value) && unquote(value) !== value) {
      problems.push(
        warning(
          'json.value-urlencoded',
          `The ${field} contains %XX escapes. JSON secret values are used literally (provider 7.0.0 and later never URL-decode them), so Airflow sends the escapes as typed. Decode them unless they are really part of the ${field}.`,
          { field, fix: sensitiveFix(`Decode the ${field}`, unquote(value)) },
        ),
      );
    }
  }
  return problems;
}

/**
 * Every problem worth showing for a raw connection secret: Airflow's own parse problems and
 * warnings (`parseConnectionSecret`) plus the hand-editing traps above.
 */
export function detectConnectionTraps(raw: string, kwargs?: BackendKwargs): Problem[] {
  const problems: Problem[] = [];
  if (raw.startsWith('\ufeff')) {
    problems.push(
      error(
        'secret.bom',
        'The value starts with an invisible byte-order mark (from a file saved by some Windows editors). Python does not strip it, so Airflow cannot read the connection. Remove it.',
        { fix: sensitiveFix('Remove the byte-order mark', raw.slice(1)) },
      ),
    );
  }
  const stripped = pythonStrip(raw.startsWith('\ufeff') ? raw.slice(1) : raw);
  if (raw !== '' && stripped !== '' && stripped !== raw && !raw.startsWith('\ufeff')) {
    problems.push(
      warning(
        'secret.whitespace',
        'The value has leading or trailing whitespace (often a newline from copy-paste). Airflow strips it from connections, but other readers of the secret do not. Remove it.',
        { fix: sensitiveFix('Trim whitespace', stripped) },
      ),
    );
  }
  const wrappers = wrapperTraps(stripped);
  problems.push(...wrappers);
  const parsed = parseConnectionSecret(raw, kwargs);
  if (!parsed.ok) {
    // A wrapper explains the failure better than the parse errors it causes.
    if (wrappers.length === 0) problems.push(...parsed.problems);
    if (parsed.format === 'uri') {
      const trap = userinfoTrap(stripped);
      if (trap) problems.push(trap);
    }
    return dedupeProblems(problems);
  }
  for (const w of parsed.warnings) {
    problems.push(w.code === 'json.conn-id-overrides-conn-type' ? { ...w, severity: 'error' } : w);
  }
  if (wrappers.length === 0) {
    if (parsed.format === 'uri' && !stripped.includes('://') && !stripped.startsWith('//')) {
      problems.push(
        error(
          'secret.not-a-connection',
          'This value is neither a connection URI (`type://...`) nor JSON, so Airflow reads nonsense from it. If it is a variable, store it under the variables prefix, not the connections prefix.',
        ),
      );
    } else if (parsed.format === 'uri') {
      const trap = userinfoTrap(stripped);
      if (trap) problems.push(trap);
      problems.push(...queryTraps(stripped, parsed.connection));
    } else {
      problems.push(...jsonTraps(raw, parsed.connection));
    }
  }
  return dedupeProblems(problems);
}
