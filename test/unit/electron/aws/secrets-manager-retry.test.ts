/**
 * Secrets Manager's retry strategy under throttling, on a virtual clock (the SDK's rate limiter
 * reads Date.now and waits with setTimeout, both faked here): no real time passes.
 */
import type { StandardRetryToken } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { secretsManagerRetryStrategy } from '../../../../electron/services/aws/sdk-clients';
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
    const strategy = secretsManagerRetryStrategy();
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
    expect(Math.min(...backoffs)).toBeGreaterThan(0);
    expect(perSecond, `${perSecond.toFixed(1)} writes/s`).toBeGreaterThanOrEqual(40);
  });
});
