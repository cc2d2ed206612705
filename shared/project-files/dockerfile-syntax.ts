/**
 * Dockerfile structure as buildkit's parser sees it (`frontend/dockerfile/parser`): parser
 * directives, comment lines, line continuations (with comment and blank lines inside them),
 * heredocs, instruction names in any case, and ENV's two forms.
 *
 * Every piece keeps its position in the original text so that an edit can replace exactly the
 * bytes of one value and leave everything else as it was.
 */
import type { DockerEscapeToken } from './docker-words';
import { goTrimRight, isGoSpace, splitPhysicalLines, utf8ByteLength, type PhysicalLine } from './text';

export type DockerfileProblemCode =
  | 'no-from'
  | 'env-before-from'
  | 'env-syntax'
  | 'env-value'
  | 'unusual-key'
  | 'legacy-env-form'
  | 'invalid-directive'
  | 'unterminated-continuation'
  | 'unterminated-heredoc'
  | 'empty-continuation-line'
  | 'line-too-long';

export interface DockerfileProblem {
  readonly code: DockerfileProblemCode;
  /** `error`: Docker refuses to build; `warning`: builds but probably not as meant; `info`: worth knowing. */
  readonly severity: 'error' | 'warning' | 'info';
  /** 1-based line. */
  readonly line: number;
  readonly message: string;
}

/** A run of characters of an instruction's joined text that sits on one physical line. */
interface Segment {
  readonly line: number;
  readonly col: number;
  readonly joinedStart: number;
  readonly length: number;
}

export interface DockerInstruction {
  /** The instruction name as written. */
  readonly keyword: string;
  readonly keywordLower: string;
  /** 0-based physical lines, inclusive; heredoc bodies count as part of their instruction. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** The logical line: continuation characters removed, comment lines inside dropped. */
  readonly joined: string;
  readonly segments: readonly Segment[];
  /** `[argsStart, argsEnd)` in `joined`: the arguments after the name and any `--flags`. */
  readonly argsStart: number;
  readonly argsEnd: number;
  /** The file ended while this instruction still expected a continuation line. */
  readonly continuesAtEof: boolean;
}

export interface ParsedDockerfile {
  readonly text: string;
  readonly lines: readonly PhysicalLine[];
  readonly escapeToken: DockerEscapeToken;
  readonly instructions: readonly DockerInstruction[];
  readonly problems: readonly DockerfileProblem[];
}

/** buildkit stops reading a line past this many bytes (`bufio.MaxScanTokenSize - 1`). */
export const DOCKERFILE_MAX_LINE_BYTES = 64 * 1024 - 1;

const DIRECTIVE_PATTERN = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/;
const KNOWN_DIRECTIVES = new Set(['escape', 'syntax', 'check']);
/** Go's `reWhitespace`, used to split instruction names and legacy ENV. */
const DOCKER_WHITESPACE = /[\t\v\f\r ]+/;

function stripTrailingLineBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\r' || text[end - 1] === '\n')) end -= 1;
  return text.slice(0, end);
}

function leadingSpaceLength(text: string): number {
  let index = 0;
  while (index < text.length && isGoSpace(text.charCodeAt(index))) index += 1;
  return index;
}

function continuationPattern(escapeToken: DockerEscapeToken): RegExp {
  const e = escapeToken === '\\' ? '\\\\' : '`';
  // The token ends a line as a continuation unless it is itself escaped (buildkit's regex).
  return new RegExp(`(?:^|[^${e}])(${e}[ \\t]*)$`);
}

/** Returns the text without its continuation token, or null when the line does not continue. */
function trimContinuation(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text);
  if (match === null) return null;
  const token = match[1] ?? '';
  return text.slice(0, text.length - token.length);
}

