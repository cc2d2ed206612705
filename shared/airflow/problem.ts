/**
 * The one shape every Airflow rule in this folder reports in.
 *
 * Parsers and validators never throw on bad input: they return problems as data so the editor
 * can show all of them at once, next to the field they concern.
 */

export type ProblemSeverity = 'error' | 'warning';

export interface ProblemFix {
  /** What the fix does, as a button label ("Encode the password"). */
  readonly label: string;
  /**
   * How to apply `value` to `Problem.field` (default 'replace-value'):
   * - 'replace-value': `value` is the new text of the field (or of the whole secret when there is
   *   no field);
   * - 'replace-json': `value` is the JSON text of the field's new value (a kwarg that is not a
   *   string, e.g. `false` or `["db_user"]`);
   * - 'rename-key': `value` is the new name of the key `field`;
   * - 'remove-key': remove the key `field` (`value` is empty).
   */
  readonly kind?: 'replace-value' | 'replace-json' | 'rename-key' | 'remove-key';
  /** The corrected value, as described by `kind`. */
  readonly value: string;
  /**
   * True when `value` is (or contains) the secret itself, e.g. a corrected connection URI with
   * its password. Such a fix may be shown in the editor that already shows the secret, but must
   * never be logged, persisted or sent anywhere else.
   */
  readonly sensitive?: boolean;
}

export interface Problem {
  /** Stable machine code, e.g. `uri.scheme-underscore`. */
  readonly code: string;
  readonly severity: ProblemSeverity;
  /** One or two human sentences: what is wrong and how to fix it. Never contains a password. */
  readonly message: string;
  /** The field, kwarg or JSON key concerned (`password`, `connections_prefix`...). */
  readonly field?: string;
  readonly fix?: ProblemFix;
}

export function error(code: string, message: string, extra: { field?: string; fix?: ProblemFix } = {}): Problem {
  return { code, severity: 'error', message, ...extra };
}

export function warning(code: string, message: string, extra: { field?: string; fix?: ProblemFix } = {}): Problem {
  return { code, severity: 'warning', message, ...extra };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Drops later duplicates (same code and field) so that overlapping checks report once. */
export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = `${p.code}\u0000${p.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
