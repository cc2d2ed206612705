/**
 * Small pieces of CPython's string and value semantics that Airflow's behaviour depends on.
 *
 * They differ from the JavaScript built-ins in ways that matter for secrets: `str.strip()` keeps
 * a byte-order mark but removes `\x1c`-`\x1f`; `str.rstrip(chars)` strips a *set of characters*;
 * `bytes.decode('utf-8', 'replace')` never throws.
 */

/** Code points for which CPython's `str.isspace()` is true (what `str.strip()` removes). */
const PYTHON_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function isPythonSpace(char: string): boolean {
  const cp = char.codePointAt(0);
  return cp !== undefined && PYTHON_SPACE.has(cp);
}

/** `str.strip()` with no argument. */
export function pythonStrip(value: string): string {
  return pythonRstrip(pythonLstrip(value));
}

export function pythonLstrip(value: string): string {
  let start = 0;
  while (start < value.length && PYTHON_SPACE.has(value.charCodeAt(start))) start += 1;
  return value.slice(start);
}

export function pythonRstrip(value: string): string {
  let end = value.length;
  while (end > 0 && PYTHON_SPACE.has(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

/** `str.rstrip(chars)`: removes trailing characters that occur anywhere in `chars`. */
export function pythonRstripChars(value: string, chars: string): string {
  const set = new Set(Array.from(chars));
  const points = Array.from(value);
  let end = points.length;
  while (end > 0 && set.has(points[end - 1] ?? '')) end -= 1;
  return points.slice(0, end).join('');
}

/** Python's truthiness for a value decoded from JSON. */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** `str(value)` for a value decoded from JSON, as far as messages need it. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'list';
  return 'object';
}

/**
 * UTF-8 bytes of a string. A lone surrogate (which Python refuses to encode) becomes U+FFFD,
 * the same as the WHATWG `TextEncoder`; forms never produce one.
 */
export function utf8Encode(value: string): number[] {
  const bytes: number[] = [];
  for (const char of value) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) {
      bytes.push(cp);
    } else if (cp < 0x800) {
      bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return bytes;
}

/**
 * `bytes.decode('utf-8', 'replace')`: each maximal invalid subpart becomes one U+FFFD, which is
 * what both CPython and the WHATWG decoder do.
 */
export function utf8DecodeReplace(bytes: readonly number[]): string {
  let out = '';
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] ?? 0;
    if (needed === 0) {
      if (b <= 0x7f) {
        out += String.fromCharCode(b);
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else {
        out += '\ufffd';
      }
      continue;
    }
    if (b < lower || b > upper) {
      needed = 0;
      seen = 0;
      cp = 0;
      lower = 0x80;
      upper = 0xbf;
      out += '\ufffd';
      i -= 1; // the offending byte starts the next sequence
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    seen += 1;
    if (seen === needed) {
      out += String.fromCodePoint(cp);
      needed = 0;
      seen = 0;
      cp = 0;
    }
  }
  if (needed !== 0) out += '\ufffd';
  return out;
}

/** True when every UTF-16 unit is ASCII (`str.isascii()`). */
export function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Removes leading C0 control characters and spaces, as `urlsplit` does (WHATWG "C0 control or space"). */
export function lstripC0OrSpace(value: string): string {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) <= 0x20) start += 1;
  return value.slice(start);
}

/** Splits a string into maximal runs of ASCII and of non-ASCII units, in order. */
export function asciiRuns(value: string): { ascii: boolean; text: string }[] {
  const runs: { ascii: boolean; text: string }[] = [];
  let start = 0;
  for (let i = 1; i <= value.length; i += 1) {
    const here = i < value.length && value.charCodeAt(i) <= 0x7f;
    const before = value.charCodeAt(i - 1) <= 0x7f;
    if (i === value.length || here !== before) {
      runs.push({ ascii: before, text: value.slice(start, i) });
      start = i;
    }
  }
  return runs;
}
