import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDagReferences } from '../../../../electron/services/projects/dag-reference-finder';
import { copyFixtureProject, noProfileSession, type FixtureCopy } from './fixture-projects';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((item) => item.cleanup()));
});

describe('DAG references of a project (no profile)', () => {
  it('scans dags/ and include/, names the secret Airflow reads and the other places that define each id', async () => {
    const copy = await copyFixtureProject('needs-setup');
    copies.push(copy);
    const result = await findDagReferences(copy.root, {}, noProfileSession);
    expect(result.scannedFiles).toBe(2);
    expect(result.kwargsSource).toBe('default');
    expect(result.secretsError).toContain('No AWS profile');
    expect(result.rows.map((row) => [row.kind, row.id, row.lookup.lookedUp ? row.lookup.secretId : null, row.resolvedBy, row.status])).toEqual([
      ['connection', 'legacy_db', 'airflow/connections/legacy_db', 'environment', 'unknown'],
      ['connection', 'orders_mysql', 'airflow/connections/orders_mysql', 'unknown', 'unknown'],
      ['connection', 'partner_api', 'airflow/connections/partner_api', 'local-metastore', 'unknown'],
      ['connection', 'slack_alerts', 'airflow/connections/slack_alerts', 'unknown', 'unknown'],
      ['variable', 'environment', 'airflow/variables/environment', 'unknown', 'unknown'],
      ['variable', 'missing_threshold', 'airflow/variables/missing_threshold', 'unknown', 'unknown'],
    ]);
    const legacy = result.rows.find((row) => row.id === 'legacy_db');
    expect(legacy?.otherDefinitions).toEqual([{ source: 'dotenv', file: '.env', line: 3, name: 'AIRFLOW_CONN_LEGACY_DB' }]);
    const partner = result.rows.find((row) => row.id === 'partner_api');
    expect(partner?.otherDefinitions).toEqual([{ source: 'airflow-settings', file: 'airflow_settings.yaml', line: 4, name: 'conn_id: partner_api' }]);
    expect(result.rows.find((row) => row.id === 'slack_alerts')?.occurrences).toEqual([
      { file: 'include/alerts.py', line: 6, snippet: 'return BaseHook.get_connection("slack_alerts").password', source: 'get_connection' },
    ]);
    expect(result.dynamic).toEqual([expect.objectContaining({ kind: 'variable', file: 'dags/orders.py', line: 22, reason: 'an f-string' })]);
  });

  it('applies the given kwargs (prefix, pattern) and falls back to the defaults for invalid JSON, as Airflow does', async () => {
    const copy = await copyFixtureProject('needs-setup');
    copies.push(copy);
    const given = await findDagReferences(copy.root, { kwargsJson: '{"connections_prefix": "team/conns", "connections_lookup_pattern": "^(orders|slack)", "variables_prefix": null}', providerVersion: [8, 0, 0] }, noProfileSession);
    expect(given.kwargsSource).toBe('given');
    const lookups = Object.fromEntries(given.rows.map((row) => [row.id, row.lookup.lookedUp ? row.lookup.secretId : row.lookup.code]));
    expect(lookups).toMatchObject({ orders_mysql: 'team/conns/orders_mysql', slack_alerts: 'team/conns/slack_alerts', partner_api: 'pattern-mismatch', environment: 'prefix-null' });
    expect(given.rows.find((row) => row.id === 'missing_threshold')).toMatchObject({ secret: 'not-looked-up', resolvedBy: 'nothing', status: 'error' });

    const broken = await findDagReferences(copy.root, { kwargsJson: "{'connections_prefix': 'x'}" }, noProfileSession);
    expect(broken.kwargsFellBack).toBe(true);
    expect(broken.rows.find((row) => row.id === 'orders_mysql')?.lookup).toEqual({ lookedUp: true, secretId: 'airflow/connections/orders_mysql' });
  });

  it('skips files over the size limit and links that leave the project, and says so', async () => {
    const copy = await copyFixtureProject('healthy');
    copies.push(copy);
    await writeFile(path.join(copy.root, 'dags', 'huge.py'), `x = "${'a'.repeat(1024 * 1024)}"\n`);
    await mkdir(path.join(copy.base, 'elsewhere'));
    await writeFile(path.join(copy.base, 'elsewhere', 'stolen.py'), 'Variable.get("outside")\n');
    await symlink(path.join(copy.base, 'elsewhere'), path.join(copy.root, 'dags', 'linked'));
    await symlink(path.join(copy.root, 'dags'), path.join(copy.root, 'dags', 'loop'));
    const result = await findDagReferences(copy.root, {}, noProfileSession);
    expect(result.scannedFiles).toBe(1);
    expect(result.skipped).toEqual([
      { file: 'dags/huge.py', reason: 'larger than 1024 KB' },
      { file: 'dags/linked', reason: 'links outside the project' },
    ]);
    expect(result.rows.map((row) => row.id)).toEqual(['analytics_postgres', 'environment']);
  });
});
