/**
 * Line and character helpers shared by the project-file parsers.
 *
 * The parsers mirror Go tools (Docker's buildkit, Docker Compose's dotenv, the Astro CLI), so the
 * whitespace rules here follow Go's `unicode.IsSpace` rather than JavaScript's `\s`, which differ
 * (Go does not count U+FEFF or U+180E as space).
 */

export type LineEnding = '\n' | '\r\n';

/** Which line endings a file uses; `none` when it has no line break at all. */
export type LineEndingStyle = 'lf' | 'crlf' | 'mixed' | 'none';

/** One physical line: `text` excludes the line break, `eol` is the break itself ('' on the last line). */
export interface PhysicalLine {
  readonly text: string;
  readonly eol: '' | '\n' | '\r\n';
  /** Offset of the line's first character in the whole text. */
  readonly start: number;
}

/** Splits on `\n` only (as Go's line scanners do); a `\r` before `\n` belongs to the line break. */
export function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) {
      lines.push({ text: text.slice(start), eol: '', start });
      break;
    }
    const crlf = newline > start && text.charCodeAt(newline - 1) === 13;
    lines.push({ text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n', start });
    start = newline + 1;
  }
  return lines;
}

export function lineEndingStyle(lines: readonly PhysicalLine[]): LineEndingStyle {
  let lf = 0;
  let crlf = 0;
  for (const line of lines) {
    if (line.eol === '\n') lf += 1;
    else if (line.eol === '\r\n') crlf += 1;
  }
  if (lf === 0 && crlf === 0) return 'none';
  if (lf === 0) return 'crlf';
  if (crlf === 0) return 'lf';
  return 'mixed';
}

/** The line ending to write new lines with: the file's majority, LF when it has none. */
export function preferredLineEnding(lines: readonly PhysicalLine[]): LineEnding {
  let lf = 0;
  let crlf = 0;
  for (const line of lines) {
    if (line.eol === '\n') lf += 1;
    else if (line.eol === '\r\n') crlf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function hasTrailingNewline(text: string): boolean {
  return text.endsWith('\n');
}

/** Go's `unicode.IsSpace` for one UTF-16 code unit (every Go space is in the BMP). */
export function isGoSpace(code: number): boolean {
  if (code <= 0xff) {
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x85 || code === 0xa0;
  }
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(value: string): string {
  return goTrimRight(goTrimLeft(value));
}

export function goTrimLeft(value: string): string {
  let start = 0;
  while (start < value.length && isGoSpace(value.charCodeAt(start))) start += 1;
  return value.slice(start);
}

export function goTrimRight(value: string): string {
  let end = value.length;
  while (end > 0 && isGoSpace(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

/** Go's `strings.Trim(value, char)` for a single cut character. */
export function trimCharBothEnds(value: string, char: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === char) start += 1;
  while (end > start && value[end - 1] === char) end -= 1;
  return value.slice(start, end);
}

/** Byte length of the string once written as UTF-8 (the files are UTF-8; Go limits lines in bytes). */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** False when the string holds a lone surrogate, which cannot be written as UTF-8 and read back. */
export function isWellFormedUnicode(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return false;
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** A plain environment-variable name, the only kind of key the setters write. */
export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Maps an offset in a text to a 1-based line number. */
export function lineNumberAt(lines: readonly PhysicalLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const line = lines[mid];
    if (line !== undefined && line.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** One replacement of `[start, end)` in a text. */
export interface TextSplice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies non-overlapping splices. Insertions at the same offset keep the order they were given in.
 * Returns null if two splices overlap, which would mean an edit plan is wrong.
 */
export function applySplices(text: string, splices: readonly TextSplice[]): string | null {
  const ordered = splices.map((splice, index) => ({ splice, index }));
  ordered.sort((a, b) => a.splice.start - b.splice.start || a.splice.end - b.splice.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { splice } of ordered) {
    if (splice.start < cursor || splice.end < splice.start) return null;
    result += text.slice(cursor, splice.start) + splice.text;
    cursor = splice.end;
  }
  return result + text.slice(cursor);
}
