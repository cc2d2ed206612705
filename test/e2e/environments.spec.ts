/**
 * Environments end to end (issue 13 item 4), in browser mode with the fake `astro` on the app's PATH
 * and the sandbox's dev and prod accounts (their drifting example data): the Matrix tab shows one
 * column per environment, with no value in the page, and an explicit comparison tells which fields
 * differ, still without a value. Screenshots land in test-results/screenshots.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFakeAstro, defaultWorkspace, environmentDeployments } from '../fakes/astro/fake-astro';
import { copyFixtureProject } from '../unit/electron/projects/fixture-projects';
import { expect, startAirlock, test } from './airlock-fixture';
import { callApi } from './projects-helpers';

const SCREENSHOTS = 'test-results/screenshots';
/** Credentials the example data stores in the dev and prod accounts. */
const VALUES = ['dev-analytics-password', 'prod-analytics-password', 'mysql-demo-password', 'redis-demo-password', 'wx-prod-token-0000', 'snowflake-demo-password'];

test.describe('Environments', () => {
  test('issue 13 item 4 and item 5: the matrix of dev and prod shows missing, misplaced and differing ids with no value before or after comparing, and copies a connection to prod after a review', async ({ page }) => {
    const fake = createFakeAstro({ deployments: [environmentDeployments.dev, environmentDeployments.prod] });
    const copy = await copyFixtureProject('healthy');
    const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
    try {
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
    } finally {
      await stop();
      fake.cleanup();
      await copy.cleanup();
    }
  });
});
