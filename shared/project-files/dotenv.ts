/**
 * Reading and editing a project's `.env` without touching anything else.
 *
 * Reading reports what Compose (and so `astro dev`) loads: last definition wins, with every
 * definition, duplicate and malformed line reported as data.
 *
 * Editing replaces the value of a key's LAST definition in place (the one Compose uses). Earlier
 * duplicates are left alone and reported in `keptDuplicates`, unless `removeDuplicates` is set, in
 * which case they are removed. `null` removes every definition of the key. New keys are appended
 * at the end, after a line break if the file lacks a final one (and the file's final-newline state
 * is kept). Values are written bare when they are plain, in single quotes when they hold no `'`
 * (so JSON survives byte for byte: no escapes, no `$` interpolation), and otherwise in double
 * quotes with `\\`, `\"`, `\$`, `\n` and `\r` escaped. Every edit is re-parsed and compared
 * before it is returned; one that would not read back exactly is refused.
 *
 * The target reader is compose-go v2 (Docker Compose 2.2x and later, current Astro CLI). Older
 * compose-go v1 trimmed every quote character from both ends of a quoted value, which no
 * writer can work around for values that start or end with a quote.
 */
import { AppError } from '../errors';
import { parseDotenv, type DotenvProblem, type DotenvQuote, type DotenvStatement, type ParsedDotenv } from './dotenv-syntax';
import { unrepresentableMessage, type EditProblem, type KeyChange, type UnrepresentableReason } from './edit-types';
import { appendLines, finishKeyEdit, keyAndValueProblems, type KeyRules } from './key-edit';
import {
  ENV_KEY_PATTERN,
  goTrimSpace,
  hasTrailingNewline,
  isWellFormedUnicode,
  lineEndingStyle,
  lineNumberAt,
  preferredLineEnding,
  trimCharBothEnds,
  utf8ByteLength,
  type LineEndingStyle,
  type TextSplice,
} from './text';

export type { DotenvProblem, DotenvProblemCode, DotenvQuote } from './dotenv-syntax';

export interface DotenvEntry {
  readonly key: string;
  /** Null for a bare `KEY` line, whose value Compose takes from the shell environment. */
  readonly value: string | null;
  /** The value as written, quotes included; null for a bare `KEY`. */
  readonly raw: string | null;
  readonly quote: DotenvQuote | null;
  readonly exported: boolean;
  /** The value refers to other variables (`$NAME`, `${NAME:-x}`) that Compose fills in. */
  readonly interpolated: boolean;
  /** False when the value depends on the shell environment or could not be read. */
  readonly valueKnown: boolean;
  readonly unresolvedVariables: readonly string[];
  readonly line: number;
  readonly endLine: number;
}

export interface DotenvKeyInfo {
  /** The value Compose uses (last definition wins); null when only bare `KEY` lines define it. */
  readonly value: string | null;
  /** Line of the definition that wins. */
  readonly line: number;
  /** Lines of every definition, in order. */
  readonly lines: readonly number[];
  readonly duplicate: boolean;
}

export interface DotenvDuplicate {
  readonly key: string;
  readonly lines: readonly number[];
}

export interface DotenvRead {
  /** The values Compose loads from this file (bare `KEY` lines excluded: their value is the shell's). */
  readonly values: Readonly<Record<string, string>>;
  readonly entries: readonly DotenvEntry[];
  readonly keys: Readonly<Record<string, DotenvKeyInfo>>;
  readonly duplicates: readonly DotenvDuplicate[];
  readonly problems: readonly DotenvProblem[];
  readonly lineEnding: LineEndingStyle;
  readonly trailingNewline: boolean;
}

export type DotenvEditProblemCode = 'invalid-key' | 'unrepresentable-value' | 'file-has-errors' | 'verification-failed';

export type DotenvEditPlan =
  | { readonly ok: true; readonly text: string; readonly changes: readonly KeyChange[]; readonly keptDuplicates: readonly DotenvDuplicate[] }
  | { readonly ok: false; readonly problems: readonly EditProblem<DotenvEditProblemCode>[] };

export interface DotenvEditOptions {
  /** Also remove earlier definitions of the keys being set (default: keep and report them). */
  readonly removeDuplicates?: boolean;
}

