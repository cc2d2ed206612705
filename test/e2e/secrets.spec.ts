/**
 * The secrets workflow end to end in browser mode, against the app's own sandbox: create a
 * connection with the form, see and reveal the stored string, edit, hit a concurrent change,
 * roll back, delete and restore, and import an airflow_settings.yaml.
 */
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { test, expect, watchPageProblems } from './airlock-fixture';
import { sandboxClient } from './secrets-helpers';

const NAME = 'airflow/connections/warehouse_pg';

async function stored(client: SecretsManagerClient, name: string): Promise<string> {
  return (await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString ?? '';
}

test('secrets: create with the form, edit, conflict, roll back, delete, restore, import', async ({ page, airlock }) => {
  test.setTimeout(120_000);
  const problems = watchPageProblems(page);
  await page.goto(airlock.url);
  await page.getByTestId('use-sandbox').click();
  await expect(page.getByTestId('profile-button')).toHaveText(/sandbox/);
  await expect(page.getByTestId('kwargs-source')).toHaveText(/Airflow defaults/);
  await page.getByTestId('load-example-data').click();
  await expect(page.getByTestId('section-connection').getByTestId('secret-row').first()).toBeVisible();
  const sdk = await sandboxClient(airlock);

  // Create a connection with the form.
  await page.getByTestId('new-secret').click();
  await page.getByTestId('new-connection').click();
  const editor = page.getByTestId('secret-editor');
  await editor.getByTestId('secret-id').fill('warehouse_pg');
  await expect(editor.getByTestId('target-name')).toHaveText(NAME);
  await editor.getByTestId('conn-type').selectOption('postgres');
  await editor.getByTestId('conn-host').fill('warehouse.internal.example.com');
  await editor.getByTestId('conn-schema').fill('analytics');
  await editor.getByTestId('conn-login').fill('etl_user');
  await editor.getByTestId('conn-password').fill('p@ss/w:rd#1');
  await editor.getByTestId('conn-port').fill('5432');
  await editor.locator('#extra-sslmode').selectOption('require');
  await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow reads exactly these fields');

  // The exact stored string, masked until revealed; the URI form percent-encodes the password.
  await expect(editor.getByTestId('stored-string-text')).not.toContainText('p@ss');
  await editor.getByTestId('stored-string-reveal').click();
  await expect(editor.getByTestId('stored-string-text')).toHaveText('{"conn_type":"postgres","host":"warehouse.internal.example.com","login":"etl_user","password":"p@ss/w:rd#1","schema":"analytics","port":5432,"extra":{"sslmode":"require"}}');
  await editor.getByTestId('storage-format').locator('label', { hasText: 'URI' }).click();
  await expect(editor.getByTestId('stored-string-text')).toHaveText('postgres://etl_user:p%40ss%2Fw%3Ard%231@warehouse.internal.example.com:5432/analytics?sslmode=require');
  await expect(editor.getByTestId('airflow-check')).toHaveText('Airflow reads exactly these fields');
  await page.setViewportSize({ width: 1280, height: 1350 });
  await page.screenshot({ path: 'test-results/screenshots/secrets-connection-editor.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await editor.getByTestId('storage-format').locator('label', { hasText: 'JSON' }).click();

  await editor.getByTestId('editor-save').click();
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('review-command')).toContainText(`aws secretsmanager create-secret --name ${NAME}`);
  await expect(review.getByTestId('review-command')).toContainText("--secret-string '****'");
  await expect(review.getByTestId('review-command')).not.toContainText('p@ss');
  await review.getByTestId('review-confirm').click();
  await expect(review).toBeHidden();
  await expect(editor.getByTestId('editor-name')).toHaveText(NAME);
  await expect(page.locator(`[data-testid="secret-row"][data-name="${NAME}"]`)).toBeVisible();
  expect(JSON.parse(await stored(sdk, NAME))).toMatchObject({ conn_type: 'postgres', password: 'p@ss/w:rd#1', port: 5432 });

  // Edit: a review shows the diff before the save.
  await editor.getByTestId('conn-port').fill('5433');
  await expect(editor.getByTestId('unsaved')).toBeVisible();
  await editor.getByTestId('editor-save').click();
  await expect(review.getByTestId('review-diff')).not.toContainText('5433');
  await review.getByTestId('review-diff').locator('[data-kind="add"]').getByTestId('diff-reveal').click();
  await expect(review.getByTestId('review-diff').locator('[data-kind="add"]')).toContainText('"port": 5433');
  await expect(review.getByTestId('review-command')).toContainText(`put-secret-value --secret-id ${NAME} --secret-string '****'`);
  await review.getByTestId('review-confirm').click();
  await expect(editor.getByTestId('editor-notice')).toContainText('Saved');
  expect(JSON.parse(await stored(sdk, NAME))).toMatchObject({ port: 5433 });

  // Someone else changes it behind the UI's back: the save shows both values instead of overwriting.
  await sdk.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: JSON.stringify({ conn_type: 'postgres', host: 'warehouse.internal.example.com', login: 'etl_user', password: 'rotated-by-ops', schema: 'analytics', port: 6543 }) }));
  await editor.getByTestId('conn-login').fill('etl_admin');
  await editor.getByTestId('editor-save').click();
  await review.getByTestId('review-confirm').click();
  const conflict = editor.getByTestId('conflict-panel');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-diff').locator('[data-kind="del"]').first()).toBeVisible();
  expect(JSON.parse(await stored(sdk, NAME))).toMatchObject({ password: 'rotated-by-ops', port: 6543 });
  await page.screenshot({ path: 'test-results/screenshots/secrets-conflict.png' });
  await conflict.getByTestId('conflict-mine').click();
  await expect(review.getByTestId('review-diff')).toBeVisible();
  await review.getByTestId('review-confirm').click();
  await expect(editor.getByTestId('editor-notice')).toContainText('Saved');
  expect(JSON.parse(await stored(sdk, NAME))).toMatchObject({ login: 'etl_admin', port: 5433, password: 'p@ss/w:rd#1' });

  // Roll back to the first version.
  await editor.getByRole('tab', { name: 'History' }).click();
  const rows = editor.getByTestId('history-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-stages', 'AWSCURRENT');
  await expect(editor.getByTestId('history-diff')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/secrets-history.png' });
  await rows.last().getByTestId('rollback').click();
  await expect(review.getByTestId('review-command')).toContainText('update-secret-version-stage');
  await review.getByTestId('review-confirm').click();
  await expect(review).toBeHidden();
  await expect(editor.getByTestId('conn-port')).toHaveValue('5432');
  expect(JSON.parse(await stored(sdk, NAME))).toMatchObject({ port: 5432, login: 'etl_user' });

  // Delete with the default 30-day recovery window, then restore.
  await editor.getByTestId('editor-delete').click();
  await expect(review.getByTestId('recovery-days')).toHaveValue('30');
  await expect(review.getByTestId('review-command')).toContainText(`delete-secret --secret-id ${NAME} --recovery-window-in-days 30`);
  await review.getByTestId('review-confirm').click();
  await expect(page.getByTestId('secret-editor')).toBeHidden();
  await expect(page.locator(`[data-testid="secret-row"][data-name="${NAME}"]`)).toBeHidden();
  await page.getByTestId('tab-scheduled').click();
  const scheduled = page.locator(`[data-testid="scheduled-row"][data-name="${NAME}"]`);
  await scheduled.getByTestId('restore').click();
  await expect(review.getByTestId('review-command')).toContainText(`restore-secret --secret-id ${NAME}`);
  await review.getByTestId('review-confirm').click();
  await expect(scheduled).toBeHidden();
  await page.getByTestId('tab-airflow').click();
  await expect(page.locator(`[data-testid="secret-row"][data-name="${NAME}"]`)).toBeVisible();

  // Import an airflow_settings.yaml with new, changed, identical and invalid items.
  // The example data holds airflow/variables/environment = staging; the file says production.
  await sdk.send(new CreateSecretCommand({ Name: 'airflow/connections/warehouse_postgres', SecretString: 'postgres://etl_user:p%40ss%2Fw%3Ard%231@warehouse.internal.example.com:5432/analytics?sslmode=require' }));
  await page.getByTestId('open-import').click();
  const wizard = page.getByTestId('import-dialog');
  await wizard.locator('input[type="file"]').setInputFiles('test/fixtures/imports/airflow_settings.yaml');
  await wizard.getByTestId('import-preview').click();
  await expect(wizard.getByTestId('count-new')).toHaveText('2 new');
  await expect(wizard.getByTestId('count-changed')).toHaveText('1 changed');
  await expect(wizard.getByTestId('count-identical')).toHaveText('1 identical');
  await expect(wizard.getByTestId('count-invalid')).toHaveText('2 invalid');
  await wizard.locator('[data-testid="import-row"][data-id="environment"]').getByTestId('import-diff-toggle').click();
  await expect(wizard.getByTestId('import-diff')).toBeVisible();
  await wizard.getByTestId('import-policy').locator('label', { hasText: 'Overwrite them' }).click();
  await wizard.getByText('Reveal values').click();
  await expect(wizard.getByTestId('import-diff')).toContainText('production');
  await page.screenshot({ path: 'test-results/screenshots/secrets-import-preview.png' });
  await wizard.getByTestId('import-run').click();
  await expect(wizard.getByTestId('import-result')).toContainText('Done: 2 created, 1 updated, 1 unchanged, 2 skipped as invalid');
  expect(await stored(sdk, 'airflow/variables/environment')).toBe('production');
  // Running the same import again writes nothing.
  await wizard.getByTestId('import-run').click();
  await expect(wizard.getByTestId('import-result')).toContainText('Done: 4 unchanged, 2 skipped as invalid');

  expect(problems()).toEqual([]);
});

