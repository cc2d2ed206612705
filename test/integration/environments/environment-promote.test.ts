/**
 * Promote across environments (issue 13 item 5) as the app composes it, against the sandbox over
 * HTTP with three environments on three accounts: dev (the source), staging (the default sandbox
 * account) and prod (production). The review names every target with its account, region, the
 * fields that change and the command; prod needs its account id; a failure in one environment
 * says which got the value and which did not.
 */
import { describe, expect, it } from 'vitest';
import type { EnvironmentMatrix } from '../../../shared/api';
import { useEnvironmentsApp } from './harness';

const app = useEnvironmentsApp('environment-promote');
const { call, failure } = app;

async function threeEnvironments(): Promise<string> {
  for (const profile of ['sandbox-dev', 'sandbox-prod']) {
    await call('profiles.select', { name: profile });
    await call('sandbox.loadExampleData', {});
  }
  const environments = [
    { name: 'dev', awsProfile: 'sandbox-dev', accountId: '111111111111', region: 'us-east-1', production: false },
    { name: 'staging', awsProfile: 'sandbox', accountId: null, region: 'us-east-1', production: false },
    { name: 'prod', awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', production: true },
  ];
  let view = await call('environments.list', { path: app.project.root });
  for (const environment of environments) {
    view = await call('environments.put', { path: app.project.root, fingerprint: view.fingerprint, replacing: null, environment: { ...environment, deployment: null, backendKwargs: null } });
  }
  await call('profiles.select', { name: 'sandbox-dev' });
  const sandbox = (await call('profiles.list', {})).find((profile) => profile.name === 'sandbox');
  if (sandbox?.endpoint == null) throw new Error('the sandbox has no endpoint');
  return sandbox.endpoint;
}

const stateOf = (matrix: EnvironmentMatrix, id: string, environment: string): string | undefined => matrix.rows.find((row) => row.kind === 'connection' && row.id === id)?.cells[environment]?.state;

describe('promote across environments', () => {
  it('issue 13 item 5: one review lists every target with its account, region and command; prod needs its account id; a failure in one environment says which got it', async () => {
    const sandboxUrl = await threeEnvironments();
    const plan = await call('environments.promotePlan', { path: app.project.root, kind: 'connection', id: 'feature_store_redis', from: 'dev', to: ['staging', 'prod'] });
    expect(plan.targets.map((target) => [target.environment, target.action, target.account, target.region, target.production, target.secretName])).toEqual([
      ['staging', 'create', expect.stringMatching(/^\d{12}$/) as unknown, 'us-east-1', false, 'airflow/connections/feature_store_redis'],
      ['prod', 'create', '222222222222', 'eu-west-1', true, 'airflow/connections/feature_store_redis'],
    ]);
    expect(plan.targets[1]?.command).toBe('aws secretsmanager create-secret --name airflow/connections/feature_store_redis --secret-string file://value.txt --profile sandbox-prod --region eu-west-1');
    expect(JSON.stringify(plan)).not.toContain('redis-demo-password');

    // Production first: without prod's account id nothing is sent anywhere.
    const refused = await failure('environments.promoteApply', { planId: plan.planId, confirmations: {} });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('prod: 222222222222');
    let matrix = await call('environments.matrix', { path: app.project.root });
    expect([stateOf(matrix, 'feature_store_redis', 'staging'), stateOf(matrix, 'feature_store_redis', 'prod')]).toEqual(['missing', 'missing']);

    // The next CreateSecret (staging's, the first target) is refused by AWS; prod's goes through.
    const faults = await fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: { operation: 'CreateSecret', count: 1, code: 'AccessDeniedException', status: 400 } }) });
    expect(faults.ok).toBe(true);
    const result = await call('environments.promoteApply', { planId: plan.planId, confirmations: { prod: '2222 2222 2222'.replace(/ /g, '') } });
    expect(result.results.map((entry) => [entry.environment, entry.outcome])).toEqual([
      ['staging', 'failed'],
      ['prod', 'written'],
    ]);
    expect(result.results[0]?.message).toContain('AccessDenied');
    expect(result.summary).toBe('Got it: prod. Did not get it: staging.');

    matrix = await call('environments.matrix', { path: app.project.root });
    expect([stateOf(matrix, 'feature_store_redis', 'staging'), stateOf(matrix, 'feature_store_redis', 'prod')]).toEqual(['missing', 'present']);
    const compared = await call('environments.compareValues', { path: app.project.root, taskId: 'compare-0002', ids: [{ kind: 'connection', id: 'feature_store_redis' }] });
    expect(compared.rows[0]?.comparison).toEqual({ state: 'same', formats: ['URI'] });
    expect(app.seen.join('\n')).not.toContain('redis-demo-password');
  });
});
