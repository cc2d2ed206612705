import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_CHARACTERS, planNameRanges, rangeContains, type RangePlan } from '../../../../electron/services/secrets/name-ranges';
import { listFilters, MAX_FILTER_VALUES, MAX_FILTERS } from '../../../../electron/services/secrets/secrets-gateway';

const PAGE = 100;

/** How many ranges of a plan hold a name. */
function homes(plan: RangePlan, name: string): number {
  return plan.ranges.filter((range) => rangeContains(range, name)).length;
}

const nameChar = fc.constantFrom(...NAME_CHARACTERS.split(''));
/** Names that share prefixes often, like real ones (a few heads, skewed next characters). */
const suffix = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '_', '1'), minLength: 0, maxLength: 6 }),
  fc.string({ unit: nameChar, minLength: 0, maxLength: 8 }),
);
const heads = ['airflow/connections/', 'airflow/variables/', 'airflow/config/'];
const namesUnder = fc.array(fc.tuple(fc.constantFrom(...heads), suffix).map(([head, rest]) => head + rest), { maxLength: 3_000 });

describe('listing ranges', () => {
  it('issue 12 item 2: every name under the prefixes, seen before or not, is in exactly one range', () => {
    fc.assert(
      fc.property(namesUnder, namesUnder, (known, unseen) => {
        const plan = planNameRanges(heads, known, { maxRanges: 10, pageSize: PAGE });
        for (const name of [...known, ...unseen, ...heads]) expect(homes(plan, name), name).toBe(1);
        // Names under no head are in no range.
        expect(homes(plan, 'other/app/secret')).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('issue 12 item 2: keeps within AWS\'s filter limits and within half the pages the known names fill', () => {
    fc.assert(
      fc.property(namesUnder, (known) => {
        const plan = planNameRanges(heads, known, { maxRanges: 10, pageSize: PAGE });
        const pages = Math.ceil(new Set(known).size / PAGE);
        expect(plan.ranges.length).toBeLessThanOrEqual(Math.max(1, Math.min(10, Math.floor(pages / 2))));
        for (const range of plan.ranges) {
          const filters = listFilters(range);
          expect(filters.length).toBeLessThanOrEqual(MAX_FILTERS);
          for (const filter of filters) expect(filter.Values?.length ?? 0).toBeLessThanOrEqual(MAX_FILTER_VALUES);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('issue 12 item 2: balances the ranges by the names seen, so none holds much more than its share', () => {
    const known = [
      // Skewed: most connections start with "p", a few with other letters.
      ...Array.from({ length: 6_000 }, (_, i) => `airflow/connections/postgres_${i}`),
      ...Array.from({ length: 1_500 }, (_, i) => `airflow/connections/${'abcdefghij'[i % 10] ?? 'a'}${i}`),
      ...Array.from({ length: 2_000 }, (_, i) => `airflow/variables/v${i}`),
    ];
    const plan = planNameRanges(heads, known, { maxRanges: 10, pageSize: PAGE });
    expect(plan.ranges.length).toBeGreaterThanOrEqual(8);
    const sizes = plan.ranges.map((range) => known.filter((name) => rangeContains(range, name)).length);
    const share = known.length / plan.ranges.length;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1.5 * share);
    // The pages the ranges need stay within 1.5 x ceil(N/100).
    const pages = sizes.reduce((sum, size) => sum + Math.max(1, Math.ceil(size / PAGE)), 0);
    expect(pages).toBeLessThanOrEqual(1.5 * Math.ceil(known.length / PAGE));
  });

  it('issue 12 item 2: when every name of the fullest prefix shares more than the prefix, the split goes past it and no range holds more than 15% of the names', () => {
    // The bench's shape: 60% connections, 30% variables, 10% config, each family a word with ids.
    const words = ['analytics', 'billing', 'crm', 'etl', 'finance', 'growth', 'hr', 'ingest', 'ml', 'ops'];
    const known = Array.from({ length: 9_500 }, (_, i) => {
      const kind = i % 10 < 6 ? 'connections' : i % 10 < 9 ? 'variables' : 'config';
      return `airflow/${kind}/${words[Math.floor(i / 7) % words.length] ?? 'x'}_${String(i).padStart(5, '0')}`;
    });
    const plan = planNameRanges(heads, known, { maxRanges: 10, pageSize: PAGE });
    expect(plan.ranges).toHaveLength(10);
    const sizes = plan.ranges.map((range) => known.filter((name) => rangeContains(range, name)).length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(known.length);
    expect(Math.max(...sizes) / known.length, `range sizes ${sizes.join(', ')}`).toBeLessThanOrEqual(0.15);
  });

  it('issue 12 item 2: with nothing seen yet, lists each prefix in one range', () => {
    expect(planNameRanges(heads, [], { maxRanges: 10, pageSize: PAGE })).toEqual({ ranges: [{ include: heads, exclude: [] }] });
  });
});
