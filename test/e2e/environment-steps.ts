/** Steps the environments specs share: what a user does with the header's environment picker. */
import type { Page } from '@playwright/test';
import { createFakeAstro, environmentDeployments } from '../fakes/astro/fake-astro';
import { copyFixtureProject } from '../unit/electron/projects/fixture-projects';
import { expect, startAirlock, type AirlockProcess } from './airlock-fixture';

/** Switches to environment `name` with the header's picker, and waits until the header shows it. */
export async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByTestId('environment-button').click();
  await page.getByTestId(`environment-option-${name}`).click();
  await expect(page.getByTestId('environment-button')).toHaveAttribute('data-environment', name);
}

export interface EnvironmentsRun {
  readonly app: AirlockProcess;
  /** A copy of the healthy fixture project, removed afterwards. */
  readonly copy: { readonly root: string };
}

/**
 * Runs `work` against Airlock with the fake `astro` holding a dev and a prod Deployment and a copy
 * of the healthy fixture project; stops and removes all of it afterwards, whatever happened.
 */
export async function withEnvironmentsApp(work: (run: EnvironmentsRun) => Promise<void>): Promise<void> {
  const fake = createFakeAstro({ deployments: [environmentDeployments.dev, environmentDeployments.prod] });
  const copy = await copyFixtureProject('healthy');
  try {
    const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
    try {
      await work({ app, copy });
    } finally {
      await stop();
    }
  } finally {
    fake.cleanup();
    await copy.cleanup();
  }
}

/**
 * In "Review all environments" (Deploy view, both sections showing one CLI call each): deploys dev,
 * then prod with its Deployment's name and its account id, reviews again, sees "Nothing to
 * change" for both and photographs the result to `screenshot`.
 */
export async function deployDevAndProd(page: Page, screenshot: string): Promise<void> {
  const dev = page.getByTestId('deploy-env-dev');
  const prod = page.getByTestId('deploy-env-prod');
  await expect(dev.getByTestId('deploy-env-calls')).toContainText('1 CLI call');
  await expect(prod.getByTestId('deploy-env-calls')).toContainText('1 CLI call');
  await dev.getByTestId('deploy-env-button').click();
  await expect(dev.getByTestId('deploy-results')).toBeVisible({ timeout: 30_000 });
  // Prod deploys only with its Deployment's name typed in its own section, then its account id (the promote rule).
  await expect(prod.getByTestId('deploy-env-button')).toBeDisabled();
  await prod.getByTestId('deploy-env-confirm').fill('airflow-prod');
  await prod.getByTestId('deploy-env-button').click();
  await expect(page.getByRole('dialog', { name: 'Production: confirm this change' })).toContainText('production account 222222222222');
  await page.getByTestId('production-confirm-input').fill('222222222222');
  await page.getByTestId('production-confirm-apply').click();
  await expect(prod.getByTestId('deploy-results')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('deploy-all-refresh').click();
  await expect(dev.getByTestId('deploy-env-nothing')).toContainText('Nothing to change', { timeout: 30_000 });
  await expect(prod.getByTestId('deploy-env-nothing')).toContainText('Nothing to change');
  await page.getByTestId('deploy-all').screenshot({ path: screenshot });
}
