import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, startAirlock, watchPageProblems } from './airlock-fixture';

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

test('issue 10 item 17: a walk through every view and popover logs no warning or error in the console', async ({ page, airlock }) => {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') logged.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => logged.push(`pageerror: ${error.message}`));
  await page.goto(airlock.url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  // Issue 10 item 4: no AWS files in this HOME, and the first screen says where it looked.
  await expect(page.getByTestId('no-profiles-where')).toContainText(`${airlock.home}/.aws/config (not found)`);
  await page.getByTestId('use-sandbox').click();
  await page.getByTestId('load-example-data').click();
  await expect(page.getByTestId('secret-row').first()).toBeVisible();
  await page.getByTestId('profile-button').click();
  await expect(page.getByTestId('profile-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('identity').click();
  await expect(page.getByTestId('identity-details')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('new-secret').click();
  await expect(page.getByTestId('new-connection')).toBeVisible();
  await page.keyboard.press('Escape');
  for (const tab of ['tab-outside', 'tab-scheduled', 'tab-airflow']) await page.getByTestId(tab).click();
  await page.getByTestId('secret-row').first().click();
  await expect(page.getByTestId('editor-pane')).toBeVisible();
  for (const view of ['projects', 'deploy', 'settings', 'secrets']) {
    await page.getByTestId(`nav-${view}`).click();
    await expect(page.getByTestId(`view-${view}`)).toBeVisible();
  }
  await expect(page.getByTestId('app-version')).toHaveCount(1);
  expect(logged).toEqual([]);
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

/** Every address Airlock printed, in order (the first at start, one more per replaced token). */
function printedAddresses(output: string): string[] {
  return [...output.matchAll(/at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/g)].map((match) => match[1] ?? '');
}

test('issue 9 item 8: Airlock opens the browser on a private launch page, and a second claim of its code ends the session, saying why', async ({ page }) => {
  // A stand-in xdg-open that records its command line: what every local user could read in /proc.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'airlock-e2e-open-'));
  const binDir = path.join(scratch, 'bin');
  const tempDir = path.join(scratch, 'tmp');
  const argvFile = path.join(scratch, 'xdg-open-argv.txt');
  await Promise.all([mkdir(binDir), mkdir(tempDir)]);
  await writeFile(path.join(binDir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}.tmp' && mv '${argvFile}.tmp' '${argvFile}'\n`);
  await chmod(path.join(binDir, 'xdg-open'), 0o755);
  const { app, stop } = await startAirlock({
    args: ['--port', '0'],
    env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, DISPLAY: ':99', CI: '', TMPDIR: tempDir },
  });
  try {
    await expect.poll(() => readFile(argvFile, 'utf8').catch(() => ''), { message: 'Airlock runs xdg-open' }).not.toBe('');
    const argv = (await readFile(argvFile, 'utf8')).trim().split('\n');
    expect(argv).toHaveLength(1);
    const launchUrl = argv[0] ?? '';
    expect(launchUrl).toMatch(/^file:\/\//);
    expect(launchUrl).not.toContain('launch=');
    expect(launchUrl).not.toContain(app.token);
    const launchFile = fileURLToPath(launchUrl);
    expect((await stat(launchFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(launchFile))).mode & 0o777).toBe(0o700);
    // What another program running as this user could read: the code, in the page.
    const code = /#launch=([\w-]+)/.exec(await readFile(launchFile, 'utf8'))?.[1] ?? '';
    expect(code).not.toBe('');

    await page.goto(launchUrl);
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
    expect(page.url()).toBe(`${app.origin}/`);
    await expect.poll(() => stat(path.dirname(launchFile)).then(() => 'present', () => 'deleted'), { message: 'the launch page is deleted once claimed' }).toBe('deleted');

    // Whoever claims the used code again gets nothing, and the session it opened is ended.
    const second = await fetch(`${app.origin}/auth/claim`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(second.status).toBe(401);
    expect(await second.json()).toEqual({ refusal: 'code-reused' });

    const notice = page.getByTestId('session-ended');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('data-refusal', 'revoked');
    await expect(notice).toContainText('Airlock ended this session for your safety');
    await expect(notice).toContainText('printed a new address in the terminal');
    expect(app.output()).toContain('the one-time launch code was used a second time');
    await page.screenshot({ path: 'test-results/screenshots/session-revoked.png' });

    // The terminal has the new address; it works, and the old token does not.
    await expect.poll(() => printedAddresses(app.output()).length).toBe(2);
    const fresh = printedAddresses(app.output())[1] ?? '';
    expect(fresh).not.toContain(app.token);
    const fresher = await page.context().newPage();
    await fresher.goto(fresh);
    await expect(fresher.locator('[data-app-state="loaded"]')).toBeVisible();
    await expect(fresher.getByTestId('session-ended')).toHaveCount(0);
  } finally {
    await stop();
    await rm(scratch, { recursive: true, force: true });
  }
});

test('issue 10 item 18: a tab from an earlier start of Airlock says its session ended and what to do', async ({ page }) => {
  const first = await startAirlock();
  const port = new URL(first.app.origin).port;
  await page.goto(first.app.url);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await first.stop();

  // Airlock starts again on the same address, with a new token: the old tab is told, unprompted.
  const second = await startAirlock({ args: ['--port', port, '--no-open'] });
  try {
    const notice = page.getByTestId('session-ended');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('data-refusal', 'ended');
    await expect(notice).toContainText('This Airlock session has ended');
    await expect(notice).toContainText('Open the address Airlock printed in the terminal');
    // A reload does not bring the dead token back.
    await page.reload();
    await expect(page.getByText('Airlock needs its start-up address')).toBeVisible();
  } finally {
    await second.stop();
  }
});
