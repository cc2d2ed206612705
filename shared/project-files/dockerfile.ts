/**
 * Reading and editing `ENV` in a Dockerfile without touching anything else.
 *
 * Reading follows buildkit: the environment is per stage, and the one that reaches the image
 * Astro runs is the final stage's. Values inherited from an earlier stage (`FROM builder`) or from
 * the base image are not visible here and are never guessed at.
 *
 * Editing only touches the final stage. A key's value is replaced where the key is (last)
 * defined, pairs sharing an instruction keep their bytes, removed pairs take their separating
 * whitespace with them, and new keys go after the stage's last ENV (or its FROM) as one
 * `ENV KEY=value` line each, in the file's line-ending style. Values are quoted so that Docker
 * reads back exactly the same string and never expands `$` in it. Every edit is re-parsed and
 * compared before it is returned; an edit that would not read back exactly is refused.
 */
import { AppError } from '../errors';
import { processDockerWord, type DockerEscapeToken } from './docker-words';
import {
  DOCKERFILE_MAX_LINE_BYTES,
  lineOfOffset,
  parseDockerfile,
  parseEnvPairs,
  parseFromArguments,
  textOffset,
  type DockerInstruction,
  type DockerfileProblem,
  type ParsedDockerfile,
  type RawEnvPair,
} from './dockerfile-syntax';
import type { EditPlan, EditProblem, KeyChange, UnrepresentableReason } from './edit-types';
import { appendLines, finishKeyEdit, keyAndValueProblems, type KeyRules } from './key-edit';
import {
  ENV_KEY_PATTERN,
  hasTrailingNewline,
  isWellFormedUnicode,
  lineEndingStyle,
  preferredLineEnding,
  utf8ByteLength,
  type LineEndingStyle,
  type TextSplice,
} from './text';

export type { DockerfileProblem, DockerfileProblemCode } from './dockerfile-syntax';
export type { DockerEscapeToken } from './docker-words';

/** One `KEY=value` (or legacy `KEY value`) definition. */
export interface DockerfileEnvEntry {
  readonly key: string;
  /** The value as written, quotes and escapes included. */
  readonly raw: string;
  /** Quotes and escapes removed, `$` references left as written. */
  readonly literal: string;
  /** What Docker stores, as far as this file tells (see `valueKnown`). */
  readonly value: string;
  /** Docker expands `$` references in this value, so `value` can differ from `literal`. */
  readonly expands: boolean;
  /** False when the value depends on something outside this stage (base image env, build args). */
  readonly valueKnown: boolean;
  readonly unresolvedVariables: readonly string[];
  readonly form: 'key-value' | 'legacy';
  /** 1-based lines of the pair itself. */
  readonly line: number;
  readonly endLine: number;
  /** 1-based lines of the whole ENV instruction (continuations included). */
  readonly instructionLine: number;
  readonly instructionEndLine: number;
  readonly stageIndex: number;
}

export interface DockerfileStage {
  readonly index: number;
  /** The `AS` name, lower-cased as Docker treats it; null when unnamed. */
  readonly name: string | null;
  readonly baseImage: string;
  /** The earlier stage this one is built FROM, whose environment it inherits (not included here). */
  readonly inheritsFromStage: string | null;
  readonly fromLine: number;
  readonly endLine: number;
  /** Every ENV definition of the stage, in order. */
  readonly definitions: readonly DockerfileEnvEntry[];
  /** The stage's own environment, last definition wins. */
  readonly env: Readonly<Record<string, string>>;
}

export interface DockerfileEnvRead {
  /** What the final stage's own ENV instructions set (last definition wins). */
  readonly env: Readonly<Record<string, string>>;
  /** The definition that wins, per key of `env`. */
  readonly entries: Readonly<Record<string, DockerfileEnvEntry>>;
  readonly stages: readonly DockerfileStage[];
  /** Index into `stages` of the final stage; null when there is no FROM. */
  readonly finalStage: number | null;
  readonly escapeToken: DockerEscapeToken;
  readonly lineEnding: LineEndingStyle;
  readonly trailingNewline: boolean;
  readonly problems: readonly DockerfileProblem[];
}

export type DockerfileEditProblemCode =
  | 'invalid-key'
  | 'unrepresentable-value'
  | 'no-stage'
  | 'file-has-errors'
  | 'unterminated-continuation'
  | 'verification-failed';

