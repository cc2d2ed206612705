/**
 * Bulk work (imports, moves, restores, batch reads): items run concurrently, as fast as the
 * gateway's limiter lets them, with progress after each item and a cancel that stops starting new
 * ones. Items already sent are let finish: their outcome is then known, where aborting them would
 * leave a write that may or may not have landed.
 */

/** How many items of a bulk run are in flight at once; the limiter, not this, sets the rate. */
export const BULK_CONCURRENCY = 16;

export interface BulkOptions<T, R> {
  readonly concurrency?: number | undefined;
  /** Once aborted, items not yet started get `skipped` instead of running. */
  readonly signal?: AbortSignal | undefined;
  /** After each item, with how many are done (run or skipped). */
  readonly onSettled?: ((done: number) => void) | undefined;
  readonly skipped: (item: T, index: number) => R;
}

/** The results in the items' order. */
export async function runBulk<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, options: BulkOptions<T, R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  // An item that throws (rather than returning its failure) ends the run: no new item starts.
  let broken = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !broken) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      try {
        results[index] = options.signal?.aborted === true ? options.skipped(item, index) : await work(item, index);
      } catch (error) {
        broken = true;
        throw error;
      }
      done += 1;
      options.onSettled?.(done);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? BULK_CONCURRENCY, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** Gives the main thread back to other work (an API call, an event) between chunks of CPU-bound work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}
