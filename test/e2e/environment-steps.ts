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
