/**
 * `requirements.txt` as pip reads it (`pip/_internal/req/req_file.py`): lines ending in `\` are
 * joined (a comment line never continues), `#` starts a comment at the start of a line or after
 * whitespace, a line's arguments end at the first word starting with `-` (per-requirement options
 * such as `--hash` follow), and option lines (`-r`, `-c`, `-e`, `--index-url`, ...) stand alone.
 *
 * `findRequirement` matches by PEP 503 normalised name. `ensureRequirement` adds a requirement
 * or rewrites only the specifier of an existing one; extras, markers, hashes, comments and every
 * other byte stay as they are.
 */
import { AppError } from '../errors';
import { isSpecifierSetSatisfiable, parseSpecifierSet, specifierGuarantees, type Guarantee } from '../pep440';
import { applySplices, hasTrailingNewline, preferredLineEnding, splitPhysicalLines, type PhysicalLine, type TextSplice } from './text';

export interface RequirementEntry {
  /** The project name as written; null for a URL or path that does not name its project. */
  readonly name: string | null;
  /** PEP 503 normalised name (lower case, runs of `-`, `_`, `.` as one `-`). */
  readonly normalizedName: string | null;
  readonly extras: readonly string[];
  /** The version specifier set as written (without parentheses); '' when there is none. */
  readonly specifier: string;
  readonly marker: string | null;
  /** Direct reference (`name @ url`, a bare URL or path, or an editable `-e` target). */
  readonly url: string | null;
  readonly editable: boolean;
  /** Per-requirement options after the requirement, e.g. `--hash=sha256:...`. */
  readonly options: readonly string[];
  readonly hashes: readonly string[];
  /** Inline comment text, starting at `#`. */
  readonly comment: string | null;
  /** The logical line as pip sees it (continuations joined, comment removed). */
  readonly text: string;
  /** 1-based physical lines. */
  readonly line: number;
  readonly endLine: number;
}

export interface RequirementsInclude {
  /** `-r FILE` adds requirements; `-c FILE` only constrains versions. */
  readonly kind: 'requirements' | 'constraints';
  /** The path as written, relative to this file's directory unless absolute or a URL. */
  readonly path: string;
  readonly line: number;
}

export interface RequirementsOptionLine {
  readonly option: string;
  readonly value: string | null;
  readonly line: number;
}

export type RequirementsProblemCode = 'unparseable-line' | 'invalid-specifier' | 'environment-variable' | 'duplicate-requirement' | 'hash-checking-mode';

export interface RequirementsProblem {
  readonly code: RequirementsProblemCode;
  readonly severity: 'error' | 'warning' | 'info';
  readonly line: number;
  readonly message: string;
}

export interface RequirementsFile {
  readonly requirements: readonly RequirementEntry[];
  readonly includes: readonly RequirementsInclude[];
  readonly options: readonly RequirementsOptionLine[];
  /** pip's hash-checking mode is on (`--require-hashes` or any `--hash`): every requirement needs hashes. */
  readonly hashCheckingMode: boolean;
  readonly problems: readonly RequirementsProblem[];
}

export interface RequirementLookup {
  /** The first requirement with that name, if any. */
  readonly requirement: RequirementEntry | null;
  /** Every requirement with that name, in file order. */
  readonly matches: readonly RequirementEntry[];
  /** Files referenced by `-r` / `-c`, which the caller can read and search in turn. */
  readonly includes: readonly RequirementsInclude[];
  readonly problems: readonly RequirementsProblem[];
}

/** PEP 503 name normalisation. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const COMMENT_LINE = /^\s*#/;
const INLINE_COMMENT = /(^|\s+)#/;

interface Segment {
  readonly line: number;
  readonly col: number;
  readonly logicalStart: number;
  readonly length: number;
}

interface LogicalLine {
  readonly text: string;
  readonly segments: readonly Segment[];
  readonly firstLine: number;
  readonly lastLine: number;
}

interface ParsedRequirement {
  readonly entry: RequirementEntry;
  readonly logical: LogicalLine;
  /** `[specStart, specEnd)` in the logical text; for an empty specifier, where one would go. */
  readonly specStart: number;
  readonly specEnd: number;
}

interface Parsed {
  readonly lines: readonly PhysicalLine[];
  readonly requirements: readonly ParsedRequirement[];
  readonly file: RequirementsFile;
}

