/**
 * `.env` as Docker Compose reads it (compose-go v2 `dotenv/parser.go`), which is how `astro dev`
 * hands the file to every Airflow container.
 *
 * The parser is a stream, not line-based: a quoted value may span lines, and after a closing
 * quote the rest of the line is read as the next statement. Recognised: `KEY=value`, `KEY: value`,
 * `export KEY=value`, bare `KEY` (value taken from the shell), full-line `#` comments, inline
 * ` #` comments after unquoted values, single quotes (literal except `\'`), double quotes (escapes
 * such as `\n`, `\"`, `\\`, `\$`), and `$VAR` / `${VAR...}` interpolation in unquoted and
 * double-quoted values. Every statement keeps its offsets so edits can replace only its value.
 */
import { isGoSpace, splitPhysicalLines, lineNumberAt, type PhysicalLine } from './text';

export type DotenvProblemCode =
  | 'unterminated-quote'
  | 'invalid-key'
  | 'key-with-space'
  | 'missing-equals'
  | 'value-from-shell'
  | 'duplicate-key'
  | 'invalid-interpolation'
  | 'interpolation'
  | 'key-starts-with-digit';

export interface DotenvProblem {
  readonly code: DotenvProblemCode;
  /** `error`: Compose refuses the whole file; `warning`: loads, probably not as meant; `info`. */
  readonly severity: 'error' | 'warning' | 'info';
  readonly line: number;
  readonly message: string;
}

export type DotenvQuote = 'none' | 'single' | 'double';

export interface DotenvStatement {
  readonly key: string;
  readonly exported: boolean;
  /** Bare `KEY` without `=`: Compose takes the value from the shell environment. */
  readonly inherited: boolean;
  /** Offset where the statement starts (`export` or the key). */
  readonly start: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** `[valueStart, valueEnd)`: the value as written, quotes included (empty span when inherited). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** End of the statement: after the closing quote, or the end of the line for unquoted values. */
  readonly end: number;
  readonly quote: DotenvQuote;
  readonly raw: string;
  /** Value after quote removal and escapes, before interpolation. */
  readonly literal: string;
  /** Value after interpolation, with names this file does not set taken as empty. */
  readonly value: string;
  readonly references: readonly string[];
  readonly unresolved: readonly string[];
  readonly interpolationError: string | null;
}

export interface ParsedDotenv {
  readonly text: string;
  readonly lines: readonly PhysicalLine[];
  readonly statements: readonly DotenvStatement[];
  readonly problems: readonly DotenvProblem[];
}

/** compose-go's `isSpace`: blanks that do not end a line. */
function isComposeSpace(code: number): boolean {
  return code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x20 || code === 0x85 || code === 0xa0;
}

function isValidKeyChar(char: string): boolean {
  return char === '_' || char === '.' || char === '-' || char === '[' || char === ']' || /^[\p{L}\p{N}]$/u.test(char);
}

const ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', c: '', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/**
 * compose-go's `expandEscapes` for double-quoted values: `\$` stays as `$$` (a literal `$` for the
 * interpolation step), `\0NNN` is octal, and unknown escapes keep their backslash.
 */
function expandEscapes(text: string): string {
  return text.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (match) => {
    const body = match.slice(1);
    if (body === '$') return '$$';
    if (body.startsWith('0')) {
      // compose-go rewrites `\0NNN` to `\NNN` before Go's UnquoteChar, which needs exactly three
      // octal digits; when that fails the rewritten text is what remains.
      const digits = body.slice(1);
      if (/^[0-7]{3}$/.test(digits) && parseInt(digits, 8) <= 255) return String.fromCharCode(parseInt(digits, 8));
      return `\\${digits}`;
    }
    // Go's UnquoteChar rejects `\c`, so it is left as written.
    if (body === 'c') return match;
    return ESCAPES[body] ?? match;
  });
}

interface Interpolated {
  readonly value: string;
  readonly references: readonly string[];
  readonly unresolved: readonly string[];
  readonly error: string | null;
}

/**
 * Compose's interpolation (`template.Substitute`): `$$` is a literal `$`, `$NAME` and `${NAME}`
 * substitute, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`,
 * `${NAME:?message}` and `${NAME?message}` behave as in a shell, and any other `$` is an error.
 * Only names set earlier in the file are known; the shell environment is not visible here.
 */
