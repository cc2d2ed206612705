import { describe, expect, it } from 'vitest';
import { sortInSlices } from '../../../../electron/services/projects/sort-in-slices';

/** A deterministic shuffle (no Math.random: the test must fail the same way every time). */
function scrambled(count: number): { key: string; seq: number }[] {
  return Array.from({ length: count }, (_, seq) => ({ key: `id_${(seq * 7919) % 997}`, seq }));
}

describe('sortInSlices', () => {
  it('issue 12 item 8: sorts like Array.prototype.sort, keeps equal items in order, and lets other work run while it sorts', async () => {
    const items = scrambled(10_000);
    const collator = new Intl.Collator();
    const compare = (a: { key: string }, b: { key: string }) => collator.compare(a.key, b.key);
    let otherWork = 0;
    let sorting = true;
    const other = (): void => {
      otherWork += 1;
      if (sorting) setImmediate(other);
    };
    setImmediate(other);
    const sorted = await sortInSlices(items, compare);
    sorting = false;
    expect(sorted).toEqual([...items].sort(compare));
    for (let i = 1; i < sorted.length; i += 1) {
      const [before, after] = [sorted[i - 1], sorted[i]];
      if (after !== undefined && before?.key === after.key) expect(before.seq, `equal keys keep their order at ${i}`).toBeLessThan(after.seq);
    }
    expect(otherWork, 'turns of the event loop other work got during the sort').toBeGreaterThan(10);
    expect(await sortInSlices([], compare)).toEqual([]);
  });
});
