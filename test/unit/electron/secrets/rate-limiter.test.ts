import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createRateLimiter, DEFAULT_RATES, type Rate } from '../../../../electron/services/secrets/rate-limiter';

/**
 * A clock the test moves: `sleep` resolves when the clock reaches its deadline, so grants happen
 * at exact virtual instants and no real time passes.
 */
function virtualClock() {
  let now = 0;
  const sleepers: { at: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const sleeper = { at: now + ms, resolve, reject };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(new AppError('CANCELLED', 'cancelled'));
        });
      }),
    /** Moves time forward to each pending deadline in turn, letting the woken code run. */
    async runUntilIdle(limitMs = 60_000): Promise<void> {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift();
        if (next === undefined) return;
        if (next.at > limitMs) throw new Error(`the limiter still waits at ${next.at} ms`);
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

/** The most grants inside any window of `windowMs` (grants sorted). */
function busiestWindow(grants: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < grants.length; end += 1) {
    while ((grants[end] ?? 0) - (grants[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

async function grantTimes(rate: Rate, callers: number, key = 'acct\u0000eu-west-1') {
  const clock = virtualClock();
  const limiter = createRateLimiter({ rates: { write: rate }, now: clock.now, sleep: clock.sleep });
  const grants: number[] = [];
  const all = Promise.all(Array.from({ length: callers }, () => limiter.acquire(key, 'write').then(() => grants.push(clock.now()))));
  await clock.runUntilIdle();
  await all;
  return grants.sort((a, b) => a - b);
}

describe('the Secrets Manager rate limiter', () => {
  it('issue 12 item 1: never grants more than the rate in any second, however many callers wait at once', async () => {
    const grants = await grantTimes(DEFAULT_RATES.write, 500);
    expect(grants).toHaveLength(500);
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(DEFAULT_RATES.write.perSecond);
    // ... and it does not hold back either: 500 writes at 50/s take 10 s of the virtual clock.
    expect(grants.at(-1)).toBeLessThanOrEqual(10_000);
  });

  it('issue 12 item 1: a burst allowance lets at most burst - 1 extra calls into a window', async () => {
    const rate = { perSecond: 10, burst: 5 };
    const grants = await grantTimes(rate, 100);
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(rate.perSecond + rate.burst - 1);
    expect(busiestWindow(grants, 100)).toBeLessThanOrEqual(rate.burst);
  });

  it('issue 12 item 1: keeps one bucket per account, region and API class', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ rates: { write: { perSecond: 1, burst: 1 }, list: { perSecond: 1, burst: 1 } }, now: clock.now, sleep: clock.sleep });
    const at: Record<string, number> = {};
    const take = (label: string, key: string, apiClass: 'write' | 'list') => limiter.acquire(key, apiClass).then(() => (at[label] = clock.now()));
    const all = Promise.all([
      take('a-eu-write-1', 'a\u0000eu', 'write'),
      take('a-eu-write-2', 'a\u0000eu', 'write'),
      take('a-eu-list', 'a\u0000eu', 'list'),
      take('a-us-write', 'a\u0000us', 'write'),
      take('b-eu-write', 'b\u0000eu', 'write'),
    ]);
    await clock.runUntilIdle();
    await all;
    expect(at).toEqual({ 'a-eu-write-1': 0, 'a-eu-write-2': 1000, 'a-eu-list': 0, 'a-us-write': 0, 'b-eu-write': 0 });
  });

  it('issue 12 item 5: a cancelled wait rejects with CANCELLED and sends nothing', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ rates: { write: { perSecond: 1, burst: 1 } }, now: clock.now, sleep: clock.sleep });
    await limiter.acquire('k', 'write');
    const controller = new AbortController();
    const waiting = limiter.acquire('k', 'write', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    const aborted = new AbortController();
    aborted.abort();
    await expect(limiter.acquire('k', 'write', aborted.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