export type DockerfileEditPlan = EditPlan<DockerfileEditProblemCode>;

interface AnalysedPair {
  readonly entry: DockerfileEnvEntry;
  readonly raw: RawEnvPair;
  readonly instructionIndex: number;
}

interface AnalysedStage {
  readonly stage: DockerfileStage;
  readonly pairs: readonly AnalysedPair[];
  readonly fromInstructionIndex: number;
  /** Indices of this stage's ENV instructions, with every pair they hold. */
  readonly envInstructions: ReadonlyMap<number, readonly RawEnvPair[]>;
}

interface Analysis {
  readonly parsed: ParsedDockerfile;
  readonly stages: readonly AnalysedStage[];
  readonly read: DockerfileEnvRead;
}

interface StageBuilder {
  index: number;
  name: string | null;
  baseImage: string;
  inheritsFromStage: string | null;
  fromLine: number;
  fromInstructionIndex: number;
  pairs: AnalysedPair[];
  env: Map<string, string>;
  envInstructions: Map<number, readonly RawEnvPair[]>;
}

function analyse(text: string): Analysis {
  const parsed = parseDockerfile(text);
  const problems: DockerfileProblem[] = [...parsed.problems];
  const builders: StageBuilder[] = [];
  const esc = parsed.escapeToken;

  parsed.instructions.forEach((instruction, instructionIndex) => {
    const line = instruction.firstLine + 1;
    if (instruction.keywordLower === 'from') {
      const { image, name } = parseFromArguments(instruction);
      const parent = builders.find((stage) => stage.name !== null && stage.name === image.toLowerCase());
      builders.push({
        index: builders.length,
        name,
        baseImage: image,
        inheritsFromStage: parent?.name ?? null,
        fromLine: line,
        fromInstructionIndex: instructionIndex,
        pairs: [],
        env: new Map(),
        envInstructions: new Map(),
      });
      return;
    }
    if (instruction.keywordLower !== 'env') return;
    const stage = builders[builders.length - 1];
    if (stage === undefined) {
      problems.push({ code: 'env-before-from', severity: 'error', line, message: 'ENV cannot come before the first FROM.' });
      return;
    }
    const split = parseEnvPairs(instruction, esc);
    if (!split.ok) {
      problems.push({ code: 'env-syntax', severity: 'error', line, message: split.message });
      return;
    }
    stage.envInstructions.set(instructionIndex, split.pairs);
    // Docker expands every pair of one instruction against the environment from before it.
    const before = new Map(stage.env);
    const lookup = (name: string): string | undefined => before.get(name);
    for (const raw of split.pairs) {
      const pairLine = lineOfOffset(instruction, raw.wordStart) + 1;
      const keyWord = processDockerWord(raw.key, esc, lookup);
      const word = processDockerWord(raw.rawValue, esc, lookup);
      if (keyWord.error !== null || word.error !== null) {
        problems.push({ code: 'env-value', severity: 'error', line: pairLine, message: `Docker cannot read this ENV value: ${keyWord.error ?? word.error ?? ''}.` });
        continue;
      }
      const key = keyWord.value;
      if (!ENV_KEY_PATTERN.test(raw.key)) {
        problems.push({ code: 'unusual-key', severity: 'warning', line: pairLine, message: 'This ENV name is not a plain NAME of letters, digits and underscores.' });
      }
      if (raw.form === 'legacy') {
        problems.push({ code: 'legacy-env-form', severity: 'info', line: pairLine, message: 'This ENV uses the legacy "ENV name value" form; Docker recommends "ENV name=value".' });
      }
      const entry: DockerfileEnvEntry = {
        key,
        raw: raw.rawValue,
        literal: word.literal,
        value: word.value,
        expands: word.expands,
        valueKnown: word.exact,
        unresolvedVariables: word.unresolved,
        form: raw.form,
        line: pairLine,
        endLine: lineOfOffset(instruction, Math.max(raw.wordStart, raw.wordEnd - 1)) + 1,
        instructionLine: line,
        instructionEndLine: instruction.lastLine + 1,
        stageIndex: stage.index,
      };
      stage.pairs.push({ entry, raw, instructionIndex });
      stage.env.set(key, word.value);
    }
  });

  if (builders.length === 0) {
    problems.push({ code: 'no-from', severity: 'error', line: 1, message: 'The Dockerfile has no FROM instruction.' });
  }
  const lineCount = parsed.lines.length;
  const stages: AnalysedStage[] = builders.map((builder, index) => {
    const next = builders[index + 1];
    const stage: DockerfileStage = {
      index: builder.index,
      name: builder.name,
      baseImage: builder.baseImage,
      inheritsFromStage: builder.inheritsFromStage,
      fromLine: builder.fromLine,
      endLine: next === undefined ? lineCount : next.fromLine - 1,
      definitions: builder.pairs.map((pair) => pair.entry),
      env: Object.fromEntries(builder.env),
    };
    return { stage, pairs: builder.pairs, fromInstructionIndex: builder.fromInstructionIndex, envInstructions: builder.envInstructions };
  });
  const final = stages[stages.length - 1];
  const entries = new Map<string, DockerfileEnvEntry>();
  for (const pair of final?.pairs ?? []) entries.set(pair.entry.key, pair.entry);
  problems.sort((a, b) => a.line - b.line);
  const read: DockerfileEnvRead = {
    env: final?.stage.env ?? {},
    entries: Object.fromEntries(entries),
    stages: stages.map((stage) => stage.stage),
    finalStage: final === undefined ? null : final.stage.index,
    escapeToken: esc,
    lineEnding: lineEndingStyle(parsed.lines),
    trailingNewline: hasTrailingNewline(text),
    problems,
  };
  return { parsed, stages, read };
}