/** Splits shell-like words, keeping quotes, to find heredoc markers the way buildkit does. */
function rawShellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quote !== null) {
      current += char;
      if (char === '\\' && quote === '"' && i + 1 < text.length) {
        current += text[i + 1] ?? '';
        i += 1;
      } else if (char === quote) quote = null;
      continue;
    }
    if (isGoSpace(char.charCodeAt(0))) {
      if (current !== '') words.push(current);
      current = '';
      continue;
    }
    if (char === '\\' && i + 1 < text.length) {
      current += char + (text[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    current += char;
  }
  if (current !== '') words.push(current);
  return words;
}

interface HeredocMarker {
  readonly name: string;
  readonly chomp: boolean;
}

function heredocMarkers(args: string): HeredocMarker[] {
  if (/^\s*\[/.test(args)) {
    try {
      if (Array.isArray(JSON.parse(args))) return [];
    } catch {
      // Not JSON: shell form, which may hold heredocs.
    }
  }
  const markers: HeredocMarker[] = [];
  for (const word of rawShellWords(args)) {
    const match = /^(\d*)<<(-?)([^<]*)$/.exec(word);
    if (match === null) continue;
    const rest = match[3] ?? '';
    if (rest === '') continue;
    const name = rest.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(.)/g, '$1');
    if (name === '' || /\s/.test(name)) continue;
    markers.push({ name, chomp: match[2] === '-' });
  }
  return markers;
}

/**
 * Skips `--flag[=value]` words at the start of the arguments (buildkit's `extractBuilderFlags`):
 * a flag written without `=` takes the next word as its value, and a bare `--` ends the flags.
 */
function skipBuilderFlags(joined: string, from: number): number {
  const skipSpaces = (at: number): number => {
    let pos = at;
    while (pos < joined.length && isGoSpace(joined.charCodeAt(pos))) pos += 1;
    return pos;
  };
  const wordEnd = (at: number): number => {
    let end = at;
    while (end < joined.length && !isGoSpace(joined.charCodeAt(end))) end += 1;
    return end;
  };
  let pos = skipSpaces(from);
  while (joined.startsWith('--', pos)) {
    const end = wordEnd(pos);
    if (end - pos === 2) return skipSpaces(end);
    const hasValue = joined.slice(pos, end).includes('=');
    pos = skipSpaces(end);
    if (!hasValue && pos < joined.length) pos = skipSpaces(wordEnd(pos));
  }
  return pos;
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = splitPhysicalLines(text);
  const problems: DockerfileProblem[] = [];
  const instructions: DockerInstruction[] = [];
  let escapeToken: DockerEscapeToken = '\\';
  let continuation = continuationPattern(escapeToken);
  let directivesDone = false;
  const seenDirectives = new Set<string>();

  const checkDirective = (token: string, lineIndex: number): void => {
    if (directivesDone) return;
    const match = DIRECTIVE_PATTERN.exec(token);
    const name = match?.[1]?.toLowerCase();
    if (match === null || name === undefined || !KNOWN_DIRECTIVES.has(name)) {
      directivesDone = true;
      return;
    }
    if (seenDirectives.has(name)) {
      problems.push({ code: 'invalid-directive', severity: 'error', line: lineIndex + 1, message: `Only one "${name}" parser directive is allowed.` });
      return;
    }
    seenDirectives.add(name);
    if (name === 'escape') {
      const value = match[2] ?? '';
      if (value === '\\' || value === '`') {
        escapeToken = value;
        continuation = continuationPattern(escapeToken);
      } else {
        problems.push({ code: 'invalid-directive', severity: 'error', line: lineIndex + 1, message: 'The escape directive must be a backslash or a backtick.' });
      }
    }
  };

  lines.forEach((line, lineIndex) => {
    if (utf8ByteLength(line.text) + line.eol.length > DOCKERFILE_MAX_LINE_BYTES + 1) {
      problems.push({ code: 'line-too-long', severity: 'error', line: lineIndex + 1, message: 'This line is longer than Docker accepts (64 KiB).' });
    }
  });

  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    let raw = stripTrailingLineBreaks(line.text);
    let bom = 0;
    if (index === 0 && raw.startsWith('\uFEFF')) {
      bom = 1;
      raw = raw.slice(1);
    }
    const indent = leadingSpaceLength(raw);
    const token = raw.slice(indent);
    checkDirective(token, index);
    if (token.startsWith('#')) {
      index += 1;
      continue;
    }
    const firstContent = trimContinuation(token, continuation);
    let continues = firstContent !== null;
    const first = firstContent ?? token;
    if (!continues && first === '') {
      index += 1;
      continue;
    }
    const segments: Segment[] = [{ line: index, col: bom + indent, joinedStart: 0, length: first.length }];
    let joined = first;
    let last = index;
    let sawEmptyContinuation = false;
    while (continues && last + 1 < lines.length) {
      last += 1;
      const nextRaw = stripTrailingLineBreaks(lines[last]?.text ?? '');
      const nextIndent = leadingSpaceLength(nextRaw);
      if (nextRaw.slice(nextIndent).startsWith('#')) continue;
      if (nextIndent === nextRaw.length) {
        sawEmptyContinuation = true;
        continue;
      }
      const content = trimContinuation(nextRaw, continuation);
      continues = content !== null;
      const piece = content ?? nextRaw;
      segments.push({ line: last, col: 0, joinedStart: joined.length, length: piece.length });
      joined += piece;
    }
    if (sawEmptyContinuation) {
      problems.push({ code: 'empty-continuation-line', severity: 'info', line: index + 1, message: 'An empty line inside a line continuation is skipped; newer Docker versions may reject it.' });
    }

    const trimmedEnd = goTrimRight(joined).length;
    let nameEnd = 0;
    while (nameEnd < trimmedEnd && !DOCKER_WHITESPACE.test(joined[nameEnd] ?? '')) nameEnd += 1;
    const keyword = joined.slice(0, nameEnd);
    const argsStart = skipBuilderFlags(joined, nameEnd);
    const argsEnd = Math.max(argsStart, trimmedEnd);
    const keywordLower = keyword.toLowerCase();

    let lastLine = last;
    if (keywordLower === 'run' || keywordLower === 'copy' || keywordLower === 'add') {
      for (const marker of heredocMarkers(joined.slice(argsStart, argsEnd))) {
        let terminated = false;
        while (lastLine + 1 < lines.length) {
          lastLine += 1;
          let candidate = stripTrailingLineBreaks(lines[lastLine]?.text ?? '');
          if (marker.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === marker.name) {
            terminated = true;
            break;
          }
        }
        if (!terminated) {
          problems.push({ code: 'unterminated-heredoc', severity: 'error', line: index + 1, message: `The heredoc "${marker.name}" is never closed.` });
        }
      }
    }
    if (continues) {
      problems.push({ code: 'unterminated-continuation', severity: 'warning', line: index + 1, message: 'The file ends inside a line continuation.' });
    }
    instructions.push({ keyword, keywordLower, firstLine: index, lastLine, joined, segments, argsStart, argsEnd, continuesAtEof: continues });
    index = lastLine + 1;
  }
  return { text, lines, escapeToken, instructions, problems };
}

