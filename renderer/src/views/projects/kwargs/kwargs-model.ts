/**
 * The kwargs editor's model. The JSON text is the one source of truth: the form is rendered from
 * its parse and every form edit rewrites the text. When the text does not parse, the form is
 * frozen (nothing is guessed), because Airflow itself would drop every kwarg.
 */
import { credentialKwargs, parseBackendKwargs, type BackendKwargs, type Problem } from '../../../../../shared/airflow';
import { kwargsToOneLine, kwargsToPrettyJson } from '../../../../../shared/projects';

export type KwargsParse =
  | { readonly ok: true; readonly kwargs: BackendKwargs; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function parseKwargsText(text: string): KwargsParse {
  return parseBackendKwargs(text);
}

/** The text the editor starts from: the project's JSON pretty-printed, or the raw text when it does not parse. */
export function editorTextFor(kwargsJson: string | null): string {
  if (kwargsJson === null || kwargsJson.trim() === '') return '{}';
  const parsed = parseBackendKwargs(kwargsJson);
  return parsed.ok ? kwargsToPrettyJson(parsed.kwargs) : kwargsJson;
}

/** Sets (`value`) or removes (`undefined`) a key, keeping every other key where it is. */
export function setKwarg(kwargs: BackendKwargs, key: string, value: unknown): BackendKwargs {
  const next: Record<string, unknown> = {};
  let placed = false;
  for (const [name, current] of Object.entries(kwargs)) {
    if (name !== key) {
      next[name] = current;
      continue;
    }
    placed = true;
    if (value !== undefined) next[name] = value;
  }
  if (!placed && value !== undefined) next[key] = value;
  return next;
}

export function renameKwarg(kwargs: BackendKwargs, from: string, to: string): BackendKwargs {
  const next: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(kwargs)) {
    if (name === to && name !== from) continue;
    next[name === from ? to : name] = value;
  }
  return next;
}

/** Applies a validation problem's fix (by its `kind`); unchanged when it has none. */
export function applyProblemFix(kwargs: BackendKwargs, problem: Problem): BackendKwargs {
  const fix = problem.fix;
  const field = problem.field;
  if (fix === undefined || field === undefined) return kwargs;
  switch (fix.kind ?? 'replace-value') {
    case 'replace-value':
      return setKwarg(kwargs, field, fix.value);
    case 'replace-json':
      return setKwarg(kwargs, field, JSON.parse(fix.value) as unknown);
    case 'rename-key':
      return renameKwarg(kwargs, field, fix.value);
    case 'remove-key':
      return setKwarg(kwargs, field, undefined);
  }
}

export function kwargsToEditorText(kwargs: BackendKwargs): string {
  return kwargsToPrettyJson(kwargs);
}

/**
 * The value to write to the ENV line: the user's own text when it is one line (their spacing
 * kept), else the same object on one line. Either way Python's json.loads reads the same object.
 */
export function envValueFor(text: string, kwargs: BackendKwargs): string {
  const trimmed = text.trim();
  return trimmed === '' || /[\r\n]/.test(trimmed) ? kwargsToOneLine(kwargs) : trimmed;
}

/** Whether the kwargs text holds AWS credentials; text that does not parse is judged by its key names. */
export function holdsCredentials(text: string): boolean {
  const parsed = parseBackendKwargs(text);
  if (!parsed.ok) return credentialKwargs.some((key) => text.includes(key));
  return credentialKwargs.some((key) => {
    const value = parsed.kwargs[key];
    return value !== undefined && value !== null && value !== '';
  });
}