function interpolate(text: string, known: ReadonlyMap<string, string>): Interpolated {
  const references: string[] = [];
  const unresolved: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (!references.includes(name)) references.push(name);
    const found = known.get(name);
    if (found === undefined && !unresolved.includes(name)) unresolved.push(name);
    return found;
  };
  const run = (input: string): string => {
    let out = '';
    let i = 0;
    while (i < input.length) {
      const char = input[i] ?? '';
      if (char !== '$') {
        out += char;
        i += 1;
        continue;
      }
      const next = input[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
        continue;
      }
      const named = /^[_a-z][_a-z0-9]*/i.exec(input.slice(i + 1));
      if (named !== null) {
        out += lookup(named[0]) ?? '';
        i += 1 + named[0].length;
        continue;
      }
      if (next !== '{') throw new Error('a "$" must be followed by a variable name; write "$$" for a literal "$"');
      let depth = 0;
      let close = -1;
      for (let j = i; j < input.length; j += 1) {
        if (input.startsWith('${', j)) {
          depth += 1;
          j += 1;
        } else if (input[j] === '}') {
          depth -= 1;
          if (depth === 0) {
            close = j;
            break;
          }
        }
      }
      if (close < 0) throw new Error('"${" is never closed');
      const inner = input.slice(i + 2, close);
      const name = /^[_a-z][_a-z0-9]*/i.exec(inner)?.[0];
      if (name === undefined) throw new Error('"${...}" must start with a variable name');
      const rest = inner.slice(name.length);
      const current = lookup(name);
      const modifier = /^(:?[-+?])/.exec(rest)?.[1];
      if (rest === '') out += current ?? '';
      // Says what is allowed without quoting the text: it is part of a value, which may be a password.
      else if (modifier === undefined) throw new Error('a "${" substitution it does not support (after the name come "}", ":-", "-", ":+", "+", ":?" or "?"); write "$$" for a literal "$"');
      else {
        const word = run(rest.slice(modifier.length));
        const emptyCounts = modifier.startsWith(':');
        const missing = current === undefined || (emptyCounts && current === '');
        if (modifier.endsWith('-')) out += missing ? word : current ?? '';
        else if (modifier.endsWith('+')) out += missing ? '' : word;
        // `?` fails only when the variable is missing; the shell may set it, so that is not an error here.
        else out += current ?? '';
      }
      i = close + 1;
    }
    return out;
  };
  try {
    return { value: run(text), references, unresolved, error: null };
  } catch (error) {
    return { value: '', references, unresolved, error: error instanceof Error ? error.message : 'invalid interpolation' };
  }
}

