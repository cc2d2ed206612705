/**
 * The files `airflow connections export` writes, and `airflow variables export`:
 * - JSON / YAML: `{ "<conn_id>": { "conn_type", "description", "host", "login", "password",
 *   "schema", "port", "extra" } }` (extra usually a JSON string);
 * - env: one `<conn_id>=<uri or JSON>` line per connection (`--serialization-format uri|json`);
 * - variables JSON: `{ "<key>": <value> }`.
 */
import { error, parseConnectionSecret, parsePythonJson, type Problem, warning } from '../airflow';
import { connectionFromLooseFields, isObjectRecord, variableValueFrom, type ImportEntry, type ImportFormat, type ParsedImport } from './import-entry';
import { readYaml } from './yaml-text';

const CONNECTION_KEYS = new Set(['conn_type', 'description', 'host', 'login', 'password', 'schema', 'port', 'extra']);

function connectionsFromMap(format: ImportFormat, root: unknown, literal: unknown): ParsedImport {
  if (!isObjectRecord(root)) {
    return { format, entries: [], problems: [error('import.shape', 'The file must be an object keyed by conn_id, as `airflow connections export` writes it.')], ignored: 0 };
  }
  const entries: ImportEntry[] = Object.entries(root).map(([id, fields]) => {
    const location = `"${id}"`;
    if (!isObjectRecord(fields)) {
      return { kind: 'connection', id, location, connection: null, value: null, problems: [error('import.shape', 'The entry is not an object of connection fields.')] };
    }
    const literalFields = isObjectRecord(literal) && isObjectRecord(literal[id]) ? literal[id] : undefined;
    const text = (key: string): unknown => {
      const value = fields[key];
      if (typeof value === 'string' || value === null || value === undefined || typeof value === 'object') return value;
      const source = literalFields?.[key];
      return typeof source === 'string' ? source : value;
    };
    const read = connectionFromLooseFields({
      conn_type: text('conn_type'),
      host: text('host'),
      login: text('login'),
      password: text('password'),
      schema: text('schema'),
      port: fields.port,
      extra: fields.extra,
    });
    const problems: Problem[] = [...read.problems];
    const unknown = Object.keys(fields).filter((key) => !CONNECTION_KEYS.has(key));
    if (unknown.length > 0) problems.push(warning('import.unknown-keys', `Unknown keys are ignored: ${unknown.map((k) => `\`${k}\``).join(', ')}.`));
    return { kind: 'connection', id: id.trim(), location, connection: read.connection, value: null, problems };
  });
  return { format, entries, problems: [], ignored: 0 };
}

function jsonProblem(message: string, position: number): Problem {
  return error('import.json', `The file is not valid JSON (${message.toLowerCase()} at character ${position + 1}).`);
}

export function parseConnectionsJson(text: string): ParsedImport {
  const parsed = parsePythonJson(text);
  if (!parsed.ok) return { format: 'connections-json', entries: [], problems: [jsonProblem(parsed.message, parsed.position)], ignored: 0 };
  return connectionsFromMap('connections-json', parsed.value, undefined);
}

export function parseConnectionsYaml(text: string): ParsedImport {
  const read = readYaml(text);
  if (!read.ok) return { format: 'connections-yaml', entries: [], problems: [read.problem], ignored: 0 };
  return connectionsFromMap('connections-yaml', read.typed, read.literal);
}

/** What `airflow connections export --format env` writes after `conn_id=`: a URI (`scheme://…`, or `//…` without a type) or a JSON object. */
const EXPORTED_CONNECTION = /^\s*(?:\{|(?:[A-Za-z][A-Za-z0-9+.\-_]*:)?\/\/)/;

function isExportLine(line: string): boolean {
  const at = line.indexOf('=');
  return at > 0 && EXPORTED_CONNECTION.test(line.slice(at + 1));
}

/**
 * One `<conn_id>=<uri or JSON>` per line; blank lines and `#` comments are skipped. Any other line
 * makes the whole file unreadable (Airflow's own env-file reader also refuses a line without `=`),
 * so a file of another kind (an INI or key file, an environment dump) is never half-read as
 * connections.
 */
export function parseConnectionsEnv(text: string): ParsedImport {
  const entries: ImportEntry[] = [];
  const lines = text.split(/\r?\n/);
  const badLine = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#') && !isExportLine(line));
  if (badLine >= 0) {
    return {
      format: 'connections-env',
      entries: [],
      problems: [error('import.env-line', `Line ${badLine + 1} is not \`conn_id=<URI or JSON>\`, so this is not an \`airflow connections export\` env file.`)],
      ignored: 0,
    };
  }
  lines.forEach((line, index) => {
    const location = `line ${index + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const at = line.indexOf('=');
    const id = line.slice(0, at).trim();
    const value = line.slice(at + 1);
    const parsed = parseConnectionSecret(value);
    entries.push(
      parsed.ok
        ? { kind: 'connection', id, location, connection: parsed.connection, value: null, problems: [] }
        : { kind: 'connection', id, location, connection: null, value: null, problems: parsed.problems },
    );
  });
  return { format: 'connections-env', entries, problems: [], ignored: 0 };
}

export function parseVariablesJson(text: string): ParsedImport {
  const parsed = parsePythonJson(text);
  if (!parsed.ok) return { format: 'variables-json', entries: [], problems: [jsonProblem(parsed.message, parsed.position)], ignored: 0 };
  if (!isObjectRecord(parsed.value)) {
    return { format: 'variables-json', entries: [], problems: [error('import.shape', 'The file must be an object keyed by variable name, as `airflow variables export` writes it.')], ignored: 0 };
  }
  const entries: ImportEntry[] = Object.entries(parsed.value).map(([id, raw]) => {
    const read = variableValueFrom(raw);
    return { kind: 'variable', id: id.trim(), location: `"${id}"`, connection: null, value: read.value, problems: read.problems.filter((p) => p.code !== 'import.value-json') };
  });
  return { format: 'variables-json', entries, problems: [], ignored: 0 };
}

/** True when a JSON object looks like a connections export rather than a variables export. */
export function looksLikeConnectionsMap(value: unknown): boolean {
  if (!isObjectRecord(value)) return false;
  const items = Object.values(value);
  return items.length > 0 && items.every((item) => isObjectRecord(item) && Object.keys(item).some((key) => CONNECTION_KEYS.has(key)));
}
