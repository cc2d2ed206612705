/**
 * Secrets Manager's retry strategy under throttling, on a virtual clock (the SDK's rate limiter
 * reads Date.now and waits with setTimeout, both faked here): no real time passes.
 */
import type { StandardRetryToken } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECRETS_MANAGER_THROTTLE_BACKOFF_MS, secretsManagerBackoff, secretsManagerRetryStrategy } from '../../../../electron/services/aws/sdk-clients';
import { BULK_CONCURRENCY } from '../../../../electron/services/secrets/bulk-runner';
import { createRateLimiter } from '../../../../electron/services/secrets/rate-limiter';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the virtual clock 5 ms at a time until `promise` settles. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  while (!settled) await vi.advanceTimersByTimeAsync(5);
  return watched;
}

describe("Secrets Manager's retry strategy", () => {
  it('issue 12 item 5: an import with every tenth write throttled still writes at >= 40/s through the gateway\'s bucket, each throttle retried after a backoff', async () => {
    // Every jitter at its middle: a throttle's first retry waits half its base.
    const strategy = secretsManagerRetryStrategy({ random: () => 0.5 });
    // The gateway's write bucket, on the same virtual clock.
    const bucket = createRateLimiter({ now: () => Date.now() });
    const items = 500;
    const started = Date.now();
    const backoffs: number[] = [];
    let next = 0;
    // As runBulk runs an import: 16 items in flight, each one write through the gateway.
    const worker = async (): Promise<void> => {
      for (let item = next++; item < items; item = next++) {
        await bucket.acquire('account', 'write');
        // The adaptive strategy hands out its standard strategy's tokens (its declared type is wider).
        let token = (await strategy.acquireInitialRetryToken('secretsmanager')) as StandardRetryToken;
        if (item % 10 === 0) {
          const throttledAt = Date.now();
          token = (await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })) as StandardRetryToken;
          backoffs.push(Date.now() - throttledAt);
          // The retry takes a slot of the bucket too (the gateway's pacing middleware).
          await bucket.acquire('account', 'write');
        }
        strategy.recordSuccess(token);
      }
    };
    await settle(Promise.all(Array.from({ length: BULK_CONCURRENCY }, worker)));
    const perSecond = items / ((Date.now() - started) / 1000);
    expect(backoffs).toHaveLength(50);
    expect(Math.min(...backoffs)).toBeGreaterThanOrEqual(SECRETS_MANAGER_THROTTLE_BACKOFF_MS / 2);
    expect(perSecond, `${perSecond.toFixed(1)} writes/s`).toBeGreaterThanOrEqual(40);
  });

  it('issue 12 item 5: a throttle is retried after up to 250 ms, doubling with each retry (full jitter), other errors after the SDK\'s 50 ms base', () => {
    const backoff = secretsManagerBackoff(() => 0.999_999);
    // What the SDK's standard strategy asks for a throttle (its 1 s base), then for other errors.
    backoff.setDelayBase(1_000);
    expect([0, 1, 2].map((retries) => backoff.computeNextBackoffDelay(retries))).toEqual([249, 499, 999]);
    backoff.setDelayBase(50);
    expect(backoff.computeNextBackoffDelay(0)).toBe(49);
    expect(secretsManagerBackoff(() => 0).computeNextBackoffDelay(3)).toBe(0);
  });
});
