/**
 * Issue 9 item 1 and its acceptance check: secret values never reach the page before the user
 * reveals them, and never reach a file, a log line or a command line.
 *
 * A connection password, a variable value, a secret extra, values in an import file, a value in
 * the project's .env and the AWS secret access key of the active profile are each a unique
 * canary. The test walks every screen and dialog in browser mode and, on each, reads the whole
 * page (text, every attribute, every form control's live value): no canary may be there. Then it
 * clicks a reveal and checks that the canary does appear, so the check cannot pass vacuously.
 * At the end it reads every file Airlock wrote (its data folder, the project, its temp folder,
 * HOME), its log output, the event stream the window received, and the argv of every astro call.
 *
 * The AWS side is a Secrets Manager emulator run by this test as "the team's AWS", reached
 * through an ordinary ~/.aws profile with an `endpoint_url`, so the active profile has real
 * static keys (the canary secret key) and Airlock's own sandbox store is never involved.
 */
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { createFakeAstro, defaultWorkspace, type FakeAstro } from '../fakes/astro/fake-astro';
import { copyFixtureProject, type FixtureCopy } from '../unit/electron/projects/fixture-projects';
import { expect, startAirlock, test, watchPageProblems, type AirlockProcess } from './airlock-fixture';
import { placesHolding } from './page-scan';
import { filesHolding, recordEventStream } from './profiles-fixture';

const SCREENSHOTS = 'test-results/screenshots';
test.use({ actionTimeout: 15_000 });
const DEPLOYMENT = 'clx1canary00000000000000';
const run = randomBytes(4).toString('hex');

/** Values that must never be in the page before a reveal, nor in any file, log or argv. */
const canary = {
  connectionPassword: `CanaryConnPw${run}`,
  variableValue: `CanaryVarValue${run}`,
  extraSecret: `CanaryExtraToken${run}`,
  misplacedValue: `CanaryMisplaced${run}`,
  importPassword: `CanaryImportPw${run}`,
  importVariable: `CanaryImportVar${run}`,
} as const;
/** Values the user keeps in files of their own: only those files may hold them afterwards. */
const userFileCanary = {
  /** In the project's .env (a connection URI for astro dev). */
  dotenvPassword: `CanaryDotenvPw${run}`,
  /** The active profile's AWS secret key: ~/.aws/credentials, and the project's .env once deployed there. */
  awsSecretKey: `CanaryAwsSecretKey${run}`,
  /** A credential in the backend kwargs of the project's Dockerfile. */
  kwargsSecret: `CanaryKwargsSecret${run}`,
} as const;
/** The one project file each user-file canary may be in. */
const projectFileOf: Readonly<Record<keyof typeof userFileCanary, string>> = { dotenvPassword: '.env', awsSecretKey: '.env', kwargsSecret: 'Dockerfile' };
const neverInFiles = Object.values(canary);
const everyCanary = [...neverInFiles, ...Object.values(userFileCanary)];

const WAREHOUSE = 'airflow/connections/warehouse_pg';
const WAREHOUSE_URI = `postgresql://airflow_etl:${canary.connectionPassword}%26demo@db.internal.example.com:5432/analytics`;
const PARTNER = 'airflow/connections/partner_api';
const BROKEN = 'airflow/connections/broken_uri';
const THRESHOLD = 'airflow/variables/orders_threshold';

interface World {
  readonly aws: SandboxHandle;
  readonly sdk: SecretsManagerClient;
  readonly fake: FakeAstro;
  readonly project: FixtureCopy;
  readonly scratch: string;
  readonly appTemp: string;
  readonly app: AirlockProcess;
  /** Ends Airlock, keeping everything it wrote for the scan. */
  readonly exit: () => Promise<void>;
  /** Removes every folder of the run. */
  readonly cleanup: () => Promise<void>;
}

async function seedSecrets(sdk: SecretsManagerClient): Promise<void> {
  const create = (name: string, value: string) => sdk.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  await create(WAREHOUSE, WAREHOUSE_URI.replace(':5432', ':5431'));
  // A second version, so History has a diff to show.
  await sdk.send(new PutSecretValueCommand({ SecretId: WAREHOUSE, SecretString: WAREHOUSE_URI }));
  await create(PARTNER, JSON.stringify({ conn_type: 'http', host: 'partner.example.com', schema: 'https', extra: { Authorization: `Bearer ${canary.extraSecret}` } }));
  // Airflow cannot parse this one: the editor opens it in the Stored string tab.
  await create(BROKEN, `postgres://etl:${canary.connectionPassword}@legacy-db:notaport/warehouse`);
  await create(THRESHOLD, canary.variableValue);
  // Misplaced: a leading slash (outside the prefixes), and a variable under the connections prefix.
  await create('/airflow/variables/legacy_token', canary.misplacedValue);
  await create('airflow/connections/api_token', canary.misplacedValue);
}