/** Reads the ENV of every stage and the environment the final stage sets. Never throws. */
export function readDockerfileEnv(text: string): DockerfileEnvRead {
  return analyse(text).read;
}

/** Characters that need no quoting in a Dockerfile ENV value. */
const PLAIN_DOCKER_VALUE = /^[A-Za-z0-9_\-.,/:@%+=]+$/;

/** Why `value` cannot be an ENV value that Docker reads back unchanged; null when it can. */
export function dockerfileValueProblem(value: string): UnrepresentableReason | null {
  if (/[\r\n]/.test(value)) return 'line-break';
  if (value.includes('\0')) return 'nul-character';
  if (!isWellFormedUnicode(value)) return 'invalid-unicode';
  // Leave room on the line for the instruction name, the key and the quotes.
  if (utf8ByteLength(value) * 2 + 2 > DOCKERFILE_MAX_LINE_BYTES - 1024) return 'too-long';
  return null;
}

/**
 * Quotes a value for `ENV KEY=<here>` so that Docker reads back exactly `value`, with no `$`
 * expansion: plain values stay bare, anything else goes in single quotes (where nothing is special,
 * so JSON survives untouched), and values holding a single quote go in double quotes with `"`, `$`
 * and the escape token escaped. Call `dockerfileValueProblem` first: line breaks cannot be quoted.
 */
