/**
 * YAML reading for import files, within the bounds of shared/parse-limits.ts (nesting, aliases).
 * Problems give the position only: the `yaml` package's messages quote the offending source
 * line, which may hold a password.
 *
 * Each file is read twice: with the core schema (numbers, booleans, maps for extras and ports)
 * and with the failsafe schema (every scalar as its source text), because the Astro CLI reads
 * text fields such as passwords as the literal text (`0123` stays "0123", not 123).
 */
import type { Problem } from '../airflow';
import { error } from '../airflow';
import { describeYamlProblem, readYamlInput } from '../yaml-input';

export type YamlRead = { readonly ok: true; readonly typed: unknown; readonly literal: unknown } | { readonly ok: false; readonly problem: Problem };

export function readYaml(text: string): YamlRead {
  const typed = readYamlInput(text, { uniqueKeys: false });
  if (!typed.ok) {
    const fix = typed.kind === 'syntax' ? ' Fix it in an editor and try again.' : '';
    return { ok: false, problem: error('import.yaml', `The file ${describeYamlProblem(typed)}.${fix}`) };
  }
  // Same text, same structure: if the core reading passed the bounds, so does this one.
  const literal = readYamlInput(text, { schema: 'failsafe', uniqueKeys: false });
  return { ok: true, typed: typed.value, literal: literal.ok ? literal.value : null };
}
