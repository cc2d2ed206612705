/**
 * What users wait for in the Secrets list, measured in the page (issue 12 item 4): when the first
 * row appears, every long task (Long Tasks API), slow input events (Event Timing), the rows in the
 * DOM while scrolling end to end, and keydown-to-paint of the list for each filter keystroke.
 * One module for the e2e spec (test/e2e/biglist.spec.ts, which prints them) and the bench
 * (scripts/bench/scale-ui.ts, which tabulates them), so both measure the same thing.
 */
import type { Page } from '@playwright/test';

export interface PageProbe {
  /** `performance.now()` when the first secret row was in the DOM; -1 until then. */
  readonly firstRowAt: number;
  readonly longTasks: readonly { readonly start: number; readonly duration: number }[];
  /** Input events that took over 16 ms to the next paint. */
  readonly slowEvents: readonly { readonly name: string; readonly duration: number }[];
  /** For the n-th keydown since `watchKeystrokes`: ms to the paint after the list's last change for it (a hole: unchanged). */
  readonly keyToListPaint: readonly (number | undefined)[];
}

/** The page's global the probes write to. */
const PROBE_GLOBAL = '__airlockProbe';

/** Records, from the first script on, when the first row appears, every long task and every slow event. */
export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript((global) => {
    const probe = { firstRowAt: -1, longTasks: [] as { start: number; duration: number }[], slowEvents: [] as { name: string; duration: number }[], keyToListPaint: [] as number[] };
    Object.assign(window, { [global]: probe });
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) probe.slowEvents.push({ name: entry.name, duration: entry.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    const watch = new MutationObserver(() => {
      if (document.querySelector('[data-testid="secret-row"]') === null) return;
      probe.firstRowAt = performance.now();
      watch.disconnect();
    });
    document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
  }, PROBE_GLOBAL);
}

export function readProbe(page: Page): Promise<PageProbe> {
  return page.evaluate((global) => {
    const probe = (window as unknown as Record<string, PageProbe | undefined>)[global];
    if (probe === undefined) throw new Error('installProbes was not called before the page loaded');
    return probe;
  }, PROBE_GLOBAL);
}

/** Long tasks that started between `from` and `to` (`performance.now()` times). */
export function longTasksBetween(probe: PageProbe, from: number, to: number): { count: number; longest: number } {
  const tasks = probe.longTasks.filter((task) => task.start >= from && task.start <= to);
  return { count: tasks.length, longest: Math.max(0, ...tasks.map((task) => task.duration)) };
}

export interface ScrollRun {
  readonly started: number;
  readonly ended: number;
  /** The most secret rows in the DOM after any frame. */
  readonly maxRows: number;
  readonly steps: number;
}

/** Scrolls the list pane by 90% of its height a frame until it stops moving. */
export function scrollEndToEnd(page: Page): Promise<ScrollRun> {
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

/**
 * From now on, for each keydown: the time to the paint after the list pane's last change for it
 * (a MutationObserver, then a frame and a task). Keystrokes that change nothing leave a hole.
 */
export async function watchKeystrokes(page: Page): Promise<void> {
  await page.evaluate((global) => {
    const probe = (window as unknown as Record<string, { keyToListPaint: number[] }>)[global];
    if (probe === undefined) throw new Error('installProbes was not called before the page loaded');
    probe.keyToListPaint = [];
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
  }, PROBE_GLOBAL);
}

/** The keystroke times measured, keystrokes that changed nothing left out. */
export function keystrokeTimes(probe: PageProbe): number[] {
  return probe.keyToListPaint.filter((value): value is number => typeof value === 'number');
}

/** When `secrets.list` was asked and answered (resource timing), or null if it was not seen. */
export function listRequestTiming(page: Page): Promise<{ start: number; end: number } | null> {
  return page.evaluate(() => {
    const request = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => new URL(entry.name).pathname === '/api/secrets.list');
    return request === undefined ? null : { start: request.startTime, end: request.responseEnd };
  });
}

/** The page's main-thread work while `work` ran, in thread (CPU) time: what other load on the machine does not inflate. */
export interface MainThreadCpu {
  readonly tasks: number;
  readonly totalMs: number;
  readonly longestMs: number;
  /** Tasks that took over 50 ms of CPU (a long task even on an idle machine). */
  readonly over50: number;
}

interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Runs `work` under a Chromium trace and sums the renderer main thread's tasks in thread time.
 * The Long Tasks API measures wall time, which a busy machine stretches; this says how much of a
 * long task was the page's own work.
 */
export async function mainThreadCpu<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; cpu: MainThreadCpu }> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('mainThreadCpu needs a page of a launched browser');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let result: T;
  let trace: Buffer;
  try {
    result = await work();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  // The page's renderer is the main thread that worked the most (others are idle tabs).
  const byThread = new Map<string, number[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.name !== 'RunTask' || !mainThreads.has(thread)) continue;
    const tasks = byThread.get(thread) ?? [];
    tasks.push((event.tdur ?? 0) / 1000);
    byThread.set(thread, tasks);
  }
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const tasks = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  return { result, cpu: { tasks: tasks.length, totalMs: sum(tasks), longestMs: Math.max(0, ...tasks), over50: tasks.filter((value) => value > 50).length } };
}
