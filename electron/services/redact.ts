/**
 * The one redaction rule: masks credentials in text that crosses a boundary (a log line, an error
 * message, CLI output streamed to the window).
 *
 * It recognises credentials by shape and by name, and masks exact values the caller knows:
 *
 * - Known values (an API token, the values being deployed or written), also URL-encoded (any
 *   mix of `%XX` in either case and `+` for space, so encodeURIComponent, form encoding and
 *   Python's quote all match), JSON-escaped at any depth (`\"`, `\\\"`, `\uXXXX`) and base64 or
 *   base64url at any byte alignment (so `Basic base64(user:secret)` is caught too).
 * - PEM private key blocks, JWTs, the password of any `scheme://user:password@host` URI.
 * - Values of sensitive names (see `isSensitiveName`) in env, INI and YAML lines, JSON, Python
 *   dict reprs, CLI flags, HTTP headers, query strings and XML elements, quoted or not.
 * - Bearer and Basic credentials, `?code=` / `#launch=` URL parameters, AWS access key ids.
 *
 * It cannot recognise an arbitrary secret in free text, so callers pass the values they know.
 * A secret's *name* is not a secret: `airflow/connections/db_password`, `SecretId=...` and ARNs
 * stay readable because they are what a user needs to act on a message.
 */
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/** Shorter known values are not masked: they would hit ordinary words and numbers. */
const minimumSecretLength = 8;
/** How deep `redactValue` follows nested objects (log fields and error details are shallow). */
const maxDepth = 8;

// ---------------------------------------------------------------------------------------------
// Sensitive names

/**
 * A name is sensitive when one of its words ends with one of these:
 * - `password`, `passwd`, `passphrase`: every spelling config files use (`DB_PASSWORD`, `passwd`).
 * - `pwd`: ODBC/JDBC connection strings (`PWD=`); a shell's `PWD=/path` is kept, see `valueSpan`.
 * - `secret`: `client_secret`, `SecretString`/`SecretBinary` (Secrets Manager's value members),
 *   `SecretAccessKey`, `ASTRONOMER_KEY_SECRET`, `AIRFLOW__WEBSERVER__SECRET_KEY`. Not `secrets`:
 *   `AIRFLOW__SECRETS__BACKEND` names a feature, and its kwargs must stay readable.
 * - `token`: `ASTRO_API_TOKEN`, `X-Amz-Security-Token`, `aws_session_token`, the SSO cache's
 *   `accessToken`/`refreshToken`, `TokenCode` (an MFA code), run-together `authtoken`.
 * - `apikey`, `privatekey`, `secretkey`: the run-together spellings of the pairs below.
 * - `authorization`: the `Authorization` and `Proxy-Authorization` headers.
 * `credentials` is deliberately absent: its values are containers (whose fields have their own
 * names) or file paths (`GOOGLE_APPLICATION_CREDENTIALS`), and `credential_process` is a command.
 */
