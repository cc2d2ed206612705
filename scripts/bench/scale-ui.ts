/**
 * UI rows through Chromium (the e2e launch options): the Secrets view with the seeded account.
 * Probes as in test/e2e/biglist.spec.ts: a MutationObserver for the first row, the Long Tasks API
 * while scrolling end to end, and keydown-to-paint of the list for each filter keystroke.
 */
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import type { AirlockProcess } from './app-client';
import { median, ms, type ScaleRow } from './scale-table';

const ROW_GOAL = 100;
const LONG_TASK_GOAL_MS = 50;
const FRAME_MS = 16;

interface Probe {
  firstRowAt: number;
  longTasks: { start: number; duration: number }[];
  keyToListPaint: number[];
}

async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { firstRowAt: -1, longTasks: [] as { start: number; duration: number }[], keyToListPaint: [] as number[] };
    Object.assign(window, { __bench: probe });
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    const watch = new MutationObserver(() => {
      if (document.querySelector('[data-testid="secret-row"]') === null) return;
      probe.firstRowAt = performance.now();
      watch.disconnect();
    });
    document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
  });
}

const readProbe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
const rowsInDom = (page: Page): Promise<number> => page.locator('[data-testid="secret-row"]').count();

/** Scrolls the list pane by 90% of its height a frame until it stops moving. */
async function scrollEndToEnd(page: Page): Promise<{ started: number; ended: number; maxRows: number; steps: number }> {
  return page.evaluate(async () => {
    const pane = document.querySelector<HTMLElement>('[data-testid="secrets-list-pane"]');
    if (pane === null) throw new Error('no list pane');
    const started = performance.now();
    let maxRows = 0;
    let steady = 0;
    let steps = 0;
    while (steady < 3 && steps < 2_000) {
      const before = pane.scrollTop;
      pane.scrollTop += pane.clientHeight * 0.9;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      maxRows = Math.max(maxRows, document.querySelectorAll('[data-testid="secret-row"]').length);
      steady = pane.scrollTop === before ? steady + 1 : 0;
      steps += 1;
    }
    return { started, ended: performance.now(), maxRows, steps };
  });
}

/** From each keydown to the paint after the list's last change for it. */
async function watchKeystrokes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = (window as unknown as { __bench: Probe }).__bench;
    const list = document.querySelector('[data-testid="secrets-list-pane"]');
    let keyAt = 0;
    let key = -1;
    document.addEventListener('keydown', (event) => {
      keyAt = event.timeStamp;
      key += 1;
    }, { capture: true });
    const changes = new MutationObserver(() => {
      const [at, which] = [keyAt, key];
      requestAnimationFrame(() => setTimeout(() => { probe.keyToListPaint[which] = performance.now() - at; }, 0));
    });
    if (list !== null) changes.observe(list, { childList: true, subtree: true, characterData: true });
  });
}

export async function uiRows(app: AirlockProcess, listed: number): Promise<ScaleRow[]> {
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const page = await browser.newPage({ viewport: config.use?.viewport ?? { width: 1280, height: 800 } });
    await installProbes(page);
    await page.goto(app.url);
    await page.waitForFunction((count) => document.querySelector('[data-testid="secret-count"]')?.textContent?.startsWith(`${count} secrets`) === true, listed, { timeout: 120_000 });
    const loaded = await readProbe(page);
    const rows = await rowsInDom(page);

    const scrolled = await scrollEndToEnd(page);
    const tasks = (await readProbe(page)).longTasks.filter((task) => task.start >= scrolled.started && task.start <= scrolled.ended);
    const longest = Math.max(0, ...tasks.map((task) => task.duration));

    await page.getByTestId('secrets-search').click();
    await watchKeystrokes(page);
    const needle = 'ml_001';
    await page.keyboard.type(needle, { delay: 100 });
    await page.waitForFunction(() => document.querySelector('[data-testid="secret-count"]')?.textContent?.includes('matches') === true);
    await page.waitForTimeout(300);
    const keys = (await readProbe(page)).keyToListPaint.filter((value) => typeof value === 'number');
    const worstKey = Math.max(0, ...keys);
    return [
      {
        metric: `Secrets view, ${listed} rows: first rows on screen`,
        measured: `${ms(loaded.firstRowAt)} after navigation`,
        limit: 'after one round trip (goal here: <= 1 s on this machine)',
        ratio: loaded.firstRowAt / 1000,
      },
      { metric: `Secrets view, ${listed} rows: row elements in the DOM`, measured: String(Math.max(rows, scrolled.maxRows)), limit: `<= ~${ROW_GOAL}`, ratio: Math.max(rows, scrolled.maxRows) / ROW_GOAL },
      {
        metric: 'scroll end to end: long tasks',
        measured: `${tasks.length} long tasks, longest ${ms(longest)}`,
        limit: `no long task > ${LONG_TASK_GOAL_MS} ms`,
        ratio: longest / LONG_TASK_GOAL_MS,
        note: `${scrolled.steps} frames in ${ms(scrolled.ended - scrolled.started)}`,
      },
      {
        metric: `filter one keystroke at ${listed} rows: keydown to list painted`,
        measured: `worst ${ms(worstKey)}, median ${ms(median(keys))} (${keys.length} of ${needle.length} keys changed the list)`,
        limit: `within one frame (${FRAME_MS} ms)`,
        ratio: worstKey / FRAME_MS,
      },
    ];
  } finally {
    await browser.close();
  }
}
