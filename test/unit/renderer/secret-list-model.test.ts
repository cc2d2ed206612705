/**
 * The Secrets list model (issue 12 item 4): the search index finds exactly what a plain search
 * finds, incremental filtering and merged sorting give exactly what a fresh pass gives, the order
 * is total and stable, and sections come out as the table shows them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRowBatch,
  createSecretListModel,
  filterRows,
  filterSections,
  groupByKind,
  indexForSearch,
  listItems,
  nextRowIndex,
  sortRows,
  type FilteredSections,
  type RowBatch,
  type SortState,
} from '../../../renderer/src/views/secrets/secret-list-model';
import type { SecretKind, SecretSummary } from '../../../shared/api';

const PREFIX: Readonly<Record<SecretKind, string>> = { connection: 'airflow/connections/', variable: 'airflow/variables/', config: 'airflow/config/' };

function summary(kind: SecretKind, id: string, extra: Partial<SecretSummary> = {}): SecretSummary {
  const name = `${PREFIX[kind]}${id}`;
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`, kind, id, description: null, lastChangedAt: null, createdAt: null, deletedAt: null, tags: [], ...extra };
}

// Texts from a small alphabet, so that searches hit; with the characters where lower-casing is
// not one character per character (İ, final Σ) and the index's own separator (\u0000).
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '_', '/', ' ', '1', 'Σ', 'σ', 'ς', 'İ', 'i', '\u0000'), maxLength: 8 });
const kind = fc.constantFrom<SecretKind>('connection', 'variable', 'config');
const date = fc.option(fc.constantFrom('2025-01-01T00:00:00Z', '2025-06-01T12:00:00Z', '2026-02-03T04:05:06Z'), { nil: null });
const tags = fc.array(fc.record({ key: text, value: text }), { maxLength: 2 });

/** Rows with unique names (and ARNs), as ListSecrets gives them. */
const rowsArbitrary = fc
  .uniqueArray(fc.record({ kind, id: text.filter((value) => value !== ''), description: fc.option(text, { nil: null }), lastChangedAt: date, tags }), {
    selector: (row) => `${row.kind}:${row.id}`,
    maxLength: 40,
  })
  .map((rows) => rows.map((row) => summary(row.kind, row.id, { description: row.description, lastChangedAt: row.lastChangedAt, tags: row.tags })));

const sortArbitrary = fc.record({ key: fc.constantFrom<SortState['key']>('id', 'name', 'lastChangedAt'), descending: fc.boolean() });

/** The search as users know it, written out plainly: any text of the row contains it, case ignored. */
function plainSearch(rows: readonly SecretSummary[], search: string): SecretSummary[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((row) => needle === '' || [row.name, row.id, row.description ?? '', ...row.tags.flatMap((tag) => [tag.key, tag.value])].some((value) => value.toLowerCase().includes(needle)));
}