const sensitiveEndings = ['password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'apikey', 'privatekey', 'secretkey', 'authorization'];

/** Word pairs that are sensitive together, not apart: `api_key`/`x-api-key`, `private_key`, Airflow's `FERNET_KEY`. */
const sensitivePairs: readonly (readonly [string, string])[] = [['api', 'key'], ['private', 'key'], ['fernet', 'key']];

/**
 * A last word that makes the value *about* a secret rather than the secret: `SecretId`,
 * `secret_name`, `SecretARN`, `token_url`, `password_file`, `TokenType`, `clientSecretExpiresAt`,
 * `private_key_id`.
 */
const describingWords = new Set([
  'id', 'ids', 'arn', 'arns', 'name', 'names', 'prefix', 'suffix', 'path', 'file', 'filename', 'dir', 'type', 'kind', 'url', 'uri',
  'endpoint', 'length', 'count', 'size', 'version', 'versions', 'stage', 'stages', 'expiry', 'expires', 'expiration', 'at', 'ttl',
  'region', 'policy', 'rotation', 'hint', 'label', 'field', 'fields', 'pattern',
]);

/** Tokens that are not credentials: pagination cursors (`NextToken`) and idempotency keys (`ClientRequestToken`). */
const notCredentialWords = new Set(['next', 'page', 'pagination', 'continuation', 'request', 'idempotency']);

/** A first word that makes the name a flag about a secret: `is_secret` (astro's JSON), `hasToken`, `use_password`. */
const flagWords = new Set(['is', 'has', 'use', 'uses', 'needs', 'no']);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Whether a value stored under this name (env var, JSON key, header, flag, XML element) is a credential. */
export function isSensitiveName(name: string): boolean {
  const words = wordsOf(name);
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return false;
  if (words.length > 1 && (flagWords.has(first) || describingWords.has(last))) return false;
  if (words.some((word) => notCredentialWords.has(word))) return false;
  if (words.some((word) => sensitiveEndings.some((ending) => word.endsWith(ending)))) return true;
  return sensitivePairs.some(([a, b]) => words.some((word, index) => word === a && words[index + 1] === b));
}

// ---------------------------------------------------------------------------------------------
// Known values and their encodings

const hexDigit = (digit: string): string => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit);
const hexPattern = (value: number, width: number): string => [...value.toString(16).padStart(width, '0')].map(hexDigit).join('');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Every way one character of a known value is commonly written: itself, percent-encoded, JSON-escaped. */
function charPattern(char: string): string {
  if (/^[A-Za-z0-9]$/.test(char)) return char;
  const forms = new Set<string>([escapeRegExp(char)]);
  forms.add([...new TextEncoder().encode(char)].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
  if (char === ' ') forms.add('\\+');
  const json = JSON.stringify(char).slice(1, -1);
  // One or more backslashes: `\"` in JSON, `\\\"` in JSON inside a JSON string, and so on.
  if (json !== char && !json.startsWith('\\u')) forms.add(`\\\\+${escapeRegExp(json.slice(1))}`);
  if (char === '/') forms.add('\\\\+/');
  const units = Array.from({ length: char.length }, (_unused, index) => `\\\\+u${hexPattern(char.charCodeAt(index), 4)}`);
  forms.add(units.join(''));
  return `(?:${[...forms].join('|')})`;
}

function knownValuePattern(secret: string): string {
  return [...secret].map(charPattern).join('');
}

/**
 * The base64 characters that depend only on the secret's bytes, for each of the three byte
 * alignments it can have inside a longer base64 text (std and url alphabets).
 */
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores = new Set<string>();
  for (const offset of [0, 1, 2]) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = Buffer.from(padded).toString('base64');
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    if (core.length < minimumSecretLength) continue;
    cores.add(core);
    cores.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...cores];
}

interface KnownValues {
  /** Each value in every encoding, and its base64. */
  readonly pattern: RegExp;
  /** The values and their base64 as written, longest first: for when `pattern` is too large to run. */
  readonly literals: readonly string[];
}

function knownValues(secrets: readonly (string | undefined | null)[]): KnownValues | null {
  const known = [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= minimumSecretLength))];
  if (known.length === 0) return null;
  const cores = known.flatMap(base64Cores).sort((a, b) => b.length - a.length);
  const values = known.sort((a, b) => b.length - a.length);
  return {
    pattern: new RegExp([...values.map(knownValuePattern), ...cores.map(escapeRegExp)].join('|'), 'g'),
    literals: [...values, ...cores].sort((a, b) => b.length - a.length),
  };
}

