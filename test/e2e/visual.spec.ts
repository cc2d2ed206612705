/**
 * Issue 10 acceptance: every view at 1024x700 and 1440x900, light and dark, checked in the page
 * and photographed into test-results/screenshots/visual/ (to look at; nothing compares pixels).
 *
 * In each state: no name, id or command clips or breaks a word (layout-check.ts), the document
 * never scrolls and the header stays at the top. With the editor open, its actions stay in view.
 * The world: the sandbox with the example data plus long names, the needs-setup project, and
 * the fake astro CLI with one Deployment chosen as the project's target.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createFakeAstro, defaultWorkspace } from '../fakes/astro/fake-astro';
import { copyFixtureProject } from '../unit/electron/projects/fixture-projects';
import { expect, startAirlock, test, watchPageProblems } from './airlock-fixture';
import { exactTextProblems, frameProblems, whollyInView } from './layout-check';
import { callApi } from './projects-helpers';

const OUT = 'test-results/screenshots/visual';
const DEPLOYMENT = 'clx1prod0000000000000000';
const LONG_CONNECTION = 'warehouse_postgres_replica_eu_central';
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;

/** Checks and photographs the current state in every size and theme. */
async function checkEverywhere(page: Page, state: string, extra?: () => Promise<void>): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `${state} at ${size.width}x${size.height} ${theme}`;
      await expect(page.locator('body')).toHaveClass(theme === 'dark' ? /bp6-dark/ : /^(?!.*bp6-dark)/);
      // Layout settles in the next frames (resize observers, container queries).
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await page.evaluate(frameProblems), `${where}: the frame`).toEqual([]);
      expect(await page.evaluate(exactTextProblems), `${where}: names and commands`).toEqual([]);
      await extra?.();
      await page.screenshot({ path: `${OUT}/${state}-${size.width}x${size.height}-${theme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('issue 10 acceptance and items 1, 2: every view at 1024x700 and 1440x900, light and dark, shows names whole and keeps the frame still', async ({ page }) => {
  test.setTimeout(90_000);
  await mkdir(OUT, { recursive: true });
  const fake = createFakeAstro({ deployments: [{ id: DEPLOYMENT, name: 'prod', workspaceId: defaultWorkspace.id }] });
  const project = await copyFixtureProject('needs-setup');
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  const problems = watchPageProblems(page);
  try {
    await callApi(app, 'profiles.select', { name: 'sandbox' });
    await callApi(app, 'sandbox.loadExampleData', {});
    await callApi(app, 'secrets.create', { kwargs: '', kind: 'connection', id: LONG_CONNECTION, value: 'postgres://etl_user:secret@replica.eu-central-1.rds.amazonaws.com:5432/analytics', description: 'Read replica for the reporting DAGs', clientRequestToken: crypto.randomUUID() });
    await callApi(app, 'deploy.setTarget', { path: project.root, workspaceId: defaultWorkspace.id, deploymentId: DEPLOYMENT });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize(SIZES[0]);
    await page.goto(app.url);
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-path').fill(project.root);
    await page.getByTestId('open-project').click();
    await expect(page.getByTestId('health-panel')).toBeVisible();

    await test.step('the checks themselves catch a clipped name, mid-word breaks and an ellipsis without the name', async () => {
      const fixture = await page.evaluateHandle(() => {
        const box = document.createElement('div');
        box.style.position = 'fixed';
        box.style.top = '60px';
        box.style.left = '10px';
        box.style.width = '90px';
        box.style.zIndex = '1000';
        const add = (kind: string, text: string, style: Partial<Record<'wordBreak' | 'display' | 'width' | 'overflow' | 'whiteSpace' | 'textOverflow', string>>) => {
          const element = document.createElement('div');
          element.dataset.exact = kind;
          element.textContent = text;
          Object.assign(element.style, style);
          box.append(element);
        };
        add('name', 'airflow/connections/warehouse_postgres', { wordBreak: 'break-all' });
        add('name', 'AIRFLOW__SECRETS__BACKEND', { display: 'inline-block', width: '40px', overflow: 'hidden', whiteSpace: 'nowrap' });
        add('command', 'aws secretsmanager delete-secret --recovery-window-in-days 30', { wordBreak: 'break-all' });
        add('truncate', 'us-east-1-and-more', { width: '40px', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' });
        document.body.append(box);
        return box;
      });
      const found = await page.evaluate(exactTextProblems);
      await fixture.evaluate((element) => element.remove());
      expect(found.filter((line) => line.includes('warehouse_postgres') && line.includes('breaks between'))).not.toEqual([]);
      expect(found.filter((line) => line.includes('AIRFLOW__SECRETS__BACKEND') && line.includes('cut horizontally'))).not.toEqual([]);
      expect(found.filter((line) => line.includes('delete-secret') && line.includes('breaks between'))).not.toEqual([]);
      expect(found.filter((line) => line.includes('us-east-1-and-more') && line.includes('without its full text'))).not.toEqual([]);
    });

    await test.step('issue 10 items 13 and 14: Secrets: the list with the editor open, the toolbar on one row, the editor\'s actions stay in view', async () => {
      await page.getByTestId('nav-secrets').click();
      await page.locator(`[data-testid="secret-row"][data-name="airflow/connections/${LONG_CONNECTION}"]`).click();
      const editor = page.getByTestId('secret-editor');
      await expect(editor.getByTestId('conn-type')).toBeVisible();
      await checkEverywhere(page, 'secrets-editor', async () => {
        expect(await page.evaluate(whollyInView, '[data-testid="editor-save"]'), 'Save stays in view').toBe(true);
        expect(await page.evaluate(whollyInView, '[data-testid="secrets-search"]'), 'the toolbar stays in view').toBe(true);
        // The toolbar fits on one row: its items' vertical centres line up.
        const spread = await page.locator('.secrets-toolbar > *').evaluateAll((items) => {
          const centres = items.map((item) => item.getBoundingClientRect()).map((rect) => rect.top + rect.height / 2);
          return Math.max(...centres) - Math.min(...centres);
        });
        expect(spread, 'the toolbar is one row').toBeLessThan(8);
      });
    });

    await test.step('Secrets: a secret with one version shows that, without Save or Delete under History', async () => {
      const editor = page.getByTestId('secret-editor');
      await editor.getByRole('tab', { name: 'History' }).click();
      await expect(editor.getByTestId('history-single')).toBeVisible();
      await expect(editor.getByTestId('editor-save')).toHaveCount(0);
      await expect(editor.getByTestId('editor-delete')).toHaveCount(0);
      await checkEverywhere(page, 'secrets-history-one-version');
      await editor.getByRole('tab', { name: 'Edit' }).click();
    });

    await test.step('Secrets: the delete review shows its command whole', async () => {
      await page.getByTestId('editor-delete').click();
      await expect(page.getByTestId('review-command')).toContainText('--recovery-window-in-days 30');
      await checkEverywhere(page, 'secrets-delete-review');
      await page.getByTestId('review-cancel').click();
      await expect(page.getByTestId('review-dialog')).toHaveCount(0);
    });

    await test.step('Secrets: the secrets outside the prefixes, with their reasons', async () => {
      await page.getByTestId('editor-close').click();
      await expect(page.getByTestId('secret-editor')).toHaveCount(0);
      await page.getByTestId('tab-outside').click();
      await expect(page.getByTestId('outside-row').first()).toBeVisible();
      await checkEverywhere(page, 'secrets-outside');
      await page.getByTestId('tab-airflow').click();
    });

    await test.step('Projects: health, kwargs editor, DAG references', async () => {
      await page.getByTestId('nav-projects').click();
      await page.getByTestId('tab-health').click();
      await checkEverywhere(page, 'projects-health');
      await page.getByTestId('tab-kwargs').click();
      await expect(page.getByTestId('kwargs-editor')).toBeVisible();
      await checkEverywhere(page, 'projects-kwargs', async () => {
        expect(await page.evaluate(whollyInView, '[data-testid="kwargs-save"]'), 'Save to project stays in view').toBe(true);
      });
      await page.getByTestId('tab-dags').click();
      await expect(page.getByTestId('dag-table')).toBeVisible();
      await checkEverywhere(page, 'projects-dag-references');
    });

    await test.step('Deploy: the review with its commands, the Deploy button in view', async () => {
      await page.getByTestId('nav-deploy').click();
      await expect(page.getByTestId('deploy-plan')).toBeVisible({ timeout: 20_000 });
      await checkEverywhere(page, 'deploy-review', async () => {
        expect(await page.evaluate(whollyInView, '[data-testid="deploy-button"]'), 'Deploy stays in view').toBe(true);
      });
      // Scrolled to the commands: the title stays on top, the Deploy button at the bottom.
      await page.getByTestId('deploy-command').first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await checkEverywhere(page, 'deploy-review-commands', async () => {
        expect(await page.evaluate(whollyInView, '[data-testid="deploy-button"]'), 'Deploy stays in view').toBe(true);
        expect(await page.evaluate(whollyInView, '.deploy-header h2'), 'the title stays in view').toBe(true);
      });
    });

    await test.step('Settings and the profile menu', async () => {
      await page.getByTestId('nav-settings').click();
      await checkEverywhere(page, 'settings');
      await page.getByTestId('profile-button').click();
      await expect(page.getByTestId('profile-menu')).toBeVisible();
      await checkEverywhere(page, 'profile-menu');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('profile-menu')).toHaveCount(0);
    });

    await test.step('issue 10 item 15: focus rings show for keyboard focus only', async () => {
      await page.getByTestId('nav-projects').click();
      const tab = page.getByTestId('tab-health');
      await tab.click();
      const outline = () => page.evaluate(() => {
        const focused = document.activeElement;
        return focused === null ? 'none' : getComputedStyle(focused).outlineStyle;
      });
      expect(await outline(), 'no ring after a click').toBe('none');
      await page.keyboard.press('Tab');
      expect(await outline(), 'a ring after Tab').not.toBe('none');
    });

    expect(problems()).toEqual([]);
  } finally {
    await stop();
    fake.cleanup();
    await project.cleanup();
  }
});
