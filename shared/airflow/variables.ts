/**
 * What Airflow does with a variable's secret value (sheet A.7): the backend returns the raw
 * `SecretString` unchanged (no strip, no JSON, no URL decoding); `Variable.get(key,
 * deserialize_json=True)` then runs `json.loads` on it.
 */
import { error, warning, type Problem } from './problem';
import { parsePythonJson } from './python-json';
import { pythonStrip, pythonTypeName, utf8Encode } from './python-text';

/** Secrets Manager's SecretString limit (C.1). */
export const MAX_SECRET_VALUE_BYTES = 65_536;

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export type VariableValueClass =
  | { readonly kind: 'json'; readonly jsonType: JsonType; readonly pretty: string; readonly notes: readonly Problem[] }
  | {
      readonly kind: 'text';
      /** Why `Variable.get(key, deserialize_json=True)` fails on this value. */
      readonly deserializeJsonError: string;
      readonly notes: readonly Problem[];
    };

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const name = pythonTypeName(value);
  if (name === 'integer' || name === 'number') return 'number';
  if (name === 'boolean' || name === 'string') return name;
  return 'object';
}

/** Problems that apply to any secret value Airlock writes. */
export function validateSecretValueSize(value: string): Problem[] {
  if (value === '') return [error('secret-value.empty', 'Secrets Manager cannot store an empty value.')];
  const bytes = utf8Encode(value).length;
  if (bytes > MAX_SECRET_VALUE_BYTES) {
    return [error('secret-value.too-large', `The value is ${bytes} bytes; Secrets Manager stores at most ${MAX_SECRET_VALUE_BYTES} bytes per secret.`)];
  }
  return [];
}

/** Classifies a variable value for the editor and notes the traps in it. */
export function classifyVariableValue(value: string): VariableValueClass {
  const notes: Problem[] = [...validateSecretValueSize(value)];
  const trimmed = pythonStrip(value);
  if (value !== '' && trimmed !== value) {
    notes.push(
      warning(
        'variable.whitespace',
        'The value has leading or trailing whitespace (often a newline from copy-paste). Airflow returns variables exactly as stored, so `Variable.get` includes it. Remove it unless it is intended.',
        { fix: { label: 'Trim whitespace', value: trimmed, sensitive: true } },
      ),
    );
  }
  const parsed = parsePythonJson(value);
  if (parsed.ok) {
    const jsonType = jsonTypeOf(parsed.value);
    if (jsonType === 'string') {
      notes.push(
        warning(
          'variable.quoted-string',
          'The value is wrapped in double quotes. `Variable.get(key)` returns the quotes as part of the text; only `deserialize_json=True` removes them. Remove the quotes unless your DAG relies on that.',
          { fix: { label: 'Remove the quotes', value: String(parsed.value), sensitive: true } },
        ),
      );
    }
    return { kind: 'json', jsonType, pretty: JSON.stringify(parsed.value, null, 2), notes };
  }
  const message = `${parsed.message} at character ${parsed.position + 1}`;
  if (/^[{[]/.test(trimmed)) {
    notes.push(
      warning(
        'variable.invalid-json',
        `The value looks like JSON but is not valid (${message.toLowerCase()}). \`Variable.get(key, deserialize_json=True)\` fails on it, and Airflow 3 then treats the variable as not found in this backend.`,
      ),
    );
  }
  return { kind: 'text', deserializeJsonError: message, notes };
}