function toEntry(parsed: ParsedDotenv, statement: DotenvStatement): DotenvEntry {
  const known = !statement.inherited && statement.interpolationError === null && statement.references.length === 0;
  return {
    key: statement.key,
    value: statement.inherited ? null : statement.value,
    raw: statement.inherited ? null : statement.raw,
    quote: statement.inherited ? null : statement.quote,
    exported: statement.exported,
    interpolated: statement.references.length > 0,
    valueKnown: known,
    unresolvedVariables: statement.unresolved,
    line: lineNumberAt(parsed.lines, statement.start),
    endLine: lineNumberAt(parsed.lines, Math.max(statement.start, statement.end - 1)),
  };
}

function readParsed(parsed: ParsedDotenv): DotenvRead {
  const entries = parsed.statements.map((statement) => toEntry(parsed, statement));
  const values = new Map<string, string>();
  const byKey = new Map<string, DotenvEntry[]>();
  for (const entry of entries) {
    if (entry.value !== null) values.set(entry.key, entry.value);
    const list = byKey.get(entry.key) ?? [];
    list.push(entry);
    byKey.set(entry.key, list);
  }
  const keys = new Map<string, DotenvKeyInfo>();
  const duplicates: DotenvDuplicate[] = [];
  const problems: DotenvProblem[] = [...parsed.problems];
  for (const [key, list] of byKey) {
    const winner = [...list].reverse().find((entry) => entry.value !== null) ?? list[list.length - 1];
    const lines = list.map((entry) => entry.line);
    keys.set(key, { value: values.get(key) ?? null, line: winner?.line ?? 0, lines, duplicate: list.length > 1 });
    if (list.length > 1) {
      duplicates.push({ key, lines });
      problems.push({ code: 'duplicate-key', severity: 'warning', line: lines[lines.length - 1] ?? 0, message: `${key} is defined ${list.length} times (lines ${lines.join(', ')}); the last one wins.` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    values: Object.fromEntries(values),
    entries,
    keys: Object.fromEntries(keys),
    duplicates,
    problems,
    lineEnding: lineEndingStyle(parsed.lines),
    trailingNewline: hasTrailingNewline(parsed.text),
  };
}

/** Reads a `.env` the way Docker Compose loads it. Never throws. */
export function readDotenv(text: string): DotenvRead {
  return readParsed(parseDotenv(text));
}

const PLAIN_DOTENV_VALUE = /^[A-Za-z0-9_\-.,/:@%+=]+$/;

/** Why `value` cannot be written to `.env` so that Compose reads it back unchanged; null when it can. */
export function dotenvValueProblem(value: string): UnrepresentableReason | null {
  if (value.includes('\0')) return 'nul-character';
  if (!isWellFormedUnicode(value)) return 'invalid-unicode';
  return null;
}

/**
 * Quotes a value for `KEY=<here>` so Compose reads back exactly `value`: bare when plain (unless
 * `forceQuotes`), single quotes when it holds no `'` and no line break and does not end in `\`
 * (inside single quotes `\'` would escape the closing quote), double quotes otherwise.
 */
export function quoteDotenvValue(value: string, forceQuotes = false): string {
  if (!forceQuotes && (value === '' || PLAIN_DOTENV_VALUE.test(value))) return value;
  if (!/['\r\n]/.test(value) && !value.endsWith('\\')) return `'${value}'`;
  const escaped = value.replace(/[\\"$\n\r]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\${char}`;
    }
  });
  return `"${escaped}"`;
}

function editProblem(code: DotenvEditProblemCode, key: string | null, message: string): EditProblem<DotenvEditProblemCode> {
  return { code, key, message };
}

/** The whole-line span of a statement when nothing else shares its lines, else null. */
function wholeLineSpan(parsed: ParsedDotenv, statement: DotenvStatement): { first: number; last: number } | null {
  const { text, lines } = parsed;
  const first = lineNumberAt(lines, statement.start) - 1;
  const last = lineNumberAt(lines, Math.max(statement.start, statement.end - 1)) - 1;
  const firstLine = lines[first];
  const lastLine = lines[last];
  if (firstLine === undefined || lastLine === undefined) return null;
  if (text.slice(firstLine.start, statement.start).trim() !== '') return null;
  const after = text.slice(statement.end, lastLine.start + lastLine.text.length).trim();
  if (after !== '' && !after.startsWith('#')) return null;
  return { first, last };
}

function deleteLinesSplices(parsed: ParsedDotenv, deleted: ReadonlySet<number>): TextSplice[] {
  const splices: TextSplice[] = [];
  const sorted = [...deleted].sort((a, b) => a - b);
  let runStart: number | null = null;
  for (let i = 0; i < sorted.length; i += 1) {
    const current = sorted[i] ?? 0;
    runStart ??= current;
    if (sorted[i + 1] === current + 1) continue;
    const after = parsed.lines[current + 1];
    const last = parsed.lines[current];
    const before = parsed.lines[runStart - 1];
    let start = parsed.lines[runStart]?.start ?? 0;
    const end = after?.start ?? parsed.text.length;
    if (after === undefined && last?.eol === '' && before !== undefined) start = before.start + before.text.length;
    splices.push({ start, end, text: '' });
    runStart = null;
  }
  return splices;
}

function verifyDotenvEdit(before: DotenvRead, after: DotenvRead, vars: Readonly<Record<string, string | null>>): boolean {
  if (after.problems.some((problem) => problem.severity === 'error')) return false;
  // Other definitions keep their bytes; an interpolated one may change value with a key it refers to.
  const others = (read: DotenvRead): string =>
    JSON.stringify(
      read.entries.filter((entry) => !Object.hasOwn(vars, entry.key)).map((entry) => [entry.key, entry.raw, entry.interpolated ? null : entry.value]),
    );
  if (others(before) !== others(after)) return false;
  for (const [key, value] of Object.entries(vars)) {
    const info = Object.hasOwn(after.keys, key) ? after.keys[key] : undefined;
    if (value === null ? info !== undefined : info?.value !== value) return false;
  }
  return true;
}

const dotenvKeyRules: KeyRules<DotenvEditProblemCode> = {
  invalidKeyMessage: 'A variable name must start with a letter or underscore and hold only letters, digits and underscores.',
  format: 'a .env file',
  valueProblem: dotenvValueProblem,
  problem: editProblem,
};

/**
 * Plans setting (`string`) or removing (`null`) keys. Returns the new text or why it cannot be
 * done; never throws. An empty `vars` returns the text unchanged.
 */
export function planDotenv(text: string, vars: Readonly<Record<string, string | null>>, options: DotenvEditOptions = {}): DotenvEditPlan {
  const keys = Object.keys(vars);
  if (keys.length === 0) return { ok: true, text, changes: [], keptDuplicates: [] };
  const problems = keyAndValueProblems(vars, dotenvKeyRules);
  if (problems.length > 0) return { ok: false, problems };

  const parsed = parseDotenv(text);
  const before = readParsed(parsed);
  const errors = parsed.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((problem) => problem.line).join(', ');
    return { ok: false, problems: [editProblem('file-has-errors', null, `The .env file has errors that Docker Compose rejects (line ${lines}); fix them before Airlock edits it.`)] };
  }

  const splices: TextSplice[] = [];
  const deletedLines = new Set<number>();
  const appended: string[] = [];
  const changes: KeyChange[] = [];
  const keptDuplicates: DotenvDuplicate[] = [];
  const remove = (statement: DotenvStatement): void => {
    const span = wholeLineSpan(parsed, statement);
    if (span !== null) {
      for (let line = span.first; line <= span.last; line += 1) deletedLines.add(line);
      return;
    }
    // The statement shares a line with another one: cut it with the blanks on one side of it.
    let start = statement.start;
    let end = statement.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end += 1;
    const followedByStatement = end < text.length && !'\r\n#'.includes(text[end] ?? '');
    if (!followedByStatement) {
      end = statement.end;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
    }
    splices.push({ start, end, text: '' });
  };

  for (const key of keys) {
    const value = vars[key] ?? null;
    const definitions = parsed.statements.filter((statement) => statement.key === key);
    const last = definitions[definitions.length - 1];
    const entryLine = (statement: DotenvStatement): number => lineNumberAt(parsed.lines, statement.start);
    if (value === null) {
      definitions.forEach(remove);
      changes.push({ key, action: definitions.length > 0 ? 'removed' : 'unchanged', line: definitions[0] === undefined ? null : entryLine(definitions[0]) });
      continue;
    }
    if (last === undefined) {
      appended.push(`${key}=${quoteDotenvValue(value)}`);
      changes.push({ key, action: 'added', line: null });
      continue;
    }
    const earlier = definitions.slice(0, -1);
    if (earlier.length > 0) {
      if (options.removeDuplicates === true) earlier.forEach(remove);
      else keptDuplicates.push({ key, lines: earlier.map(entryLine) });
    }
    const current = toEntry(parsed, last);
    if (current.valueKnown && current.value === value) {
      changes.push({ key, action: 'unchanged', line: current.line });
    } else if (last.inherited) {
      splices.push({ start: last.keyStart, end: last.keyEnd, text: `${key}=${quoteDotenvValue(value)}` });
      changes.push({ key, action: 'replaced', line: null });
    } else {
      // A value that was quoted stays quoted. An empty bare value followed by ` # comment` would
      // read the comment as the value, so that one is quoted too.
      const lineEnd = text.indexOf('\n', last.valueEnd);
      const followed = text.slice(last.valueEnd, lineEnd < 0 ? text.length : lineEnd).trim() !== '';
      splices.push({ start: last.valueStart, end: last.valueEnd, text: quoteDotenvValue(value, last.quote !== 'none' || (followed && value === '')) });
      changes.push({ key, action: 'replaced', line: null });
    }
  }
  splices.push(...deleteLinesSplices(parsed, deletedLines));

  if (appended.length > 0) splices.push(appendLines(text, appended, preferredLineEnding(parsed.lines)));

  const finished = finishKeyEdit(text, splices, changes, {
    read: readDotenv,
    verify: (after) => verifyDotenvEdit(before, after, vars),
    lineOf: (after, key) => after.keys[key]?.line ?? null,
    failure: editProblem('verification-failed', null, 'Airlock could not write these values so that Docker Compose reads them back exactly; the .env file was left unchanged.'),
  });
  return finished.ok ? { ...finished, keptDuplicates } : finished;
}

/**
 * Sets (`string`) or removes (`null`) keys and returns the new text. Throws
 * `AppError('INVALID_INPUT')` when a key is not a plain name, a value holds a NUL or an unpaired
 * surrogate, or the file has errors Compose rejects; the message never includes a value.
 */
export function setDotenv(text: string, vars: Readonly<Record<string, string | null>>, options: DotenvEditOptions = {}): string {
  const plan = planDotenv(text, vars, options);
  if (plan.ok) return plan.text;
  throw new AppError('INVALID_INPUT', plan.problems[0]?.message ?? 'The .env file could not be edited.', {
    details: { problems: plan.problems.map((problem) => ({ code: problem.code, key: problem.key })) },
  });
}

export type AstroLoadLineProblem = 'invalid-key' | 'empty-value' | 'line-break' | 'edge-quote-or-space' | 'nul-character' | 'invalid-unicode' | 'too-long';

export type AstroLoadLine = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly reason: AstroLoadLineProblem; readonly message: string };

/** Go's bufio.Scanner gives up on lines of 64 KiB or more. */
const ASTRO_LOAD_MAX_LINE_BYTES = 64 * 1024 - 1;

/**
 * One line for a file passed to `astro deployment variable update --load --env FILE`, which the
 * Astro CLI reads line by line: key = text before the first `=` (verbatim), value = the rest with
 * `"` stripped from both ends, then `'`, then whitespace. So the value is written verbatim and
 * must not need any of that stripping; empty values are rejected by the CLI. Returns the line
 * without a line break, or why the value cannot travel this way (then use another route).
 */
export function dotenvLineForAstroLoad(key: string, value: string): AstroLoadLine {
  if (!ENV_KEY_PATTERN.test(key)) {
    return { ok: false, reason: 'invalid-key', message: 'The variable name must start with a letter or underscore and hold only letters, digits and underscores.' };
  }
  if (value === '') return { ok: false, reason: 'empty-value', message: `The Astro CLI skips ${key} when its value is empty.` };
  if (/[\r\n]/.test(value)) return { ok: false, reason: 'line-break', message: `The value for ${key} contains a line break, which the Astro CLI's file loader cannot read.` };
  if (value.includes('\0')) return { ok: false, reason: 'nul-character', message: unrepresentableMessage('nul-character', key, 'the Astro CLI') };
  if (!isWellFormedUnicode(value)) return { ok: false, reason: 'invalid-unicode', message: unrepresentableMessage('invalid-unicode', key, 'the Astro CLI') };
  if (goTrimSpace(trimCharBothEnds(trimCharBothEnds(value, '"'), "'")) !== value) {
    return {
      ok: false,
      reason: 'edge-quote-or-space',
      message: `The value for ${key} starts or ends with a quote or whitespace, which the Astro CLI's file loader strips.`,
    };
  }
  const line = `${key}=${value}`;
  if (utf8ByteLength(line) > ASTRO_LOAD_MAX_LINE_BYTES) return { ok: false, reason: 'too-long', message: `The value for ${key} is too long for the Astro CLI's file loader.` };
  return { ok: true, line };
}