/** pip's `join_lines`, keeping where every character came from. */
function logicalLines(lines: readonly PhysicalLine[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let pending: { text: string; segments: Segment[]; firstLine: number } | null = null;
  lines.forEach((line, index) => {
    const text = line.text;
    const isComment = COMMENT_LINE.test(text);
    if (!text.endsWith('\\') || isComment) {
      // pip prefixes a comment line with a space so that it always matches the comment pattern later.
      const piece = isComment ? ` ${text}` : text;
      const col = isComment ? -1 : 0;
      if (pending !== null) {
        pending.segments.push({ line: index, col, logicalStart: pending.text.length, length: piece.length });
        result.push({ text: pending.text + piece, segments: pending.segments, firstLine: pending.firstLine, lastLine: index });
        pending = null;
      } else {
        result.push({ text: piece, segments: [{ line: index, col, logicalStart: 0, length: piece.length }], firstLine: index, lastLine: index });
      }
      return;
    }
    // `line.strip("\\")`: backslashes go from both ends.
    const lead = /^\\*/.exec(text)?.[0].length ?? 0;
    const stripped = text.slice(lead).replace(/\\+$/, '');
    pending ??= { text: '', segments: [], firstLine: index };
    pending.segments.push({ line: index, col: lead, logicalStart: pending.text.length, length: stripped.length });
    pending.text += stripped;
  });
  const last = pending as { text: string; segments: Segment[]; firstLine: number } | null;
  if (last !== null) result.push({ text: last.text, segments: last.segments, firstLine: last.firstLine, lastLine: lines.length - 1 });
  return result;
}

function physicalOffset(lines: readonly PhysicalLine[], logical: LogicalLine, offset: number, asEnd: boolean): number {
  const at = (segment: Segment, position: number): number => (lines[segment.line]?.start ?? 0) + Math.max(0, segment.col) + (position - segment.logicalStart);
  for (const segment of logical.segments) {
    if (segment.col < 0) continue;
    const end = segment.logicalStart + segment.length;
    const inside = asEnd ? offset > segment.logicalStart && offset <= end : offset >= segment.logicalStart && offset < end;
    if (inside) return at(segment, offset);
  }
  const real = logical.segments.filter((segment) => segment.col >= 0);
  const first = real[0];
  const last = real[real.length - 1];
  if (first === undefined || last === undefined) return lines[logical.firstLine]?.start ?? 0;
  return offset <= first.logicalStart ? at(first, first.logicalStart) : at(last, last.logicalStart + last.length);
}

function lineOf(logical: LogicalLine, offset: number): number {
  let result = logical.firstLine;
  for (const segment of logical.segments) if (segment.logicalStart <= offset) result = segment.line;
  return result + 1;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git\+|hg\+|svn\+|bzr\+|file:|\.{0,2}\/|~|[A-Za-z]:[\\/])/i;
const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip)$/i;

function nameFromUrl(url: string): string | null {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url)?.[1];
  if (egg !== undefined) return egg;
  const file = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  if (/\.whl$/i.test(file)) return file.split('-')[0] ?? null;
  return null;
}

function splitOptionTokens(text: string): string[] {
  return text.split(' ').filter((token) => token !== '');
}

interface RequirementArgs {
  readonly name: string | null;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly marker: string | null;
  readonly url: string | null;
  readonly specStart: number;
  readonly specEnd: number;
}

/** Parses the requirement part of a line (`args` of pip's `break_args_options`). */
function parseRequirementArgs(text: string, start: number, end: number): RequirementArgs | null {
  const args = text.slice(start, end);
  const namedReference = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\])?\s*@/.test(args);
  if (!namedReference && (URL_LIKE.test(args) || ARCHIVE.test(args.split(';')[0]?.trim() ?? ''))) {
    const markerAt = args.indexOf('; ');
    const url = (markerAt >= 0 ? args.slice(0, markerAt) : args).trim();
    const marker = markerAt >= 0 ? args.slice(markerAt + 2).trim() : null;
    return { name: nameFromUrl(url), extras: [], specifier: '', marker, url, specStart: end, specEnd: end };
  }
  const name = NAME_PATTERN.exec(args)?.[0];
  if (name === undefined) return null;
  let pos = start + name.length;
  const skipSpaces = (): void => {
    while (pos < end && /\s/.test(text[pos] ?? '')) pos += 1;
  };
  skipSpaces();
  let extras: string[] = [];
  if (text[pos] === '[') {
    const close = text.indexOf(']', pos);
    if (close < 0 || close >= end) return null;
    extras = text.slice(pos + 1, close).split(',').map((extra) => extra.trim()).filter((extra) => extra !== '');
    pos = close + 1;
  }
  const afterName = pos;
  skipSpaces();
  if (text[pos] === '@') {
    const rest = text.slice(pos + 1, end);
    const markerMatch = /\s;/.exec(rest);
    const url = (markerMatch === null ? rest : rest.slice(0, markerMatch.index)).trim();
    const marker = markerMatch === null ? null : rest.slice(markerMatch.index + markerMatch[0].length).trim();
    return { name, extras, specifier: '', marker, url, specStart: afterName, specEnd: afterName };
  }
  const semicolon = text.indexOf(';', pos);
  const specLimit = semicolon >= 0 && semicolon < end ? semicolon : end;
  const marker = specLimit < end ? text.slice(specLimit + 1, end).trim() : null;
  let specStart = pos;
  let specEnd = specLimit;
  if (text[pos] === '(') {
    const close = text.indexOf(')', pos);
    if (close < 0 || close > specLimit) return null;
    specStart = pos + 1;
    specEnd = close;
  }
  while (specStart < specEnd && /\s/.test(text[specStart] ?? '')) specStart += 1;
  while (specEnd > specStart && /\s/.test(text[specEnd - 1] ?? '')) specEnd -= 1;
  if (specStart === specEnd) return { name, extras, specifier: '', marker, url: null, specStart: afterName, specEnd: afterName };
  return { name, extras, specifier: text.slice(specStart, specEnd), marker, url: null, specStart, specEnd };
}

