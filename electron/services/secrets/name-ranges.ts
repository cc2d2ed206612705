/**
 * Splitting a listing into ranges that can be fetched at the same time.
 *
 * ListSecrets' `name` filter is a case-sensitive prefix match; several values in one filter are
 * OR-ed, several filters AND-ed, and a value starting with `!` negates. A range here is "the names
 * under `include` and under none of `exclude`": one filter, plus one negated filter per excluded
 * prefix (at most 9, for AWS's 10 filters).
 *
 * The plan is a tree of split points. The root range is the heads; every other range is one
 * prefix carved out of the range it lies in, which then excludes it. So every name under the
 * heads, seen before or not, is in exactly one range: the one of the deepest split point it
 * starts with. Split points are chosen from what earlier listings saw (`known`), each carving
 * about an equal share of the names from the fullest range.
 *
 * The number of ranges is kept to half the pages the known names fill, so the calls stay within
 * 1.5 x ceil(N/100): each range costs at most one page more than its names need.
 */

/** The characters AWS allows in a secret name. */
export const NAME_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-';
/** A range's include filter holds at most 10 values, and 9 negated filters leave AWS's 10th for it. */
const MAX_INCLUDE = 10;
const MAX_EXCLUDE = 9;
/** How far below its range's prefix a split point is looked for (enough to tell 10,000 names apart). */
const MAX_SPLIT_DEPTH = 24;

export interface NameRange {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface RangePlan {
  readonly ranges: readonly NameRange[];
}

export interface RangeOptions {
  /** How many ranges at most run at once. */
  readonly maxRanges: number;
  readonly pageSize: number;
}

/** Whether a name is in a range (the rule the server applies to the range's filters). */
export function rangeContains(range: NameRange, name: string): boolean {
  const included = range.include.length === 0 || range.include.some((prefix) => name.startsWith(prefix));
  return included && !range.exclude.some((prefix) => name.startsWith(prefix));
}

interface Split {
  readonly include: readonly string[];
  /** Split points carved out of this range (none is under another). */
  readonly children: string[];
  /** Known names in this range, now. */
  size: number;
}

/** The heads as a listing's include filter: a head under another one adds nothing. */
function rootsOf(heads: readonly string[]): string[] {
  if (heads.length === 0 || heads.includes('')) return [''];
  const unique = [...new Set(heads)];
  return unique.filter((head) => !unique.some((other) => other !== head && head.startsWith(other)));
}

/** The known names, sorted, answering "how many start with this prefix" by binary search. */
function prefixIndex(names: readonly string[]) {
  const sorted = [...names].sort();
  const lowerBound = (value: string): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? '') < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const span = (prefix: string) => ({ from: lowerBound(prefix), to: lowerBound(`${prefix}\uffff`) });
  return {
    count: (prefix: string): number => {
      const { from, to } = span(prefix);
      return to - from;
    },
    /** The prefixes one character longer that known names start with. */
    *next(prefix: string): Generator<string> {
      const { from, to } = span(prefix);
      let at = from;
      while (at < to) {
        const name = sorted[at] ?? '';
        if (name.length === prefix.length) {
          at += 1;
          continue;
        }
        const longer = name.slice(0, prefix.length + 1);
        yield longer;
        at = span(longer).to;
      }
    },
  };
}

export function planNameRanges(heads: readonly string[], known: readonly string[], options: RangeOptions): RangePlan {
  const roots = rootsOf(heads);
  if (roots.length > MAX_INCLUDE) return { ranges: roots.map((root) => ({ include: [root], exclude: [] })) };
  const names = [...new Set(known)].filter((name) => roots.some((root) => name.startsWith(root)));
  const budget = Math.max(1, Math.min(options.maxRanges, Math.floor(Math.ceil(names.length / options.pageSize) / 2)));
  const root: Split = { include: roots, children: [], size: names.length };
  if (budget === 1) return { ranges: [{ include: roots, exclude: [] }] };
  const index = prefixIndex(names);
  const splits: Split[] = [root];
  const sizes = new Map<string, number>();
  const target = names.length / budget;

  /** The prefix below the fullest range's heads whose names, carved out, come closest to `want`. */
  const bestCarve = (range: Split, want: number) => {
    let best: { prefix: string; size: number; moved: string[] } | null = null;
    let bestDiff = Infinity;
    const visit = (prefix: string, depth: number): void => {
      if (range.children.includes(prefix)) return;
      const count = index.count(prefix);
      const moved = range.children.filter((child) => child.startsWith(prefix));
      const size = count - moved.reduce((sum, child) => sum + (sizes.get(child) ?? 0), 0);
      if (moved.length <= MAX_EXCLUDE && size > 0 && size < range.size) {
        const diff = Math.abs(size - want);
        if (diff < bestDiff) {
          best = { prefix, size, moved };
          bestDiff = diff;
        }
      }
      // Longer prefixes hold at most `count` names: no closer to `want` once it is below by bestDiff.
      if (depth >= MAX_SPLIT_DEPTH || count <= want - bestDiff) return;
      for (const longer of index.next(prefix)) visit(longer, depth + 1);
    };
    for (const head of range.include) for (const longer of index.next(head)) visit(longer, 1);
    return best as { prefix: string; size: number; moved: string[] } | null;
  };

  while (splits.length < budget) {
    const fullest = splits.filter((split) => split.children.length < MAX_EXCLUDE).sort((a, b) => b.size - a.size)[0];
    if (fullest === undefined || fullest.size <= 1) break;
    // Carve about one share, and never more than half, so both sides keep names.
    const best = bestCarve(fullest, Math.min(target, fullest.size / 2));
    if (best === null) break;
    const { prefix, size, moved } = best;
    fullest.children.splice(0, fullest.children.length, ...fullest.children.filter((child) => !moved.includes(child)), prefix);
    fullest.size -= size;
    splits.push({ include: [prefix], children: moved, size });
    sizes.set(prefix, size);
  }
  return { ranges: splits.map((split) => ({ include: split.include, exclude: [...split.children] })) };
}
