/**
 * The environment matrix (issue 13 item 4) as the app composes it: a dev and a prod environment on
 * the sandbox's two accounts (over HTTP, each its own store, with the drifting example data), the
 * fake `astro` as a child process for the Deployments, and the project's DAGs scanned for the ids
 * they read. Names and verdicts cross the API; values never do.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/api';
import type { EnvironmentMatrix, MatrixRow } from '../../../shared/api';
import { rowMatches } from '../../../shared/environments';
import { defaultWorkspace, environmentDeployments } from '../../fakes/astro/fake-astro';
import { useEnvironmentsApp } from './harness';

/** Every value the example data stores in the dev and prod accounts that is a credential. */
const exampleValues = ['dev-analytics-password', 'prod-analytics-password', 'mysql-demo-password', 'redis-demo-password', 'wx-prod-token-0000', 'wx-demo-token-0000', 'snowflake-demo-password'];

const app = useEnvironmentsApp('environment-matrix');
const { call } = app;

/** The sandbox's dev and prod accounts with their example data, a DAG reading a dev-only connection, and the two environments. */
async function devAndProd(): Promise<void> {
  for (const profile of ['sandbox-dev', 'sandbox-prod']) {
    await call('profiles.select', { name: profile });
    await call('sandbox.loadExampleData', {});
  }
  await writeFile(join(app.project.root, 'dags', 'features.py'), 'from airflow.hooks.base import BaseHook\n\nredis = BaseHook.get_connection("feature_store_redis")\n');
  let view = await call('environments.list', { path: app.project.root });
  const common = { backendKwargs: null, accountId: null };
  view = await call('environments.put', {
    path: app.project.root,
    fingerprint: view.fingerprint,
    replacing: null,
    environment: { ...common, name: 'dev', deployment: { workspaceId: defaultWorkspace.id, deploymentId: environmentDeployments.dev.id }, awsProfile: 'sandbox-dev', accountId: '111111111111', region: 'us-east-1', production: false },
  });
  await call('environments.put', {
    path: app.project.root,
    fingerprint: view.fingerprint,
    replacing: null,
    environment: { ...common, name: 'prod', deployment: { workspaceId: defaultWorkspace.id, deploymentId: environmentDeployments.prod.id }, awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', production: true },
  });
  // The user works in dev; the matrix must not change that.
  await call('profiles.select', { name: 'sandbox-dev' });
}

function row(matrix: EnvironmentMatrix, kind: MatrixRow['kind'], id: string): MatrixRow {
  const found = matrix.rows.find((candidate) => candidate.kind === kind && candidate.id === id);
  if (found === undefined) throw new Error(`the matrix has no ${kind} ${id}; it has ${matrix.rows.map((candidate) => `${candidate.kind} ${candidate.id}`).join(', ')}`);
  return found;
}

const states = (found: MatrixRow): Record<string, string> => Object.fromEntries(Object.entries(found.cells).map(([name, cell]) => [name, cell.state]));

describe('the environment matrix', () => {
  it('issue 13 item 4: dev and prod side by side: present, missing, scheduled for deletion, stored where Airflow does not read it, and used by DAGs but missing; no value crosses the API', async () => {
    await devAndProd();
    const matrix = await call('environments.matrix', { path: app.project.root });

    expect(matrix.columns.map((column) => [column.name, column.profile, column.account, column.region, column.error])).toEqual([
      ['dev', 'sandbox-dev', '111111111111', 'us-east-1', null],
      ['prod', 'sandbox-prod', '222222222222', 'eu-west-1', null],
    ]);
    expect(states(row(matrix, 'connection', 'feature_store_redis'))).toEqual({ dev: 'present', prod: 'missing' });
    expect(states(row(matrix, 'variable', 'pagerduty_service_id'))).toEqual({ dev: 'missing', prod: 'present' });
    expect(states(row(matrix, 'variable', 'legacy_batch_size'))).toEqual({ dev: 'present', prod: 'scheduled-for-deletion' });
    const weather = row(matrix, 'connection', 'weather_api');
    expect(states(weather)).toEqual({ dev: 'present', prod: 'misplaced' });
    expect(weather.cells.prod).toMatchObject({ secretName: '/airflow/connections/weather_api', note: expect.stringContaining('airflow/connections/weather_api') as unknown });
    expect(states(row(matrix, 'connection', 'orders_mysql'))).toEqual({ dev: 'present', prod: 'present' });
    expect(row(matrix, 'connection', 'orders_mysql').comparison).toEqual({ state: 'not-compared' });

    // The DAG reference scan, one column per environment: read by DAGs, missing in prod.
    const usedButMissing = matrix.rows.filter((candidate) => rowMatches(candidate, 'used-by-dags-but-missing')).map((candidate) => `${candidate.kind} ${candidate.id}`);
    expect(usedButMissing).toEqual(['connection feature_store_redis']);
    expect(row(matrix, 'variable', 'environment').dagReferences).toBeGreaterThan(0);

    // Reading every environment did not switch the user's profile, and no value was sent.
    expect((await call('profiles.active', {}))?.profile.name).toBe('sandbox-dev');
    const sent = JSON.stringify(matrix);
    for (const value of exampleValues) expect(sent, `the matrix carries ${value}`).not.toContain(value);
  });

  it('issue 13 item 4: comparing values reads them in batches with progress and says what Airflow reads the same (URI and JSON alike) and which fields differ, without the values', async () => {
    await devAndProd();
    const progress: TaskProgress[] = [];
    const unsubscribe = app.airlock.events.subscribe((name, payload) => {
      if (name === 'task.progress') progress.push(payload as TaskProgress);
    });
    const compared = await call('environments.compareValues', { path: app.project.root, taskId: 'compare-0001' });
    unsubscribe();

    const verdict = (kind: MatrixRow['kind'], id: string) => compared.rows.find((candidate) => candidate.kind === kind && candidate.id === id)?.comparison;
    expect(verdict('connection', 'orders_mysql')).toEqual({ state: 'same', formats: ['URI', 'JSON'] });
    expect(verdict('connection', 'analytics_postgres')).toEqual({ state: 'differs', fields: ['host', 'password'], differentIn: ['prod'] });
    expect(verdict('variable', 'environment')).toEqual({ state: 'differs', fields: ['value'], differentIn: ['prod'] });
    expect(verdict('connection', 'snowflake_warehouse')).toEqual({ state: 'same', formats: ['JSON'] });
    // Only ids present in both are read: one BatchGetSecretValue call per account (fewer than 20 ids each).
    expect(verdict('connection', 'feature_store_redis')).toBeUndefined();
    expect(compared.batchCalls).toBe(2);
    const mine = progress.filter((entry) => entry.taskId === 'compare-0001');
    expect(mine.at(-1)).toMatchObject({ done: mine.at(-1)?.total });
    expect(mine.at(-1)?.total).toBeGreaterThan(0);

    const sent = JSON.stringify(compared) + JSON.stringify(progress);
    for (const value of exampleValues) expect(sent, `the comparison carries ${value}`).not.toContain(value);
  });

  it('issue 12 item 1: comparing the rows the matrix just listed reads their values without listing every environment again', async () => {
    await devAndProd();
    const endpoint = (await call('profiles.list', {})).find((profile) => profile.name === 'sandbox-dev')?.endpoint ?? null;
    if (endpoint === null) throw new Error('the sandbox has not started');
    const sandboxControl = async (route: string, method = 'GET') => (await fetch(new URL(`/_sandbox/${route}`, endpoint), method === 'GET' ? {} : { method, headers: { 'Content-Type': 'application/json' }, body: '{}' })).json() as Promise<{ requests: Record<string, number> }>;
    await call('environments.matrix', { path: app.project.root });
    await sandboxControl('stats/reset', 'POST');
    const compared = await call('environments.compareValues', { path: app.project.root, taskId: 'compare-0003' });
    expect(compared.rows.find((candidate) => candidate.kind === 'connection' && candidate.id === 'orders_mysql')?.comparison).toEqual({ state: 'same', formats: ['URI', 'JSON'] });
    const { requests } = await sandboxControl('stats');
    expect(requests.ListSecrets ?? 0, 'ListSecrets calls of the comparison').toBe(0);
    expect(requests.BatchGetSecretValue).toBe(compared.batchCalls);
  });
});