async function startWorld(): Promise<World> {
  const aws = await startSandbox({ port: 0 });
  const sdk = new SecretsManagerClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: 'AKIASEEDER0000000001', secretAccessKey: 'seeder' }, maxAttempts: 1 });
  await seedSecrets(sdk);
  const fake = createFakeAstro({
    deployments: [{ id: DEPLOYMENT, name: 'canary-prod', workspaceId: defaultWorkspace.id, variables: [{ key: 'ENV_TYPE', value: 'production' }] }],
  });
  const project = await copyFixtureProject('needs-setup');
  const dotenv = path.join(project.root, '.env');
  await writeFile(dotenv, (await readFile(dotenv, 'utf8')).replace('hunter2', userFileCanary.dotenvPassword));
  // The Dockerfile already has the backend, with a credential in its kwargs (which Airlock advises against).
  const kwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'us-east-1', aws_access_key_id: 'AKIAKWARGS0000000001', aws_secret_access_key: userFileCanary.kwargsSecret });
  const dockerfile = path.join(project.root, 'Dockerfile');
  await writeFile(dockerfile, `${await readFile(dockerfile, 'utf8')}ENV AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend\r\nENV AIRFLOW__SECRETS__BACKEND_KWARGS='${kwargs}'\r\n`);
  // .env git-ignored too, so deploying keys into it needs no other change.
  await writeFile(path.join(project.root, '.gitignore'), `${await readFile(path.join(project.root, '.gitignore'), 'utf8')}.env\n`);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'airlock-canary-'));
  // Airlock's own temp folder, so everything it puts there can be read afterwards.
  const appTemp = path.join(scratch, 'app-tmp');
  await mkdir(appTemp);
  const { app, exit, stop } = await startAirlock({
    env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, TMPDIR: appTemp, AIRLOCK_LOG_LEVEL: 'debug' },
    prepareHome: async (home) => {
      await mkdir(path.join(home, '.aws'), { recursive: true });
      await writeFile(path.join(home, '.aws', 'config'), `[profile canary]\nregion = us-east-1\nendpoint_url = ${aws.url}\n`);
      await writeFile(path.join(home, '.aws', 'credentials'), `[canary]\naws_access_key_id = AKIACANARY${run.toUpperCase()}00\naws_secret_access_key = ${userFileCanary.awsSecretKey}\n`, { mode: 0o600 });
    },
  });
  const cleanup = async () => {
    await stop();
    fake.cleanup();
    await project.cleanup();
    await aws.close();
    await rm(scratch, { recursive: true, force: true });
  };
  return { aws, sdk, fake, project, scratch, appTemp, app, exit, cleanup };
}

/** Nothing secret is readable anywhere in the page. */
async function expectNoCanary(page: Page, screen: string): Promise<void> {
  const hits = await page.evaluate(placesHolding, everyCanary);
  expect(hits, `${screen}: readable in the page before any reveal`).toEqual([]);
}

/** The reveal shows the value: the check above is not blind to it. */
async function expectRevealed(page: Page, screen: string, value: string): Promise<void> {
  const hits = await page.evaluate(placesHolding, [value]);
  expect(hits, `${screen}: the reveal must show it`).not.toEqual([]);
}

/** Flips a Blueprint switch by its label, as a user does (the input itself sits under its indicator). */
async function toggle(input: Locator): Promise<void> {
  await input.locator('xpath=ancestor::label[1]').click();
}

async function shoot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: `${SCREENSHOTS}/canary-${name}.png` });
}

async function openSecret(page: Page, name: string): Promise<Locator> {
  await page.locator(`[data-testid="secret-row"][data-name="${name}"]`).click();
  const editor = page.getByTestId('secret-editor');
  await expect(editor.getByTestId('editor-name')).toHaveText(name);
  await expect(editor.locator('.editor-meta')).toBeVisible();
  return editor;
}

