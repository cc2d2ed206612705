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

/** Where the main process keeps the navigation decision the test waits for. */
interface NavigationProbe {
  airlockNavigationDecision?: Promise<{ url: string; prevented: boolean }>;
}

/** Waits for `promise`, or fails with `message` once `ms` have passed (a deadline, not a sleep). */
async function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(message));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

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

  test('issue 9 item 21: eval is blocked by the CSP, navigation away and new windows are refused', async () => {
    const evalResult = await page.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch {
        return 'blocked';
      }
    });
    expect(evalResult).toBe('blocked');
    const before = page.url();
    // The proof is the main process's decision, not a pause: a listener added after the app's own
    // handler sees whether that handler prevented the navigation.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      if (contents === undefined) throw new Error('Airlock has no window');
      (globalThis as unknown as NavigationProbe).airlockNavigationDecision = new Promise((resolve) => {
        contents.once('will-navigate', (event) => {
          resolve({ url: event.url, prevented: event.defaultPrevented });
        });
      });
    });
    await page.evaluate(() => { window.location.href = 'https://example.com/'; });
    const decision = await withDeadline(
      app.evaluate(() => (globalThis as unknown as NavigationProbe).airlockNavigationDecision),
      10_000,
      'the window never asked to navigate to https://example.com/ (no will-navigate event in 10 s)',
    );
    expect(decision).toEqual({ url: 'https://example.com/', prevented: true });
    expect(page.url()).toBe(before);
    // A denied window.open returns null at once in the page: no new window, nothing to wait for.
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('the sandbox works in the window', async () => {
    await page.getByTestId('use-sandbox').click();
    await page.getByTestId('load-example-data').click();
    await expect(page.getByTestId('section-connection').getByTestId('secret-row').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/electron-window.png' });
  });
});
