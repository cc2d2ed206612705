/**
 * Deploy per environment, as the app composes it (electron/airlock.ts), called through `dispatch`
 * like both transports, with the fake `astro` as a child process holding a dev and a prod
 * Deployment: the review of one chosen environment, "Review all environments" (one section per
 * environment, each with its own plan, call count and confirmation) and the health checklist's
 * Deployment item over every environment.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api';
import type { EnvironmentPlans } from '../../../shared/api';
import { defaultWorkspace, environmentDeployments } from '../../fakes/astro/fake-astro';
import { useEnvironmentsApp } from '../environments/harness';

const WS = defaultWorkspace.id;
const KWARGS_KEY = 'AIRFLOW__SECRETS__BACKEND_KWARGS';
/** Each environment's own kwargs: dev moved to a team prefix, prod reads eu-west-1 with its own prefix. */
const devKwargs = JSON.stringify({ connections_prefix: 'team/connections', variables_prefix: 'team/variables', region_name: 'us-east-1' });
const prodKwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1' });

const app = useEnvironmentsApp('environments-deploy');
const { call, failure } = app;

type EnvironmentInput = MethodInput<'environments.put'>['environment'];
const dev: EnvironmentInput = {
  name: 'dev',
  deployment: { workspaceId: WS, deploymentId: environmentDeployments.dev.id },
  awsProfile: 'sandbox-dev',
  accountId: '111111111111',
  region: 'us-east-1',
  backendKwargs: devKwargs,
  production: false,
};
const prod: EnvironmentInput = {
  name: 'prod',
  deployment: { workspaceId: WS, deploymentId: environmentDeployments.prod.id },
  awsProfile: 'sandbox-prod',
  accountId: '222222222222',
  region: 'eu-west-1',
  backendKwargs: prodKwargs,
  production: true,
};

async function defineDevAndProd(): Promise<void> {
  const empty = await call('environments.list', { path: app.project.root });
  const withDev = await call('environments.put', { path: app.project.root, fingerprint: empty.fingerprint, replacing: null, environment: dev });
  await call('environments.put', { path: app.project.root, fingerprint: withDev.fingerprint, replacing: null, environment: prod });
}

function section(plans: EnvironmentPlans, name: string): EnvironmentPlans['sections'][number] {
  const found = plans.sections.find((candidate) => candidate.environment === name);
  if (found === undefined) throw new Error(`no section for ${name}`);
  return found;
}

function deployedKwargs(deploymentId: string): string | null {
  return app.fake.deployment(deploymentId).variables.find((variable) => variable.key === KWARGS_KEY)?.value ?? null;
}

