/**
 * Regenerates every picture in docs/screenshots/ that the README shows. It runs only when
 * AIRLOCK_SCREENSHOTS_DIR names the folder to write to (`npm run screenshots` sets it), so
 * `npm test` never rewrites docs/. Each picture is the state the README describes, reached the
 * way a user would, in the light theme; the other specs check the behaviour.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createFakeAstro, defaultWorkspace, environmentDeployments } from '../fakes/astro/fake-astro';
import { copyFixtureProject } from '../unit/electron/projects/fixture-projects';
import { exampleAccess } from '../../electron/services/sandbox';
import { expect, startAirlock, test } from './airlock-fixture';
import { typeInCodeEditor } from './code-editor';
import { startProfilesWorld } from './profiles-fixture';
import { callApi } from './projects-helpers';

const OUT = process.env.AIRLOCK_SCREENSHOTS_DIR;
const WAREHOUSE_URI = 'postgres://etl_user:p%40ss%2Fw%3Ard%231@warehouse.internal.example.com:5432/analytics?sslmode=require';

test.skip(OUT === undefined || OUT === '', 'Writes pictures only when AIRLOCK_SCREENSHOTS_DIR is set (npm run screenshots).');
test.describe.configure({ mode: 'serial' });

function shot(name: string): string {
  return path.join(OUT ?? '', `${name}.png`);
}

/** No focus ring or hover left over from the last click. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function openProject(page: Page, root: string): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-path').fill(root);
  await page.getByTestId('open-project').click();
  await expect(page.getByTestId('health-panel')).toBeVisible();
}

/** Applies a health item's fix through its review, as the user would. */
async function applyFix(page: Page, item: string): Promise<void> {
  await page.getByTestId(`health-item-${item}`).getByTestId('health-fix').click();
  await page.getByTestId('review-dialog').getByTestId('review-apply').click();
  await expect(page.getByTestId('review-dialog')).toHaveCount(0);
  await expect(page.getByTestId(`health-item-${item}`)).toHaveAttribute('data-status', 'ok');
}

test.beforeAll(async () => {
  await mkdir(OUT ?? '', { recursive: true });
});

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
});

