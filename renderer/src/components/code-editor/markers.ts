/**
 * Where the code editor underlines a text, from the validators that already judge it (no rule of
 * its own): the JSON syntax error `json.loads` would raise (shared/airflow/python-json.ts, the
 * Python-exact parser), and each problem the field's validator reported, at the key it names or,
 * for a problem about the whole text, on its first line. Pure, so it is tested without a DOM.
 */
import { parsePythonJson, type Problem } from '../../../../shared/airflow';

export interface EditorMarker {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * When the text is read as JSON: always (kwargs, extras), or only when it starts like a JSON
 * object or array (a variable value or a stored connection string, which may be plain text or a URI).
 */
export type JsonMode = 'always' | 'when-json';

export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** The span of `"key"` where it is first written as a key in the text; null when it is not. */
function keySpan(text: string, key: string): { from: number; to: number } | null {
  const quoted = JSON.stringify(key);
  let at = text.indexOf(quoted);
  while (at >= 0) {
    // A key is followed by a colon (after any whitespace); the same text as a value is not.
    if (/^\s*:/.test(text.slice(at + quoted.length))) return { from: at, to: at + quoted.length };
    at = text.indexOf(quoted, at + 1);
  }
  return null;
}

function firstLine(text: string): { from: number; to: number } {
  const end = text.indexOf('\n');
  return { from: 0, to: end < 0 ? text.length : end };
}

export function editorMarkers(text: string, json: JsonMode, problems: readonly Problem[] = []): EditorMarker[] {
  const markers: EditorMarker[] = [];
  const readAsJson = json === 'always' ? text.trim() !== '' : looksLikeJson(text);
  if (readAsJson) {
    const parsed = parsePythonJson(text);
    if (!parsed.ok) {
      // The parser names the character it stopped at; one past the end marks "ran out of text".
      const from = Math.min(parsed.position, text.length);
      markers.push({ from, to: Math.min(from + 1, text.length), severity: 'error', message: parsed.message });
    }
  }
  for (const problem of problems) {
    const span = (problem.field === undefined ? null : keySpan(text, problem.field)) ?? firstLine(text);
    markers.push({ ...span, severity: problem.severity, message: problem.message });
  }
  return markers;
}
