/**
 * YAML reading for import files. The `yaml` package's error messages quote the offending source
 * line, which may hold a password, so only the error's position is reported.
 *
 * Each file is read twice: with the core schema (numbers, booleans, maps for extras and ports)
 * and with the failsafe schema (every scalar as its source text), because the Astro CLI reads
 * text fields such as passwords as the literal text (`0123` stays "0123", not 123).
 */
import { parse, parseDocument } from 'yaml';
import type { Problem } from '../airflow';
import { error } from '../airflow/problem';

export type YamlRead = { readonly ok: true; readonly typed: unknown; readonly literal: unknown } | { readonly ok: false; readonly problem: Problem };

export function readYaml(text: string): YamlRead {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const first = document.errors[0];
  if (first !== undefined) {
    const position = first.linePos?.[0];
    const where = position === undefined ? '' : ` (line ${position.line}, column ${position.col})`;
    return { ok: false, problem: error('import.yaml', `The file is not valid YAML${where}. Fix it in an editor and try again.`) };
  }
  return { ok: true, typed: document.toJS({ maxAliasCount: 100 }) as unknown, literal: parse(text, { schema: 'failsafe', uniqueKeys: false, maxAliasCount: 100 }) as unknown };
}
