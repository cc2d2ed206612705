/**
 * The one bound on nested data Airlock reads from outside (kwargs typed in the window or found in
 * a Dockerfile, import files, a project's YAML), and the one way to read YAML within it.
 *
 * Why: a parser, and every function that later walks the parsed value, recurses once per level,
 * so a value nested thousands of levels deep overflows the stack (a RangeError that would surface
 * as an internal error); and YAML aliases can expand a small file into a huge value ("billion
 * laughs"). Real kwargs, connection extras and settings files nest a handful of levels.
 *
 * No message here quotes the input: the `yaml` package's own messages quote the offending line,
 * which may hold a password, so only positions are passed on.
 */
import { parseDocument, type Document, type LineCounter } from 'yaml';
import { assertNever } from './assert';

/** The deepest nesting of lists and objects read from outside input (CPython's json stops near 1000). */
export const MAX_NESTING_DEPTH = 100;
/** How many alias expansions a YAML file may use (the `yaml` package's own default, made explicit). */
export const MAX_YAML_ALIAS_COUNT = 100;

/** "… nests lists and objects more than 100 levels deep": completes a sentence about the input. */
export const TOO_DEEP_PHRASE = `nests lists and objects more than ${MAX_NESTING_DEPTH} levels deep, more than Airlock reads`;
export const TOO_MANY_ALIASES_PHRASE = `expands YAML aliases (*name) more than ${MAX_YAML_ALIAS_COUNT} times, more than Airlock reads`;

/** True for the RangeError a too-deep recursion throws ("Maximum call stack size exceeded"). */
export function isStackOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * True when a parsed value nests lists and objects deeper than the limit (a top-level object is
 * depth 1). Walks without recursion and stops at the limit, so it is safe on any value, even a
 * cyclic one.
 */
export function nestsTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

export type YamlProblemKind = 'syntax' | 'too-deep' | 'too-many-aliases';

export type YamlInput =
  | { readonly ok: true; readonly document: Document.Parsed; readonly value: unknown }
  | { readonly ok: false; readonly kind: YamlProblemKind; readonly line: number | null; readonly column: number | null };

export interface YamlInputOptions {
  /** 'failsafe' reads every scalar as its source text. */
  readonly schema?: 'core' | 'failsafe';
  readonly uniqueKeys?: boolean;
  readonly lineCounter?: LineCounter;
}

/**
 * Parses one YAML document of outside input and converts it to plain values within the bounds:
 * a syntax error, a nesting deeper than MAX_NESTING_DEPTH or more alias expansions than
 * MAX_YAML_ALIAS_COUNT come back as a problem with its position, never as a throw.
 */
export function readYamlInput(text: string, options: YamlInputOptions = {}): YamlInput {
  const document = parseDocument(text, {
    prettyErrors: true,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.uniqueKeys === undefined ? {} : { uniqueKeys: options.uniqueKeys }),
    ...(options.lineCounter === undefined ? {} : { lineCounter: options.lineCounter }),
  });
  const first = document.errors[0];
  if (first !== undefined) {
    const position = first.linePos?.[0];
    // The package turns its own stack overflow on deep nesting into RESOURCE_EXHAUSTION.
    const kind = document.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION') ? 'too-deep' : 'syntax';
    return { ok: false, kind, line: position?.line ?? null, column: position?.col ?? null };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // toJS throws a ReferenceError past maxAliasCount, and recurses once per level of the expanded value.
    if (error instanceof ReferenceError) return { ok: false, kind: 'too-many-aliases', line: null, column: null };
    if (isStackOverflow(error)) return { ok: false, kind: 'too-deep', line: null, column: null };
    throw error;
  }
  if (nestsTooDeep(value)) return { ok: false, kind: 'too-deep', line: null, column: null };
  return { ok: true, document, value };
}

/** "not valid YAML (line 3, column 5)", "nests lists and objects more than 100 levels deep, …": completes "The file is …" / "The file …". */
export function describeYamlProblem(problem: { readonly kind: YamlProblemKind; readonly line: number | null; readonly column: number | null }): string {
  switch (problem.kind) {
    case 'syntax':
      return `is not valid YAML${problem.line === null ? '' : ` (line ${problem.line}, column ${problem.column ?? 1})`}`;
    case 'too-deep':
      return TOO_DEEP_PHRASE;
    case 'too-many-aliases':
      return TOO_MANY_ALIASES_PHRASE;
    default:
      return assertNever(problem.kind, 'Unknown YAML problem');
  }
}
