/**
 * Deploy end to end, in browser mode with the fake `astro` first on the app's PATH: open a copy of
 * a fixture project, choose its Deployment, review the three targets (the Deployment's variables,
 * the Dockerfile, .env), deploy with one click, see each target verified, and check against the
 * fake's call log that exactly the planned variables went out in the fewest calls with no value on
 * a command line; then review again and see "Nothing to change".
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createFakeAstro, defaultWorkspace, type FakeAstro } from '../fakes/astro/fake-astro';
import { copyFixtureProject, type FixtureCopy } from '../unit/electron/projects/fixture-projects';
import { expect, startAirlock, test, watchPageProblems, type AirlockProcess } from './airlock-fixture';
import { callApi } from './projects-helpers';

const SCREENSHOTS = 'test-results/screenshots';
const PROD = 'clx1prod0000000000000000';
const DATADOG = 'dd-secret-9f8e7d6c5b4a';
const CLASS = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';

interface World {
  readonly fake: FakeAstro;
  readonly copy: FixtureCopy;
  readonly app: AirlockProcess;
  readonly stop: () => Promise<void>;
}

async function startWorld(): Promise<World> {
  const fake = createFakeAstro({
    deployments: [
      {
        id: PROD,
        name: 'prod',
        workspaceId: defaultWorkspace.id,
        variables: [
          { key: 'AIRFLOW__CORE__PARALLELISM', value: '12' },
          { key: 'DATADOG_API_KEY', value: DATADOG, isSecret: true },
          { key: 'ENV_TYPE', value: 'production' },
        ],
      },
      { id: 'clx1dev00000000000000000', name: 'dev', workspaceId: defaultWorkspace.id },
    ],
  });
  const copy = await copyFixtureProject('needs-setup');
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  return { fake, copy, app, stop };
}

async function openProject(page: Page, world: World): Promise<void> {
  // The sandbox profile gives .env its (made-up) keys without any AWS account.
  await callApi(world.app, 'profiles.select', { name: 'sandbox' });
  await page.goto(world.app.url);
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-path').fill(world.copy.root);
  await page.getByTestId('open-project').click();
  await expect(page.getByTestId('health-panel')).toBeVisible();
}

test.describe('Deploy', () => {
  test('choose a Deployment, review three targets, deploy, see it verified, then nothing to change', async ({ page }) => {
    test.setTimeout(120_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    const world = await startWorld();
    const problems = watchPageProblems(page);
    try {
      await openProject(page, world);
      await page.getByTestId('nav-deploy').click();

      // The astro CLI card: found on PATH, its version, who it is logged in as.
      await expect(page.getByTestId('astro-binary')).toContainText('1.45.0');
      await expect(page.getByTestId('astro-auth')).toContainText('Acme');

      // Choose the Deployment; it is remembered in the project's .astro/airlock.json.
      await expect(page.getByTestId('target-form')).toBeVisible();
      await expect(page.getByTestId('target-deployment')).toBeVisible();
      await page.getByTestId('deploy-view').screenshot({ path: `${SCREENSHOTS}/deploy-choose.png` });
      await page.getByTestId('target-deployment').selectOption({ label: 'prod · runtime 3.1-12' });
      await page.getByTestId('target-save').click();
      await expect(page.getByTestId('target-name')).toHaveText('prod');
      const targetFile = JSON.parse(await readFile(`${world.copy.root}/.astro/airlock.json`, 'utf8')) as Record<string, unknown>;
      expect(targetFile).toMatchObject({ deploymentId: PROD, deploymentName: 'prod', awsProfile: 'sandbox' });

      // One review, three targets, each with its diff.
      const plan = page.getByTestId('deploy-plan');
      await expect(plan).toBeVisible();
      for (const target of ['deployment', 'dockerfile', 'dotenv']) {
        await expect(plan.getByTestId(`target-${target}`)).toHaveAttribute('data-changed', 'true');
        await expect(plan.getByTestId(`select-${target}`)).toBeChecked();
      }
      await expect(plan.getByTestId('deploy-row-AIRFLOW__SECRETS__BACKEND')).toHaveAttribute('data-status', 'added');
      await expect(plan.getByTestId('deploy-row-AIRFLOW__SECRETS__BACKEND_KWARGS')).toHaveAttribute('data-status', 'added');
      await expect(plan.getByTestId('deploy-untouched')).toContainText('DATADOG_API_KEY');
      await expect(plan.getByTestId('deploy-calls')).toHaveText('2 CLI calls, each restarts the Deployment');
      await expect(plan.getByTestId('deploy-command')).toHaveCount(2);
      await expect(plan.getByTestId('target-dockerfile').getByTestId('planned-diff')).toContainText(`ENV AIRFLOW__SECRETS__BACKEND=${CLASS}`);
      await expect(plan.getByTestId('target-dotenv').locator('[data-file=".env"]').getByTestId('planned-diff')).toContainText('AWS_SECRET_ACCESS_KEY=••••••••');
      // .env will hold keys and .gitignore does not ignore it: the entry rides in the same ticked target, in the diff,
      // and the review says .env becomes private.
      const gitignoreEntry = plan.getByTestId('target-dotenv').locator('[data-file=".gitignore"]');
      await expect(gitignoreEntry.getByTestId('planned-required-by')).toContainText('.env will hold secrets');
      await expect(gitignoreEntry.locator('[data-kind="add"] [data-testid="diff-text"]')).toHaveText(['.env']);
      await expect(plan.getByTestId('target-dotenv').locator('[data-file=".env"]').getByTestId('planned-mode')).toContainText('mode 0600: readable by you only');

      // A secret value is masked until revealed, one line at a time.
      const kwargsRow = plan.getByTestId('deploy-row-AIRFLOW__SECRETS__BACKEND_KWARGS');
      await expect(kwargsRow.getByTestId('desired-value')).toHaveText('••••••••');
      await kwargsRow.getByTestId('reveal-value').click();
      await expect(kwargsRow.getByTestId('desired-value')).toContainText('"connections_prefix": "airflow/connections"');
      await kwargsRow.getByTestId('reveal-value').click();
      await expect(kwargsRow.getByTestId('desired-value')).toHaveText('••••••••');

      // The file diffs come from the projects planner (one shared instance): its per-line reveal works here too.
      const secretLine = plan.getByTestId('target-dotenv').locator('.diff-line', { hasText: 'AWS_SECRET_ACCESS_KEY=' });
      await secretLine.getByTestId('reveal-line').click();
      await expect(secretLine.getByTestId('diff-text')).not.toContainText('••••••••');
      await expect(secretLine.getByTestId('diff-text')).toContainText(/^AWS_SECRET_ACCESS_KEY=\S+/);
      await secretLine.getByTestId('reveal-line').click();
      await expect(secretLine.getByTestId('diff-text')).toHaveText('AWS_SECRET_ACCESS_KEY=••••••••');

      // No focus ring from the reveal button in the pictures.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      });
      await page.getByTestId('deploy-review').screenshot({ path: `${SCREENSHOTS}/deploy-review.png` });
      await page.screenshot({ path: `${SCREENSHOTS}/deploy-review-page.png`, fullPage: true });
      // docs/screenshots/ is retaken by `npm run screenshots` (readme-screenshots.spec.ts), never by a test run.

      // One click deploys the three targets, then each is read back.
      await expect(page.getByTestId('deploy-button')).toHaveText('Deploy 3 targets');
      await page.getByTestId('deploy-button').click();
      const results = page.getByTestId('deploy-results');
      await expect(results).toHaveAttribute('data-outcome', 'deployed', { timeout: 30_000 });
      for (const target of ['deployment', 'dockerfile', 'dotenv']) {
        await expect(results.getByTestId(`result-${target}`)).toHaveAttribute('data-outcome', 'applied');
        await expect(results.getByTestId(`result-${target}`)).toHaveAttribute('data-verified', 'true');
      }
      await expect(results.getByTestId('result-deployment')).toContainText('3 other variables kept exactly as they were.');
      await page.getByTestId('deploy-review').screenshot({ path: `${SCREENSHOTS}/deploy-result.png` });

      // The fake's log: exactly the planned variables, two calls, values never on argv.
      const updates = world.fake.calls().filter((call) => call.command === 'deployment variable update');
      expect(updates).toHaveLength(2);
      for (const call of updates) {
        expect(call.argvContainsSecret).toBe(false);
        expect(call.positionalValueCount).toBe(0);
        expect(call.loadFile).toMatchObject({ mode: 0o600 });
      }
      const deployment = world.fake.deployment(PROD);
      expect(deployment.restarts).toBe(2);
      expect(deployment.variables.map((v) => [v.key, v.isSecret])).toEqual([
        ['AIRFLOW__CORE__PARALLELISM', false],
        ['DATADOG_API_KEY', true],
        ['ENV_TYPE', false],
        ['AIRFLOW__SECRETS__BACKEND', false],
        ['AIRFLOW__SECRETS__BACKEND_KWARGS', true],
      ]);
      expect(deployment.variables.find((v) => v.key === 'DATADOG_API_KEY')?.value).toBe(DATADOG);
      expect(await readFile(`${world.copy.root}/Dockerfile`, 'utf8')).toContain(`ENV AIRFLOW__SECRETS__BACKEND=${CLASS}`);
      expect(await readFile(`${world.copy.root}/.gitignore`, 'utf8')).toMatch(/\n\.env\n$/);
      expect((await stat(`${world.copy.root}/.env`)).mode & 0o777).toBe(0o600);
      await expect(results.getByTestId('result-dotenv')).toContainText('.env is git-ignored and docker-ignored.');

      // Deploying again: the review says there is nothing to change, and the button stays off.
      await page.getByTestId('review-again').click();
      await expect(page.getByTestId('nothing-to-change')).toBeVisible();
      await expect(page.getByTestId('deploy-row-AIRFLOW__SECRETS__BACKEND_KWARGS')).toHaveAttribute('data-status', 'unchanged');
      await expect(page.getByTestId('deploy-calls')).toHaveText('0 CLI calls: no restart');
      await expect(page.getByTestId('deploy-button')).toBeDisabled();
      await page.getByTestId('deploy-review').screenshot({ path: `${SCREENSHOTS}/deploy-nothing-to-change.png` });
      expect(world.fake.calls().filter((call) => call.command === 'deployment variable update')).toHaveLength(2);

      // The projects checklist now sees the Deployment in line with the Dockerfile.
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('health-refresh').click();
      await expect(page.getByTestId('health-item-deployment-variables')).toHaveAttribute('data-status', 'ok');

      // Settings: where astro is, and the token entry with its storage notice (browser mode: memory only).
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('astro-settings-found')).toContainText('found on PATH');
      await expect(page.getByTestId('astro-settings').getByTestId('astro-token-notice')).toContainText('memory');
      await page.getByTestId('astro-settings').screenshot({ path: `${SCREENSHOTS}/deploy-settings.png` });
      expect(problems()).toEqual([]);
    } finally {
      await world.stop();
      world.fake.cleanup();
      await world.copy.cleanup();
    }
  });
});
