/**
 * The backend kwargs a secrets call works with, read from the JSON text the user has in use
 * (from the open project, or typed by hand). A kwargs text Airflow itself would reject is
 * reported, never silently replaced by the defaults.
 */
import { effectivePrefixes, parseBackendKwargs, type BackendKwargs, type LookupKind, type Problem } from '../airflow';

export interface KwargsInUse {
  readonly kwargs: BackendKwargs;
  /** Prefix per kind after the backend's `rstrip(sep)`; null = Airflow never looks that kind up. */
  readonly prefixes: Readonly<Record<LookupKind, string | null>>;
  /** What joins prefix and id (`sep`). */
  readonly joiner: string;
  readonly warnings: readonly Problem[];
}

export type KwargsInUseResult = { readonly ok: true; readonly value: KwargsInUse } | { readonly ok: false; readonly message: string };

export function readKwargsInUse(json: string): KwargsInUseResult {
  const parsed = parseBackendKwargs(json);
  if (!parsed.ok) return { ok: false, message: parsed.problems.map((p) => p.message).join(' ') };
  const state = effectivePrefixes(parsed.kwargs);
  if (!state.ok) return { ok: false, message: state.reason };
  return { ok: true, value: { kwargs: parsed.kwargs, prefixes: state.prefixes, joiner: state.joiner, warnings: parsed.warnings } };
}