test('README: the Secrets view, the connection editor and the import preview', async ({ page, airlock }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(airlock.url);
  await page.getByTestId('use-sandbox').click();
  await page.getByTestId('load-example-data').click();
  await expect(page.getByTestId('section-connection').getByTestId('secret-row').first()).toBeVisible();
  await settle(page);
  await page.screenshot({ path: shot('secrets-sandbox') });

  // A Postgres connection stored as a URI, its password percent-encoded, and Airflow's reading of it.
  await page.getByTestId('new-secret').click();
  await page.getByTestId('new-connection').click();
  const editor = page.getByTestId('secret-editor');
  await editor.getByTestId('secret-id').fill('warehouse_pg');
  await editor.getByTestId('conn-type').selectOption('postgres');
  await editor.getByTestId('conn-host').fill('warehouse.internal.example.com');
  await editor.getByTestId('conn-schema').fill('analytics');
  await editor.getByTestId('conn-login').fill('etl_user');
  await editor.getByTestId('conn-password').fill('p@ss/w:rd#1');
  await editor.getByTestId('conn-port').fill('5432');
  await editor.locator('#extra-sslmode').selectOption('require');
  await editor.getByTestId('storage-format').locator('label', { hasText: 'URI' }).click();
  await editor.getByTestId('stored-string-reveal').click();
  await expect(editor.getByTestId('stored-string-text')).toHaveText(WAREHOUSE_URI);
  await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow reads exactly these fields');
  await page.setViewportSize({ width: 1280, height: 1350 });
  await editor.locator('.editor-body').evaluate((body) => body.scrollTo(0, 0));
  await settle(page);
  await page.screenshot({ path: shot('secrets-connection-editor') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await editor.getByTestId('editor-close').click();
  await page.getByRole('button', { name: 'Discard my changes' }).click();
  await expect(editor).toHaveCount(0);

  // The import preview of an airflow_settings.yaml: new, changed (diff revealed), identical, invalid.
  await callApi(airlock, 'secrets.create', { kwargs: '', kind: 'connection', id: 'warehouse_postgres', value: WAREHOUSE_URI, clientRequestToken: crypto.randomUUID() });
  await page.getByTestId('open-import').click();
  const wizard = page.getByTestId('import-dialog');
  await wizard.locator('input[type="file"]').setInputFiles('test/fixtures/imports/airflow_settings.yaml');
  await wizard.getByTestId('import-preview').click();
  await expect(wizard.getByTestId('count-identical')).toHaveText('1 identical');
  await wizard.locator('[data-testid="import-row"][data-id="environment"]').getByTestId('import-diff-toggle').click();
  await wizard.getByTestId('import-policy').locator('label', { hasText: 'Overwrite them' }).click();
  await wizard.getByText('Reveal values').click();
  await expect(wizard.getByTestId('import-diff')).toContainText('production');
  await settle(page);
  await page.screenshot({ path: shot('secrets-import-preview') });
});

test('README: the profile menu under a production profile', async ({ page }) => {
  const world = await startProfilesWorld();
  const { app, stop } = await startAirlock({ prepareHome: (home) => world.prepareHome(home) });
  try {
    await callApi(app, 'profiles.setProduction', { profile: 'prod', production: true });
    await callApi(app, 'profiles.select', { name: 'prod' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'true');
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-menu')).toBeVisible();
    await page.getByTestId('profile-item-broken-chain').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot('profiles-menu') });
  } finally {
    await stop();
    await world.close();
  }
});

test('README: a project\'s health, the kwargs editor and the DAG references', async ({ page, airlock }) => {
  const project = await copyFixtureProject('needs-setup');
  try {
    await callApi(airlock, 'profiles.select', { name: 'sandbox' });
    await callApi(airlock, 'sandbox.loadExampleData', {});
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.goto(airlock.url);
    await openProject(page, project.root);
    await settle(page);
    await page.screenshot({ path: shot('projects-health') });

    // The kwargs editor: a lookup pattern the provider in requirements.txt does not know yet.
    await applyFix(page, 'provider-package');
    await applyFix(page, 'backend-class');
    await page.getByTestId('tab-kwargs').click();
    await typeInCodeEditor(page.getByTestId('kwargs-json').locator('.cm-content'), '{"connections_prefix": "airflow/connections", "connections_lookup_pattern": "^(orders|slack)_", "variables_prefix": "airflow/variables", "region_name": "us-east-1"}');
    await page.getByTestId('preview-id').fill('orders_mysql');
    await expect(page.getByTestId('preview-status')).toHaveAttribute('data-presence', 'exists');
    await expect(page.getByTestId('preview-pattern-ignored')).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('projects-kwargs') });

    // Saved, with the provider raised to 7.3.0: the DAG references under those kwargs.
    await page.getByTestId('kwargs-save').click();
    await page.getByTestId('review-dialog').getByTestId('review-apply').click();
    await expect(page.getByTestId('kwargs-dirty')).toHaveCount(0);
    await page.getByTestId('tab-health').click();
    await applyFix(page, 'provider-package');
    await page.getByTestId('tab-dags').click();
    await expect(page.locator('[data-testid="dag-row"][data-id="missing_threshold"]')).toHaveAttribute('data-status', 'error');
    await settle(page);
    await page.screenshot({ path: shot('projects-dag-references') });
  } finally {
    await project.cleanup();
  }
});