test('secrets: the outside view finds misplaced secrets and moves one to the name Airflow reads', async ({ page, airlock }) => {
  const problems = watchPageProblems(page);
  await page.goto(airlock.url);
  await page.getByTestId('use-sandbox').click();
  await page.getByTestId('load-example-data').click();
  await expect(page.getByTestId('section-connection').getByTestId('secret-row').first()).toBeVisible();

  await page.getByTestId('tab-outside').click();
  const legacy = page.locator('[data-testid="outside-row"][data-name="/airflow/connections/legacy_db"]');
  await expect(legacy).toContainText('leading /');
  await expect(legacy).toContainText('airflow/connections/legacy_db');
  await page.getByTestId('check-connection-values').click();
  await expect(page.locator('[data-testid="outside-row"][data-name="airflow/connections/my_secret"]')).toContainText('airflow/variables/my_secret');

  await legacy.getByTestId('outside-move').click();
  const review = page.getByTestId('review-dialog');
  await expect(review.getByTestId('move-target')).toHaveText('airflow/connections/legacy_db');
  await expect(review.getByTestId('review-command')).toContainText('delete-secret --secret-id /airflow/connections/legacy_db --recovery-window-in-days 30');
  await review.getByTestId('review-confirm').click();
  await expect(legacy).toBeHidden();

  const sdk = await sandboxClient(airlock);
  expect(await stored(sdk, 'airflow/connections/legacy_db')).toContain('postgresql://legacy:');
  await page.getByTestId('tab-airflow').click();
  await expect(page.locator('[data-testid="secret-row"][data-name="airflow/connections/legacy_db"]')).toBeVisible();
  expect(problems()).toEqual([]);
});
