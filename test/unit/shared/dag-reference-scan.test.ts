import { describe, expect, it } from 'vitest';
import { scanDagReferences, type DagReferenceScan } from '../../../shared/dag-reference-scan';
import { loadFixture } from './project-files/fixtures';

function summary(scan: DagReferenceScan): [string, string, number[]][] {
  return scan.references.map((reference) => [reference.kind, reference.id, [...reference.lines]]);
}

function scanFixture(name: string): DagReferenceScan {
  return scanDagReferences(loadFixture('dags', name), `dags/${name}`);
}

describe('scanDagReferences over realistic DAG files', () => {
  it('finds TaskFlow lookups and skips docstrings and comments', () => {
    const scan = scanFixture('taskflow_etl.py');
    expect(scan.filePath).toBe('dags/taskflow_etl.py');
    expect(summary(scan)).toEqual([
      ['variable', 'api_base_url', [15]],
      ['variable', 'etl_settings', [16, 29]],
      ['connection', 'weather_api', [23]],
      ['variable', 'weather_api_token', [24]],
      ['connection', 'warehouse', [36]],
    ]);
    expect(scan.dynamic).toEqual([]);
    expect(scan.references[2]).toMatchObject({ line: 23, column: 22, snippet: 'connection = BaseHook.get_connection("weather_api")', source: 'get_connection' });
  });

  it('finds *_conn_id arguments, default_args keys and Jinja in operator fields', () => {
    const scan = scanFixture('classic_operators.py');
    expect(summary(scan)).toEqual([
      ['connection', 'aws_data_lake', [14, 32]],
      ['connection', 'slack_alerts', [22]],
      ['connection', 'partner_api', [26]],
      ['variable', 'landing_bucket', [33, 44]],
      ['connection', 'redshift_default', [40, 50]],
    ]);
    expect(scan.references.map((reference) => reference.source)).toEqual(['conn_id dict key', 'conn_id argument', 'conn_id argument', 'jinja', 'conn_id argument']);
    expect(scan.dynamic).toEqual([]);
  });

  it('reads Jinja in SQL strings, raw strings and control blocks', () => {
    const scan = scanFixture('jinja_sql.py');
    expect(summary(scan)).toEqual([
      ['variable', 'target_schema', [6, 25]],
      ['variable', 'source_config', [9]],
      ['variable', 'orders_watermark', [10]],
      ['connection', 'snowflake_prod', [13, 19, 24, 29]],
      ['variable', 'reporting_enabled', [30]],
    ]);
    expect(scan.references[0]).toMatchObject({ line: 6, column: 15, snippet: 'MERGE INTO {{ var.value.target_schema }}.orders AS t' });
  });

  it('reports f-strings and variables as dynamic, with their lines', () => {
    const scan = scanFixture('dynamic_refs.py');
    expect(summary(scan)).toEqual([
      ['variable', 'legacy_settings', [17]],
      ['connection', 'postgres_static', [24]],
    ]);
    expect(scan.dynamic.map((entry) => [entry.kind, entry.line, entry.reason, entry.expression])).toEqual([
      ['variable', 15, 'f-string', 'f"settings_{ENVIRONMENT}"'],
      ['connection', 16, 'not a string literal', 'CONN_ID'],
      ['variable', 18, 'not a string literal', 'params.table_var'],
      ['connection', 23, 'not a string literal', 'CONN_ID'],
    ]);
  });
});

describe('scanDagReferences details', () => {
  it('handles both quote styles, keyword spacing, Connection.get and hook instances', () => {
    const source = [
      "a = Variable.get( key = 'k1' )",
      'b = models.Variable.get("k2")',
      "c = Connection.get('c1')",
      'd = hook.get_connection(conn_id="c2")',
      'e = SqlHook(conn_id = "c3")',
    ].join('\n');
    expect(summary(scanDagReferences(source, 'x.py'))).toEqual([
      ['variable', 'k1', [1]],
      ['variable', 'k2', [2]],
      ['connection', 'c1', [3]],
      ['connection', 'c2', [4]],
      ['connection', 'c3', [5]],
    ]);
  });

  it('ignores comments but not a # inside a string', () => {
    const source = ['# Variable.get("in_comment")', 'x = "# {{ var.value.in_string }}"  # {{ var.value.in_trailing_comment }}'].join('\n');
    expect(summary(scanDagReferences(source, 'x.py'))).toEqual([['variable', 'in_string', [2]]]);
  });

  it('does not take attribute access or comparisons for references', () => {
    const source = ['self.aws_conn_id = aws_conn_id', 'if conn_id == "x": pass', '{{ params.conn.host }}', 's = "{{ macros.var.value.nope }}"'].join('\n');
    expect(scanDagReferences(source, 'x.py').references).toEqual([]);
  });

  it('reads Jinja subscripts and json paths, and escapes in string literals', () => {
    const source = ['s = "{{ var.json[\'cfg\'].a }} {{ conn[\'db\'].host }} {{ var.json.settings.deep.path }}"', 't = "sch\\u0065ma"', 'u = Variable.get("esc\\u0061ped")'].join('\n');
    expect(summary(scanDagReferences(source, 'x.py'))).toEqual([
      ['variable', 'cfg', [1]],
      ['connection', 'db', [1]],
      ['variable', 'settings', [1]],
      ['variable', 'escaped', [3]],
    ]);
  });

  it('never throws on broken Python', () => {
    expect(() => scanDagReferences('Variable.get("unterminated\n(((', 'x.py')).not.toThrow();
    expect(scanDagReferences('', 'empty.py')).toEqual({ filePath: 'empty.py', references: [], dynamic: [] });
  });
});