describe('deploy per environment', () => {
  it('issue 13 item 6: "Review all environments" gives each environment its own Deployment plan and call count; each production environment confirms on its own (its account id and its Deployment name); afterwards both have nothing to change', async () => {
    await defineDevAndProd();
    const dockerfileBefore = await readFile(join(app.project.root, 'Dockerfile'), 'utf8');
    const seenBeforeDeploy = app.seen.length;

    const all = await call('deploy.planAll', { path: app.project.root });
    expect(all.sections.map((entry) => [entry.environment, entry.deploymentName, entry.production, entry.accountId])).toEqual([
      ['dev', 'airflow-dev', false, '111111111111'],
      ['prod', 'airflow-prod', true, '222222222222'],
    ]);
    const devPlan = section(all, 'dev').plan;
    const prodPlan = section(all, 'prod').plan;
    if (devPlan === null || prodPlan === null) throw new Error('a section has no plan');
    // Each section reads its own Deployment, against its own environment's kwargs.
    expect(devPlan.deployment.deployment.id).toBe(environmentDeployments.dev.id);
    expect(prodPlan.deployment.deployment.id).toBe(environmentDeployments.prod.id);
    expect(devPlan.deployment.rows.find((row) => row.key === KWARGS_KEY)?.status).toBe('changed');
    // Prod's kwargs are a secret Astro never shows and Airlock never recorded: it cannot tell, so it sends them.
    expect(prodPlan.deployment.rows.find((row) => row.key === KWARGS_KEY)?.status).toBe('not-readable');
    expect(devPlan.deployment.calls.length).toBeGreaterThan(0);
    expect(prodPlan.deployment.calls.length).toBeGreaterThan(0);
    expect(prodPlan.deployment.production).toBe(true);
    // The files are the project's, shared by all environments: not part of these reviews.
    expect(devPlan.changedTargets).toEqual(['deployment']);
    expect(devPlan.dockerfile.available).toBe(false);
    expect(devPlan.dockerfile.unavailable).toMatch(/shared by every environment/);

    const devResult = await call('deploy.apply', { planId: devPlan.planId, targets: ['deployment'], taskId: 'env-deploy-dev-001' });
    expect(devResult.outcome).toBe('deployed');
    expect(deployedKwargs(environmentDeployments.dev.id)).toBe(devKwargs);
    // Dev's deploy did not stand in for prod's confirmation: prod asks on its own, and nothing reached it.
    // Issue 13 item 6, one rule with promote: prod's account id (through the confirmation dialog's details), then its Deployment's name.
    const refused = await failure('deploy.apply', { planId: prodPlan.planId, targets: ['deployment'], taskId: 'env-deploy-prod-001', deploymentConfirmation: 'airflow-prod' });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toMatch(/production account 222222222222 \(environment "prod"\)/);
    expect(refused.details).toMatchObject({ account: '222222222222', expected: '222222222222', profile: 'sandbox-prod' });
    const unnamed = await failure('deploy.apply', { planId: prodPlan.planId, targets: ['deployment'], taskId: 'env-deploy-prod-001', productionConfirmation: '222222222222' });
    expect(unnamed.code).toBe('CONFIRMATION_REQUIRED');
    expect(unnamed.message).toMatch(/"airflow-prod" is marked production/);
    expect(app.fake.calls().filter((c) => c.command === 'deployment variable update' && c.argv.includes(environmentDeployments.prod.id))).toHaveLength(0);
    const prodResult = await call('deploy.apply', { planId: prodPlan.planId, targets: ['deployment'], taskId: 'env-deploy-prod-002', deploymentConfirmation: 'airflow-prod', productionConfirmation: '222222222222' });
    expect(prodResult.outcome).toBe('deployed');
    expect(deployedKwargs(environmentDeployments.prod.id)).toBe(prodKwargs);

    const again = await call('deploy.planAll', { path: app.project.root });
    expect(again.sections.map((entry) => [entry.environment, entry.plan?.changedTargets, entry.plan?.deployment.calls.length])).toEqual([
      ['dev', [], 0],
      ['prod', [], 0],
    ]);
    expect(await readFile(join(app.project.root, 'Dockerfile'), 'utf8')).toBe(dockerfileBefore);
    // The kwargs are deployed as a secret variable: the reviews and results show them masked.
    expect(app.seen.slice(seenBeforeDeploy).join('\n')).not.toContain('team/connections');
  });

  it('issue 13 item 6: the deploy review covers the chosen environment\'s Deployment; an environment without one is refused clearly', async () => {
    await defineDevAndProd();
    const plan = await call('deploy.plan', { path: app.project.root, includeAwsCredentials: false, environment: 'prod' });
    expect(plan.deployment.deployment).toMatchObject({ id: environmentDeployments.prod.id, name: 'airflow-prod' });
    expect(plan.deployment.production).toBe(true);
    // Its recorded kwargs are what the review plans for the Dockerfile too (the file target follows the chosen environment).
    expect(plan.kwargs.source).toBe('given');
    const fallback = await call('deploy.plan', { path: app.project.root, includeAwsCredentials: false });
    expect(fallback.deployment.deployment.id).toBe(environmentDeployments.dev.id);

    const missing = await failure('deploy.plan', { path: app.project.root, includeAwsCredentials: false, environment: 'staging' });
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toMatch(/"staging" has no Astro Deployment/);
  });

  it('issue 13 item 6: the health checklist\'s Deployment item checks every environment\'s Deployment against its own kwargs', async () => {
    await defineDevAndProd();
    const health = await call('projects.health', { path: app.project.root });
    const item = health.items.find((candidate) => candidate.id === 'deployment-variables');
    expect(item?.status).toBe('warning');
    expect(item?.summary).toMatch(/^dev: "airflow-dev" differs: AIRFLOW__SECRETS__BACKEND_KWARGS\. prod: "airflow-prod" has AIRFLOW__SECRETS__BACKEND_KWARGS as a secret/);
    expect(item?.evidence.map((line) => line.text.split(':')[0])).toEqual(expect.arrayContaining(['dev', 'prod']));
    const inspected = new Set(app.fake.calls().filter((c) => c.command === 'deployment inspect').flatMap((c) => c.argv));
    expect(inspected).toContain(environmentDeployments.dev.id);
    expect(inspected).toContain(environmentDeployments.prod.id);
  });
});