/** The order as the table promises it: the key in the direction asked, then name, then ARN. */
function plainSort(rows: readonly SecretSummary[], sort: SortState): SecretSummary[] {
  const key = (row: SecretSummary) => (sort.key === 'id' ? row.id : sort.key === 'name' ? row.name : (row.lastChangedAt ?? ''));
  const byKey = (a: string, b: string) => (sort.key === 'lastChangedAt' ? (a < b ? -1 : a > b ? 1 : 0) : a.localeCompare(b));
  return [...rows].sort((a, b) => (sort.descending ? -1 : 1) * byKey(key(a), key(b)) || a.name.localeCompare(b.name) || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

const names = (rows: readonly SecretSummary[]) => rows.map((row) => row.name);

describe('the search index (issue 12 item 4)', () => {
  it('issue 12 item 4: the index finds exactly what a plain search finds, for any rows and any search', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.oneof(text, fc.constantFrom('', '  ', 'a_', 'Σ', 'σ', 'ς', 'i̇', '\u0000a')), (rows, search) => {
        expect(names(filterRows(rows, search))).toEqual(names(plainSearch(rows, search)));
      }),
      { numRuns: 400 },
    );
  });

  it('issue 12 item 4: filtering keystroke by keystroke (extending, deleting, replacing) equals a fresh filter each time', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.array(fc.oneof(text, text.map((value) => `${value}${value}`)), { minLength: 1, maxLength: 8 }), (rows, typed) => {
        const base = groupByKind(rows);
        // Every prefix of every typed text in turn: the way a search box sees typing.
        const searches = typed.flatMap((value) => Array.from({ length: value.length + 1 }, (_, end) => value.slice(0, end)));
        let previous: FilteredSections<SecretSummary> | null = null;
        for (const search of searches) {
          const next: FilteredSections<SecretSummary> = filterSections(base, search, previous);
          const fresh = filterSections(base, search, null);
          expect(next.sections).toEqual(fresh.sections);
          expect(names([...next.sections.connection, ...next.sections.variable, ...next.sections.config]).sort()).toEqual(names(plainSearch(rows, search)).sort());
          previous = next;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('issue 12 item 4: a search that extends the previous one checks only the rows that matched it', () => {
    const west = summary('connection', 'west_db');
    const web = summary('connection', 'web_api');
    const base = groupByKind([web, west]);
    const first = filterSections(base, 'w', null);
    expect(names(first.sections.connection)).toEqual([web.name, west.name]);
    expect(names(filterSections(base, 'we', first).sections.connection)).toEqual([web.name, west.name]);
    expect(names(filterSections(base, 'wes', first).sections.connection)).toEqual([west.name]);
    // Proof that it narrows the previous result instead of the whole list: a previous result
    // (deliberately) missing a row that matches keeps it missing when the search is extended...
    const doctored: FilteredSections<SecretSummary> = { ...first, sections: { ...first.sections, connection: [web] } };
    expect(names(filterSections(base, 'we', doctored).sections.connection)).toEqual([web.name]);
    // ...and a search that does not extend it (a deletion) starts again from every row.
    expect(names(filterSections(base, 'e', doctored).sections.connection)).toEqual([web.name, west.name]);
  });
});

describe('sorting (issue 12 item 4)', () => {
  it('issue 12 item 4: the order is the key, then name, then ARN, whatever order the rows came in', () => {
    fc.assert(
      fc.property(rowsArbitrary, sortArbitrary, fc.infiniteStream(fc.nat()), (rows, sort, randoms) => {
        const shuffled = [...rows];
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          const j = (randoms.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(names(sortRows(shuffled, sort).rows)).toEqual(names(plainSort(rows, sort)));
      }),
      { numRuns: 300 },
    );
  });

  it('issue 12 item 4: rows arriving in pages, and a write replacing or removing rows, merge into exactly the full sort', () => {
    fc.assert(
      fc.property(rowsArbitrary, sortArbitrary, fc.array(fc.nat({ max: 10 }), { minLength: 1, maxLength: 6 }), fc.nat({ max: 40 }), (rows, sort, pageSizes, dropAt) => {
        let shown: readonly SecretSummary[] = [];
        let sorted = sortRows(shown, sort);
        let offset = 0;
        for (const size of pageSizes) {
          shown = [...shown, ...rows.slice(offset, offset + size)];
          offset += size;
          sorted = sortRows(shown, sort, sorted);
          expect(names(sorted.rows)).toEqual(names(plainSort(shown, sort)));
        }
        // A write: one row replaced by a changed copy (a new object), one removed.
        const replaced = dropAt % Math.max(shown.length, 1);
        const removed = shown.length < 2 ? -1 : (replaced + 1) % shown.length;
        const afterWrite = shown.flatMap((row, index) => (index === removed ? [] : index === replaced ? [{ ...row, lastChangedAt: '2027-01-01T00:00:00Z' }] : [row]));
        sorted = sortRows(afterWrite, sort, sorted);
        expect(sorted.rows).toEqual(plainSort(afterWrite, sort));
      }),
      { numRuns: 300 },
    );
  });

  it('issue 12 item 4: ties keep one order in both directions (by name), so equal dates never shuffle', () => {
    const same = '2025-01-01T00:00:00Z';
    const rows = [summary('variable', 'c', { lastChangedAt: same }), summary('variable', 'a', { lastChangedAt: same }), summary('variable', 'b', { lastChangedAt: '2024-01-01T00:00:00Z' })];
    expect(names(sortRows(rows, { key: 'lastChangedAt', descending: false }).rows)).toEqual(['airflow/variables/b', 'airflow/variables/a', 'airflow/variables/c']);
    expect(names(sortRows(rows, { key: 'lastChangedAt', descending: true }).rows)).toEqual(['airflow/variables/a', 'airflow/variables/c', 'airflow/variables/b']);
  });

  it('issue 12 item 4: a missing date sorts as the oldest', () => {
    const rows = [summary('variable', 'dated', { lastChangedAt: '2025-01-01T00:00:00Z' }), summary('variable', 'undated')];
    expect(names(sortRows(rows, { key: 'lastChangedAt', descending: false }).rows)).toEqual(['airflow/variables/undated', 'airflow/variables/dated']);
  });
});

describe('sections and items (issue 12 item 4)', () => {
  it('issue 12 item 4: headings for non-empty sections only, in the order Connections, Variables, Config, with their counts and stripes per section', () => {
    const rows = [summary('config', 'core'), summary('connection', 'a'), summary('connection', 'b'), summary('connection', 'c')];
    const view = listItems(groupByKind(sortRows(rows, { key: 'id', descending: false }).rows));
    expect(view.items.map((item) => (item.type === 'section' ? `# ${item.kind} ${item.count}` : `${item.row.id}${item.stripe ? ' (stripe)' : ''}`))).toEqual(['# connection 3', 'a', 'b (stripe)', 'c', '# config 1', 'core']);
    expect(view.matchCount).toBe(4);
    expect(view.indexOfName('airflow/config/core')).toBe(5);
    expect(view.indexOfName('airflow/variables/none')).toBe(-1);
  });

  it('issue 12 item 4: the keyboard moves between secrets and skips headings, stopping at either end', () => {
    const view = listItems(groupByKind([summary('connection', 'a'), summary('variable', 'b')]));
    // Items: # connection, a, # variable, b
    expect(nextRowIndex(view.items, 1, 1)).toBe(3);
    expect(nextRowIndex(view.items, 3, -1)).toBe(1);
    expect(nextRowIndex(view.items, 1, -1)).toBeNull();
    expect(nextRowIndex(view.items, 3, 1)).toBeNull();
    expect(nextRowIndex(view.items, -1, 1)).toBe(1);
    expect(nextRowIndex(view.items, view.items.length, -1)).toBe(3);
  });

  it('issue 12 item 4: the model gives the same view as a fresh one through data growth, sort changes and typing, and keeps it when nothing changed', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.array(fc.tuple(fc.nat({ max: 40 }), sortArbitrary, text), { minLength: 1, maxLength: 6 }), (rows, steps) => {
        const model = createSecretListModel();
        for (const [count, sort, search] of steps) {
          const shown = rows.slice(0, count);
          const view = model.view(shown, sort, search);
          const fresh = createSecretListModel().view(shown, sort, search);
          expect(view.items).toEqual(fresh.items);
          expect(model.view(shown, { ...sort }, search)).toBe(view);
          const expected = (['connection', 'variable', 'config'] as const).flatMap((kind) => names(plainSort(plainSearch(shown, search), sort).filter((row) => row.kind === kind)));
          expect(view.items.flatMap((item) => (item.type === 'row' ? [item.row.name] : []))).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('rows streamed in batches (issue 12 item 4)', () => {
  /** The listing as a plain map by name, applied batch by batch: what the window must end up with. */
  function plainApply(rows: readonly SecretSummary[], batch: RowBatch<SecretSummary>): Map<string, SecretSummary> {
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const row of batch.items) byName.set(row.name, row);
    for (const name of batch.removed) byName.delete(name);
    return byName;
  }

  it('issue 12 item 4: batches that add, replace (by name) and remove rows leave exactly the listing, untouched rows keeping their identity', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.array(fc.tuple(fc.nat({ max: 8 }), fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 2 })), { minLength: 1, maxLength: 6 }), (all, batches) => {
        let rows: readonly SecretSummary[] = [];
        let offset = 0;
        for (const [size, replaceAt, removeAt] of batches) {
          const fresh = all.slice(offset, offset + size);
          offset += size;
          const replaced = rows.length === 0 ? [] : replaceAt.map((at) => ({ ...rows[at % rows.length]!, description: `changed ${at}` }));
          const removed = rows.length === 0 ? [] : removeAt.map((at) => rows[at % rows.length]!.name);
          const batch: RowBatch<SecretSummary> = { items: [...fresh, ...replaced], removed };
          const expected = plainApply(rows, batch);
          const before = rows;
          rows = applyRowBatch(rows, batch);
          expect(new Map(rows.map((row) => [row.name, row]))).toEqual(expected);
          expect(rows.length, 'one row per name').toBe(expected.size);
          const touched = new Set([...batch.items.map((row) => row.name), ...batch.removed]);
          for (const row of before) if (!touched.has(row.name)) expect(rows.includes(row), `${row.name} kept as it was`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('issue 12 item 4: an empty batch changes nothing, so nothing downstream recomputes', () => {
    const rows = [summary('connection', 'a')];
    expect(applyRowBatch(rows, { items: [], removed: [] })).toBe(rows);
  });

  it('issue 12 item 4: the first page is shown at once and each later batch lands in place: the view always equals a fresh one over the rows so far', () => {
    fc.assert(
      fc.property(rowsArbitrary, sortArbitrary, text, fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 }), (all, sort, search, sizes) => {
        const model = createSecretListModel();
        let rows: readonly SecretSummary[] = [];
        let offset = 0;
        for (const size of sizes) {
          // A batch of new rows, plus the first row again, changed (a revalidated cached row).
          const changed = rows[0] === undefined ? [] : [{ ...rows[0], lastChangedAt: '2027-01-01T00:00:00Z' }];
          rows = applyRowBatch(rows, { items: [...all.slice(offset, offset + size), ...changed], removed: [] });
          offset += size;
          const view = model.view(rows, sort, search);
          expect(view.items).toEqual(createSecretListModel().view(rows, sort, search).items);
          expect(view.matchCount).toBe(plainSearch(rows, search).length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('issue 12 item 4: a batch gives the table the same item for every row that stays where it was, so those rows do not render again', () => {
    const model = createSecretListModel();
    const sort: SortState = { key: 'id', descending: false };
    const first = [summary('connection', 'a'), summary('connection', 'c'), summary('variable', 'v')];
    const before = model.view(first, sort, '');
    // `d` sorts after every connection shown, so no row above it moves or changes stripe.
    const after = model.view(applyRowBatch(first, { items: [summary('connection', 'd')], removed: [] }), sort, '');
    expect(after).not.toBe(before);
    const rowItem = (view: typeof before, id: string) => view.items.find((item) => item.type === 'row' && item.row.id === id);
    for (const id of ['a', 'c']) expect(rowItem(after, id), `${id}: the same item`).toBe(rowItem(before, id));
    // A row whose stripe changes gets a new item with the new stripe.
    const shifted = model.view(applyRowBatch(first, { items: [summary('connection', 'b')], removed: [] }), sort, '');
    expect(rowItem(shifted, 'c')).toMatchObject({ stripe: false });
    expect(rowItem(shifted, 'c')).not.toBe(rowItem(before, 'c'));
  });
});

describe('the search index built after the rows show (issue 12 item 4)', () => {
  /** A row that counts how often its texts are read (indexing reads them once). */
  function countedRow(id: string, reads: { count: number }): SecretSummary {
    const row = summary('variable', id);
    return Object.defineProperty({ ...row }, 'name', { get: () => { reads.count += 1; return row.name; }, enumerable: true });
  }

  it('issue 12 item 4: slices stay within their time budget, and a later search reads no row again', () => {
    const reads = { count: 0 };
    const rows = Array.from({ length: 1_000 }, (_, i) => countedRow(`v${i}`, reads));
    const queued: (() => void)[] = [];
    let clock = 0;
    // Every clock read advances 1 ms: a budget of 4 ms lets a slice check the clock 4 times (64 rows each).
    indexForSearch(rows, (work) => { queued.push(work); return () => undefined; }, 4, () => clock++);
    expect(reads.count, 'nothing is done before the first slice runs').toBe(0);
    let slices = 0;
    for (let work = queued.shift(); work !== undefined; work = queued.shift()) {
      const before = reads.count;
      work();
      slices += 1;
      expect(reads.count - before, 'rows indexed in one slice').toBeLessThanOrEqual(4 * 64);
    }
    expect(slices).toBeGreaterThan(1);
    expect(reads.count).toBe(rows.length);
    expect(filterRows(rows, 'v99')).toHaveLength(11);
    expect(reads.count, 'the search used the index').toBe(rows.length);
  });

  it('issue 12 item 4: a cancelled index stops after the slice that runs, and searching still finds every row', () => {
    const reads = { count: 0 };
    const rows = Array.from({ length: 1_000 }, (_, i) => countedRow(`w${i}`, reads));
    const queued: (() => void)[] = [];
    let clock = 0;
    const cancel = indexForSearch(rows, (work) => { queued.push(work); return () => queued.splice(queued.indexOf(work), 1); }, 2, () => clock++);
    queued.shift()?.();
    const afterOne = reads.count;
    cancel();
    expect(queued, 'no slice left').toEqual([]);
    expect(afterOne).toBeLessThan(rows.length);
    expect(filterRows(rows, 'w1')).toHaveLength(111);
  });
});