/**
 * Offset in the whole text of the character at `joinedOffset`; with `asEnd`, the offset just after
 * the character before it (so a span's end stays on the line where the span's text ends).
 */
export function textOffset(parsed: ParsedDockerfile, instruction: DockerInstruction, joinedOffset: number, asEnd: boolean): number {
  const at = (segment: Segment, offset: number): number => (parsed.lines[segment.line]?.start ?? 0) + segment.col + (offset - segment.joinedStart);
  for (const segment of instruction.segments) {
    const end = segment.joinedStart + segment.length;
    const inside = asEnd ? joinedOffset > segment.joinedStart && joinedOffset <= end : joinedOffset >= segment.joinedStart && joinedOffset < end;
    if (inside) return at(segment, joinedOffset);
  }
  const first = instruction.segments[0];
  const last = instruction.segments[instruction.segments.length - 1];
  if (first === undefined || last === undefined) return 0;
  return joinedOffset <= first.joinedStart ? at(first, first.joinedStart) : at(last, last.joinedStart + last.length);
}

/** 0-based physical line of the character at `joinedOffset`. */
export function lineOfOffset(instruction: DockerInstruction, joinedOffset: number): number {
  let result = instruction.firstLine;
  for (const segment of instruction.segments) {
    if (segment.joinedStart <= joinedOffset) result = segment.line;
  }
  return result;
}

