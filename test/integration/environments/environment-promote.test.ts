/**
 * Promote across environments (issue 13 item 5) as the app composes it, against the sandbox over
 * HTTP with three environments on three accounts: dev (the source), staging (the default sandbox
 * account) and prod (production). The review names every target with its account, region, the
 * fields that change and the command; prod needs its account id; a failure in one environment
 * says which got the value and which did not.
 */
import { randomUUID } from 'node:crypto';
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

/** A dev connection whose secrets sit in the password, a typed secret extra and a nested credential key. */
const sshSecrets = ['ssh-demo-password', 'PEM-DEMO-PRIVATE-KEY', 'nested-demo-token'];
async function devSshConnection(): Promise<void> {
  await call('profiles.select', { name: 'sandbox-dev' });
  const value = JSON.stringify({
    conn_type: 'ssh',
    host: 'bastion.dev.example.com',
    login: 'deploy',
    password: sshSecrets[0],
    port: 22,
    extra: { key_file: '/keys/id_ed25519', private_key: sshSecrets[1], conn_timeout: 10, proxy: { url: 'http://proxy.example.com', auth_token: sshSecrets[2] } },
  });
  await call('secrets.create', { kwargs: '{}', kind: 'connection', id: 'deploy_ssh', value, clientRequestToken: randomUUID() });
}

describe('promote as a template', () => {
  it('issue 13 item 5: a template carries the structure and non-secret fields, never the source\'s secrets; the value the user completed goes to each target after one review with prod\'s account id', async () => {
    await threeEnvironments();
    await devSshConnection();

    const template = await call('environments.promoteTemplate', { path: app.project.root, id: 'deploy_ssh', from: 'dev' });
    expect(template.emptied).toEqual(['password', 'extra.private_key', 'extra.proxy.auth_token']);
    expect(JSON.parse(template.value)).toEqual({
      conn_type: 'ssh',
      host: 'bastion.dev.example.com',
      login: 'deploy',
      port: 22,
      extra: { key_file: '/keys/id_ed25519', private_key: '', conn_timeout: 10, proxy: { url: 'http://proxy.example.com', auth_token: '' } },
    });

    // The user fills the secrets in for prod and staging, and changes the host.
    const completed = JSON.stringify({ ...(JSON.parse(template.value) as object), host: 'bastion.prod.example.com', password: 'prod-typed-password', extra: { key_file: '/keys/id_ed25519', private_key: 'PROD-TYPED-KEY', conn_timeout: 10, proxy: { url: 'http://proxy.example.com', auth_token: 'prod-typed-token' } } });
    const plan = await call('environments.promotePlan', { path: app.project.root, kind: 'connection', id: 'deploy_ssh', from: 'dev', to: ['staging', 'prod'], value: completed });
    expect(plan.mode).toBe('template');
    expect(plan.targets.map((target) => [target.environment, target.action, target.account, target.region, target.production])).toEqual([
      ['staging', 'create', expect.stringMatching(/^\d{12}$/) as unknown, 'us-east-1', false],
      ['prod', 'create', '222222222222', 'eu-west-1', true],
    ]);
    expect(plan.targets[1]?.command).toBe('aws secretsmanager create-secret --name airflow/connections/deploy_ssh --secret-string file://value.txt --profile sandbox-prod --region eu-west-1');
    expect(JSON.stringify(plan)).not.toContain('prod-typed-password');

    const refused = await failure('environments.promoteApply', { planId: plan.planId, confirmations: { prod: '111111111111' } });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    const result = await call('environments.promoteApply', { planId: plan.planId, confirmations: { prod: '2222-2222-2222' } });
    expect(result.summary).toBe('Every environment has it now: staging, prod.');

    // Prod now reads the completed connection; dev still has its own.
    await call('environments.matrix', { path: app.project.root });
    const compared = await call('environments.compareValues', { path: app.project.root, taskId: 'compare-0003', ids: [{ kind: 'connection', id: 'deploy_ssh' }] });
    expect(compared.rows[0]?.comparison).toMatchObject({ state: 'differs', fields: ['host', 'password', 'extra.private_key', 'extra.proxy'], differentIn: ['staging', 'prod'] });
    for (const secret of sshSecrets) expect(app.seen.join('\n'), `the window received ${secret}`).not.toContain(secret);
  });

  it('issue 13 item 5: a completed template Airflow cannot read is refused with the reason, and only connections have templates', async () => {
    await threeEnvironments();
    const broken = await failure('environments.promotePlan', { path: app.project.root, kind: 'connection', id: 'deploy_ssh', from: 'dev', to: ['prod'], value: '{"host": "x"' });
    expect(broken.code).toBe('INVALID_INPUT');
    expect(broken.message).toContain('Airflow cannot read the completed connection');
    const variable = await failure('environments.promotePlan', { path: app.project.root, kind: 'variable', id: 'environment', from: 'dev', to: ['prod'], value: 'x' });
    expect(variable.message).toContain('Only a connection can be promoted as a template');
  });
});

describe('delete across environments', () => {
  it('issue 13 item 5: one review lists each environment with account, region and the delete-secret command with its recovery window; prod confirms with its account id; a failure in one of three says where it was deleted and where not', async () => {
    const sandboxUrl = await threeEnvironments();
    // The id in all three: dev and prod from the example data, staging from a promote.
    const copy = await call('environments.promotePlan', { path: app.project.root, kind: 'connection', id: 'orders_mysql', from: 'dev', to: ['staging'] });
    await call('environments.promoteApply', { planId: copy.planId, confirmations: {} });

    const plan = await call('environments.deletePlan', { path: app.project.root, kind: 'connection', id: 'orders_mysql', in: ['staging', 'dev', 'prod'], recoveryWindowDays: 7 });
    expect(plan.targets.map((target) => [target.environment, target.action, target.account, target.region, target.production])).toEqual([
      ['staging', 'delete', expect.stringMatching(/^\d{12}$/) as unknown, 'us-east-1', false],
      ['dev', 'delete', '111111111111', 'us-east-1', false],
      ['prod', 'delete', '222222222222', 'eu-west-1', true],
    ]);
    expect(plan.targets[2]?.command).toBe('aws secretsmanager delete-secret --secret-id airflow/connections/orders_mysql --recovery-window-in-days 7 --profile sandbox-prod --region eu-west-1');

    const refused = await failure('environments.deleteApply', { planId: plan.planId, confirmations: {} });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('prod: 222222222222');
    let matrix = await call('environments.matrix', { path: app.project.root });
    expect(['dev', 'staging', 'prod'].map((environment) => stateOf(matrix, 'orders_mysql', environment))).toEqual(['present', 'present', 'present']);

    // Staging's DeleteSecret (the first call) is refused by AWS; dev's and prod's go through.
    const faults = await fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: { operation: 'DeleteSecret', count: 1, code: 'AccessDeniedException', status: 400 } }) });
    expect(faults.ok).toBe(true);
    const result = await call('environments.deleteApply', { planId: plan.planId, confirmations: { prod: '222222222222' } });
    expect(result.results.map((entry) => [entry.environment, entry.outcome])).toEqual([
      ['staging', 'failed'],
      ['dev', 'deleted'],
      ['prod', 'deleted'],
    ]);
    expect(result.results[0]?.message).toContain('AccessDenied');
    expect(result.summary).toBe('Deleted in: dev, prod. Not deleted in: staging.');

    matrix = await call('environments.matrix', { path: app.project.root });
    expect(['dev', 'staging', 'prod'].map((environment) => stateOf(matrix, 'orders_mysql', environment))).toEqual(['scheduled-for-deletion', 'present', 'scheduled-for-deletion']);
  });
});
