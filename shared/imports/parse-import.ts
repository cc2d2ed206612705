/**
 * Which import format a file is (from its name, then its content), and reading it.
 */
import { assertNever } from '../assert';
import { parsePythonJson } from '../airflow';
import { parseAirflowSettings } from './airflow-settings';
import { looksLikeConnectionsMap, parseConnectionsEnv, parseConnectionsJson, parseConnectionsYaml, parseVariablesJson } from './connections-export';
import { parseDotenvImport } from './dotenv-import';
import { importFormatLabels, type ImportFormat, type ParsedImport } from './import-entry';
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

export type ImportRead =
  | { readonly ok: true; readonly format: ImportFormat; readonly parsed: ParsedImport }
  /** `field`: what the user should change (the format choice, or the file itself). */
  | { readonly ok: false; readonly message: string; readonly field: 'format' | 'source' };

/** Control characters no text import file holds (NUL in `/proc/self/environ`, binary files). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY = /[\u0000-\u0008\u000e-\u001f]/;

/**
 * Reads an import file: its format (given, or detected from the name and content), then its
 * entries. A text that is not a file of that format (binary, or nothing but a file-level
 * problem such as invalid JSON or YAML, the wrong shape, a line of another syntax) is refused
 * with the reason, which never quotes the text: a file of another kind gives nothing back.
 */
export function readImport(text: string, fileName: string, format?: ImportFormat): ImportRead {
  if (BINARY.test(text)) return { ok: false, field: 'source', message: 'This is not a text file, so it is not a file Airlock imports. Choose an airflow_settings.yaml, an export or a .env.' };
  const chosen = format ?? detectImportFormat(text, fileName);
  if (chosen === null) {
    return { ok: false, field: 'format', message: `Airlock cannot tell what kind of file this is. Choose its format: ${Object.values(importFormatLabels).join(', ')}.` };
  }
  const parsed = parseImport(text, chosen);
  const fileErrors = parsed.problems.filter((problem) => problem.severity === 'error');
  if (parsed.entries.length === 0 && fileErrors.length > 0) {
    return { ok: false, field: 'source', message: `Airlock cannot import this as ${importFormatLabels[chosen]}: ${fileErrors.map((problem) => problem.message).join(' ')}` };
  }
  return { ok: true, format: chosen, parsed };
}
