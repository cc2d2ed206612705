/**
 * The real Electron window, driven by Playwright's `_electron`. Runs where the Electron binary
 * exists; elsewhere (CI machines without internet) every test is skipped with the reason printed.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { methodNames } from '../../shared/api';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`[electron e2e] skipped: ${binary.missing}`);

test.describe('Electron window', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let app: ElectronApplication;
  let page: Page;
  let home: string;

  test.beforeAll(async () => {
    if ('missing' in binary) return;
    home = await mkdtemp(path.join(os.tmpdir(), 'airlock-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: ['.'],
      env: { ...process.env, HOME: home, AIRLOCK_HOME: path.join(home, 'airlock'), ELECTRON_ENABLE_SECURITY_WARNINGS: 'true' },
    });
    page = await app.firstWindow();
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  });

  test.afterAll(async () => {
    if ('missing' in binary) return;
    await app.close();
    await rm(home, { recursive: true, force: true });
  });

  test('the page has no Node, and exposes exactly one function per API method', async () => {
    const globals = await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process]);
    expect(globals).toEqual(['undefined', 'undefined']);
    const exposed = await page.evaluate(() => Object.keys((window as unknown as { airlock: { invoke: object } }).airlock.invoke).sort());
    expect(exposed).toEqual([...methodNames].sort());
    const frozen = await page.evaluate(() => Object.isFrozen((window as unknown as { airlock: object }).airlock));
    expect(frozen).toBe(true);
  });

  test('eval is blocked by the CSP, navigation away and new windows are refused', async () => {
    const evalResult = await page.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch {
        return 'blocked';
      }
    });
    expect(evalResult).toBe('blocked');
    const before = page.url();
    await page.evaluate(() => { window.location.href = 'https://example.com/'; });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    await page.evaluate(() => window.open('https://example.com/'));
    expect(app.windows()).toHaveLength(1);
  });

  test('the sandbox works in the window', async () => {
    await page.getByTestId('use-sandbox').click();
    await page.getByTestId('load-example-data').click();
    await expect(page.getByTestId('section-connection').getByTestId('secret-row').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/electron-window.png' });
  });
});
