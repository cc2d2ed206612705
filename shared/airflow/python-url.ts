/**
 * An emulation of the parts of CPython's `urllib.parse` (3.11/3.12) that Airflow uses to read and
 * write connection URIs: `urlsplit` and its netloc accessors, `quote`, `quote_plus`, `unquote`,
 * `urlencode` and `parse_qsl`.
 *
 * Where CPython raises `ValueError`, these functions throw `PythonValueError`; callers in this
 * folder catch it and turn it into a `Problem`. Nothing here is a general URL library: the point
 * is to be wrong in exactly the same places Python is.
 */
import { isPythonIPv4, isPythonIPv6 } from './python-ipaddress';
import { asciiRuns, isAscii, lstripC0OrSpace, utf8DecodeReplace, utf8Encode } from './python-text';

/** A `ValueError` raised by the emulated Python code. Its message is safe to show (no values). */
export class PythonValueError extends Error {
  constructor(
    /** A stable problem code for the caller to report (`uri.port-invalid`...). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PythonValueError';
  }
}

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const SCHEME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.';
const HEX = '0123456789ABCDEF';

/** `urllib.parse.quote(value, safe=safe)`: UTF-8, and only `A-Za-z0-9_.-~` (plus `safe`) literal. */
export function quote(value: string, safe = ''): string {
  let out = '';
  for (const byte of utf8Encode(value)) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && (ALWAYS_SAFE.includes(char) || safe.includes(char))) {
      out += char;
    } else {
      out += `%${HEX[byte >> 4] ?? ''}${HEX[byte & 0x0f] ?? ''}`;
    }
  }
  return out;
}

/** `urllib.parse.quote_plus`: like `quote`, but a space becomes `+`. */
export function quotePlus(value: string, safe = ''): string {
  if (!value.includes(' ')) return quote(value, safe);
  return quote(value, `${safe} `).replaceAll(' ', '+');
}

