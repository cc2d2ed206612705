/**
 * Astro projects end to end, in browser mode against the sandbox: open a copy of a fixture
 * project by path, read the checklist, fix every item through the review dialog, and check that
 * each file on disk changed exactly as the dialog showed (and no other file changed); then the
 * kwargs editor (form and JSON in sync, problems and their fixes, the lookup preview, saving),
 * and the DAG references.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { copyFixtureProject, snapshotFiles, type FixtureCopy } from '../unit/electron/projects/fixture-projects';
import { test, expect, watchPageProblems, type AirlockProcess } from './airlock-fixture';
import { typeInCodeEditor } from './code-editor';
import { actualChanges, callApi, readText, shownChanges } from './projects-helpers';

const CLASS = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
const SCREENSHOTS = 'test-results/screenshots';

async function openProject(page: Page, airlock: AirlockProcess, root: string): Promise<void> {
  await callApi(airlock, 'profiles.select', { name: 'sandbox' });
  await callApi(airlock, 'sandbox.loadExampleData', {});
  await page.goto(airlock.url);
  await page.setViewportSize({ width: 1280, height: 1250 });
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-path').fill(root);
  await page.getByTestId('open-project').click();
  await expect(page.getByTestId('health-panel')).toBeVisible();
}

async function statuses(page: Page): Promise<Record<string, string>> {
  const items = page.locator('[data-testid^="health-item-"]');
  const result: Record<string, string> = {};
  for (let i = 0; i < (await items.count()); i += 1) {
    const item = items.nth(i);
    result[((await item.getAttribute('data-testid')) ?? '').replace('health-item-', '')] = (await item.getAttribute('data-status')) ?? '';
  }
  return result;
}

/**
 * Opens the review for `open()`, reads the diff shown for `file`, applies it, and checks the
 * file gained and lost exactly the lines shown, became `expected`, and no other file changed.
 */
async function applyAndCompare(page: Page, copy: FixtureCopy, file: string, open: () => Promise<void>, expected: (before: string, shown: readonly string[]) => string): Promise<void> {
  const before = await snapshotFiles(copy.root);
  const beforeText = await readText(copy.root, file);
  await open();
  const dialog = page.getByTestId('review-dialog');
  await expect(dialog.getByTestId('planned-file')).toHaveCount(1);
  const shown = await shownChanges(dialog, file);
  await dialog.getByTestId('review-apply').click();
  await expect(page.getByTestId('review-dialog')).toHaveCount(0);
  await expect(page.getByTestId('applied-note')).toContainText(file);

  const afterText = await readText(copy.root, file);
  const actual = actualChanges(beforeText, afterText);
  const added = shown.filter((line) => line.kind === 'add').map((line) => line.text);
  expect(actual.added).toEqual(added);
  expect(actual.removed).toEqual(shown.filter((line) => line.kind === 'del').map((line) => line.text));
  expect(afterText).toBe(expected(beforeText, added));
  const after = await snapshotFiles(copy.root);
  expect([...after.keys()].sort()).toEqual([...new Set([...before.keys(), file])].sort());
  for (const [name, bytes] of before) if (name !== file) expect(after.get(name)?.equals(bytes), `${name} must not change`).toBe(true);
}

function fixButton(page: Page, item: string) {
  return page.getByTestId(`health-item-${item}`).getByTestId('health-fix');
}

