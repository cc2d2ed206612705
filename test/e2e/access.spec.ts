/**
 * The access check end to end (issue 14 items 1-3), in browser mode against the sandbox (IAM, KMS
 * and Secrets Manager with the example data) and the fake `astro`, whose Deployment reports the
 * workload identity the example role trusts: open a project whose kwargs assume that role, see
 * the checklist row, open Projects → Access, and see each example case with its deciding statement
 * and the fix to copy.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFakeAstro, defaultWorkspace } from '../fakes/astro/fake-astro';
import { copyFixtureProject } from '../unit/electron/projects/fixture-projects';
import { exampleAccess } from '../../electron/services/sandbox';
import { expect, startAirlock, test, watchPageProblems } from './airlock-fixture';
import { callApi } from './projects-helpers';

const SCREENSHOTS = 'test-results/screenshots';
const DEPLOYMENT = 'clx1access000000000000000';
const access = exampleAccess('000000000000', 'us-east-1', 'sandbox');

test('issue 14 items 1-3: the access check shows who reads, each example case with its deciding statement, and the fix', async ({ page }) => {
  test.setTimeout(120_000);
  await mkdir(SCREENSHOTS, { recursive: true });
  const fake = createFakeAstro({ deployments: [{ id: DEPLOYMENT, name: 'analytics-prod', workspaceId: defaultWorkspace.id, workloadIdentity: access.workloadIdentityArn }] });
  const copy = await copyFixtureProject('healthy');
  const dockerfile = path.join(copy.root, 'Dockerfile');
  const kwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'us-east-1', role_arn: access.readerRoleArn });
  await writeFile(dockerfile, (await readFile(dockerfile, 'utf8')).replace(/^ENV AIRFLOW__SECRETS__BACKEND_KWARGS=.*$/m, `ENV AIRFLOW__SECRETS__BACKEND_KWARGS='${kwargs}'`));
  await writeFile(
    path.join(copy.root, '.astro', 'airlock.json'),
    `${JSON.stringify({ version: 1, workspaceId: defaultWorkspace.id, workspaceName: defaultWorkspace.name, deploymentId: DEPLOYMENT, deploymentName: 'analytics-prod', awsProfile: null, production: false }, null, 2)}\n`,
  );
  const { app, stop } = await startAirlock({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE } });
  const problems = watchPageProblems(page);
  try {
    await callApi(app, 'profiles.select', { name: 'sandbox' });
    await callApi(app, 'sandbox.loadExampleData', {});
    await page.goto(app.url);
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-path').fill(copy.root);
    await page.getByTestId('open-project').click();

    // The checklist says plainly that the deployed backend would be denied some secrets; it blocks nothing.
    const row = page.getByTestId('health-item-access');
    await expect(row).toHaveAttribute('data-status', 'warning', { timeout: 30_000 });
    await expect(row).toContainText('would be denied 2 secrets');
    await page.getByTestId('health-open-access').click();

    const panel = page.getByTestId('access-panel');
    await expect(panel).toHaveAttribute('data-overall', 'partial');
    // Who reads: the workload identity astro reports, assuming role_arn; the trust policy admits it.
    await expect(page.getByTestId('access-reader')).toContainText(access.workloadIdentityArn);
    await expect(page.getByTestId('access-reader')).toContainText(access.readerRoleArn);
    await expect(page.getByTestId('access-trust-verdict')).toHaveAttribute('data-verdict', 'allowed');
    // Per prefix: allowed by ReadAirflowSecrets.
    await expect(page.getByTestId('access-prefix-connection')).toContainText('Allowed');
    await expect(page.getByTestId('access-prefix-connection')).toContainText('ReadAirflowSecrets');
    // The two secrets that differ, each with what decides.
    const slack = page.locator('[data-testid="access-secret"][data-name="airflow/connections/slack_alerts"]');
    await expect(slack).toContainText('Denied');
    await expect(slack).toContainText('OnlyTheAlertingRole');
    const snowflake = page.locator('[data-testid="access-secret"][data-name="airflow/connections/snowflake_warehouse"]');
    await expect(snowflake).toContainText('alias/finance-data');
    await expect(snowflake).toContainText('finance-analyst');
    // The fix: the policy and the exact command.
    await expect(page.getByTestId('access-fix-policy')).toContainText('kms:ViaService');
    await expect(page.getByTestId('access-fix-commands')).toContainText('aws iam put-role-policy --role-name airflow-secrets-reader');
    expect(fake.calls().some((call) => call.command === 'deployment inspect' && call.argv.includes('--show-workload-identity'))).toBe(true);
    await page.getByTestId('project-view').screenshot({ path: `${SCREENSHOTS}/access-check.png` });
    expect(problems()).toEqual([]);
  } finally {
    await stop();
    fake.cleanup();
    await copy.cleanup();
  }
});
