/**
 * A stable sort that gives the main process's event loop back every few thousand comparisons:
 * sorting 8,000 rows with a locale-aware comparison takes ~200 ms on a busy 2-core machine, and
 * every other API call would wait that long behind one `Array.prototype.sort`.
 */
import { yieldToEventLoop } from '../secrets';

const RUN_LENGTH = 256;
const COMPARISONS_PER_SLICE = 2_000;

/** A sorted copy of `items` in the order of `compare` (equal items keep their order). */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number): Promise<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += RUN_LENGTH) {
    runs.push(items.slice(start, start + RUN_LENGTH).sort(compare));
    await yieldToEventLoop();
  }
  let comparisons = 0;
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const [left, right] = [runs[i] ?? [], runs[i + 1] ?? []];
      const out: T[] = [];
      let [l, r] = [0, 0];
      while (l < left.length && r < right.length) {
        // `<= 0` takes the left one on ties: the sort stays stable.
        out.push(compare(left[l] as T, right[r] as T) <= 0 ? (left[l++] as T) : (right[r++] as T));
        comparisons += 1;
        if (comparisons % COMPARISONS_PER_SLICE === 0) await yieldToEventLoop();
      }
      merged.push(out.concat(left.slice(l), right.slice(r)));
    }
    runs = merged;
  }
  return runs[0] ?? [];
}
