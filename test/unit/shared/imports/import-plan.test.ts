import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTargetNames, parseImport, planImport, type ImportPlanItem, type RemoteSecretState } from '../../../../shared/imports';
import { readKwargsInUse, type KwargsInUse } from '../../../../shared/secrets';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../../fixtures/imports', name), 'utf8');

function use(json = ''): KwargsInUse {
  const read = readKwargsInUse(json);
  if (!read.ok) throw new Error(read.message);
  return read.value;
}

const present = (value: string, versionId = 'v1'): RemoteSecretState => ({ value, versionId, scheduledForDeletion: false, readError: null });
const status = (items: readonly ImportPlanItem[]) => Object.fromEntries(items.map((i) => [`${i.kind}:${i.id}`, i.status]));

describe('planImport', () => {
  const parsed = parseImport(fixture('airflow_settings.yaml'), 'airflow-settings-yaml');

  it('lists the secret names it needs to read', () => {
    expect(importTargetNames(parsed, use())).toEqual([
      'airflow/connections/warehouse_postgres',
      'airflow/connections/reporting_api',
      'airflow/variables/environment',
      'airflow/variables/batch_size',
      'airflow/variables/empty_value',
    ]);
  });

  it('sorts every item into new, changed, identical or invalid', () => {
    const remote = new Map<string, RemoteSecretState>([
      // The same connection, stored as a URI: Airflow reads the same, so nothing to write.
      ['airflow/connections/warehouse_postgres', present('postgres://etl_user:p%40ss%2Fw%3Ard%231@warehouse.internal.example.com:5432/analytics?sslmode=require')],
      ['airflow/variables/environment', present('staging')],
      ['airflow/variables/batch_size', present('500')],
    ]);
    const items = planImport(parsed, use(), 'json', remote);
    expect(status(items)).toEqual({
      'connection:warehouse_postgres': 'identical',
      'connection:reporting_api': 'new',
      'connection:broken one': 'invalid',
      'variable:environment': 'changed',
      'variable:batch_size': 'identical',
      'variable:empty_value': 'invalid',
    });
    const changed = items.find((i) => i.id === 'environment');
    expect(changed).toMatchObject({ current: 'staging', value: 'production', currentVersionId: 'v1', name: 'airflow/variables/environment' });
    expect(items.find((i) => i.id === 'warehouse_postgres')?.reason).toMatch(/Airflow reads the same/);
    expect(items.find((i) => i.id === 'reporting_api')?.value).toBe('{"conn_type":"http","host":"api.reporting.example.com","password":"0123456","schema":"https","extra":{"timeout":30}}');
  });

  it('gives the reason an item is invalid without quoting its value', () => {
    const items = planImport(parsed, use(), 'json', new Map());
    const broken = items.find((i) => i.id === 'broken one');
    expect(broken?.reason).toMatch(/port/);
    expect(broken?.value).toBeNull();
  });

  it('refuses ids Airflow would not read and secrets scheduled for deletion', () => {
    const items = planImport(parsed, use('{"variables_prefix": null}'), 'json', new Map([
      ['airflow/connections/reporting_api', { value: null, versionId: 'v', scheduledForDeletion: true, readError: null }],
    ]));
    expect(items.find((i) => i.id === 'environment')).toMatchObject({ status: 'invalid' });
    expect(items.find((i) => i.id === 'environment')?.reason).toMatch(/variables_prefix/);
    expect(items.find((i) => i.id === 'reporting_api')?.reason).toMatch(/scheduled for deletion/);
  });

  it('only imports the last of two definitions of the same id', () => {
    const twice = parseImport('{"a": "1", "b": "2"}', 'variables-json');
    const doubled = { ...twice, entries: [...twice.entries, { ...twice.entries[0]!, value: '3', location: 'later' }] };
    const items = planImport(doubled, use(), 'json', new Map());
    expect(items.map((i) => i.status)).toEqual(['invalid', 'new', 'new']);
    expect(items[0]?.reason).toMatch(/later/);
  });

  it('refuses URI storage when Airflow would read the connection differently', () => {
    const upper = parseImport('{"c": {"conn_type": "postgres", "host": "DB.example.com"}}', 'connections-json');
    expect(planImport(upper, use(), 'uri', new Map())[0]).toMatchObject({ status: 'invalid' });
    expect(planImport(upper, use(), 'json', new Map())[0]).toMatchObject({ status: 'new' });
  });

  it('treats the same JSON variable with other formatting as identical', () => {
    const vars = parseImport('{"cfg": {"a": 1}}', 'variables-json');
    expect(planImport(vars, use(), 'json', new Map([['airflow/variables/cfg', present('{"a": 1}')]]))[0]?.status).toBe('identical');
  });
});
