/**
 * How Airlock writes backend kwargs: one line for an ENV line or .env (neither can hold a line
 * break), pretty for the editor. Both are plain JSON, so Python's `json.loads` reads back exactly
 * the same object, key order included.
 */
import type { BackendKwargs } from '../airflow';

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`)
      .join(', ')}}`;
  }
  // JSON.stringify escapes control characters, so the result never holds a line break.
  return JSON.stringify(value) ?? 'null';
}

/** `{"connections_prefix": "airflow/connections", "region_name": "us-east-1"}` */
export function kwargsToOneLine(kwargs: BackendKwargs): string {
  return oneLine(kwargs);
}

export function kwargsToPrettyJson(kwargs: BackendKwargs): string {
  return JSON.stringify(kwargs, null, 2);
}

/** What Airlock proposes when a project has no kwargs yet: the guide's prefixes and the profile's region. */
export function defaultProjectKwargs(region: string | null): BackendKwargs {
  return region === null
    ? { connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables' }
    : { connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: region };
}