test.describe('Astro projects', () => {
  test('a project with problems: the checklist, every fix as reviewed, the kwargs editor, the DAG references', async ({ page, airlock }) => {
    test.setTimeout(180_000);
    const problems = watchPageProblems(page);
    const copy = await copyFixtureProject('needs-setup');
    await mkdir(SCREENSHOTS, { recursive: true });
    try {
      await openProject(page, airlock, copy.root);
      await expect(page.getByTestId('project-name')).toHaveText('needs-setup');
      expect(await statuses(page)).toEqual({
        'provider-package': 'error',
        'backend-class': 'error',
        'backend-kwargs': 'warning',
        'local-credentials': 'warning',
        'dotenv-ignored': 'error',
        'secrets-present': 'ok',
        'conflicting-definitions': 'ok',
        'deployment-variables': 'unknown',
        // No Deployment and no role_arn: the access check has no reader to check (issue 14).
        access: 'unknown',
      });
      // Evidence names the file and line; .env values never reach the page.
      await expect(page.getByTestId('health-item-provider-package').getByTestId('health-evidence')).toContainText('requirements.txt:2');
      await expect(page.locator('body')).not.toContainText('hunter2');
      await page.screenshot({ path: `${SCREENSHOTS}/projects-health.png` });

      // 1. The provider, added to requirements.txt (not to the -r include).
      await applyAndCompare(page, copy, 'requirements.txt', () => fixButton(page, 'provider-package').click(), (before) => `${before}apache-airflow-providers-amazon>=5.1.0\n`);
      await expect(page.getByTestId('health-item-provider-package')).toHaveAttribute('data-status', 'ok');

      // 2. Both ENV lines, in the Dockerfile's CRLF style, after its last ENV instruction.
      const kwargsLine = `ENV AIRFLOW__SECRETS__BACKEND_KWARGS='{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "region_name": "us-east-1"}'`;
      await applyAndCompare(page, copy, 'Dockerfile', () => fixButton(page, 'backend-class').click(), (before) =>
        before.replace('    PIPELINE_OWNER=data-platform\r\n', `    PIPELINE_OWNER=data-platform\r\nENV AIRFLOW__SECRETS__BACKEND=${CLASS}\r\n${kwargsLine}\r\n`),
      );
      await expect(page.getByTestId('health-item-backend-class')).toHaveAttribute('data-status', 'ok');
      await expect(page.getByTestId('health-item-backend-kwargs')).toHaveAttribute('data-status', 'ok');

      // 3. .env into .gitignore (before any key goes into .env: the keys' own review would add it otherwise).
      await applyAndCompare(page, copy, '.gitignore', () => fixButton(page, 'dotenv-ignored').click(), (before) => `${before}.env\n`);
      await expect(page.getByTestId('health-item-dotenv-ignored')).toHaveAttribute('data-status', 'ok');

      // 4. The sandbox profile's keys into .env: masked in the dialog until revealed, written as revealed.
      await fixButton(page, 'local-credentials').click();
      const masked = page.getByTestId('review-dialog').locator('[data-kind="add"][data-masked="true"] [data-testid="diff-text"]');
      await expect(masked.first()).toHaveText('AWS_ACCESS_KEY_ID=••••••••');
      await expect(page.getByTestId('review-notes')).toContainText('.env holds secrets');
      await page.screenshot({ path: `${SCREENSHOTS}/projects-review-env.png` });
      await page.getByTestId('review-cancel').click();
      await applyAndCompare(page, copy, '.env', () => fixButton(page, 'local-credentials').click(), (before, shown) => {
        expect(shown).toHaveLength(3);
        expect(shown[0]).toMatch(/^AWS_ACCESS_KEY_ID=[A-Z0-9]{16,}$/);
        expect(shown[1]).toMatch(/^AWS_SECRET_ACCESS_KEY=\S+$/);
        expect(shown[2]).toBe('AWS_DEFAULT_REGION=us-east-1');
        return `${before}${shown.map((line) => `${line}\n`).join('')}`;
      });
      await expect(page.getByTestId('health-item-local-credentials')).toHaveAttribute('data-status', 'ok');

      await expect(page.getByTestId('health-fix')).toHaveCount(0);
      expect(await statuses(page)).toEqual({
        'provider-package': 'ok',
        'backend-class': 'ok',
        'backend-kwargs': 'ok',
        'local-credentials': 'ok',
        'dotenv-ignored': 'ok',
        'secrets-present': 'ok',
        'conflicting-definitions': 'ok',
        'deployment-variables': 'unknown',
        // No Deployment and no role_arn: the access check has no reader to check (issue 14).
        access: 'unknown',
      });

      // The kwargs editor starts from the Dockerfile's kwargs.
      await page.getByRole('tab', { name: /Backend kwargs/ }).click();
      // The JSON is edited in the code editor (its text is the `.cm-content` inside the field).
      const json = page.getByTestId('kwargs-json').locator('.cm-content');
      await expect(json).toHaveText(/"region_name": "us-east-1"/);

      // Form -> JSON: a lookup pattern typed in the form appears in the JSON, and needs provider 7.3.0.
      await page.getByTestId('kwarg-connections_lookup_pattern-mode').selectOption('value');
      await page.getByTestId('kwarg-connections_lookup_pattern-input').fill('^(orders|slack)_');
      await expect(json).toHaveText(/"connections_lookup_pattern": "\^\(orders\|slack\)_"/);
      await expect(page.locator('[data-testid="kwargs-problem"][data-code="kwargs.needs-newer-provider"]')).toBeVisible();
      await expect(page.getByTestId('kwargs-minimum')).toContainText('7.3.0');

      // JSON -> form.
      const current = await json.innerText();
      await typeInCodeEditor(json, current.replace('"region_name": "us-east-1"', '"region_name": "eu-west-1"'));
      await expect(page.getByTestId('kwarg-region_name-input')).toHaveValue('eu-west-1');

      // Invalid JSON freezes the form and cannot be saved.
      await typeInCodeEditor(json, '{"connections_prefix": "airflow/connections",}');
      await expect(page.getByTestId('kwargs-frozen')).toBeVisible();
      await expect(page.getByTestId('kwargs-json-error')).toContainText('not valid JSON');
      await expect(page.getByTestId('kwargs-save')).toBeDisabled();

      // Removed and mistaken keys come with a fix that edits the kwargs. full_url_mode still
      // works with 5.1.0 (what requirements.txt allows now); it was removed in 9.0.0.
      await typeInCodeEditor(json, '{"connections_prefix": "airflow/connections", "variables_prefix": "/airflow/variables", "full_url_mode": true, "region_name": "us-east-1"}');
      const fullUrl = page.locator('[data-testid="kwargs-problems"] [data-code="kwargs.full-url-mode"]');
      await expect(page.getByTestId('kwarg-full_url_mode')).toBeVisible();
      await expect(fullUrl).toHaveCount(0);
      await page.getByTestId('provider-version').selectOption('9.0.0');
      await expect(fullUrl).toContainText('removed in 9.0.0');
      await fullUrl.getByTestId('kwargs-fix').click();
      await expect(json).not.toHaveText(/full_url_mode/);
      const slash = page.locator('[data-testid="kwargs-problems"] [data-code="kwargs.prefix-no-secrets"]');
      await expect(slash).toContainText('/airflow/variables/');
      await slash.getByTestId('kwargs-fix').click();
      await expect(json).toHaveText(/"variables_prefix": "airflow\/variables"/);
      await page.getByTestId('provider-version').selectOption('project');

      // The lookup preview: the exact name, whether it exists in the sandbox, or why it is not looked up.
      const saved = '{"connections_prefix": "airflow/connections", "connections_lookup_pattern": "^(orders|slack)_", "variables_prefix": "airflow/variables", "region_name": "us-east-1"}';
      await typeInCodeEditor(json, saved);
      await page.getByTestId('preview-id').fill('orders_mysql');
      await expect(page.getByTestId('preview-secret-name')).toHaveText('airflow/connections/orders_mysql');
      await expect(page.getByTestId('preview-status')).toHaveAttribute('data-presence', 'exists');
      // With the 5.1.0 requirements.txt allows, the pattern is ignored; with 7.3.0 it applies.
      await page.getByTestId('preview-id').fill('partner_api');
      await expect(page.getByTestId('preview-secret-name')).toHaveText('airflow/connections/partner_api');
      await expect(page.getByTestId('preview-pattern-ignored')).toContainText('needs provider 7.3.0');
      await page.getByTestId('provider-version').selectOption('7.3.0');
      await expect(page.getByTestId('preview-result')).toHaveAttribute('data-looked-up', 'false');
      await expect(page.getByTestId('preview-result')).toContainText('does not match');
      await page.getByTestId('preview-kind').selectOption('variable');
      await page.getByTestId('preview-id').fill('missing_threshold');
      await expect(page.getByTestId('preview-secret-name')).toHaveText('airflow/variables/missing_threshold');
      await expect(page.getByTestId('preview-status')).toHaveAttribute('data-presence', 'missing');
      await expect(page.getByTestId('preview-create')).toBeVisible();
      await page.getByTestId('provider-version').selectOption('project');
      await page.getByTestId('preview-kind').selectOption('connection');
      await page.getByTestId('preview-id').fill('orders_mysql');
      await expect(page.getByTestId('preview-status')).toHaveAttribute('data-presence', 'exists');
      await expect(page.getByTestId('preview-pattern-ignored')).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/projects-kwargs.png` });

      // Unsaved kwargs edits are not thrown away by switching project without asking.
      await page.getByTestId('switch-project').click();
      await expect(page.getByText('Switching discards them.')).toBeVisible();
      await page.getByRole('button', { name: 'Keep editing' }).click();
      await expect(json).toHaveText(saved);

      // Save: one line replaced in the Dockerfile, the user's one-line JSON kept as typed.
      await applyAndCompare(page, copy, 'Dockerfile', () => page.getByTestId('kwargs-save').click(), (before) => before.replace(kwargsLine, `ENV AIRFLOW__SECRETS__BACKEND_KWARGS='${saved}'`));
      await expect(page.getByTestId('kwargs-dirty')).toHaveCount(0);

      // The pattern needs a newer provider: the checklist says so, and raises it in place.
      await page.getByRole('tab', { name: /Health/ }).click();
      await expect(page.getByTestId('health-item-provider-package')).toHaveAttribute('data-status', 'error');
      await applyAndCompare(page, copy, 'requirements.txt', () => fixButton(page, 'provider-package').click(), (before) =>
        before.replace('apache-airflow-providers-amazon>=5.1.0\n', 'apache-airflow-providers-amazon>=7.3.0\n'),
      );
      await expect(page.getByTestId('health-item-provider-package')).toHaveAttribute('data-status', 'ok');
      await expect(page.getByTestId('health-item-backend-kwargs')).toHaveAttribute('data-status', 'ok');

      // DAG references under the saved kwargs, and one click to create a missing one.
      await page.getByRole('tab', { name: /DAG references/ }).click();
      const row = (id: string) => page.locator(`[data-testid="dag-row"][data-id="${id}"]`);
      await expect(row('orders_mysql')).toHaveAttribute('data-status', 'ok');
      await expect(row('partner_api')).toHaveAttribute('data-status', 'warning');
      await expect(row('partner_api')).toContainText('not looked up');
      await expect(row('legacy_db')).toContainText('environment variable');
      await expect(row('missing_threshold')).toHaveAttribute('data-status', 'error');
      await page.screenshot({ path: `${SCREENSHOTS}/projects-dag-references.png` });
      await row('missing_threshold').getByTestId('dag-create').click();
      await expect(page.getByTestId('view-secrets')).toBeVisible();
      await expect(page.getByTestId('view-projects')).toBeHidden();

      expect(problems()).toEqual([]);
    } finally {
      await copy.cleanup();
    }
  });

  test('a healthy project shows a clean checklist; a folder that is not a project says so', async ({ page, airlock }) => {
    const problems = watchPageProblems(page);
    const healthy = await copyFixtureProject('healthy');
    const other = await copyFixtureProject('not-a-project');
    try {
      await openProject(page, airlock, healthy.root);
      await expect(page.getByTestId('project-name')).toHaveText('healthy-pipelines');
      expect(await statuses(page)).toEqual({
        'provider-package': 'ok',
        'backend-class': 'ok',
        'backend-kwargs': 'ok',
        'local-credentials': 'ok',
        'dotenv-ignored': 'ok',
        'secrets-present': 'ok',
        'conflicting-definitions': 'ok',
        'deployment-variables': 'unknown',
        // No Deployment and no role_arn: the access check has no reader to check (issue 14).
        access: 'unknown',
      });
      await expect(page.getByTestId('health-fix')).toHaveCount(0);

      await page.getByTestId('switch-project').click();
      await expect(page.getByTestId('recent-project')).toContainText('healthy-pipelines');
      await page.getByTestId('project-path').fill(other.root);
      await page.getByTestId('open-project').click();
      await expect(page.getByTestId('open-error')).toContainText('is not an Astro project');
      await page.getByTestId('project-path').fill('relative/path');
      await expect(page.getByTestId('open-project')).toBeDisabled();
      expect(problems()).toEqual([]);
    } finally {
      await healthy.cleanup();
      await other.cleanup();
    }
  });

  test('issue 10 item 18: a reload keeps the open project (its path only; the kwargs are read again from its files)', async ({ page, airlock }) => {
    const problems = watchPageProblems(page);
    const healthy = await copyFixtureProject('healthy');
    try {
      await openProject(page, airlock, healthy.root);
      await expect(page.getByTestId('project-name')).toHaveText('healthy-pipelines');
      await page.reload();
      await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
      // The Secrets view (shown first) already lists under the project's kwargs.
      await expect(page.getByTestId('kwargs-source')).toHaveText(/from the open project/);
      await page.getByTestId('nav-projects').click();
      await expect(page.getByTestId('project-name')).toHaveText('healthy-pipelines');
      await expect(page.getByTestId('project-path-shown')).toHaveText(healthy.root);
      // Issue 10 item 7: Deploy names it the same way (project.name), the folder only in the path.
      await page.getByTestId('nav-deploy').click();
      await expect(page.getByTestId('deploy-project-name')).toHaveText('healthy-pipelines');
      await expect(page.getByTestId('deploy-project-path')).toHaveText(healthy.root);
      // What the tab keeps: the path, nothing from the kwargs.
      const stored = await page.evaluate(() => Object.entries(sessionStorage).filter(([key]) => key !== 'airlock.token'));
      expect(stored).toEqual([['airlock.openProject', healthy.root]]);
      expect(problems()).toEqual([]);
    } finally {
      await healthy.cleanup();
    }
  });
});
