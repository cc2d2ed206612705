/**
 * Lookup patterns are Python regular expressions applied with
 * `re.match(pattern, id, re.IGNORECASE)` (sheet A.4): anchored at the start only, case-insensitive,
 * Python dialect. This module checks a pattern against Python's `re` rules (3.11+), translates it
 * to an equivalent JavaScript RegExp so the app can preview which ids are looked up, and reports
 * Python-only constructs with a form that means the same in both dialects where one exists.
 *
 * The translation uses the `u` flag and spells out Python's Unicode-aware `\w`, `\d`, `\s` and
 * `\b`. Not modelled: `\N{NAME}`, conditionals and atomic/possessive matching (reported as not
 * previewable), and the exact width rules of look-behinds containing backreferences.
 */

import { PythonReError, Translator, Untranslatable, type RegexFinding } from './python-regex-translator';

export type { RegexFinding } from './python-regex-translator';

export type RegexAnalysis =
  | { readonly status: 'ok'; readonly regex: RegExp; readonly findings: readonly RegexFinding[]; readonly portablePattern: string | null }
  | {
      /** Python's `re` rejects the pattern: Airflow raises on every lookup of that kind. */
      readonly status: 'python-error';
      readonly message: string;
      readonly index: number;
      readonly findings: readonly RegexFinding[];
      /** A corrected pattern, when the error has an obvious fix (JavaScript syntax, a misplaced `(?i)`). */
      readonly fixPattern: string | null;
    }
  | { readonly status: 'untranslatable'; readonly reason: string; readonly findings: readonly RegexFinding[] };

function applyReplacements(pattern: string, replacements: readonly { start: number; end: number; text: string }[]): string {
  let out = pattern;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

/** Checks a lookup pattern against Python's rules and translates it for previewing. */
export function analyzePythonRegex(pattern: string): RegexAnalysis {
  const translator = new Translator(pattern);
  let source: string;
  try {
    source = translator.run();
  } catch (err) {
    if (err instanceof Untranslatable) return { status: 'untranslatable', reason: translator.untranslatable ?? 'Airlock cannot preview this pattern.', findings: translator.findings };
    if (!(err instanceof PythonReError)) throw err;
    return { status: 'python-error', message: err.message, index: err.index, findings: translator.findings, fixPattern: null };
  }
  const findings = translator.findings;
  const first = translator.recoverable[0];
  if (first !== undefined) {
    const fixPattern = applyReplacements(pattern, translator.replacements);
    return { status: 'python-error', message: first.message, index: first.index, findings, fixPattern };
  }
  if (translator.untranslatable !== null) return { status: 'untranslatable', reason: translator.untranslatable, findings };
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'iuy');
  } catch {
    return { status: 'untranslatable', reason: 'Airlock could not translate this pattern to preview it.', findings };
  }
  const portablePattern = findings.length > 0 && findings.every((f) => f.portable !== null) ? applyReplacements(pattern, translator.replacements) : null;
  return { status: 'ok', regex, findings, portablePattern };
}

export type PythonMatch = { readonly kind: 'match' } | { readonly kind: 'no-match' } | { readonly kind: 'invalid'; readonly message: string } | { readonly kind: 'unknown'; readonly reason: string };

/** `re.match(pattern, text, re.IGNORECASE)`: does the pattern match at the start of `text`? */
export function pythonReMatch(pattern: string, text: string): PythonMatch {
  const analysis = analyzePythonRegex(pattern);
  if (analysis.status === 'python-error') return { kind: 'invalid', message: analysis.message };
  if (analysis.status === 'untranslatable') return { kind: 'unknown', reason: analysis.reason };
  analysis.regex.lastIndex = 0;
  return analysis.regex.test(text) ? { kind: 'match' } : { kind: 'no-match' };
}
