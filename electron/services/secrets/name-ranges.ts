/**
 * Splitting a listing into ranges that can be fetched at the same time.
 *
 * ListSecrets' `name` filter is a case-sensitive prefix match; several values in one filter are
 * OR-ed, several filters AND-ed, and a value starting with `!` negates. A range here is "the names
 * under `include` and under none of `exclude`": one filter, plus one negated filter per excluded
 * prefix (at most 9, for AWS's 10 filters).
 *
 * The plan splits each head by the next character where the names seen before (`known`) differ,
 * carving the fullest next-character prefixes out of it until no piece holds much more than a
 * range's share, and packs the pieces into ranges (several prefixes OR-ed in one filter). A
 * piece that something was carved out of excludes it, so every name under the heads, seen before
 * or not, is in exactly one range.
 *
 * The number of ranges is kept to half the pages the known names fill, so the calls stay within
 * 1.5 x ceil(N/100): each range costs at most one page more than its names need.
 */

/** The characters AWS allows in a secret name. */
export const NAME_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-';
/** A range's include filter holds at most 10 values, and 9 negated filters leave AWS's 10th for it. */
const MAX_INCLUDE = 10;
const MAX_EXCLUDE = 9;
/** How far past a piece's prefix a split point is looked for (enough to tell 10,000 names apart). */
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

/**
 * A piece of the names under the heads: every name under `include`, minus those under `exclude`
 * (prefixes carved out of it into pieces of their own). `size` is how many known names it holds.
 */
interface Piece {
  readonly include: string;
  readonly exclude: readonly string[];
  readonly size: number;
}

/** Pieces of one range: their prefixes must not nest, so the range's filters hold each piece whole. */
interface Bin {
  readonly include: string[];
  readonly exclude: string[];
  size: number;
}

const nested = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * Packs the pieces into at most `bins` ranges, largest piece first into the emptiest range it
 * fits (within AWS's filter limits, and never beside a piece it nests with). Null when a piece
 * fits nowhere.
 */
function packPieces(pieces: readonly Piece[], bins: number): NameRange[] | null {
  const packed: Bin[] = [];
  for (const piece of [...pieces].sort((a, b) => b.size - a.size || a.include.localeCompare(b.include))) {
    const fits = (bin: Bin) =>
      bin.include.length < MAX_INCLUDE &&
      bin.exclude.length + piece.exclude.length <= MAX_EXCLUDE &&
      !bin.include.some((prefix) => nested(prefix, piece.include));
    const open: Bin | undefined = packed.length < bins ? { include: [], exclude: [], size: 0 } : undefined;
    const home = [...packed.filter(fits), ...(open === undefined ? [] : [open])].sort((a, b) => a.size - b.size)[0];
    if (home === undefined) return null;
    if (home === open) packed.push(open);
    home.include.push(piece.include);
    home.exclude.push(...piece.exclude);
    home.size += piece.size;
  }
  return packed.map((bin) => ({ include: bin.include, exclude: bin.exclude }));
}

/**
 * Plans the ranges of a listing of `heads`, balanced by the names seen before (`known`).
 *
 * Each head starts as a piece of its own. While a whole-prefix piece holds more than half a
 * range's share, it is split at the next character where its known names differ (past any
 * prefix they all share): the fullest next-character prefixes are carved out as pieces of their own (at most 9,
 * AWS's negated filters) until what stays holds no more than that, and what stays, with the
 * names nobody has seen yet, is the piece minus those. The pieces are then packed into ranges
 * (several prefixes in one filter), the largest first into the emptiest range. A split whose
 * pieces cannot be packed within the filter limits is not made.
 */
export function planNameRanges(heads: readonly string[], known: readonly string[], options: RangeOptions): RangePlan {
  const roots = rootsOf(heads);
  if (roots.length > MAX_INCLUDE) return { ranges: roots.map((root) => ({ include: [root], exclude: [] })) };
  const names = [...new Set(known)].filter((name) => roots.some((root) => name.startsWith(root)));
  const budget = Math.max(1, Math.min(options.maxRanges, Math.floor(Math.ceil(names.length / options.pageSize) / 2)));
  if (budget === 1) return { ranges: [{ include: roots, exclude: [] }] };
  const index = prefixIndex(names);
  // Pieces of at most half a range's share pack into ranges of about one share each.
  const pieceSize = names.length / budget / 2;
  let pieces: Piece[] = roots.map((root) => ({ include: root, exclude: [], size: index.count(root) }));
  let plan = packPieces(pieces, budget);
  /** Whole-prefix pieces that cannot be split (or whose split did not pack). */
  const settled = new Set<string>();

  for (;;) {
    const fullest = pieces.filter((piece) => piece.exclude.length === 0 && piece.size > pieceSize && !settled.has(piece.include)).sort((a, b) => b.size - a.size)[0];
    if (fullest === undefined) break;
    settled.add(fullest.include);
    const split = splitPiece(fullest, index, pieceSize);
    if (split === null) continue;
    const next = [...pieces.filter((piece) => piece !== fullest), ...split];
    const packed = packPieces(next, budget);
    if (packed === null) continue;
    pieces = next;
    plan = packed;
  }
  return { ranges: plan ?? [{ include: roots, exclude: [] }] };
}

type PrefixIndex = ReturnType<typeof prefixIndex>;

/** The common prefix of the known names under `prefix` (at least `prefix`, at most MAX_SPLIT_DEPTH longer). */
function sharedPrefix(prefix: string, index: PrefixIndex): string {
  let at = prefix;
  for (let depth = 0; depth < MAX_SPLIT_DEPTH; depth += 1) {
    const longer = [...index.next(at)];
    const only = longer[0];
    if (only === undefined || longer.length > 1 || index.count(only) !== index.count(at)) break;
    at = only;
  }
  return at;
}

/**
 * A whole-prefix piece split at the next character where its known names differ: the fullest
 * next-character prefixes carved out until the rest holds at most `most` (or 9 are carved), and
 * the rest. Null when the known names do not differ there (one name, or deeper than we look).
 */
function splitPiece(piece: Piece, index: PrefixIndex, most: number): Piece[] | null {
  const at = sharedPrefix(piece.include, index);
  const children = [...index.next(at)].map((prefix) => ({ prefix, size: index.count(prefix) })).sort((a, b) => b.size - a.size || a.prefix.localeCompare(b.prefix));
  const carved: Piece[] = [];
  let rest = piece.size;
  for (const child of children) {
    if (rest <= most || carved.length === MAX_EXCLUDE) break;
    carved.push({ include: child.prefix, exclude: [], size: child.size });
    rest -= child.size;
  }
  // Carving every name out of the rest, or nothing, is no split.
  if (carved.length === 0 || (carved.length === 1 && rest === 0)) return null;
  return [...carved, { include: piece.include, exclude: carved.map((child) => child.include), size: rest }];
}