function maskKnown(text: string, known: KnownValues): string {
  try {
    return text.replace(known.pattern, REDACTED);
  } catch {
    // V8 compiles a pattern on first use and refuses one too large: every encoding of a value of
    // some 10 KB is. Mask such values as written rather than fail the message being redacted.
    let masked = text;
    for (const literal of known.literals) masked = masked.replaceAll(literal, REDACTED);
    return masked;
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes

const privateKeyBlock = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)([\s\S]*?)(-----END [A-Z0-9 ]*-----|$)/g;
/** Header `{"...` is `eyJ`; a JWE has five segments. */
const jwt = /(?<![\w-])eyJ[\w-]{5,}\.[\w-]+\.[\w-]*(?:\.[\w-]+\.[\w-]+)?/g;
/** `scheme://user:password@host`: the password may hold unencoded `@` and `:`, so it runs to the last `@` before the path. */
const uriPassword = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*:)([^\s/"'<>\\]+)@/g;
const xmlElement = /<([A-Za-z_][\w.-]*)>([^<]+)<\/\1>/g;
/** A name, its closing quote if any, and `=`, `:`, `:=` or `=>`. Not after `/`, `:` or `.`: paths, ARNs and dotted names are not names. */
const nameAndSeparator = /(?<![\w.\-/:\\@$])(\\*["']?)(-{0,2}[A-Za-z_][\w.-]*)(\\*["']?)([ \t]*(?::=|=>|[:=])[ \t]*)/g;
const bearer = /\b(Bearer)\s+([A-Za-z0-9\-._~+/]+=*)/gi;
const basic = /\b(Basic)\s+([A-Za-z0-9+/]{8,}={0,2})/g;
/** OAuth codes and browser mode's single-use launch code; `token=` is a sensitive name. */
const urlCode = /([#?&](?:code|launch)=)([^&\s#"']+)/gi;
// `A3T` ids are 20 characters like the others (`A3T` + 1 + 16); the optional character also covers 19.
const accessKeyId = /(A3T|AKIA|ASIA)(?:(?<=A3T)[A-Z0-9])?[A-Z0-9]{16}/g;
/** Ids not inside a longer run of capitals and digits (a hash, a base64 blob); ids back to back are all masked. */
const accessKeyIds = /(?<![A-Z0-9])(?:(?:A3T[A-Z0-9]?|AKIA|ASIA)[A-Z0-9]{16})+/g;

/** Text that opens a line of an env, INI or YAML file (or a Dockerfile ENV), where an unquoted value runs to the end of the line. */
const lineOpening = /^[ \t]*(?:(?:export|ENV|ARG)[ \t]+|-[ \t]+)?$/;
const maxLineOpening = 40;
const inlineValueEnd = /[\s,;&)\]}>"'<]|\\["']/g;
const lineBreak = /[\r\n]/g;
const nextAssignment = /[ \t]+-{0,2}[A-Za-z_][\w.-]*=/;
const notASecret = /^(?:true|false|null|none|nil|undefined)$/i;
const authScheme = /^([A-Za-z][\w-]*)[ \t]+(?=\S)/;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a quoted value ends (the index of its closing quote, or of the backslashes before it), or the end of the text. */
function closingQuote(text: string, contentStart: number, quote: string, slashes: number): number {
  for (let i = contentStart; i < text.length; i += 1) {
    const char = text[i];
    if (slashes === 0) {
      if (char === '\\') i += 1;
      // YAML writes a single quote inside single quotes as ''.
      else if (char === quote && quote === "'" && text[i + 1] === "'") i += 1;
      else if (char === quote) return i;
    } else if (char === quote) {
      // Inside escaped JSON (`\"...\"`), the closing quote has exactly as many backslashes as the opening one.
      let run = 0;
      while (text[i - 1 - run] === '\\') run += 1;
      if (run === slashes) return i - run;
    }
  }
  return text.length;
}

function indexFrom(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

/** Where an unquoted value ends; a mask inside it (`x://u:[REDACTED]@h`) does not end it. */
function inlineEnd(text: string, from: number): number {
  let end = indexFrom(inlineValueEnd, text, from);
  while (text[end] === ']' && end + 1 >= REDACTED.length && text.startsWith(REDACTED, end + 1 - REDACTED.length)) end = indexFrom(inlineValueEnd, text, end + 1);
  return end;
}

/**
 * An unquoted value at the start of a line runs to the end of the line (`DB_PASSWORD=a b c` is
 * one value to Compose), or up to the next `name=` on the line (`user=me password=x host=h`).
 */
function lineEnd(text: string, from: number): number {
  let end = indexFrom(lineBreak, text, from);
  const next = text.slice(from, end).search(nextAssignment);
  if (next !== -1) end = from + next;
  while (end > from && /[ \t]/.test(text[end - 1] ?? '')) end -= 1;
  return end;
}

/** The part of the value starting at `start` to mask, or null when there is nothing secret there. */
function valueSpan(text: string, start: number, name: string, wholeLine: boolean): Span | null {
  let quoteAt = start;
  while (text[quoteAt] === '\\') quoteAt += 1;
  const quote = text[quoteAt];
  const quoted = quote === '"' || quote === "'";
  let span: Span = quoted
    ? { start: quoteAt + 1, end: closingQuote(text, quoteAt + 1, quote, quoteAt - start) }
    : { start, end: wholeLine ? lineEnd(text, start) : inlineEnd(text, start) };

  if (wordsOf(name).includes('authorization')) {
    // `Authorization: Basic <credentials>`: mask the credentials, to the end of the line when the
    // header opens it. A SigV4 header holds no secret: its key id is masked by shape, and its
    // signature is good for one request only.
    const scheme = authScheme.exec(text.slice(span.start, quoted ? span.end : indexFrom(lineBreak, text, span.start)));
    if (scheme?.[1]?.toUpperCase() === 'AWS4-HMAC-SHA256') return null;
    if (scheme !== null) {
      const credentialsStart = span.start + scheme[0].length;
      const end = quoted ? span.end : wholeLine ? indexFrom(lineBreak, text, credentialsStart) : inlineEnd(text, credentialsStart);
      span = { start: credentialsStart, end };
    }
  }
  const value = text.slice(span.start, span.end);
  if (value === '' || value.startsWith(REDACTED) || text.startsWith(REDACTED, span.start)) return null;
  if (!quoted && notASecret.test(value)) return null;
  // A shell's working directory (`PWD=/home/me`) is a path, not an ODBC password.
  if (/^(?:old)?pwd$/i.test(name.replace(/^-+/, '')) && /^[/~]/.test(value)) return null;
  return span;
}

function maskNamedValues(text: string): string {
  let out = '';
  let copied = 0;
  // Followed forward with the matches, so that finding where a line starts costs nothing per match.
  let lineStart = 0;
  let scanned = 0;
  nameAndSeparator.lastIndex = 0;
  for (let match = nameAndSeparator.exec(text); match !== null; match = nameAndSeparator.exec(text)) {
    const [whole, , name = ''] = match;
    if (!isSensitiveName(name)) continue;
    for (; scanned < match.index; scanned += 1) if (text[scanned] === '\n') lineStart = scanned + 1;
    const wholeLine = match.index - lineStart <= maxLineOpening && lineOpening.test(text.slice(lineStart, match.index));
    const span = valueSpan(text, match.index + whole.length, name, wholeLine);
    if (span === null || span.start < copied) continue;
    out += `${text.slice(copied, span.start)}${REDACTED}`;
    copied = span.end;
    nameAndSeparator.lastIndex = Math.max(nameAndSeparator.lastIndex, span.end);
  }
  return out + text.slice(copied);
}

function maskBasicCredentials(text: string): string {
  return text.replace(basic, (whole, scheme: string, credentials: string) => {
    // Only what decodes to `user:password` is a Basic credential; "Basic authentication" is prose.
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    return /^[^\p{Cc}:]*:[^\p{Cc}]*$/u.test(decoded) ? `${scheme} ${REDACTED}` : whole;
  });
}

function redactShapes(text: string): string {
  let result = text
    .replace(privateKeyBlock, `$1${REDACTED}$3`)
    .replace(accessKeyIds, (ids) => ids.replace(accessKeyId, `$1${REDACTED}`))
    .replace(jwt, REDACTED)
    .replace(uriPassword, (whole, before: string, password: string) => (password === REDACTED ? whole : `${before}${REDACTED}@`))
    .replace(xmlElement, (whole, name: string, value: string) => (isSensitiveName(name) && value !== REDACTED ? `<${name}>${REDACTED}</${name}>` : whole));
  result = maskNamedValues(result);
  result = maskBasicCredentials(result.replace(bearer, (whole, scheme: string, value: string) => (value.startsWith('[') ? whole : `${scheme} ${REDACTED}`)));
  return result.replace(urlCode, `$1${REDACTED}`);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A redactor that also masks these known values (and their encodings); build it once per set of values. */
export function createRedactor(secrets: readonly (string | undefined | null)[] = []): Redactor {
  const known = knownValues(secrets);
  return (text) => redactShapes(known === null ? text : maskKnown(text, known));
}

export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  return createRedactor(secrets)(text);
}

/**
 * Redacts every string inside a value (log fields, error details). A string or number under a
 * sensitive key is masked whole, since alone it has no name that would show it is secret.
 */
export function redactValue(value: unknown, redactor: Redactor = createRedactor(), depth = 0): unknown {
  if (typeof value === 'string') return redactor(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redactor, depth + 1));
  // Dates and other class instances serialise themselves; the text they become is still redacted where it is written.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSensitiveName(key) && (typeof item === 'number' || (typeof item === 'string' && item !== '')) ? REDACTED : redactValue(item, redactor, depth + 1),
    ]),
  );
}
