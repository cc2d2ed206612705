/**
 * `airflow_settings.yaml`: the connections and variables `astro dev start` loads into the LOCAL
 * metadata database (never into a Deployment). Only the ids and their lines are read.
 */
import { LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import { describeYamlProblem, readYamlInput } from '../../../shared/yaml-input';

export interface AirflowSettingsIds {
  readonly connections: ReadonlyMap<string, number>;
  readonly variables: ReadonlyMap<string, number>;
  /** Why the file could not be read, when it could not. */
  readonly problem: string | null;
}

export const AIRFLOW_SETTINGS_FILE = 'airflow_settings.yaml';

function idsOf(list: unknown, key: string, lines: LineCounter): Map<string, number> {
  const found = new Map<string, number>();
  if (!isSeq(list)) return found;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const node = item.get(key, true) as Node | undefined;
    if (node === undefined || !isScalar(node)) continue;
    const value = node.value;
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const id = String(value);
    if (id === '' || found.has(id)) continue;
    found.set(id, lines.linePos(node.range?.[0] ?? 0).line);
  }
  return found;
}

export function readAirflowSettingsIds(text: string): AirflowSettingsIds {
  const lines = new LineCounter();
  // Within Airlock's bounds on nesting and aliases, like every YAML read from outside.
  const read = readYamlInput(text, { lineCounter: lines });
  if (!read.ok) return { connections: new Map(), variables: new Map(), problem: `${AIRFLOW_SETTINGS_FILE} ${describeYamlProblem(read)}.` };
  const { document } = read;
  const airflow = document.get('airflow', true);
  if (!isMap(airflow)) return { connections: new Map(), variables: new Map(), problem: null };
  return {
    connections: idsOf(airflow.get('connections', true), 'conn_id', lines),
    variables: idsOf(airflow.get('variables', true), 'variable_name', lines),
    problem: null,
  };
}