function parse(text: string): Parsed {
  const lines = splitPhysicalLines(text);
  const requirements: ParsedRequirement[] = [];
  const includes: RequirementsInclude[] = [];
  const options: RequirementsOptionLine[] = [];
  const problems: RequirementsProblem[] = [];
  let hashCheckingMode = false;

  for (const logical of logicalLines(lines)) {
    const commentMatch = INLINE_COMMENT.exec(logical.text);
    const content = commentMatch === null ? logical.text : logical.text.slice(0, commentMatch.index);
    const comment = commentMatch === null ? null : logical.text.slice(commentMatch.index + commentMatch[0].length - 1).trim();
    const start = content.length - content.trimStart().length;
    const end = content.trimEnd().length;
    if (start >= end) continue;
    const line = logical.firstLine + 1;
    if (content.includes('${')) {
      problems.push({ code: 'environment-variable', severity: 'info', line, message: 'pip replaces ${VARIABLE} references on this line with environment variables.' });
    }
    let argsEnd = end;
    for (let i = start; i < end; i += 1) {
      if (content[i] === '-' && (i === start || content[i - 1] === ' ')) {
        argsEnd = i;
        break;
      }
    }
    const optionTokens = splitOptionTokens(content.slice(argsEnd, end));
    if (optionTokens.includes('--require-hashes')) hashCheckingMode = true;

    if (argsEnd === start) {
      let editableTarget: string | null = null;
      for (let t = 0; t < optionTokens.length; t += 1) {
        const token = optionTokens[t] ?? '';
        const match = /^(-r|--requirement|-c|--constraint|-e|--editable|-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-binary|--only-binary|--use-feature|--pre|--prefer-binary|--no-index|--require-hashes)(?:=(.*))?$/.exec(token)
          ?? /^(-[rce])(.+)$/.exec(token);
        const option = match?.[1];
        if (option === undefined) continue;
        const flagOnly = option === '--pre' || option === '--prefer-binary' || option === '--no-index' || option === '--require-hashes';
        let value = match?.[2] ?? null;
        if (value === null && !flagOnly) {
          value = optionTokens[t + 1] ?? null;
          t += 1;
        }
        options.push({ option, value, line });
        if (value === null) continue;
        if (option === '-r' || option === '--requirement') includes.push({ kind: 'requirements', path: value, line });
        else if (option === '-c' || option === '--constraint') includes.push({ kind: 'constraints', path: value, line });
        else if (option === '-e' || option === '--editable') editableTarget = value;
      }
      if (editableTarget !== null) {
        const name = nameFromUrl(editableTarget);
        requirements.push({
          entry: {
            name, normalizedName: name === null ? null : normalizeProjectName(name), extras: [], specifier: '', marker: null, url: editableTarget,
            editable: true, options: optionTokens, hashes: [], comment, text: content.slice(start, end), line, endLine: logical.lastLine + 1,
          },
          logical,
          specStart: end,
          specEnd: end,
        });
      }
      continue;
    }

    let argsTrimmedEnd = argsEnd;
    while (argsTrimmedEnd > start && /\s/.test(content[argsTrimmedEnd - 1] ?? '')) argsTrimmedEnd -= 1;
    const parsed = parseRequirementArgs(content, start, argsTrimmedEnd);
    if (parsed === null) {
      problems.push({ code: 'unparseable-line', severity: 'error', line, message: 'pip cannot read this line as a requirement.' });
      continue;
    }
    if (parsed.specifier !== '' && !parseSpecifierSet(parsed.specifier).ok) {
      problems.push({ code: 'invalid-specifier', severity: 'error', line, message: `The version specifier of ${parsed.name ?? 'this requirement'} is not valid PEP 440.` });
    }
    const hashes = optionTokens.filter((token) => token.startsWith('--hash=')).map((token) => token.slice('--hash='.length));
    if (hashes.length > 0) hashCheckingMode = true;
    requirements.push({
      entry: {
        name: parsed.name,
        normalizedName: parsed.name === null ? null : normalizeProjectName(parsed.name),
        extras: parsed.extras,
        specifier: parsed.specifier,
        marker: parsed.marker,
        url: parsed.url,
        editable: false,
        options: optionTokens,
        hashes,
        comment,
        text: content.slice(start, end),
        line,
        endLine: lineOf(logical, Math.max(start, end - 1)),
      },
      logical,
      specStart: parsed.specStart,
      specEnd: parsed.specEnd,
    });
  }

  const seen = new Map<string, number>();
  for (const { entry } of requirements) {
    if (entry.normalizedName === null) continue;
    const first = seen.get(entry.normalizedName);
    if (first === undefined) seen.set(entry.normalizedName, entry.line);
    else problems.push({ code: 'duplicate-requirement', severity: 'warning', line: entry.line, message: `${entry.name ?? entry.normalizedName} is also required on line ${first}.` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { lines, requirements, file: { requirements: requirements.map((item) => item.entry), includes, options, hashCheckingMode, problems } };
}

/** Parses a requirements file. Never throws. */
export function parseRequirements(text: string): RequirementsFile {
  return parse(text).file;
}

/** Finds a requirement by normalised name, and lists the `-r` / `-c` files to search next. */
export function findRequirement(text: string, name: string): RequirementLookup {
  const file = parse(text).file;
  const wanted = normalizeProjectName(name);
  const matches = file.requirements.filter((entry) => entry.normalizedName === wanted);
  return { requirement: matches[0] ?? null, matches, includes: file.includes, problems: file.problems };
}

export type RequirementAction = 'unchanged' | 'added' | 'updated' | 'unverifiable';

export type RequirementPlanProblemCode = 'invalid-name' | 'invalid-specifier' | 'hash-checking-mode' | 'file-has-errors' | 'verification-failed';

export type RequirementPlan =
  | {
      readonly ok: true;
      readonly text: string;
      readonly action: RequirementAction;
      /** 1-based line of the requirement in the new text (null when none). */
      readonly line: number | null;
      /** How the existing specifier related to the minimum before the edit. */
      readonly before: Guarantee | null;
      /** Why the requirement was left alone although it may not meet the minimum. */
      readonly reason: string | null;
    }
  | { readonly ok: false; readonly problems: readonly { readonly code: RequirementPlanProblemCode; readonly message: string }[] };

/**
 * Keeps the upper bounds and exclusions of `existing` and adds `minimum`; falls back to `minimum`
 * alone when that combination would be unsatisfiable or would not guarantee the minimum.
 */
function mergedSpecifier(existing: string, minimum: string): string {
  const parsed = parseSpecifierSet(existing);
  if (!parsed.ok) return minimum;
  const kept = parsed.specifiers.filter((specifier) => specifier.operator === '<' || specifier.operator === '<=' || specifier.operator === '!=');
  if (kept.length === 0) return minimum;
  const candidate = [minimum, ...kept.map((specifier) => `${specifier.operator}${specifier.version}`)].join(',');
  return isSpecifierSetSatisfiable(candidate) && specifierGuarantees(candidate, minimum) === 'yes' ? candidate : minimum;
}

/**
 * Plans making `name` require at least `specifier` (e.g. `>=5.1.0`): unchanged when the file
 * already guarantees it, the specifier rewritten in place when it does not (upper bounds kept when
 * they still allow the minimum), or a new `name<specifier>` line appended. Direct URL and editable
 * requirements are left alone as `unverifiable`. Hash-pinned files are refused: they need their
 * lock tool. Throws `AppError('INVALID_INPUT')` for an invalid `name` or `specifier` argument.
 */
export function planRequirement(text: string, name: string, specifier: string): RequirementPlan {
  if (!new RegExp(`${NAME_PATTERN.source}$`).test(name)) throw new AppError('INVALID_INPUT', 'The package name is not a valid Python project name.');
  const wanted = parseSpecifierSet(specifier);
  if (!wanted.ok || wanted.specifiers.length === 0) throw new AppError('INVALID_INPUT', 'The minimum version must be a PEP 440 specifier such as ">=5.1.0".');
  const minimum = specifier.replace(/\s+/g, '');

  const parsed = parse(text);
  const normalized = normalizeProjectName(name);
  const matches = parsed.requirements.filter((item) => item.entry.normalizedName === normalized);
  const direct = matches.find((item) => item.entry.url !== null);
  if (direct !== undefined) {
    return { ok: true, text, action: 'unverifiable', line: direct.entry.line, before: 'unknown', reason: 'The package is installed from a URL or path, so its version cannot be checked here.' };
  }
  const combined = matches.map((item) => item.entry.specifier).filter((spec) => spec !== '').join(',');
  const before = matches.length === 0 ? null : specifierGuarantees(combined, minimum);
  if (before === 'yes') return { ok: true, text, action: 'unchanged', line: matches[0]?.entry.line ?? null, before, reason: null };

  if (parsed.file.hashCheckingMode) {
    return { ok: false, problems: [{ code: 'hash-checking-mode', message: 'requirements.txt pins hashes, so pip needs a hash for every package; update it with the tool that generated it.' }] };
  }
  const broken = matches.filter((item) => item.entry.specifier !== '' && !parseSpecifierSet(item.entry.specifier).ok);
  if (broken.length > 0) {
    return { ok: false, problems: [{ code: 'file-has-errors', message: `The version specifier on line ${broken.map((item) => item.entry.line).join(', ')} is not valid; fix it first.` }] };
  }

  const splices: TextSplice[] = [];
  let action: RequirementAction;
  if (matches.length === 0) {
    const eol = preferredLineEnding(parsed.lines);
    const lastLine = parsed.lines[parsed.lines.length - 1];
    // A final line ending in `\` would swallow the new line; pip ends the continuation at an empty line.
    const separator = lastLine !== undefined && lastLine.text.endsWith('\\') && !COMMENT_LINE.test(lastLine.text) ? eol : '';
    const entry = `${name}${minimum}`;
    const addition = text === '' || hasTrailingNewline(text) ? `${separator}${entry}${eol}` : `${eol}${separator}${entry}`;
    splices.push({ start: text.length, end: text.length, text: addition });
    action = 'added';
  } else {
    for (const item of matches) {
      if (specifierGuarantees(item.entry.specifier, minimum) === 'yes') continue;
      splices.push({
        start: physicalOffset(parsed.lines, item.logical, item.specStart, false),
        end: item.specEnd > item.specStart ? physicalOffset(parsed.lines, item.logical, item.specEnd, true) : physicalOffset(parsed.lines, item.logical, item.specStart, false),
        text: mergedSpecifier(item.entry.specifier, minimum),
      });
    }
    action = 'updated';
  }
  const newText = applySplices(text, splices);
  const after = newText === null ? null : parse(newText);
  const afterMatches = after?.requirements.filter((item) => item.entry.normalizedName === normalized) ?? [];
  const guaranteed = specifierGuarantees(afterMatches.map((item) => item.entry.specifier).filter((spec) => spec !== '').join(','), minimum) === 'yes';
  const othersKept =
    after !== null &&
    JSON.stringify(after.requirements.filter((item) => item.entry.normalizedName !== normalized).map((item) => item.entry.text)) ===
      JSON.stringify(parsed.requirements.filter((item) => item.entry.normalizedName !== normalized).map((item) => item.entry.text));
  const extrasKept =
    after !== null &&
    JSON.stringify(afterMatches.map((item) => [item.entry.extras, item.entry.marker, item.entry.options])) ===
      JSON.stringify(matches.map((item) => [item.entry.extras, item.entry.marker, item.entry.options]));
  if (newText === null || !guaranteed || !othersKept || (action === 'updated' && !extrasKept) || afterMatches.length !== Math.max(1, matches.length)) {
    return { ok: false, problems: [{ code: 'verification-failed', message: 'Airlock could not update requirements.txt safely; the file was left unchanged.' }] };
  }
  return { ok: true, text: newText, action, line: afterMatches[0]?.entry.line ?? null, before, reason: null };
}

/**
 * Makes `name` require at least `specifier` and returns the new text (see `planRequirement`).
 * Throws `AppError('INVALID_INPUT')` when the arguments are invalid or the file cannot be edited
 * safely (hash-pinned files, a broken specifier on that package's line).
 */
export function ensureRequirement(text: string, name: string, specifier: string): string {
  const plan = planRequirement(text, name, specifier);
  if (plan.ok) return plan.text;
  throw new AppError('INVALID_INPUT', plan.problems[0]?.message ?? 'requirements.txt could not be edited.', {
    details: { problems: plan.problems.map((problem) => problem.code) },
  });
}