test('README: the deploy review', async ({ page }) => {
  const deploymentId = 'clx1prod0000000000000000';
  const fake = createFakeAstro({
    deployments: [
      {
        id: deploymentId,
        name: 'prod',
        workspaceId: defaultWorkspace.id,
        variables: [
          { key: 'AIRFLOW__CORE__PARALLELISM', value: '12' },
          { key: 'DATADOG_API_KEY', value: 'dd-secret-9f8e7d6c5b4a', isSecret: true },
          { key: 'ENV_TYPE', value: 'production' },
        ],
      },
      { id: 'clx1dev00000000000000000', name: 'dev', workspaceId: defaultWorkspace.id },
    ],
  });
  const project = await copyFixtureProject('needs-setup');
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  try {
    await callApi(app, 'profiles.select', { name: 'sandbox' });
    await callApi(app, 'deploy.setTarget', { path: project.root, workspaceId: defaultWorkspace.id, deploymentId, awsProfile: 'sandbox' });
    // Tall enough that the review's own pane shows the three targets without scrolling.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.goto(app.url);
    await openProject(page, project.root);
    await page.getByTestId('nav-deploy').click();
    await expect(page.getByTestId('deploy-plan')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('deploy-command')).toHaveCount(2);
    await settle(page);
    await page.screenshot({ path: shot('deploy-review') });
  } finally {
    await stop();
    fake.cleanup();
    await project.cleanup();
  }
});

test('README: the access check', async ({ page }) => {
  const deploymentId = 'clx1access000000000000000';
  const access = exampleAccess('000000000000', 'us-east-1', 'sandbox');
  const fake = createFakeAstro({ deployments: [{ id: deploymentId, name: 'analytics-prod', workspaceId: defaultWorkspace.id, workloadIdentity: access.workloadIdentityArn }] });
  const project = await copyFixtureProject('healthy');
  const dockerfile = path.join(project.root, 'Dockerfile');
  const kwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'us-east-1', role_arn: access.readerRoleArn });
  await writeFile(dockerfile, (await readFile(dockerfile, 'utf8')).replace(/^ENV AIRFLOW__SECRETS__BACKEND_KWARGS=.*$/m, `ENV AIRFLOW__SECRETS__BACKEND_KWARGS='${kwargs}'`));
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  try {
    await callApi(app, 'profiles.select', { name: 'sandbox' });
    await callApi(app, 'sandbox.loadExampleData', {});
    await callApi(app, 'deploy.setTarget', { path: project.root, workspaceId: defaultWorkspace.id, deploymentId, awsProfile: 'sandbox' });
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.goto(app.url);
    await openProject(page, project.root);
    await expect(page.getByTestId('health-item-access')).toHaveAttribute('data-status', 'warning', { timeout: 30_000 });
    await page.getByTestId('health-open-access').click();
    await expect(page.getByTestId('access-panel')).toHaveAttribute('data-overall', 'partial');
    await settle(page);
    await page.getByTestId('project-view').screenshot({ path: shot('access-check') });
  } finally {
    await stop();
    fake.cleanup();
    await project.cleanup();
  }
});

test('README: the audit log', async ({ page, airlock }) => {
  await callApi(airlock, 'profiles.select', { name: 'sandbox' });
  await callApi(airlock, 'sandbox.loadExampleData', {});
  const created = await callApi<{ name: string; versionId: string }>(airlock, 'secrets.create', { kwargs: '', kind: 'variable', id: 'orders_threshold', value: '250', clientRequestToken: randomUUID() });
  await callApi(airlock, 'secrets.update', { name: created.name, expectedVersionId: created.versionId, value: '300', clientRequestToken: randomUUID() });
  await callApi(airlock, 'secrets.delete', { name: 'airflow/variables/deprecated_flag', recoveryWindowDays: 7 }).catch(() => undefined);
  await callApi(airlock, 'secrets.delete', { name: created.name, recoveryWindowDays: 30 });
  await callApi(airlock, 'secrets.restore', { name: created.name });
  await page.setViewportSize({ width: 1280, height: 560 });
  await page.goto(airlock.url);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await settle(page);
  await page.screenshot({ path: shot('audit-log') });
});

