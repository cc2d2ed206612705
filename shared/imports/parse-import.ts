/**
 * Which import format a file is (from its name, then its content), and reading it.
 */
import { assertNever } from '../assert';
import { parsePythonJson } from '../airflow/python-json';
import { parseAirflowSettings } from './airflow-settings';
import { looksLikeConnectionsMap, parseConnectionsEnv, parseConnectionsJson, parseConnectionsYaml, parseVariablesJson } from './connections-export';
import { parseDotenvImport } from './dotenv-import';
import type { ImportFormat, ParsedImport } from './import-entry';
import { readYaml } from './yaml-text';

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop()?.toLowerCase() ?? '';
}

/** The format of an import file, or null when it is none of the supported ones. */
export function detectImportFormat(text: string, fileName = ''): ImportFormat | null {
  const name = baseName(fileName);
  if (name === 'airflow_settings.yaml' || name === 'airflow_settings.yml') return 'airflow-settings-yaml';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) {
    return /^\s*(?:export\s+)?AIRFLOW_(?:CONN|VAR)_/m.test(text) || !/^[^#=\s]+=/m.test(text) ? 'dotenv' : 'connections-env';
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const parsed = parsePythonJson(trimmed);
    if (!parsed.ok) return name.endsWith('.json') ? 'connections-json' : null;
    return looksLikeConnectionsMap(parsed.value) ? 'connections-json' : 'variables-json';
  }
  if (/^\s*(?:export\s+)?AIRFLOW_(?:CONN|VAR)_[A-Za-z0-9_]*\s*=/m.test(text)) return 'dotenv';
  if (name.endsWith('.yaml') || name.endsWith('.yml') || /^\s*[\w.-]+\s*:\s*(?:$|#|\S)/m.test(text)) {
    const read = readYaml(text);
    if (read.ok && read.typed !== null && typeof read.typed === 'object' && !Array.isArray(read.typed)) {
      if ('airflow' in read.typed) return 'airflow-settings-yaml';
      if (looksLikeConnectionsMap(read.typed)) return 'connections-yaml';
    }
    if (name.endsWith('.yaml') || name.endsWith('.yml')) return read.ok ? 'connections-yaml' : 'airflow-settings-yaml';
  }
  if (/^[A-Za-z0-9_.\-/]+=\S/m.test(text)) return 'connections-env';
  return null;
}

export function parseImport(text: string, format: ImportFormat): ParsedImport {
  switch (format) {
    case 'airflow-settings-yaml':
      return parseAirflowSettings(text);
    case 'connections-json':
      return parseConnectionsJson(text);
    case 'connections-yaml':
      return parseConnectionsYaml(text);
    case 'connections-env':
      return parseConnectionsEnv(text);
    case 'dotenv':
      return parseDotenvImport(text);
    case 'variables-json':
      return parseVariablesJson(text);
    default:
      return assertNever(format, 'Unknown import format');
  }
}
