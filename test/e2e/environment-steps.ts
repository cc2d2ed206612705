/** Steps the environments specs share: what a user does with the header's environment picker. */
import type { Page } from '@playwright/test';
import { expect } from './airlock-fixture';

/** Switches to environment `name` with the header's picker, and waits until the header shows it. */
export async function switchTo(page: Page, name: string): Promise<void> {
  await page.getByTestId('environment-button').click();
  await page.getByTestId(`environment-option-${name}`).click();
  await expect(page.getByTestId('environment-button')).toHaveAttribute('data-environment', name);
}
