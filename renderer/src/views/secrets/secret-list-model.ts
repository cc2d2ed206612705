/**
 * The Secrets list's data at 10,000 rows (issue 12 item 4): what a search matches, the sort
 * order, and the sections (Connections, Variables, Config) flattened into the items a virtual
 * list renders. Pure and DOM-free; the table only draws the items it is asked for.
 *
 * Costs, so that typing never waits on the list:
 * - each row's searchable texts are lower-cased once (cached per row object), so a keystroke is
 *   one `includes` per row, and a query that extends the previous one only re-checks the rows
 *   that matched it;
 * - each row's sort keys are read once; when rows arrive in pages or a write replaces one row,
 *   only the new rows are sorted and merged into the previous order (O(n), not O(n log n));
 * - sections are cut from the sorted order once per data or sort change, not per keystroke.
 */
import { lookupKinds } from '../../../../shared/airflow';
import type { SecretKind, SecretSummary } from '../../../../shared/api';

export type SortKey = 'id' | 'name' | 'lastChangedAt';
export interface SortState {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** What a search looks in; secrets outside the prefixes have no id. */
export interface Searchable {
  readonly name: string;
  readonly id: string | null;
  readonly description: string | null;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/** The one rule for what a search looks in: ids, names, descriptions, tag keys and values. */
export function searchTexts(row: Searchable): string[] {
  return [row.name, row.id ?? '', row.description ?? '', ...row.tags.flatMap((tag) => [tag.key, tag.value])];
}

/** The search as typed, made comparable: surrounding spaces dropped, case ignored. */
export function searchNeedle(search: string): string {
  return search.trim().toLowerCase();
}

/** A row matches when any of its texts contains the search, ignoring case. For short lists. */
export function matchesSearch(row: Searchable, search: string): boolean {
  const needle = searchNeedle(search);
  return needle === '' || searchTexts(row).some((text) => text.toLowerCase().includes(needle));
}

/**
 * Between two texts in a haystack. No search can match across it unless it contains it, and
 * such a search (pasted, never typed) is checked text by text instead.
 */
const BETWEEN_TEXTS = '\u0000';
const haystacks = new WeakMap<Searchable, string>();

/** The row's texts lower-cased one by one (as `matchesSearch` does) and joined; cached per row. */
export function haystackOf(row: Searchable): string {
  let haystack = haystacks.get(row);
  if (haystack === undefined) {
    haystack = searchTexts(row).map((text) => text.toLowerCase()).join(BETWEEN_TEXTS);
    haystacks.set(row, haystack);
  }
  return haystack;
}

function matchesNeedle(row: Searchable, needle: string): boolean {
  if (needle.includes(BETWEEN_TEXTS)) return searchTexts(row).some((text) => text.toLowerCase().includes(needle));
  return haystackOf(row).includes(needle);
}

/**
 * Indexes rows for search a slice at a time (`budgetMs` each), so that new data never holds the
 * first paint or the next keystroke: rows already indexed cost a lookup. Returns a cancel.
 */
export function indexForSearch(rows: readonly Searchable[], schedule: (work: () => void) => () => void, budgetMs = 8, now: () => number = () => performance.now()): () => void {
  let next = 0;
  let cancel: (() => void) | null = null;
  const slice = () => {
    const until = now() + budgetMs;
    // Checking the clock every 64 rows: a row takes microseconds.
    while (next < rows.length) {
      for (const end = Math.min(rows.length, next + 64); next < end; next += 1) {
        const row = rows[next];
        if (row !== undefined) haystackOf(row);
      }
      if (now() >= until) break;
    }
    cancel = next < rows.length ? schedule(slice) : null;
  };
  cancel = schedule(slice);
  return () => cancel?.();
}

/** The rows a search keeps, in their order. */
export function filterRows<T extends Searchable>(rows: readonly T[], search: string): readonly T[] {
  const needle = searchNeedle(search);
  return needle === '' ? rows : rows.filter((row) => matchesNeedle(row, needle));
}

type Sortable = Pick<SecretSummary, 'id' | 'name' | 'arn' | 'lastChangedAt'>;

/** The text a sort key orders by; a missing date sorts first, as an empty text. */
function sortText(row: Sortable, key: SortKey): string {
  switch (key) {
    case 'id':
      return row.id;
    case 'name':
      return row.name;
    case 'lastChangedAt':
      return row.lastChangedAt ?? '';
  }
}

/**
 * A total order: the key (ids and names in the user's locale, dates as ISO text), the direction
 * applying to the key only; ties by name, then ARN, so the order never depends on the order rows
 * arrived in and a merge gives exactly what a full sort gives.
 */
export function compareRows(sort: SortState): (a: Sortable, b: Sortable) => number {
  const byKey = sort.key === 'lastChangedAt' ? compareCodeUnits : compareLocale;
  const direction = sort.descending ? -1 : 1;
  return (a, b) => direction * byKey(sortText(a, sort.key), sortText(b, sort.key)) || compareLocale(a.name, b.name) || compareCodeUnits(a.arn, b.arn);
}

/** `localeCompare` without locales: the order the list always had (and V8's fast path). */
function compareLocale(a: string, b: string): number {
  return a.localeCompare(b);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SortedRows<T> {
  readonly source: readonly T[];
  readonly sort: SortState;
  readonly rows: readonly T[];
}

function sameSort(a: SortState, b: SortState): boolean {
  return a.key === b.key && a.descending === b.descending;
}

/**
 * The rows in sort order. Given the previous result for the same sort, the rows it already
 * placed keep their places (those gone are dropped), and only the new ones are sorted and merged
 * in: streamed pages and single writes cost O(n), not a full sort.
 */
export function sortRows<T extends Sortable>(source: readonly T[], sort: SortState, previous: SortedRows<T> | null = null): SortedRows<T> {
  const compare = compareRows(sort);
  if (previous === null || !sameSort(previous.sort, sort)) return { source, sort, rows: [...source].sort(compare) };
  if (previous.source === source) return previous;
  const placed = new Set(previous.source);
  const present = new Set(source);
  const kept = previous.rows.filter((row) => present.has(row));
  const added = source.filter((row) => !placed.has(row)).sort(compare);
  return { source, sort, rows: mergeSorted(kept, added, compare) };
}

function mergeSorted<T>(left: readonly T[], right: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (right.length === 0) return [...left];
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    // `<= 0` keeps the left (already placed) row first on a tie; the order is total, so ties are the same row.
    if (compare(left[i] as T, right[j] as T) <= 0) merged.push(left[i++] as T);
    else merged.push(right[j++] as T);
  }
  while (i < left.length) merged.push(left[i++] as T);
  while (j < right.length) merged.push(right[j++] as T);
  return merged;
}

/** The sections, in the order the list shows them. */
export const SECTION_KINDS: readonly SecretKind[] = lookupKinds;

export type Sections<T> = Readonly<Record<SecretKind, readonly T[]>>;

/** Splits sorted rows by kind, keeping their order. */
export function groupByKind<T extends { readonly kind: SecretKind }>(sorted: readonly T[]): Sections<T> {
  const sections: Record<SecretKind, T[]> = { connection: [], variable: [], config: [] };
  for (const row of sorted) sections[row.kind].push(row);
  return sections;
}

export interface FilteredSections<T> {
  readonly base: Sections<T>;
  readonly needle: string;
  readonly sections: Sections<T>;
}

/**
 * The sections a search keeps. When the search extends the previous one on the same sections
 * (typing one more character), only the rows that matched before are checked: whatever contains
 * the longer text contains the shorter one.
 */
export function filterSections<T extends Searchable>(base: Sections<T>, search: string, previous: FilteredSections<T> | null = null): FilteredSections<T> {
  const needle = searchNeedle(search);
  if (previous !== null && previous.base === base && previous.needle === needle) return previous;
  if (needle === '') return { base, needle, sections: base };
  const from = previous !== null && previous.base === base && previous.needle !== '' && needle.includes(previous.needle) ? previous.sections : base;
  const keep = (rows: readonly T[]) => rows.filter((row) => matchesNeedle(row, needle));
  return { base, needle, sections: { connection: keep(from.connection), variable: keep(from.variable), config: keep(from.config) } };
}

/** One line of the virtual list: a section's heading, or a secret. */
export type ListItem<T> =
  | { readonly type: 'section'; readonly key: string; readonly kind: SecretKind; readonly count: number }
  | { readonly type: 'row'; readonly key: string; readonly kind: SecretKind; readonly row: T; readonly stripe: boolean };

export interface ListView<T> {
  /** Headings and rows, in display order; a section without rows has no heading. */
  readonly items: readonly ListItem<T>[];
  /** Rows shown (all sections). */
  readonly matchCount: number;
  /** Where a secret's row is among the items, by secret name (-1: not shown). */
  readonly indexOfName: (name: string) => number;
}

type RowItem<T> = Extract<ListItem<T>, { type: 'row' }>;

/**
 * The item of a row, made once per row, kind and stripe: a batch, a write or a keystroke that
 * leaves a row where it was (and its stripe) gives the table the same item, so that row does not
 * render again.
 */
const rowItems = new WeakMap<object, RowItem<unknown>[]>();

function rowItem<T extends { readonly arn: string }>(row: T, kind: SecretKind, stripe: boolean): RowItem<T> {
  let made = rowItems.get(row);
  if (made === undefined) {
    made = [];
    rowItems.set(row, made);
  }
  // The cache holds only items made from this very row, so its `row` is a T.
  const item = made.find((candidate) => candidate.kind === kind && candidate.stripe === stripe) as RowItem<T> | undefined;
  if (item !== undefined) return item;
  const fresh: RowItem<T> = { type: 'row', key: row.arn, kind, row, stripe };
  made.push(fresh);
  return fresh;
}

/** Flattens sections into the virtual list's items; stripes alternate within each section. */
export function listItems<T extends { readonly arn: string; readonly name: string }>(sections: Sections<T>): ListView<T> {
  const items: ListItem<T>[] = [];
  const indexes = new Map<string, number>();
  let matchCount = 0;
  for (const kind of SECTION_KINDS) {
    const rows = sections[kind];
    if (rows.length === 0) continue;
    items.push({ type: 'section', key: `section:${kind}`, kind, count: rows.length });
    rows.forEach((row, index) => {
      indexes.set(row.name, items.length);
      items.push(rowItem(row, kind, index % 2 === 1));
    });
    matchCount += rows.length;
  }
  return { items, matchCount, indexOfName: (name) => indexes.get(name) ?? -1 };
}

/** What a streamed listing sends after its first answer: rows new or changed (by name), names gone. */
export interface RowBatch<T> {
  readonly items: readonly T[];
  readonly removed: readonly string[];
}

/**
 * The rows after one streamed batch: a row of a name already listed is replaced where it stands,
 * a new name is appended, a removed name is dropped. Rows not touched keep their identity (the
 * sort merges and the search index rely on it), and a batch that changes nothing returns `rows`.
 */
export function applyRowBatch<T extends { readonly name: string }>(rows: readonly T[], batch: RowBatch<T>): readonly T[] {
  if (batch.items.length === 0 && batch.removed.length === 0) return rows;
  const incoming = new Map(batch.items.map((row) => [row.name, row]));
  const removed = new Set(batch.removed);
  const next: T[] = [];
  for (const row of rows) {
    if (removed.has(row.name)) continue;
    const replacement = incoming.get(row.name);
    next.push(replacement ?? row);
    incoming.delete(row.name);
  }
  // What is left is new; a name both sent and removed in one batch is gone.
  for (const row of incoming.values()) if (!removed.has(row.name)) next.push(row);
  return next;
}

type ListRow = SecretSummary;

/**
 * The list model of one table: remembers its last sort, sections and filter so that the next
 * call does only the new work. Every stage returns the previous result when its inputs are the
 * same, so calling it on each render is cheap and the results keep their identity.
 */
export function createSecretListModel(): { view: (rows: readonly ListRow[], sort: SortState, search: string) => ListView<ListRow> } {
  let sorted: SortedRows<ListRow> | null = null;
  let grouped: { readonly from: readonly ListRow[]; readonly sections: Sections<ListRow> } | null = null;
  let filtered: FilteredSections<ListRow> | null = null;
  let shown: { readonly from: Sections<ListRow>; readonly view: ListView<ListRow> } | null = null;
  return {
    view(rows, sort, search) {
      // New rows are indexed for search by `indexForSearch` after they are shown, or by the first search that needs them.
      sorted = sortRows(rows, sort, sorted);
      if (grouped?.from !== sorted.rows) grouped = { from: sorted.rows, sections: groupByKind(sorted.rows) };
      filtered = filterSections(grouped.sections, search, filtered);
      if (shown?.from !== filtered.sections) shown = { from: filtered.sections, view: listItems(filtered.sections) };
      return shown.view;
    },
  };
}

/**
 * The next secret's index from `from` in direction `step`, skipping section headings; null at
 * either end. `from` may be -1 or `items.length` to find the first or last secret.
 */
export function nextRowIndex(items: readonly { readonly type: 'section' | 'row' }[], from: number, step: 1 | -1): number | null {
  for (let index = from + step; index >= 0 && index < items.length; index += step) {
    if (items[index]?.type === 'row') return index;
  }
  return null;
}