export function quoteDockerfileValue(value: string, escapeToken: DockerEscapeToken = '\\'): string {
  if (value === '') return '""';
  if (PLAIN_DOCKER_VALUE.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  let quoted = '"';
  for (const char of value) {
    if (char === '"' || char === '$' || char === escapeToken) quoted += escapeToken;
    quoted += char;
  }
  return `${quoted}"`;
}

function problemFor(code: DockerfileEditProblemCode, key: string | null, message: string): EditProblem<DockerfileEditProblemCode> {
  return { code, key, message };
}

function lineSpanSplices(parsed: ParsedDockerfile, deleted: ReadonlySet<number>): TextSplice[] {
  const splices: TextSplice[] = [];
  const sorted = [...deleted].sort((a, b) => a - b);
  let runStart: number | null = null;
  for (let i = 0; i < sorted.length; i += 1) {
    const current = sorted[i] ?? 0;
    runStart ??= current;
    const next = sorted[i + 1];
    if (next === current + 1) continue;
    const first = parsed.lines[runStart];
    const last = parsed.lines[current];
    const after = parsed.lines[current + 1];
    let start = first?.start ?? 0;
    const end = after?.start ?? parsed.text.length;
    const before = parsed.lines[runStart - 1];
    // Deleting the last line of a file without a final newline: take the newline before it instead.
    if (after === undefined && last?.eol === '' && before !== undefined) start = before.start + before.text.length;
    splices.push({ start, end, text: '' });
    runStart = null;
  }
  return splices;
}

/** Splices that remove some pairs of one ENV instruction while keeping the others' bytes. */
function pairRemovalSplices(parsed: ParsedDockerfile, instruction: DockerInstruction, pairs: readonly RawEnvPair[], removed: ReadonlySet<number>): TextSplice[] {
  const splices: TextSplice[] = [];
  let i = 0;
  while (i < pairs.length) {
    if (!removed.has(i)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < pairs.length && removed.has(j + 1)) j += 1;
    const firstRemoved = pairs[i];
    const lastRemoved = pairs[j];
    const nextKept = pairs[j + 1];
    const previousKept = pairs[i - 1];
    if (firstRemoved !== undefined && lastRemoved !== undefined) {
      if (nextKept !== undefined) {
        splices.push({ start: textOffset(parsed, instruction, firstRemoved.wordStart, false), end: textOffset(parsed, instruction, nextKept.wordStart, false), text: '' });
      } else if (previousKept !== undefined) {
        splices.push({ start: textOffset(parsed, instruction, previousKept.wordEnd, true), end: textOffset(parsed, instruction, lastRemoved.wordEnd, true), text: '' });
      }
    }
    i = j + 1;
  }
  return splices;
}

/** Other definitions keep their bytes; one that expands `$` may change value with a key it refers to. */
function comparableEntries(entries: readonly DockerfileEnvEntry[]): string {
  return JSON.stringify(entries.map((entry) => [entry.key, entry.raw, entry.expands ? null : entry.value]));
}

/** Checks that `after` holds exactly the intended change and nothing else moved. */
function verifyEdit(before: Analysis, after: Analysis, vars: Readonly<Record<string, string | null>>): boolean {
  if (after.read.problems.some((problem) => problem.severity === 'error')) return false;
  if (after.stages.length !== before.stages.length) return false;
  const finalIndex = before.stages.length - 1;
  for (let i = 0; i < finalIndex; i += 1) {
    if (comparableEntries(before.stages[i]?.stage.definitions ?? []) !== comparableEntries(after.stages[i]?.stage.definitions ?? [])) return false;
  }
  const beforeFinal = before.stages[finalIndex]?.stage.definitions ?? [];
  const afterFinal = after.stages[finalIndex]?.stage.definitions ?? [];
  const untouched = (entry: DockerfileEnvEntry): boolean => !Object.hasOwn(vars, entry.key);
  if (comparableEntries(beforeFinal.filter(untouched)) !== comparableEntries(afterFinal.filter(untouched))) return false;
  for (const [key, value] of Object.entries(vars)) {
    const entry = Object.hasOwn(after.read.entries, key) ? after.read.entries[key] : undefined;
    if (value === null) {
      if (entry !== undefined) return false;
    } else if (entry === undefined || !entry.valueKnown || entry.value !== value) {
      return false;
    }
  }
  return true;
}

const dockerfileKeyRules: KeyRules<DockerfileEditProblemCode> = {
  invalidKeyMessage: 'An ENV name must start with a letter or underscore and hold only letters, digits and underscores.',
  format: 'a Dockerfile ENV line',
  valueProblem: dockerfileValueProblem,
  problem: problemFor,
};

/**
 * Plans setting (`string`) or removing (`null`) keys in the final stage. Returns the new text, or
 * the reasons it cannot be done; never throws. An empty `vars` returns the text unchanged.
 */
export function planDockerfileEnv(text: string, vars: Readonly<Record<string, string | null>>): DockerfileEditPlan {
  const keys = Object.keys(vars);
  if (keys.length === 0) return { ok: true, text, changes: [] };
  const problems = keyAndValueProblems(vars, dockerfileKeyRules);
  if (problems.length > 0) return { ok: false, problems };

  const before = analyse(text);
  const errors = before.read.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((problem) => problem.line).join(', ');
    return { ok: false, problems: [problemFor('file-has-errors', null, `The Dockerfile has errors Docker would reject (line ${lines}); fix them before Airlock edits it.`)] };
  }
  const final = before.stages[before.stages.length - 1];
  if (final === undefined) return { ok: false, problems: [problemFor('no-stage', null, 'The Dockerfile has no FROM instruction to add ENV lines to.')] };

  const { parsed } = before;
  const esc = parsed.escapeToken;
  const splices: TextSplice[] = [];
  const removals = new Map<number, Set<number>>();
  const appended: string[] = [];
  const changes: KeyChange[] = [];

  for (const key of keys) {
    const value = vars[key] ?? null;
    const definitions = final.pairs.filter((pair) => pair.entry.key === key);
    const last = definitions[definitions.length - 1];
    if (value === null) {
      for (const pair of definitions) {
        const pairs = final.envInstructions.get(pair.instructionIndex) ?? [];
        const set = removals.get(pair.instructionIndex) ?? new Set<number>();
        set.add(pairs.indexOf(pair.raw));
        removals.set(pair.instructionIndex, set);
      }
      changes.push({ key, action: definitions.length > 0 ? 'removed' : 'unchanged', line: definitions[0]?.entry.line ?? null });
    } else if (last === undefined) {
      appended.push(key);
      changes.push({ key, action: 'added', line: null });
    } else if (last.entry.valueKnown && last.entry.value === value) {
      changes.push({ key, action: 'unchanged', line: last.entry.line });
    } else {
      const instruction = parsed.instructions[last.instructionIndex];
      if (instruction !== undefined) {
        splices.push({
          start: textOffset(parsed, instruction, last.raw.valueStart, false),
          end: textOffset(parsed, instruction, last.raw.valueEnd, true),
          text: quoteDockerfileValue(value, esc),
        });
      }
      changes.push({ key, action: 'replaced', line: null });
    }
  }

  const deletedLines = new Set<number>();
  for (const [instructionIndex, removedPairs] of removals) {
    const instruction = parsed.instructions[instructionIndex];
    const pairs = final.envInstructions.get(instructionIndex) ?? [];
    if (instruction === undefined) continue;
    if (removedPairs.size >= pairs.length) {
      for (let line = instruction.firstLine; line <= instruction.lastLine; line += 1) deletedLines.add(line);
    } else {
      splices.push(...pairRemovalSplices(parsed, instruction, pairs, removedPairs));
    }
  }
  splices.push(...lineSpanSplices(parsed, deletedLines));

  if (appended.length > 0) {
    const envIndices = [...final.envInstructions.keys()];
    const anchorIndex = envIndices.length > 0 ? Math.max(...envIndices) : final.fromInstructionIndex;
    const anchor = parsed.instructions[anchorIndex];
    if (anchor === undefined || anchor.continuesAtEof) {
      return { ok: false, problems: [problemFor('unterminated-continuation', null, 'The Dockerfile ends inside a line continuation, so no line can be added after it.')] };
    }
    const eol = preferredLineEnding(parsed.lines);
    const allLowercase = parsed.instructions.every((instruction) => instruction.keyword === instruction.keywordLower);
    const keyword = allLowercase ? 'env' : 'ENV';
    const newLines = appended.map((key) => `${keyword} ${key}=${quoteDockerfileValue(vars[key] ?? '', esc)}`);
    const next = parsed.lines[anchor.lastLine + 1];
    // After the anchor's last line: before the line that follows it, or at the end of the file.
    splices.push(next === undefined ? appendLines(text, newLines, eol) : { start: next.start, end: next.start, text: newLines.map((line) => line + eol).join('') });
  }

  return finishKeyEdit(text, splices, changes, {
    read: analyse,
    verify: (after) => verifyEdit(before, after, vars),
    lineOf: (after, key) => after.read.entries[key]?.line ?? null,
    failure: problemFor('verification-failed', null, 'Airlock could not write these ENV values so that Docker reads them back exactly; the Dockerfile was left unchanged.'),
  });
}

/**
 * Sets (`string`) or removes (`null`) ENV keys in the final stage and returns the new text.
 * Throws `AppError('INVALID_INPUT')` when a key is not a plain name, a value cannot be represented
 * on an ENV line (line breaks, NUL, unpaired surrogates, over-long values), the file has errors
 * Docker rejects, or has no FROM; the message never includes a value.
 */
export function setDockerfileEnv(text: string, vars: Readonly<Record<string, string | null>>): string {
  const plan = planDockerfileEnv(text, vars);
  if (plan.ok) return plan.text;
  const first = plan.problems[0];
  throw new AppError('INVALID_INPUT', first?.message ?? 'The Dockerfile could not be edited.', {
    details: { problems: plan.problems.map((problem) => ({ code: problem.code, key: problem.key })) },
  });
}
