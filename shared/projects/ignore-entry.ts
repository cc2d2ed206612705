/**
 * Making `.gitignore` or `.dockerignore` ignore a path without touching any existing line: when
 * the path is not ignored yet, one pattern line is appended in the file's line-ending style (the
 * last matching pattern wins in both formats, so an appended line overrides an earlier `!`
 * re-include). The result is checked with the same matcher before it is returned.
 */
import { isPathIgnored, type IgnoreFlavour } from '../ignore-files';

export type IgnoreEntryPlan =
  | {
      readonly ok: true;
      readonly text: string;
      readonly action: 'unchanged' | 'added';
      /** The deciding line in the new text. */
      readonly line: number | null;
    }
  | { readonly ok: false; readonly message: string };

function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Plans ignoring `target` (a path relative to the ignore file, e.g. `.env`) by appending
 * `pattern` (default: the target itself) when it is not ignored already. Never throws.
 */
export function planIgnoreEntry(text: string, target: string, flavour: IgnoreFlavour, pattern: string = target): IgnoreEntryPlan {
  if (/[\r\n]/.test(pattern) || pattern.trim() === '' || pattern.startsWith('!') || pattern.startsWith('#')) {
    return { ok: false, message: 'The ignore pattern must be one plain line.' };
  }
  const before = isPathIgnored(text, target, flavour);
  if (before.ignored) return { ok: true, text, action: 'unchanged', line: before.line };
  const eol = lineEndingOf(text);
  let next: string;
  if (text === '') next = `${pattern}${eol}`;
  else if (text.endsWith('\n')) next = `${text}${pattern}${eol}`;
  else next = `${text}${eol}${pattern}`;
  const after = isPathIgnored(next, target, flavour);
  if (!after.ignored) {
    const where = after.excludedParent === null ? '' : ` because ${after.excludedParent} decides it`;
    return { ok: false, message: `Adding ${pattern} would not make ${target} ignored${where}; edit the file by hand.` };
  }
  return { ok: true, text: next, action: 'added', line: after.line };
}