async function closeEditor(page: Page): Promise<void> {
  await page.getByTestId('editor-close').click();
  await expect(page.getByTestId('secret-editor')).toBeHidden();
}

test('issue 9 item 1: no canary in the page before a reveal, nor in any file, log or argv', async ({ page }) => {
  test.setTimeout(300_000);
  await mkdir(SCREENSHOTS, { recursive: true });
  const world = await startWorld();
  const events = recordEventStream(world.app.origin, world.app.token);
  const problems = watchPageProblems(page);
  try {
    await walkEveryScreen(page, world);
    expect(problems()).toEqual([]);
    events.stop();
    await world.exit();
    await test.step('no canary in any file Airlock wrote, its logs, the window\'s events or argv', () => scanWhatAirlockLeft(world, events.text()));
  } finally {
    events.stop();
    await world.cleanup();
  }
});

async function walkEveryScreen(page: Page, world: World): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(world.app.url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

  await test.step('profile menu and identity', async () => {
    await page.getByTestId('profile-button').click();
    await expect(page.getByTestId('profile-item-canary')).toBeVisible();
    await expectNoCanary(page, 'profile menu');
    await page.getByTestId('profile-item-canary').click();
    await expect(page.getByTestId('profile-button')).toHaveText(/canary/);
    await expect(page.getByTestId('identity')).toContainText('000000000000');
    await page.getByTestId('identity').click();
    await expect(page.getByTestId('identity-details')).toBeVisible();
    await expectNoCanary(page, 'identity details');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('identity-details')).toBeHidden();
  });

  await test.step('secrets list', async () => {
    await expect(page.locator(`[data-testid="secret-row"][data-name="${WAREHOUSE}"]`)).toBeVisible();
    await expect(page.locator(`[data-testid="secret-row"][data-name="${THRESHOLD}"]`)).toBeVisible();
    await expectNoCanary(page, 'secrets list');
  });

  await test.step('connection editor: Form, Stored string, What Airflow reads, stored block', async () => {
    const editor = await openSecret(page, WAREHOUSE);
    await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow reads exactly these fields');
    await expectNoCanary(page, 'connection editor, Form');
    await expect(editor.getByTestId('conn-password-masked')).toBeVisible();
    await shoot(editor, 'connection-form');
    await editor.getByTestId('conn-password-reveal').click();
    await expect(editor.getByTestId('conn-password')).toHaveValue(`${canary.connectionPassword}&demo`);
    await expectRevealed(page, 'connection editor, Form password', canary.connectionPassword);
    await editor.getByTestId('conn-password-reveal').click();
    await expect(editor.getByTestId('conn-password-masked')).toBeVisible();

    await editor.getByTestId('connection-mode').getByText('Stored string').click();
    await expect(editor.getByText('Exactly what is stored in Secrets Manager')).toBeVisible();
    await expectNoCanary(page, 'connection editor, Stored string');
    await expect(editor.getByTestId('conn-raw-masked')).toBeVisible();
    await shoot(editor, 'stored-string');
    await editor.getByTestId('conn-raw-reveal').click();
    await expect(editor.getByTestId('conn-raw').locator('.cm-content')).toHaveText(WAREHOUSE_URI);
    await expectRevealed(page, 'connection editor, Stored string', canary.connectionPassword);
    await editor.getByTestId('conn-raw-hide').click();
    await expect(editor.getByTestId('conn-raw-masked')).toBeVisible();

    // Copy puts the real value on the clipboard without showing it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.app.origin });
    await editor.getByTestId('stored-string').getByRole('button', { name: 'Copy' }).click();
    await expect(editor.getByTestId('stored-string').getByRole('button', { name: /Copied/ })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(WAREHOUSE_URI);
    await expectNoCanary(page, 'after copying the stored string');
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await editor.getByTestId('stored-string-reveal').click();
    await expect(editor.getByTestId('stored-string-text')).toHaveText(WAREHOUSE_URI);
    await editor.getByTestId('stored-string-reveal').click();
    await expect(editor.getByTestId('stored-string-text')).not.toHaveText(WAREHOUSE_URI);
    await editor.getByTestId('connection-mode').getByText('Form').click();
    await expect(editor.getByTestId('conn-password-masked')).toBeVisible();
    await expectNoCanary(page, 'connection editor, back on the Form');
  });

  await test.step('connection editor: History with its diff', async () => {
    const editor = page.getByTestId('secret-editor');
    await editor.getByRole('tab', { name: 'History' }).click();
    await expect(editor.getByTestId('history-row')).toHaveCount(2);
    await expect(editor.getByTestId('history-diff')).toBeVisible();
    await expectNoCanary(page, 'History');
    await toggle(editor.getByTestId('history-diff-reveal-all'));
    await expectRevealed(page, 'History diff', canary.connectionPassword);
    await toggle(editor.getByTestId('history-diff-reveal-all'));
    await expect(editor.getByTestId('history-diff')).not.toContainText(canary.connectionPassword);
    await editor.getByRole('tab', { name: 'Edit' }).click();
    await expect(editor.getByTestId('conn-password-masked')).toBeVisible();
  });

  await test.step('save review, conflict dialog', async () => {
    const editor = page.getByTestId('secret-editor');
    await editor.getByTestId('conn-port').fill('5433');
    await editor.getByTestId('add-tag').click();
    await editor.locator('.tag-row input').first().fill('team');
    await editor.locator('.tag-row input').nth(1).fill('data');
    await editor.getByTestId('editor-save').click();
    const review = page.getByTestId('review-dialog');
    await expect(review.getByTestId('review-command')).toContainText('put-secret-value');
    await expectNoCanary(page, 'review of a save');
    await shoot(page, 'review');
    await toggle(review.getByTestId('review-diff-reveal-all'));
    await expectRevealed(page, 'review diff', canary.connectionPassword);
    await toggle(review.getByTestId('review-diff-reveal-all'));
    await review.getByTestId('review-confirm').click();
    await expect(editor.getByTestId('editor-notice')).toContainText('Saved');
    await expectNoCanary(page, 'after a save');

    // Someone else saves meanwhile: the next save shows both values, masked.
    await world.sdk.send(new PutSecretValueCommand({ SecretId: WAREHOUSE, SecretString: WAREHOUSE_URI.replace(':5432', ':6543') }));
    await editor.getByTestId('conn-port').fill('5434');
    await editor.getByTestId('editor-save').click();
    await review.getByTestId('review-confirm').click();
    const conflict = editor.getByTestId('conflict-panel');
    await expect(conflict.getByTestId('conflict-diff')).toBeVisible();
    await expectNoCanary(page, 'conflict dialog');
    await toggle(conflict.getByTestId('conflict-diff-reveal-all'));
    await expectRevealed(page, 'conflict diff', canary.connectionPassword);
    await toggle(conflict.getByTestId('conflict-diff-reveal-all'));
    await conflict.getByTestId('conflict-theirs').click();
    await expect(conflict).toBeHidden();
    await expect(editor.getByTestId('conn-password-masked')).toBeVisible();
    await expectNoCanary(page, 'after taking theirs');
    await closeEditor(page);
  });

  await test.step('a connection Airflow cannot parse, a secret extra, a variable', async () => {
    let editor = await openSecret(page, BROKEN);
    await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow cannot read this connection');
    await expectNoCanary(page, 'unparsable connection');
    await expect(editor.getByTestId('conn-raw-masked')).toBeVisible();
    await closeEditor(page);

    editor = await openSecret(page, PARTNER);
    await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow reads exactly these fields');
    await expectNoCanary(page, 'connection with a secret extra');
    await expect(editor.getByTestId('conn-extra-masked')).toBeVisible();
    await editor.getByTestId('conn-extra-reveal').click();
    await expect(editor.getByTestId('conn-extra').locator('.cm-content')).toHaveText(new RegExp(canary.extraSecret));
    await expectRevealed(page, 'secret extra', canary.extraSecret);
    await closeEditor(page);

    editor = await openSecret(page, THRESHOLD);
    await expect(editor.getByTestId('variable-reveal')).toBeVisible();
    await expectNoCanary(page, 'variable editor');
    await shoot(editor, 'variable');
    await editor.getByTestId('variable-reveal').click();
    await expect(editor.getByTestId('variable-value').locator('.cm-content')).toHaveText(canary.variableValue);
    // Issue 11 item 11: CodeMirror's own rules apply under the CSP (style-src 'self'): they are a
    // constructed style sheet in the editor's shadow root, not a <style> element the CSP refuses.
    await expect(editor.getByTestId('variable-value').locator('.cm-editor')).toHaveCSS('display', 'flex');
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(0);
    await expectRevealed(page, 'variable editor', canary.variableValue);
    await closeEditor(page);
  });

  await test.step('delete dialog, scheduled for deletion, restore dialog', async () => {
    const editor = await openSecret(page, BROKEN);
    await editor.getByTestId('editor-delete').click();
    const review = page.getByTestId('review-dialog');
    await expect(review.getByTestId('recovery-days')).toBeVisible();
    await expectNoCanary(page, 'delete dialog');
    await review.getByTestId('review-confirm').click();
    await expect(page.getByTestId('secret-editor')).toBeHidden();
    await page.getByTestId('tab-scheduled').click();
    const row = page.locator(`[data-testid="scheduled-row"][data-name="${BROKEN}"]`);
    await expect(row).toBeVisible();
    await expectNoCanary(page, 'scheduled for deletion');
    await row.getByTestId('restore').click();
    await expect(review.getByTestId('review-command')).toContainText('restore-secret');
    await expectNoCanary(page, 'restore dialog');
    await review.getByTestId('review-cancel').click();
    await expect(review).toBeHidden();
  });

  await test.step('outside the prefixes, checking connection values, the move dialog', async () => {
    await page.getByTestId('tab-outside').click();
    const legacy = page.locator('[data-testid="outside-row"][data-name="/airflow/variables/legacy_token"]');
    await expect(legacy).toBeVisible();
    await expectNoCanary(page, 'outside the prefixes');
    await page.getByTestId('check-connection-values').click();
    await expect(page.locator('[data-testid="outside-row"][data-name="airflow/connections/api_token"]')).toBeVisible();
    await expectNoCanary(page, 'after checking connection values');
    await legacy.getByTestId('outside-move').click();
    const review = page.getByTestId('review-dialog');
    await expect(review.getByTestId('move-target')).toHaveText('airflow/variables/legacy_token');
    await expectNoCanary(page, 'move dialog');
    await review.getByTestId('review-confirm').click();
    await expect(legacy).toBeHidden();
    await expectNoCanary(page, 'after the move');
    await page.getByTestId('tab-airflow').click();
  });

  await test.step('import preview and result', async () => {
    const file = path.join(world.scratch, 'airflow_settings.yaml');
    await writeFile(
      file,
      [
        'airflow:',
        '  connections:',
        '    - conn_id: imported_db',
        '      conn_type: postgres',
        '      conn_host: imported.example.com',
        '      conn_login: importer',
        `      conn_password: ${canary.importPassword}`,
        '      conn_port: 5432',
        '  variables:',
        '    - variable_name: orders_threshold',
        `      variable_value: ${canary.importVariable}`,
        '',
      ].join('\n'),
    );
    await page.getByTestId('open-import').click();
    const wizard = page.getByTestId('import-dialog');
    await wizard.locator('input[type="file"]').setInputFiles(file);
    await wizard.getByTestId('import-preview').click();
    await expect(wizard.getByTestId('count-new')).toHaveText('1 new');
    await expect(wizard.getByTestId('count-changed')).toHaveText('1 changed');
    await expectNoCanary(page, 'import preview');
    for (const toggle of await wizard.getByTestId('import-diff-toggle').all()) await toggle.click();
    await expect(wizard.getByTestId('import-diff')).toHaveCount(2);
    await expectNoCanary(page, 'import preview with its diffs open');
    await shoot(page, 'import-preview');
    await toggle(wizard.getByTestId('import-diff-reveal-all').first());
    await toggle(wizard.getByTestId('import-diff-reveal-all').last());
    for (const value of [canary.importPassword, canary.importVariable, canary.variableValue]) await expectRevealed(page, 'import diff', value);
    await toggle(wizard.getByTestId('import-diff-reveal-all').first());
    await toggle(wizard.getByTestId('import-diff-reveal-all').last());
    await expectNoCanary(page, 'import preview, hidden again');
    await wizard.getByTestId('import-policy').locator('label', { hasText: 'Overwrite them' }).click();
    await wizard.getByTestId('import-dry-run').click();
    await expect(wizard.getByTestId('import-result')).toContainText('Dry run');
    await expectNoCanary(page, 'import dry run');
    await wizard.getByTestId('import-run').click();
    await expect(wizard.getByTestId('import-result')).toContainText('Done: 1 created, 1 updated');
    await expectNoCanary(page, 'import result');
    await wizard.getByRole('button', { name: 'Close' }).click();
    await expect(wizard).toBeHidden();
  });

  await test.step('export dialog', async () => {
    await page.getByTestId('open-export').click();
    const dialog = page.getByTestId('export-dialog');
    await expectNoCanary(page, 'export dialog');
    const download = page.waitForEvent('download');
    await dialog.getByTestId('export-run').click();
    await expect(dialog.getByTestId('export-result')).toContainText('exported');
    // Without the box ticked, the file lists ids only.
    const saved = await readFile(await (await download).path(), 'utf8');
    expect(everyCanary.filter((value) => saved.includes(value))).toEqual([]);
    await expectNoCanary(page, 'export result');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('projects: health, review of a .env fix, files, kwargs, DAG references', async () => {
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-path').fill(world.project.root);
    await page.getByTestId('open-project').click();
    await expect(page.getByTestId('health-panel')).toBeVisible();
    await expect(page.getByTestId('health-item-local-credentials')).toBeVisible();
    await expectNoCanary(page, 'project health');

    await page.getByTestId('health-item-local-credentials').getByTestId('health-fix').click();
    const dialog = page.getByTestId('review-dialog');
    const secretLine = dialog.locator('.diff-line', { hasText: 'AWS_SECRET_ACCESS_KEY=' });
    await expect(secretLine).toHaveAttribute('data-masked', 'true');
    await expectNoCanary(page, '.env review');
    await shoot(page, 'dotenv-review');
    await secretLine.getByTestId('reveal-line').click();
    await expect(secretLine.getByTestId('diff-text')).toContainText(userFileCanary.awsSecretKey);
    await expectRevealed(page, '.env review', userFileCanary.awsSecretKey);
    await dialog.getByTestId('review-cancel').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('tab-files').click();
    await expect(page.locator('[data-testid="file-facts"][data-file=".env"]')).toBeVisible();
    await expectNoCanary(page, 'files panel');
    await page.getByTestId('tab-kwargs').click();
    await expect(page.getByTestId('kwarg-region_name-input')).toHaveValue('us-east-1');
    await expectNoCanary(page, 'kwargs editor');
    await page.getByTestId('kwargs-json-reveal').click();
    await expect(page.getByTestId('kwargs-json').locator('.cm-content')).toHaveText(new RegExp(userFileCanary.kwargsSecret));
    await expectRevealed(page, 'kwargs editor', userFileCanary.kwargsSecret);
    await page.getByTestId('kwargs-json-hide').click();
    await expectNoCanary(page, 'kwargs editor, hidden again');
    await page.getByTestId('tab-dags').click();
    const legacyRow = page.locator('[data-testid="dag-row"][data-id="legacy_db"]');
    await expect(legacyRow).toBeVisible();
    await expectNoCanary(page, 'DAG references');
    // Its tooltip names where else it is defined: the .env line that holds a password.
    await legacyRow.locator('.source-tag', { hasText: '.env' }).hover();
    await expect(page.locator('.bp6-tooltip')).toContainText('AIRFLOW_CONN_LEGACY_DB');
    await expectNoCanary(page, 'DAG references, a tooltip open');
  });

  await test.step('import from the project .env', async () => {
    await page.getByTestId('nav-secrets').click();
    await page.getByTestId('open-import').click();
    const wizard = page.getByTestId('import-dialog');
    await wizard.getByRole('button', { name: '.env' }).click();
    await wizard.getByTestId('import-preview').click();
    await expect(wizard.locator('[data-testid="import-row"][data-id="legacy_db"]')).toBeVisible();
    await expectNoCanary(page, 'import preview of the project .env');
    await wizard.getByRole('button', { name: 'Close' }).click();
    await expect(wizard).toBeHidden();
  });

  await test.step('deploy: review, reveal, deploy, results', async () => {
    await page.getByTestId('nav-deploy').click();
    await page.getByTestId('target-deployment').selectOption({ label: 'canary-prod · runtime 3.1-12' });
    await page.getByTestId('target-save').click();
    const plan = page.getByTestId('deploy-plan');
    await expect(plan).toBeVisible();
    await toggle(page.getByTestId('include-aws'));
    const secretRow = plan.getByTestId('deploy-row-AWS_SECRET_ACCESS_KEY');
    await expect(secretRow).toBeVisible();
    await expect(plan.getByTestId('target-dotenv').getByTestId('planned-diff')).toBeVisible();
    await expectNoCanary(page, 'deploy review');
    await shoot(page.getByTestId('deploy-review'), 'deploy-review');
    await secretRow.getByTestId('reveal-value').click();
    await expect(secretRow.getByTestId('desired-value')).toHaveText(userFileCanary.awsSecretKey);
    await expectRevealed(page, 'deploy review', userFileCanary.awsSecretKey);
    await secretRow.getByTestId('reveal-value').click();
    await expect(secretRow.getByTestId('desired-value')).not.toHaveText(userFileCanary.awsSecretKey);
    await expectNoCanary(page, 'deploy review, hidden again');

    await page.getByTestId('deploy-button').click();
    const results = page.getByTestId('deploy-results');
    await expect(results).toHaveAttribute('data-outcome', 'deployed', { timeout: 60_000 });
    await expectNoCanary(page, 'deploy results');
  });

  await test.step('audit log', async () => {
    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await expectNoCanary(page, 'audit log');
  });

  await test.step('settings', async () => {
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('astro-settings')).toBeVisible();
    await expect(page.getByTestId('production-settings')).toContainText('canary');
    await expectNoCanary(page, 'settings');
  });
}

/** Every file Airlock wrote, its logs, what the window was pushed and every command line it ran. */
async function scanWhatAirlockLeft(world: World, eventStream: string): Promise<void> {
  // Airlock's data folder. (Airlock's own sandbox store, sandbox-secrets.json, is a fake AWS's
  // data and would legitimately hold values: this run never starts it, since the profile points
  // at the emulator this test runs, so the whole folder is scanned.)
  expect(await filesHolding(world.app.airlockHome, everyCanary), 'the data folder').toEqual([]);
  // The audit log (in the data folder, so scanned above) recorded each kind of write the walk made.
  const audited = (await readFile(path.join(world.app.airlockHome, 'audit', 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; outcome: string });
  expect(new Set(audited.map((entry) => `${entry.action}:${entry.outcome}`)), 'issue 14 item 5: the audit log records every write path of the walk').toEqual(
    new Set(['secrets.update:ok', 'secrets.update:failed', 'secrets.delete:ok', 'secrets.move:ok', 'secrets.importRun:ok', 'deploy.setTarget:ok', 'deploy.apply:ok']),
  );
  // Airlock's temp folder (the deploy's --load files went there): gone or clean.
  const loadFiles = world.fake.calls().flatMap((call) => (call.loadFile === null ? [] : [call.loadFile.path]));
  expect(loadFiles.length).toBeGreaterThan(0);
  for (const file of loadFiles) expect(file.startsWith(`${world.appTemp}${path.sep}`), `${file} is in Airlock's temp folder`).toBe(true);
  expect(await filesHolding(world.appTemp, everyCanary), 'the temp folder').toEqual([]);
  // HOME: only the user's own credentials file holds the AWS key.
  expect(await filesHolding(world.app.home, everyCanary, [path.join(world.app.home, '.aws', 'credentials')]), 'HOME').toEqual([]);
  // The project: the user's .env and Dockerfile hold their values, and the deploy wrote the AWS
  // keys into .env as asked. No other file may hold them, and no file any other value.
  expect(await filesHolding(world.project.root, neverInFiles), 'the project folder').toEqual([]);
  for (const [name, file] of Object.entries(projectFileOf) as [keyof typeof userFileCanary, string][]) {
    expect(await filesHolding(world.project.root, [userFileCanary[name]], [path.join(world.project.root, file)]), `the project folder except ${file}`).toEqual([]);
  }
  expect(await readFile(path.join(world.project.root, '.env'), 'utf8')).toContain(`AWS_SECRET_ACCESS_KEY=${userFileCanary.awsSecretKey}`);
  // The logs: stdout and stderr of the whole run, at debug level.
  const logs = world.app.output();
  expect(logs).toContain('[airlock] info: project files written');
  expect(everyCanary.filter((value) => logs.includes(value)), 'the log output').toEqual([]);
  // What the window was pushed (deploy output included).
  expect(eventStream).toContain('deploy.output');
  expect(everyCanary.filter((value) => eventStream.includes(value)), 'the event stream').toEqual([]);
  // The argv of every astro call.
  const calls = world.fake.calls();
  expect(calls.filter((call) => call.command === 'deployment variable update').length).toBeGreaterThan(0);
  const argv = calls.flatMap((call) => call.argv).join('\n');
  expect(everyCanary.filter((value) => argv.includes(value)), 'astro argv').toEqual([]);
}
