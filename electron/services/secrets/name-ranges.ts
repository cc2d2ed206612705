/**
 * Splitting a listing into ranges that can be fetched at the same time.
 *
 * ListSecrets' `name` filter is a case-sensitive prefix match; several values in one filter are
 * OR-ed, several filters AND-ed, and a value starting with `!` negates. A range is therefore "the
 * names that start with one of `include` and with none of `exclude`" (one filter of up to 10
 * values, plus one negated filter per excluded prefix: at most 9, for AWS's 10 filters).
 *
 * The plan is a partition: every name under the heads is in exactly one range, or is one of
 * `exactNames` (a prefix whose longer names were all handed to other ranges, and which may itself
 * be a secret's whole name: it is looked up with DescribeSecret). Ranges are only made from what
 * earlier listings saw (`known`), so that each holds about the same number of names; names nobody
 * has seen yet still land in exactly one range, whatever they are.
 *
 * The number of ranges is kept to half the pages the known names fill, so the calls stay within
 * 1.5 x ceil(N/100): each range costs at most one page more than its names need.
 */

/** The characters AWS allows in a secret name (and so the only ones that can follow a prefix). */
export const NAME_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-';
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const MAX_INCLUDE = 10;
const MAX_EXCLUDE = 9;

export interface NameRange {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface RangePlan {
  readonly ranges: readonly NameRange[];
  /** Names to look up one by one: every other name under them is in a range. */
  readonly exactNames: readonly string[];
}

export interface RangeOptions {
  /** How many ranges (plus exact lookups) at most run at once. */
  readonly maxRanges: number;
  readonly pageSize: number;
}

/** Whether a name is in a range (the rule the server applies to the range's filters). */
export function rangeContains(range: NameRange, name: string): boolean {
  const included = range.include.length === 0 || range.include.some((prefix) => name.startsWith(prefix));
  return included && !range.exclude.some((prefix) => name.startsWith(prefix));
}

interface Unit {
  include: string[];
  exclude: string[];
  /** Known names in this unit, sorted. */
  names: string[];
  settled: boolean;
}

const under = (prefixes: readonly string[]) => (name: string) => prefixes.some((prefix) => name.startsWith(prefix));

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

interface Piece {
  readonly prefix: string;
  readonly names: string[];
}

/** The known names below `head`, grouped by the character that follows it. */
function piecesBelow(head: string, names: readonly string[]): Piece[] {
  const byPrefix = new Map<string, string[]>();
  for (const name of names) {
    if (name.length <= head.length) continue;
    const prefix = name.slice(0, head.length + 1);
    const list = byPrefix.get(prefix);
    if (list === undefined) byPrefix.set(prefix, [name]);
    else list.push(name);
  }
  return [...byPrefix].map(([prefix, list]) => ({ prefix, names: list }));
}

/** Longest-processing-time packing: heaviest first, into the lightest bin that has room. */
function pack<T>(items: readonly T[], weight: (item: T) => number, bins: number, capacity: number): T[][] {
  const packed: { items: T[]; mass: number }[] = Array.from({ length: bins }, () => ({ items: [], mass: 0 }));
  for (const item of [...items].sort((a, b) => weight(b) - weight(a))) {
    let best: { items: T[]; mass: number } | undefined;
    for (const bin of packed) {
      if (bin.items.length >= capacity) continue;
      if (best === undefined || bin.mass < best.mass || (bin.mass === best.mass && bin.items.length < best.items.length)) best = bin;
    }
    if (best === undefined) throw new Error('pack: no room left');
    best.items.push(item);
    best.mass += weight(item);
  }
  return packed.map((bin) => bin.items);
}

export function planNameRanges(heads: readonly string[], known: readonly string[], options: RangeOptions): RangePlan {
  const roots = heads.includes('') || heads.length === 0 ? [''] : [...new Set(heads)];
  const names = [...new Set(known)].filter(under(roots)).sort();
  const pages = Math.ceil(names.length / options.pageSize);
  const budget = Math.max(1, Math.min(options.maxRanges, Math.floor(pages / 2)));
  const units: Unit[] = [{ include: roots, exclude: [], names, settled: false }];
  const exactNames: string[] = [];
  const target = names.length / budget;
  const used = () => units.length + exactNames.length;

  const carve = (from: Unit, pieces: readonly Piece[]): void => {
    const prefixes = pieces.map((piece) => piece.prefix);
    const inside = under(prefixes);
    units.push({ include: prefixes, exclude: from.exclude.filter(inside), names: pieces.flatMap((piece) => piece.names).sort(), settled: false });
    from.exclude = [...from.exclude.filter((prefix) => !inside(prefix)), ...prefixes];
    from.names = from.names.filter((name) => !inside(name));
  };

  /**
   * Replaces the part of `unit` under `lcp` by ranges for every character that can follow it, and a
   * lookup of `lcp` itself; the rest of `unit` (other heads, names under `head` but not `lcp`) stays.
   */
  const cover = (unit: Unit, head: string, lcp: string): boolean => {
    const characters = [...NAME_CHARACTERS].filter((c) => !unit.exclude.includes(lcp + c));
    const minimum = Math.ceil(characters.length / MAX_INCLUDE);
    const rest: Unit = {
      include: lcp === head ? unit.include.filter((prefix) => prefix !== head) : unit.include,
      exclude: [...unit.exclude.filter((prefix) => !prefix.startsWith(lcp)), ...(lcp === head ? [] : [lcp])],
      names: unit.names.filter((name) => !name.startsWith(lcp)),
      settled: false,
    };
    const keepsRest = rest.include.length > 0;
    if (keepsRest && rest.exclude.length > MAX_EXCLUDE) return false;
    const lookup = SECRET_NAME.test(lcp) ? 1 : 0;
    const available = budget - used() + 1 - (keepsRest ? 1 : 0) - lookup;
    const covered = unit.names.length - rest.names.length;
    const groups = Math.min(available, Math.max(minimum, Math.round(covered / target)));
    if (groups < minimum) return false;
    const byPrefix = new Map(piecesBelow(lcp, unit.names).map((piece) => [piece.prefix, piece.names]));
    const bins = pack(characters.map((c) => lcp + c), (prefix) => byPrefix.get(prefix)?.length ?? 0, groups, MAX_INCLUDE);
    units.splice(units.indexOf(unit), 1);
    if (keepsRest) units.push(rest);
    for (const bin of bins) {
      if (bin.length === 0) continue;
      const inside = under(bin);
      units.push({ include: bin, exclude: unit.exclude.filter(inside), names: bin.flatMap((prefix) => byPrefix.get(prefix) ?? []).sort(), settled: false });
    }
    if (lookup === 1) exactNames.push(lcp);
    return true;
  };

  const split = (unit: Unit): boolean => {
    const room = budget - used();
    // Work below the head (of the unit's heads) that holds the most names.
    const head = [...unit.include].sort((a, b) => unit.names.filter((name) => name.startsWith(b)).length - unit.names.filter((name) => name.startsWith(a)).length)[0];
    if (head === undefined) return false;
    const own = unit.names.filter((name) => name.startsWith(head));
    const first = own[0];
    const last = own.at(-1);
    if (first === undefined || last === undefined) return false;
    const lcp = commonPrefix(first, last);
    const pieces = piecesBelow(lcp, own);
    const slots = MAX_EXCLUDE - unit.exclude.length;

    // Carve: the pieces packed into bins of about the target size; the bin with the most pieces
    // stays here, the others become ranges (each piece costs this range one negated filter).
    const bins = pack(pieces, (piece) => piece.names.length, Math.min(room + 1, Math.max(2, Math.round(own.length / target))), pieces.length)
      .filter((bin) => bin.length > 0)
      .sort((a, b) => b.length - a.length);
    const carved = bins.slice(1);
    if (carved.length > 0 && carved.reduce((sum, bin) => sum + bin.length, 0) <= slots) {
      for (const bin of carved) carve(unit, bin);
      return true;
    }
    // Too many small pieces to carve: one range per group of characters instead.
    if (cover(unit, head, lcp)) return true;
    // Neither fits: carve the biggest pieces, as many as the filters allow, into the ranges left.
    const biggest = [...pieces].sort((a, b) => b.names.length - a.names.length).slice(0, slots);
    if (biggest.length === 0 || room < 1) return false;
    for (const bin of pack(biggest, (piece) => piece.names.length, Math.min(room, biggest.length), MAX_INCLUDE)) if (bin.length > 0) carve(unit, bin);
    return true;
  };

  while (used() < budget) {
    const heavy = units.filter((unit) => !unit.settled && unit.names.length > 1.5 * target).sort((a, b) => b.names.length - a.names.length)[0];
    if (heavy === undefined) break;
    if (!split(heavy)) heavy.settled = true;
  }
  return { ranges: units.map((unit) => ({ include: unit.include, exclude: unit.exclude })), exactNames };
}