/** Parses a `.env` text like Compose does. Never throws: problems come back as data. */
export function parseDotenv(text: string): ParsedDotenv {
  const lines = splitPhysicalLines(text);
  const problems: DotenvProblem[] = [];
  const statements: DotenvStatement[] = [];
  const known = new Map<string, string>();
  const lineOf = (offset: number): number => lineNumberAt(lines, offset);
  const endOfLine = (offset: number): number => {
    const newline = text.indexOf('\n', offset);
    return newline < 0 ? text.length : newline;
  };
  let pos = text.startsWith('\uFEFF') ? 1 : 0;

  while (pos < text.length) {
    // Skip blanks and line breaks, then full-line comments.
    while (pos < text.length && isGoSpace(text.charCodeAt(pos))) pos += 1;
    if (pos >= text.length) break;
    if (text[pos] === '#') {
      pos = endOfLine(pos);
      continue;
    }
    const start = pos;
    let exported = false;
    const exportMatch = /^export[\t\n\f\r ]+/.exec(text.slice(pos, pos + 64));
    if (exportMatch !== null) {
      exported = true;
      pos += 'export'.length;
      while (pos < text.length && isComposeSpace(text.charCodeAt(pos))) pos += 1;
    }
    const keyStart = pos;
    let terminator = -1;
    let badChar: string | null = null;
    for (let i = pos; i < text.length; i += 1) {
      const char = text[i] ?? '';
      if (isComposeSpace(char.charCodeAt(0))) continue;
      if (char === '=' || char === ':' || char === '\n') {
        terminator = i;
        break;
      }
      if (!isValidKeyChar(char)) {
        badChar = char;
        break;
      }
    }
    if (badChar !== null) {
      problems.push({ code: 'invalid-key', severity: 'error', line: lineOf(start), message: `Compose rejects the character "${badChar}" in a variable name.` });
      pos = endOfLine(start);
      continue;
    }
    if (terminator < 0) {
      // A last line without "=" and without a newline: Compose reads it as a value with an empty key.
      problems.push({ code: 'missing-equals', severity: 'warning', line: lineOf(start), message: 'This line has no "=", so it sets nothing useful.' });
      break;
    }
    let keyEnd = terminator;
    while (keyEnd > keyStart && isGoSpace(text.charCodeAt(keyEnd - 1))) keyEnd -= 1;
    const key = text.slice(keyStart, keyEnd);
    if (key.includes(' ')) {
      problems.push({ code: 'key-with-space', severity: 'error', line: lineOf(start), message: 'Compose rejects a variable name that contains a space.' });
      pos = endOfLine(start);
      continue;
    }
    const separator = text[terminator];
    if (separator === '\n') {
      if (key !== '') {
        statements.push({
          key, exported, inherited: true, start, keyStart, keyEnd, valueStart: keyEnd, valueEnd: keyEnd, end: keyEnd,
          quote: 'none', raw: '', literal: '', value: '', references: [], unresolved: [], interpolationError: null,
        });
        problems.push({ code: 'value-from-shell', severity: 'info', line: lineOf(start), message: `${key} has no "=", so Compose takes its value from the shell environment, if set there.` });
      }
      pos = terminator + 1;
      continue;
    }
    let valueStart = terminator + 1;
    while (valueStart < text.length && isComposeSpace(text.charCodeAt(valueStart))) valueStart += 1;
    const opening = text[valueStart];
    if (opening === '"' || opening === "'") {
      let close = -1;
      let content = '';
      let escaped = false;
      for (let i = valueStart + 1; i < text.length; i += 1) {
        const char = text[i] ?? '';
        if (escaped) {
          escaped = false;
          // An escaped quote of the same kind drops its backslash; anything else keeps it.
          content += char === opening ? char : `\\${char}`;
          continue;
        }
        if (char === '\\') escaped = true;
        else if (char === opening) {
          close = i;
          break;
        } else content += char;
      }
      if (close < 0) {
        problems.push({ code: 'unterminated-quote', severity: 'error', line: lineOf(valueStart), message: 'This quoted value is never closed; Compose refuses the whole file.' });
        pos = endOfLine(valueStart);
        continue;
      }
      const double = opening === '"';
      const literal = double ? expandEscapes(content) : content;
      const interpolated = double ? interpolate(literal, known) : { value: literal, references: [], unresolved: [], error: null };
      statements.push({
        key, exported, inherited: false, start, keyStart, keyEnd, valueStart, valueEnd: close + 1, end: close + 1,
        quote: double ? 'double' : 'single', raw: text.slice(valueStart, close + 1), literal, value: interpolated.value,
        references: interpolated.references, unresolved: interpolated.unresolved, interpolationError: interpolated.error,
      });
      if (interpolated.error === null) known.set(key, interpolated.value);
      pos = close + 1;
      continue;
    }
    const lineEnd = endOfLine(valueStart);
    const rest = text.slice(valueStart, lineEnd);
    const comment = rest.indexOf(' #');
    let valueText = comment >= 0 ? rest.slice(0, comment) : rest;
    let trimmed = valueText.length;
    while (trimmed > 0 && isGoSpace(valueText.charCodeAt(trimmed - 1))) trimmed -= 1;
    valueText = valueText.slice(0, trimmed);
    const interpolated = interpolate(valueText, known);
    let statementEnd = lineEnd;
    if (statementEnd > valueStart && text[statementEnd - 1] === '\r') statementEnd -= 1;
    statements.push({
      key, exported, inherited: false, start, keyStart, keyEnd, valueStart, valueEnd: valueStart + valueText.length, end: Math.max(statementEnd, valueStart + valueText.length),
      quote: 'none', raw: valueText, literal: valueText, value: interpolated.value,
      references: interpolated.references, unresolved: interpolated.unresolved, interpolationError: interpolated.error,
    });
    if (interpolated.error === null) known.set(key, interpolated.value);
    pos = lineEnd + 1;
  }

  for (const statement of statements) {
    const line = lineOf(statement.start);
    if (statement.interpolationError !== null) {
      problems.push({ code: 'invalid-interpolation', severity: 'error', line, message: `Compose cannot read the value of ${statement.key}: ${statement.interpolationError}.` });
    } else if (statement.references.length > 0) {
      problems.push({ code: 'interpolation', severity: 'info', line, message: `The value of ${statement.key} refers to other variables (${statement.references.join(', ')}), which Compose fills in when it loads the file.` });
    }
    if (/^\d/.test(statement.key)) {
      problems.push({ code: 'key-starts-with-digit', severity: 'warning', line, message: `${statement.key} starts with a digit; Compose skips such names in some places.` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { text, lines, statements, problems };
}
