import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImportFormat, parseImport, readImport, type ImportEntry } from '../../../../shared/imports';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../../fixtures/imports', name), 'utf8');
const byId = (entries: readonly ImportEntry[], id: string) => entries.find((e) => e.id === id);
const errors = (entry: ImportEntry | undefined) => entry?.problems.filter((p) => p.severity === 'error').map((p) => p.code) ?? [];

describe('detectImportFormat', () => {
  it('recognises every supported file by name and by content', () => {
    expect(detectImportFormat(fixture('airflow_settings.yaml'), 'airflow_settings.yaml')).toBe('airflow-settings-yaml');
    expect(detectImportFormat(fixture('airflow_settings.yaml'))).toBe('airflow-settings-yaml');
    expect(detectImportFormat(fixture('connections.json'), 'export.json')).toBe('connections-json');
    expect(detectImportFormat(fixture('connections.json'))).toBe('connections-json');
    expect(detectImportFormat(fixture('connections.yaml'))).toBe('connections-yaml');
    expect(detectImportFormat(fixture('connections.env'))).toBe('connections-env');
    expect(detectImportFormat(fixture('project.env'), '.env')).toBe('dotenv');
    expect(detectImportFormat(fixture('project.env'))).toBe('dotenv');
    expect(detectImportFormat('{"env": "prod", "limits": {"a": 1}}')).toBe('variables-json');
    expect(detectImportFormat('just some words')).toBeNull();
  });
});

describe('airflow_settings.yaml', () => {
  const parsed = parseImport(fixture('airflow_settings.yaml'), 'airflow-settings-yaml');

  it('skips the template placeholders and reads every real entry', () => {
    expect(parsed.ignored).toBe(2);
    expect(parsed.entries.map((e) => `${e.kind}:${e.id}`)).toEqual([
      'connection:warehouse_postgres',
      'connection:reporting_api',
      'connection:broken one',
      'variable:environment',
      'variable:batch_size',
      'variable:empty_value',
    ]);
  });

  it('reads fields as the Astro CLI does: text stays text, extras as maps or JSON strings', () => {
    expect(byId(parsed.entries, 'warehouse_postgres')?.connection).toEqual({
      conn_type: 'postgres', host: 'warehouse.internal.example.com', login: 'etl_user', password: 'p@ss/w:rd#1', schema: 'analytics', port: 5432, extra: { sslmode: 'require' },
    });
    const api = byId(parsed.entries, 'reporting_api')?.connection;
    expect(api?.password).toBe('0123456');
    expect(api?.extra).toEqual({ timeout: 30 });
    expect(byId(parsed.entries, 'batch_size')?.value).toBe('500');
  });

  it('marks what cannot be imported, without quoting values', () => {
    expect(errors(byId(parsed.entries, 'broken one'))).toEqual(['import.port']);
    expect(errors(byId(parsed.entries, 'empty_value'))).toEqual(['import.empty-value']);
  });

  it('reports invalid YAML by position only', () => {
    const bad = parseImport('airflow:\n  connections:\n    - conn_id: x\n      conn_password: "s3cret\n', 'airflow-settings-yaml');
    expect(bad.problems[0]?.code).toBe('import.yaml');
    expect(bad.problems[0]?.message).toMatch(/line \d+/);
    expect(bad.problems[0]?.message).not.toContain('s3cret');
  });

  it('rejects a YAML file without an airflow section', () => {
    expect(parseImport('foo: 1\n', 'airflow-settings-yaml').problems[0]?.code).toBe('import.shape');
  });
});

