/**
 * Issue 13 items 2 and 6 end to end, in browser mode with the fake `astro` (a dev and a prod
 * Deployment) first on the app's PATH and the multi-account sandbox: a project with two
 * environments, one click in the header switches between them (production keeps the header
 * amber), then "Review all environments" deploys each environment's Deployment on its own (prod
 * with its name and its account id typed) and shows "Nothing to change" for both afterwards.
 */
import { mkdir } from 'node:fs/promises';
import { defaultWorkspace, environmentDeployments } from '../fakes/astro/fake-astro';
import { expect, test, watchPageProblems, type AirlockProcess } from './airlock-fixture';
import { deployDevAndProd, switchTo, withEnvironmentsApp } from './environment-steps';
import { callApi } from './projects-helpers';

const SCREENSHOTS = 'test-results/screenshots';
const WS = defaultWorkspace.id;
const devKwargs = JSON.stringify({ connections_prefix: 'team/connections', variables_prefix: 'team/variables', region_name: 'us-east-1' });
const prodKwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1' });

async function defineEnvironments(app: AirlockProcess, root: string): Promise<void> {
  const empty = await callApi<{ fingerprint: string }>(app, 'environments.list', { path: root });
  const base = { backendKwargs: null, production: false };
  const withDev = await callApi<{ fingerprint: string }>(app, 'environments.put', {
    path: root, fingerprint: empty.fingerprint, replacing: null,
    environment: { ...base, name: 'dev', deployment: { workspaceId: WS, deploymentId: environmentDeployments.dev.id }, awsProfile: 'sandbox-dev', accountId: '111111111111', region: 'us-east-1', backendKwargs: devKwargs },
  });
  await callApi(app, 'environments.put', {
    path: root, fingerprint: withDev.fingerprint, replacing: null,
    environment: { ...base, name: 'prod', deployment: { workspaceId: WS, deploymentId: environmentDeployments.prod.id }, awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', backendKwargs: prodKwargs, production: true },
  });
}

test.describe('Environments: one switch, deploy each', () => {
  test('issue 13 items 2 and 6: switch environments with one click, then deploy both from "Review all environments" and see nothing to change for both', async ({ page }) => {
    test.setTimeout(150_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    await withEnvironmentsApp(async ({ app, copy }) => {
      const problems = watchPageProblems(page);
      await defineEnvironments(app, copy.root);
      await callApi(app, 'profiles.select', { name: 'sandbox' });
      await page.goto(app.url);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('project-path').fill(copy.root);
      await page.getByTestId('open-project').click();
      await expect(page.getByTestId('health-panel')).toBeVisible();

      // The picker lists both environments, with where each reaches.
      await page.getByTestId('environment-button').click();
      await expect(page.getByTestId('environment-menu')).toContainText('sandbox-prod · 222222222222 · eu-west-1');
      await page.getByTestId('environment-menu').screenshot({ path: `${SCREENSHOTS}/environment-picker-menu.png` });
      await page.keyboard.press('Escape');

      // One click: prod's profile and region, its kwargs, and the header turns amber.
      await switchTo(page, 'prod');
      await expect(page.getByTestId('profile-button')).toContainText('sandbox-prod');
      await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'true');
      await page.getByTestId('app-header').screenshot({ path: `${SCREENSHOTS}/environment-picker-header.png` });
      await page.getByTestId('nav-secrets').click();
      await expect(page.getByTestId('kwargs-source')).toHaveText('from the environment "prod"');

      // Back to dev in one click.
      await switchTo(page, 'dev');
      await expect(page.getByTestId('profile-button')).toContainText('sandbox-dev');
      await expect(page.getByTestId('app-header')).toHaveAttribute('data-production', 'false');

      // The Deploy view reviews dev's Deployment; "Review all environments" shows one section each.
      await page.getByTestId('nav-deploy').click();
      await expect(page.getByTestId('deploy-plan').getByTestId('target-deployment')).toContainText('airflow-dev');
      await page.getByTestId('deploy-scope-all').click();
      const dev = page.getByTestId('deploy-env-dev');
      const prod = page.getByTestId('deploy-env-prod');
      await expect(dev.getByTestId('deploy-env-calls')).toContainText('1 CLI call');
      await expect(prod.getByTestId('deploy-env-calls')).toContainText('1 CLI call');
      await expect(prod).toHaveAttribute('data-production', 'true');
      await page.getByTestId('deploy-all').screenshot({ path: `${SCREENSHOTS}/review-all-environments.png` });

      // Each deploys on its own; prod only with its Deployment's name typed in its own section.
      await deployDevAndProd(page, `${SCREENSHOTS}/review-all-environments-after.png`);
      expect(problems()).toEqual([]);
    });
  });
});
