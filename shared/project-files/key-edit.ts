/**
 * The steps every key setter (Dockerfile ENV lines, .env entries) starts and ends with, in one
 * place: refuse keys that are not plain names and values the format cannot hold; then add new
 * lines at the end of the text, apply the planned splices, read the new text back with the
 * format's own reader, check that it reads exactly as asked, and give each added or replaced key
 * its line in the new text. Any failure leaves the file as it was.
 */
import { unrepresentableMessage, type EditPlan, type EditProblem, type KeyChange, type UnrepresentableReason } from './edit-types';
import { applySplices, ENV_KEY_PATTERN, hasTrailingNewline, type LineEnding, type TextSplice } from './text';

export interface KeyRules<Code extends string> {
  /** Why a key that is not a plain name is refused, in the format's words. */
  readonly invalidKeyMessage: string;
  /** The format, as unrepresentable-value messages name it ("a .env file"). */
  readonly format: string;
  valueProblem(value: string): UnrepresentableReason | null;
  problem(code: 'invalid-key' | 'unrepresentable-value', key: string, message: string): EditProblem<Code>;
}

/** What is wrong with the keys and values asked for, before the file is read; empty when nothing is. */
export function keyAndValueProblems<Code extends string>(vars: Readonly<Record<string, string | null>>, rules: KeyRules<Code>): EditProblem<Code>[] {
  const problems: EditProblem<Code>[] = [];
  for (const [key, value] of Object.entries(vars)) {
    if (!ENV_KEY_PATTERN.test(key)) {
      problems.push(rules.problem('invalid-key', key, rules.invalidKeyMessage));
      continue;
    }
    const reason = typeof value === 'string' ? rules.valueProblem(value) : null;
    if (reason !== null) problems.push(rules.problem('unrepresentable-value', key, unrepresentableMessage(reason, key, rules.format)));
  }
  return problems;
}

/** New lines at the end of `text`: after its last line break, or after a new one when it ends without one. */
export function appendLines(text: string, lines: readonly string[], eol: LineEnding): TextSplice {
  const added = text === '' || hasTrailingNewline(text) ? lines.map((line) => line + eol) : lines.map((line) => eol + line);
  return { start: text.length, end: text.length, text: added.join('') };
}

export interface KeyEditCheck<Read, Code extends string> {
  /** The format's reader, run on the new text. */
  read(text: string): Read;
  /** True when the new text reads back exactly as the edit asked. */
  verify(after: Read): boolean;
  /** Where a key is defined in the new text (1-based), or null. */
  lineOf(after: Read, key: string): number | null;
  /** The problem to report when the splices overlap or the check fails. */
  readonly failure: EditProblem<Code>;
}

export function finishKeyEdit<Read, Code extends string>(
  text: string,
  splices: readonly TextSplice[],
  changes: readonly KeyChange[],
  check: KeyEditCheck<Read, Code>,
): EditPlan<Code> {
  const newText = applySplices(text, splices);
  const after = newText === null ? null : check.read(newText);
  if (newText === null || after === null || !check.verify(after)) return { ok: false, problems: [check.failure] };
  return {
    ok: true,
    text: newText,
    changes: changes.map((change) => (change.action === 'added' || change.action === 'replaced' ? { ...change, line: check.lineOf(after, change.key) } : change)),
  };
}