test('README: environments: the matrix, a template promote review and "Review all environments"', async ({ page }) => {
  const fake = createFakeAstro({ deployments: [environmentDeployments.dev, environmentDeployments.prod] });
  const project = await copyFixtureProject('healthy');
  await writeFile(path.join(project.root, 'dags', 'features.py'), 'from airflow.hooks.base import BaseHook\n\nredis = BaseHook.get_connection("feature_store_redis")\n');
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  try {
    for (const profile of ['sandbox-dev', 'sandbox-prod']) {
      await callApi(app, 'profiles.select', { name: profile });
      await callApi(app, 'sandbox.loadExampleData', {});
    }
    // Dev's kwargs add a config prefix its Deployment does not have yet, so both sections have a change to review.
    const kwargs = (region: string, extra: Record<string, string> = {}) => JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', ...extra, region_name: region });
    let view = await callApi<{ fingerprint: string }>(app, 'environments.list', { path: project.root });
    for (const environment of [
      { name: 'dev', deploymentId: environmentDeployments.dev.id, awsProfile: 'sandbox-dev', accountId: '111111111111', region: 'us-east-1', backendKwargs: kwargs('us-east-1', { config_prefix: 'airflow/config' }), production: false },
      { name: 'prod', deploymentId: environmentDeployments.prod.id, awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', backendKwargs: kwargs('eu-west-1'), production: true },
    ]) {
      const { deploymentId, ...rest } = environment;
      view = await callApi(app, 'environments.put', { path: project.root, fingerprint: view.fingerprint, replacing: null, environment: { ...rest, deployment: { workspaceId: defaultWorkspace.id, deploymentId } } });
    }
    await callApi(app, 'profiles.select', { name: 'sandbox-dev', projectPath: project.root, environment: 'dev' });
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.goto(app.url);
    await openProject(page, project.root);

    // The matrix after Compare values.
    await page.getByTestId('tab-matrix').click();
    const matrix = page.getByTestId('environment-matrix');
    const row = (id: string) => matrix.locator(`[data-testid="matrix-row"][data-id="${id}"]`);
    await expect(row('connection:feature_store_redis')).toBeVisible();
    await page.getByTestId('matrix-compare').click();
    await expect(row('connection:analytics_postgres').getByTestId('matrix-verdict')).toHaveText('differs: host, password');
    await settle(page);
    await page.getByTestId('matrix-panel').screenshot({ path: shot('environments-matrix') });

    // A template promote into prod, reviewed: the password typed in the form, prod's account id typed in the review.
    await row('connection:feature_store_redis').getByTestId('matrix-copy').click();
    await page.getByTestId('promote-mode-template').click({ force: true });
    await page.getByTestId('promote-template-button').click();
    const template = page.getByTestId('promote-template');
    await template.getByTestId('conn-host').fill('feature-store.prod.internal.example.com');
    await template.getByTestId('conn-password').fill('typed-for-prod-0001');
    await page.getByTestId('promote-review-button').click();
    await expect(page.locator('[data-testid="promote-target"][data-environment="prod"]')).toContainText('222222222222');
    await page.getByTestId('promote-confirm').fill('222222222222');
    await settle(page);
    await page.locator('.bp6-dialog').screenshot({ path: shot('environments-template-review') });
    await page.locator('.bp6-dialog-header').getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('promote-review')).toHaveCount(0);

    // Review all environments: one section each, with its own plan, call count and confirmation.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.getByTestId('nav-deploy').click();
    await page.getByTestId('deploy-scope-all').click();
    await expect(page.getByTestId('deploy-env-dev').getByTestId('deploy-env-calls')).toContainText('1 CLI call', { timeout: 30_000 });
    await expect(page.getByTestId('deploy-env-prod').getByTestId('deploy-env-calls')).toContainText('1 CLI call');
    await page.getByTestId('deploy-env-prod').getByTestId('deploy-env-confirm').fill('airflow-prod');
    await settle(page);
    await page.getByTestId('deploy-all').screenshot({ path: shot('deploy-all-environments') });
  } finally {
    await stop();
    fake.cleanup();
    await project.cleanup();
  }
});
