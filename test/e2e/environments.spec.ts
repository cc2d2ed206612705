/**
 * Environments end to end (issue 13 item 4), in browser mode with the fake `astro` on the app's PATH
 * and the sandbox's dev and prod accounts (their drifting example data): the Matrix tab shows one
 * column per environment, with no value in the page, and an explicit comparison tells which fields
 * differ, still without a value. Screenshots land in test-results/screenshots.
 *
 * The acceptance test of issue 13 walks the whole story through the UI: define dev and prod, switch
 * with one click (and the choice survives a reload), the matrix, a template promote into prod, and
 * a deploy of both environments until both say "Nothing to change".
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultWorkspace, environmentDeployments } from '../fakes/astro/fake-astro';
import { expect, test, watchPageProblems } from './airlock-fixture';
import { deployDevAndProd, switchTo, withEnvironmentsApp } from './environment-steps';
import { callApi } from './projects-helpers';

const SCREENSHOTS = 'test-results/screenshots';
/** Credentials the example data stores in the dev and prod accounts. */
const VALUES = ['dev-analytics-password', 'prod-analytics-password', 'mysql-demo-password', 'redis-demo-password', 'wx-prod-token-0000', 'snowflake-demo-password'];

test.describe('Environments', () => {
  test('issue 13 item 4 and item 5: the matrix of dev and prod shows missing, misplaced and differing ids with no value before or after comparing, and copies a connection to prod after a review', async ({ page }) => {
    await withEnvironmentsApp(async ({ app, copy }) => {
      for (const profile of ['sandbox-dev', 'sandbox-prod']) {
        await callApi(app, 'profiles.select', { name: profile });
        await callApi(app, 'sandbox.loadExampleData', {});
      }
      await writeFile(join(copy.root, 'dags', 'features.py'), 'from airflow.hooks.base import BaseHook\n\nredis = BaseHook.get_connection("feature_store_redis")\n');
      let view = await callApi<{ fingerprint: string }>(app, 'environments.list', { path: copy.root });
      for (const environment of [
        { name: 'dev', deploymentId: environmentDeployments.dev.id, awsProfile: 'sandbox-dev', accountId: '111111111111', region: 'us-east-1', production: false },
        { name: 'prod', deploymentId: environmentDeployments.prod.id, awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', production: true },
      ]) {
        const { deploymentId, ...rest } = environment;
        view = await callApi(app, 'environments.put', {
          path: copy.root,
          fingerprint: view.fingerprint,
          replacing: null,
          environment: { ...rest, deployment: { workspaceId: defaultWorkspace.id, deploymentId }, backendKwargs: null },
        });
      }
      await callApi(app, 'profiles.select', { name: 'sandbox-dev' });

      await page.goto(app.url);
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('project-path').fill(copy.root);
      await page.getByTestId('open-project').click();
      await page.getByTestId('tab-matrix').click();
      const matrix = page.getByTestId('environment-matrix');
      await expect(matrix).toBeVisible();

      const row = (id: string) => matrix.locator(`[data-testid="matrix-row"][data-id="${id}"]`);
      const cell = (id: string, environment: string) => row(id).locator(`[data-testid="matrix-cell"][data-environment="${environment}"]`);
      await expect(cell('connection:feature_store_redis', 'prod')).toHaveAttribute('data-state', 'missing');
      await expect(cell('connection:weather_api', 'prod')).toHaveAttribute('data-state', 'misplaced');
      await expect(cell('variable:legacy_batch_size', 'prod')).toHaveAttribute('data-state', 'scheduled-for-deletion');
      await expect(cell('variable:pagerduty_service_id', 'dev')).toHaveAttribute('data-state', 'missing');
      for (const value of VALUES) expect(await page.content(), `the page holds ${value} before any reveal`).not.toContain(value);
      await page.getByTestId('matrix-panel').screenshot({ path: `${SCREENSHOTS}/environments-matrix.png` });

      await page.getByTestId('matrix-compare').click();
      await expect(row('connection:analytics_postgres').getByTestId('matrix-verdict')).toHaveText('differs: host, password');
      await expect(row('connection:orders_mysql').getByTestId('matrix-verdict')).toHaveText('same (URI = JSON)');
      for (const value of VALUES) expect(await page.content(), `the page holds ${value} after comparing`).not.toContain(value);
      await page.getByTestId('matrix-panel').screenshot({ path: `${SCREENSHOTS}/environments-matrix-compared.png` });

      await page.getByTestId('matrix-filter-used-by-dags-but-missing').click();
      await expect(matrix.getByTestId('matrix-row')).toHaveCount(1);
      await expect(row('connection:feature_store_redis')).toBeVisible();

      // Issue 13 item 5: copy it to prod from the matrix: one review with account, region and the command; prod asks for its account id.
      await row('connection:feature_store_redis').getByTestId('matrix-copy').click();
      await page.getByTestId('promote-review-button').click();
      const target = page.locator('[data-testid="promote-target"][data-environment="prod"]');
      await expect(target).toContainText('222222222222 · eu-west-1');
      await expect(target).toContainText('aws secretsmanager create-secret --name airflow/connections/feature_store_redis');
      await expect(page.getByTestId('promote-apply')).toBeDisabled();
      await page.getByTestId('promote-confirm').fill('2222-2222-2222');
      for (const value of VALUES) expect(await page.content(), `the review holds ${value}`).not.toContain(value);
      await page.getByTestId('promote-review').screenshot({ path: `${SCREENSHOTS}/environments-promote-review.png` });
      await page.getByTestId('promote-apply').click();
      await expect(page.getByTestId('promote-result')).toHaveText('Every environment has it now: prod.');
    });
  });
});

/** Kwargs as each environment runs with them: dev's add a config prefix the Deployment lacks, prod's are what its Deployment has (a secret Astro never shows). */
const devKwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', config_prefix: 'airflow/config', region_name: 'us-east-1' });
const prodKwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1' });

/** Adds an environment through the Environments tab's form. */
async function addEnvironment(page: Page, environment: { name: string; deployment: string; profile: string; account: string; region: string; kwargs: string; production: boolean }): Promise<void> {
  await page.getByTestId('environment-add').click();
  const form = page.getByTestId('environment-form');
  await form.getByTestId('environment-name').fill(environment.name);
  await expect(form.getByTestId('environment-deployment').locator('option', { hasText: environment.deployment })).toHaveCount(1);
  await form.getByTestId('environment-deployment').selectOption({ label: environment.deployment });
  await form.getByTestId('environment-profile').fill(environment.profile);
  await form.getByTestId('environment-account').fill(environment.account);
  await form.getByTestId('environment-region').fill(environment.region);
  await form.getByTestId('environment-kwargs').fill(environment.kwargs);
  if (environment.production) await form.getByTestId('environment-production').check({ force: true });
  await form.getByTestId('environment-save').click();
  await expect(page.getByTestId(`environment-${environment.name}`)).toBeVisible();
}

test.describe('Environments: the whole story', () => {
  test('issue 13 acceptance (items 1, 2, 4, 5, 6): define dev and prod, switch in one click (kept across a reload), see missing and differing ids with no value, promote a connection as a template into prod with its account id, deploy both and see "Nothing to change" for both', async ({ page }) => {
    test.setTimeout(180_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    await withEnvironmentsApp(async ({ app, copy }) => {
      const problems = watchPageProblems(page);
      for (const profile of ['sandbox-dev', 'sandbox-prod']) {
        await callApi(app, 'profiles.select', { name: profile });
        await callApi(app, 'sandbox.loadExampleData', {});
      }
      await callApi(app, 'profiles.select', { name: 'sandbox' });
      await page.goto(app.url);
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('project-path').fill(copy.root);
      await page.getByTestId('open-project').click();

      // Define dev and prod in the Environments tab.
      await page.getByTestId('tab-environments').click();
      await addEnvironment(page, { name: 'dev', deployment: 'airflow-dev', profile: 'sandbox-dev', account: '111111111111', region: 'us-east-1', kwargs: devKwargs, production: false });
      await addEnvironment(page, { name: 'prod', deployment: 'airflow-prod', profile: 'sandbox-prod', account: '2222-2222-2222', region: 'eu-west-1', kwargs: prodKwargs, production: true });
      await expect(page.getByTestId('environment-prod')).toHaveAttribute('data-profile-status', /ok|account-unknown/);

      // One click switches to prod; the choice survives a reload of the window.
      await switchTo(page, 'prod');
      await expect(page.getByTestId('profile-button')).toContainText('sandbox-prod');
      await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'true');
      await page.reload();
      await expect(page.getByTestId('environment-button')).toHaveAttribute('data-environment', 'prod');
      await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'true');
      await switchTo(page, 'dev');
      await expect(page.getByTestId('profile-button')).toContainText('sandbox-dev');

      // The matrix: missing and differing ids, no value in the page before or after comparing.
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('tab-matrix').click();
      const matrix = page.getByTestId('environment-matrix');
      const row = (id: string) => matrix.locator(`[data-testid="matrix-row"][data-id="${id}"]`);
      const cell = (id: string, environment: string) => row(id).locator(`[data-testid="matrix-cell"][data-environment="${environment}"]`);
      await expect(cell('connection:feature_store_redis', 'prod')).toHaveAttribute('data-state', 'missing');
      await expect(cell('variable:pagerduty_service_id', 'dev')).toHaveAttribute('data-state', 'missing');
      for (const value of VALUES) expect(await page.content(), `the page holds ${value} before any reveal`).not.toContain(value);
      await page.getByTestId('matrix-compare').click();
      await expect(row('connection:analytics_postgres').getByTestId('matrix-verdict')).toHaveText('differs: host, password');
      for (const value of VALUES) expect(await page.content(), `the page holds ${value} after comparing`).not.toContain(value);

      // Promote feature_store_redis into prod as a template: the password is left for the user.
      await row('connection:feature_store_redis').getByTestId('matrix-copy').click();
      await page.getByTestId('promote-mode-template').click({ force: true });
      await page.getByTestId('promote-template-button').click();
      const template = page.getByTestId('promote-template');
      await expect(template).toContainText('Left empty, for you to fill in for prod: password.');
      await expect(template.getByTestId('conn-host')).toHaveValue('feature-store.dev.internal.example.com');
      await expect(template.getByTestId('conn-password')).toHaveValue('');
      for (const value of VALUES) expect(await page.content(), `the template holds ${value}`).not.toContain(value);
      await template.getByTestId('conn-host').fill('feature-store.prod.internal.example.com');
      await template.getByTestId('conn-password').fill('prod-redis-typed-0001');
      await template.screenshot({ path: `${SCREENSHOTS}/environments-template-form.png` });
      await page.getByTestId('promote-review-button').click();
      const target = page.locator('[data-testid="promote-target"][data-environment="prod"]');
      await expect(target).toContainText('222222222222 · eu-west-1');
      await expect(target).toContainText('create airflow/connections/feature_store_redis');
      await expect(target).toContainText('aws secretsmanager create-secret --name airflow/connections/feature_store_redis');
      await expect(page.getByTestId('promote-apply')).toBeDisabled();
      await page.getByTestId('promote-confirm').fill('222222222222');
      await page.getByTestId('promote-review').screenshot({ path: `${SCREENSHOTS}/environments-template-review.png` });
      await page.getByTestId('promote-apply').click();
      await expect(page.getByTestId('promote-result')).toHaveText('Every environment has it now: prod.');
      for (const value of VALUES) expect(await page.content(), `the page holds ${value} after the promote`).not.toContain(value);
      await page.getByTestId('promote-close').click();
      await expect(cell('connection:feature_store_redis', 'prod')).toHaveAttribute('data-state', 'present');

      // Deploy both environments; prod with its Deployment's name and its account id.
      await page.getByTestId('nav-deploy').click();
      await page.getByTestId('deploy-scope-all').click();
      await deployDevAndProd(page, `${SCREENSHOTS}/environments-acceptance-deployed.png`);
      expect(problems()).toEqual([]);
    });
  });
});