describe('airflow connections export', () => {
  const expected = { conn_type: 'postgres', host: 'warehouse.internal.example.com', login: 'etl_user', password: 'p@ss/w:rd#1', schema: 'analytics', port: 5432, extra: { sslmode: 'require' } };

  it('reads the JSON, YAML and env formats to the same connection', () => {
    for (const [file, format] of [['connections.json', 'connections-json'], ['connections.yaml', 'connections-yaml'], ['connections.env', 'connections-env']] as const) {
      const parsed = parseImport(fixture(file), format);
      expect(byId(parsed.entries, 'warehouse_postgres')?.connection).toEqual(expected);
    }
    expect(byId(parseImport(fixture('connections.json'), 'connections-json').entries, 'aws_default')?.connection?.extra).toEqual({
      region_name: 'eu-west-1', role_arn: 'arn:aws:iam::123456789012:role/airflow',
    });
  });

  it('refuses an entry with no fields at all (an export without values)', () => {
    const parsed = parseImport('{"x": {"conn_type": null, "host": null}}', 'connections-json');
    expect(errors(parsed.entries[0])).toEqual(['import.empty-connection']);
  });

  it('reports bad JSON without quoting it', () => {
    const parsed = parseImport('{"x": {"password": "hunter2"', 'connections-json');
    expect(parsed.problems[0]?.message).not.toContain('hunter2');
  });

  it('reads variables exports, objects as JSON text', () => {
    const parsed = parseImport('{"env": "prod", "limits": {"a": 1}, "n": 3}', 'variables-json');
    expect(parsed.entries.map((e) => [e.id, e.value])).toEqual([['env', 'prod'], ['limits', '{"a":1}'], ['n', '3']]);
  });
});

describe('.env', () => {
  const parsed = parseImport(fixture('project.env'), 'dotenv');

  it('reads AIRFLOW_CONN_* and AIRFLOW_VAR_* and ignores the rest', () => {
    expect(parsed.entries.map((e) => `${e.kind}:${e.id}`)).toEqual(['connection:warehouse_postgres', 'variable:environment', 'variable:etl_settings', 'connection:from_shell']);
    expect(parsed.ignored).toBe(1);
    expect(byId(parsed.entries, 'warehouse_postgres')?.connection?.password).toBe('p@ss/w:rd#1');
    expect(byId(parsed.entries, 'etl_settings')?.value).toBe('{"batch_size": 500, "tables": ["orders", "customers"]}');
  });

  it('marks values that come from the shell', () => {
    expect(errors(byId(parsed.entries, 'from_shell'))).toEqual(['import.env-unknown']);
  });

  it('uses the last definition of a key, as Compose does', () => {
    const twice = parseImport('AIRFLOW_VAR_X=one\nAIRFLOW_VAR_X=two\n', 'dotenv');
    expect(twice.entries.map((e) => e.value)).toEqual(['two']);
  });
});

describe('readImport', () => {
  const keys = 'aws_access_key_id=AKIAEXAMPLEKEY000001\naws_secret_access_key=notAConnectionButASecret\n';

  it('issue 9 item 9: refuses a file of another kind whole, with a reason that quotes none of it', () => {
    for (const [text, format] of [
      [`[default]\n${keys}`, undefined],
      [keys, undefined],
      [keys, 'connections-env'],
      [keys, 'airflow-settings-yaml'],
      [keys, 'connections-json'],
      ['PATH=/usr/bin\u0000AIRFLOW_VAR_X=notAConnectionButASecret\u0000', 'dotenv'],
    ] as const) {
      const read = readImport(text, 'credentials', format);
      expect(read.ok, `${format ?? 'detected'}: ${text.slice(0, 20)}`).toBe(false);
      expect(JSON.stringify(read)).not.toMatch(/notAConnectionButASecret|AKIAEXAMPLE|aws_/);
    }
  });

  it('reads every supported file, and an env export with comments and blank lines', () => {
    expect(readImport(fixture('connections.env'), 'connections.env')).toMatchObject({ ok: true, format: 'connections-env' });
    expect(readImport(fixture('airflow_settings.yaml'), 'airflow_settings.yaml')).toMatchObject({ ok: true, format: 'airflow-settings-yaml' });
    const read = readImport('# exported\n\nuntyped=//db.example.com:5432\napi={"conn_type": "http"}\n', 'x', 'connections-env');
    expect(read.ok && read.parsed.entries.map((entry) => entry.id)).toEqual(['untyped', 'api']);
  });
});