/** `urllib.parse.urlencode(pairs)` for string keys and values (the only case Airflow emits). */
export function urlencode(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${quotePlus(key)}=${quotePlus(value)}`).join('&');
}

function isHexDigit(char: string | undefined): boolean {
  return char?.length === 1 && /[0-9a-fA-F]/.test(char);
}

/** `unquote_to_bytes` for an ASCII-only string. */
function unquoteAsciiToBytes(value: string): number[] {
  const bytes: number[] = [];
  const bits = value.split('%');
  for (const char of bits[0] ?? '') bytes.push(char.charCodeAt(0));
  for (const item of bits.slice(1)) {
    if (isHexDigit(item[0]) && isHexDigit(item[1])) {
      bytes.push(parseInt(item.slice(0, 2), 16));
      for (const char of item.slice(2)) bytes.push(char.charCodeAt(0));
    } else {
      bytes.push(0x25);
      for (const char of item) bytes.push(char.charCodeAt(0));
    }
  }
  return bytes;
}

/**
 * `urllib.parse.unquote`: decodes `%XX` runs as UTF-8 with replacement characters, leaves a `%`
 * that does not start a valid escape alone, and never decodes `+`. Python only unquotes the ASCII
 * runs of the string, so an escape split by a literal non-ASCII character decodes separately.
 */
export function unquote(value: string): string {
  if (!value.includes('%')) return value;
  let out = '';
  for (const run of asciiRuns(value)) out += run.ascii ? utf8DecodeReplace(unquoteAsciiToBytes(run.text)) : run.text;
  return out;
}

/** `urllib.parse.parse_qsl(query, keep_blank_values=True)`. */
export function parseQsl(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (query === '') return pairs;
  for (const nameValue of query.split('&')) {
    if (nameValue === '') continue;
    const eq = nameValue.indexOf('=');
    const name = eq >= 0 ? nameValue.slice(0, eq) : nameValue;
    const val = eq >= 0 ? nameValue.slice(eq + 1) : '';
    pairs.push([unquote(name.replaceAll('+', ' ')), unquote(val.replaceAll('+', ' '))]);
  }
  return pairs;
}

export interface SplitResult {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

function checkBracketedHost(host: string): void {
  if (host.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new PythonValueError('uri.ipv6-invalid', 'The host in brackets is not a valid IPvFuture address.');
    return;
  }
  if (isPythonIPv4(host)) throw new PythonValueError('uri.ipv6-invalid', 'An IPv4 address cannot be written in brackets; only IPv6 hosts use `[...]`.');
  if (!isPythonIPv6(host)) throw new PythonValueError('uri.ipv6-invalid', 'The host in brackets is not a valid IPv6 address.');
}

function checkNetlocNfkc(netloc: string): void {
  if (netloc === '' || isAscii(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalized = n.normalize('NFKC');
  if (n === normalized) return;
  if (/[/?#@:]/.test(normalized)) {
    throw new PythonValueError(
      'uri.netloc-nfkc',
      'The user info or host contains a Unicode character that Python normalizes into a URL delimiter (such as `/` or `@`); percent-encode it.',
    );
  }
}

/** `urllib.parse.urlsplit(url)` (allow_fragments=True, no default scheme). */
export function urlsplit(input: string): SplitResult {
  let url = lstripC0OrSpace(input).replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z]/.test(url)) {
    const candidate = url.slice(0, colon);
    if (Array.from(candidate).every((c) => SCHEME_CHARS.includes(c))) {
      scheme = candidate.toLowerCase();
      url = url.slice(colon + 1);
    }
  }
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of ['/', '?', '#']) {
      const at = url.indexOf(c, 2);
      if (at >= 0) delim = Math.min(delim, at);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) throw new PythonValueError(
        'uri.ipv6-invalid',
        'The user info or host contains an unmatched `[` or `]`, which Python reads as a broken IPv6 address; percent-encode brackets in the login or password (`%5B`, `%5D`).',
      );
    if (open && close) {
      const afterOpen = netloc.slice(netloc.indexOf('[') + 1);
      const end = afterOpen.indexOf(']');
      checkBracketedHost(end >= 0 ? afterOpen.slice(0, end) : afterOpen);
    }
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf('?');
  if (question >= 0) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  checkNetlocNfkc(netloc);
  return { scheme, netloc, path: url, query, fragment };
}

/** `SplitResult.username` / `.password`: split at the *last* `@`, then the *first* `:`. */
export function netlocUserinfo(netloc: string): { username: string | null; password: string | null } {
  const at = netloc.lastIndexOf('@');
  if (at < 0) return { username: null, password: null };
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { username: userinfo, password: null };
  return { username: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/** `SplitResult._hostinfo`: the raw host text and the raw port text (or null). */
export function netlocHostinfo(netloc: string): { hostname: string; port: string | null } {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostinfo.indexOf('[');
  let hostname: string;
  let port: string;
  if (open >= 0) {
    const bracketed = hostinfo.slice(open + 1);
    const close = bracketed.indexOf(']');
    hostname = close >= 0 ? bracketed.slice(0, close) : bracketed;
    const afterHost = close >= 0 ? bracketed.slice(close + 1) : '';
    const colon = afterHost.indexOf(':');
    port = colon >= 0 ? afterHost.slice(colon + 1) : '';
  } else {
    const colon = hostinfo.indexOf(':');
    hostname = colon >= 0 ? hostinfo.slice(0, colon) : hostinfo;
    port = colon >= 0 ? hostinfo.slice(colon + 1) : '';
  }
  return { hostname, port: port === '' ? null : port };
}

/**
 * `SplitResult.hostname`: lower-cased up to the first `%` (an IPv6 zone id keeps its case, and so
 * does everything after the first percent-escape), or null when empty.
 */
export function netlocHostname(netloc: string): string | null {
  const { hostname } = netlocHostinfo(netloc);
  if (hostname === '') return null;
  const percent = hostname.indexOf('%');
  if (percent < 0) return hostname.toLowerCase();
  return hostname.slice(0, percent).toLowerCase() + hostname.slice(percent);
}

/** `SplitResult.port`: an ASCII-digit integer in 0-65535, or a `PythonValueError`. */
export function netlocPort(netloc: string): number | null {
  const { port } = netlocHostinfo(netloc);
  if (port === null) return null;
  if (!/^[0-9]+$/.test(port)) throw new PythonValueError(
      'uri.port-invalid',
      'The text after the host\'s `:` is not a port number. If the password contains `/`, `?`, `#` or `:` before an `@`, percent-encode it.',
    );
  const value = Number(port);
  if (value > 65535) throw new PythonValueError('uri.port-range', 'The port must be between 0 and 65535.');
  return value;
}
