import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, watchPageProblems } from './airlock-fixture';

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const hits: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file, 'utf8')).includes(needle)) hits.push(file);
  }
  return hits;
}

test('browser mode: pick the sandbox, load example data, see the secrets', async ({ page, airlock }) => {
  const problems = watchPageProblems(page);
  await page.goto(airlock.url);

  // The token is read from the fragment and removed from the address bar.
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  expect(page.url()).not.toContain('token=');

  await page.getByTestId('use-sandbox').click();
  await expect(page.getByTestId('profile-button')).toHaveText(/sandbox/);
  await expect(page.getByTestId('identity')).toContainText('000000000000');

  await page.getByTestId('load-example-data').click();
  const connections = page.getByTestId('section-connection');
  const variables = page.getByTestId('section-variable');
  await expect(connections.getByTestId('secret-row').first()).toBeVisible();
  await expect(variables.getByTestId('secret-row').first()).toBeVisible();
  await expect(connections).toContainText('airflow/connections/');
  await expect(variables).toContainText('airflow/variables/');

  await page.screenshot({ path: 'test-results/screenshots/secrets-sandbox.png', fullPage: true });

  // The token appears only in the one start-up line, never in a log line or a persisted file.
  expect(airlock.output().split('\n').filter((line) => line.includes(airlock.token))).toHaveLength(1);
  expect(await filesContaining(airlock.airlockHome, airlock.token)).toEqual([]);
  expect(await filesContaining(airlock.home, airlock.token)).toEqual([]);
  expect(problems()).toEqual([]);
});

test('browser mode: a reload keeps the session, a tab without the token is refused', async ({ page, browser, airlock }) => {
  await page.goto(airlock.url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

  const stranger = await browser.newPage();
  await stranger.goto(airlock.origin);
  await expect(stranger.getByText('Airlock needs its start-up address')).toBeVisible();
  await stranger.close();
});
