/**
 * The one way to read YAML from outside input, within the bounds of shared/parse-limits.ts.
 *
 * No message here quotes the input: the `yaml` package's own messages quote the offending line,
 * which may hold a password, so only positions are passed on.
 */
import { parseDocument, type Document, type LineCounter } from 'yaml';
import { assertNever } from './assert';
import { isStackOverflow, MAX_YAML_ALIAS_COUNT, nestsTooDeep, TOO_DEEP_PHRASE, TOO_MANY_ALIASES_PHRASE } from './parse-limits';

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
