/**
 * Client-side request rates for Secrets Manager: one bucket per account, region and API class,
 * with AWS's published quotas as defaults, so bulk work runs at the quota instead of into
 * throttling (the SDK's adaptive retry mode then only handles what slips through).
 *
 * Each bucket is a GCRA (virtual scheduling) token bucket: an acquisition reserves the earliest
 * instant the rate allows and waits until then, so waiters are served in the order they came and,
 * in any window of W ms, at most `burst - 1 + W × perSecond / 1000` (rounded up) acquisitions are
 * granted. With the default burst of 1 that is never more than the quota in any second.
 */
import { AppError } from '../../../shared/errors';
import { SECRETS_MANAGER_WRITE_QUOTA } from '../aws';

/** What Secrets Manager counts against one quota: see reference/aws-access-and-audit.md. */
export type ApiClass = 'list' | 'read' | 'batch-read' | 'write';

export interface Rate {
  readonly perSecond: number;
  /** How many acquisitions may go at once after a pause (1: strictly spaced). */
  readonly burst: number;
}

/**
 * AWS's published per-account, per-region quotas: ListSecrets 100/s; GetSecretValue and
 * DescribeSecret 10,000/s; BatchGetSecretValue 100/s; PutSecretValue, UpdateSecret and
 * UpdateSecretVersionStage 50/s combined (RestoreSecret, tags, CreateSecret and DeleteSecret have
 * their own 50/s quotas; one write bucket keeps every write under the strictest).
 */
export const DEFAULT_RATES: Readonly<Record<ApiClass, Rate>> = {
  list: { perSecond: 100, burst: 1 },
  read: { perSecond: 10_000, burst: 1 },
  'batch-read': { perSecond: 100, burst: 1 },
  write: { perSecond: SECRETS_MANAGER_WRITE_QUOTA, burst: 1 },
};

export interface RateLimiter {
  /** Waits for a slot of `apiClass` in the bucket named `key`; rejects with CANCELLED when `signal` aborts first. */
  acquire(key: string, apiClass: ApiClass, signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  readonly rates?: Partial<Readonly<Record<ApiClass, Rate>>>;
  /** Milliseconds; tests pass a clock they move themselves. */
  readonly now?: () => number;
  /** Resolves after `ms` (tests: when their clock reaches it); rejects when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'Cancelled: nothing more was sent to Secrets Manager.');
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const rates = { ...DEFAULT_RATES, ...options.rates };
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  /** Per bucket: the theoretical arrival time of the next acquisition (ms). */
  const arrivals = new Map<string, number>();

  return {
    async acquire(key, apiClass, signal) {
      if (signal?.aborted === true) throw cancelledError();
      const rate = rates[apiClass];
      const interval = 1000 / rate.perSecond;
      const tolerance = (Math.max(1, rate.burst) - 1) * interval;
      const bucket = `${apiClass}\u0000${key}`;
      const at = now();
      const arrival = Math.max(arrivals.get(bucket) ?? at, at);
      const allowedAt = arrival - tolerance;
      // Reserve before waiting, so later callers queue behind this one.
      arrivals.set(bucket, arrival + interval);
      if (allowedAt > at) await sleep(allowedAt - at, signal);
    },
  };
}