/** One `key=value` word (or the single legacy pair) of an ENV instruction; offsets are in `joined`. */
export interface RawEnvPair {
  readonly key: string;
  readonly form: 'key-value' | 'legacy';
  readonly wordStart: number;
  readonly wordEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly rawValue: string;
}

export type EnvPairsResult = { readonly ok: true; readonly pairs: readonly RawEnvPair[] } | { readonly ok: false; readonly message: string };

/** buildkit's `parseWords`: whitespace-separated words where quotes and escapes keep their text. */
function envWords(joined: string, start: number, end: number, escapeToken: DockerEscapeToken): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let wordStart = start;
  for (let pos = start; pos < end; pos += 1) {
    const char = joined[pos] ?? '';
    if (phase === 'spaces') {
      if (isGoSpace(char.charCodeAt(0))) continue;
      phase = 'word';
      wordStart = pos;
    }
    if (phase === 'word') {
      if (isGoSpace(char.charCodeAt(0))) {
        words.push({ start: wordStart, end: pos });
        phase = 'spaces';
        continue;
      }
      if (char === "'" || char === '"') {
        quote = char;
        phase = 'quote';
        continue;
      }
      if (char === escapeToken && pos + 1 < end) pos += 1;
      continue;
    }
    if (char === quote) {
      phase = 'word';
      continue;
    }
    if (char === escapeToken && quote !== "'" && pos + 1 < end) pos += 1;
  }
  if (phase !== 'spaces') words.push({ start: wordStart, end });
  return words;
}

/** Splits ENV arguments into pairs like buildkit's `parseNameVal`. */
export function parseEnvPairs(instruction: DockerInstruction, escapeToken: DockerEscapeToken): EnvPairsResult {
  const { joined, argsStart, argsEnd } = instruction;
  const words = envWords(joined, argsStart, argsEnd, escapeToken);
  const firstWord = words[0];
  if (firstWord === undefined) return { ok: false, message: 'ENV needs at least one name and value.' };
  if (!joined.slice(firstWord.start, firstWord.end).includes('=')) {
    // Legacy `ENV name value with spaces`: the value is everything after the first whitespace run.
    const match = /[\t\v\f\r ]+/.exec(joined.slice(argsStart, argsEnd));
    if (match === null) return { ok: false, message: 'ENV in the "ENV name value" form needs a value after the name.' };
    const keyEnd = argsStart + match.index;
    const valueStart = keyEnd + match[0].length;
    return {
      ok: true,
      pairs: [{ key: joined.slice(argsStart, keyEnd), form: 'legacy', wordStart: argsStart, wordEnd: argsEnd, valueStart, valueEnd: argsEnd, rawValue: joined.slice(valueStart, argsEnd) }],
    };
  }
  const pairs: RawEnvPair[] = [];
  for (const word of words) {
    const text = joined.slice(word.start, word.end);
    const equals = text.indexOf('=');
    if (equals < 0) return { ok: false, message: 'Every word of an ENV instruction must have the form name=value.' };
    pairs.push({
      key: text.slice(0, equals),
      form: 'key-value',
      wordStart: word.start,
      wordEnd: word.end,
      valueStart: word.start + equals + 1,
      valueEnd: word.end,
      rawValue: text.slice(equals + 1),
    });
  }
  return { ok: true, pairs };
}

/** `FROM [--flags] image [AS name]`: the image and the lower-cased stage name. */
export function parseFromArguments(instruction: DockerInstruction): { image: string; name: string | null } {
  const words = instruction.joined.slice(instruction.argsStart, instruction.argsEnd).split(DOCKER_WHITESPACE).filter((word) => word !== '');
  const image = words[0] ?? '';
  const name = words.length >= 3 && words[1]?.toLowerCase() === 'as' ? (words[2] ?? '').toLowerCase() : null;
  return { image, name };
}
