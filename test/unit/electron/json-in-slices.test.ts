import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyInSlices } from '../../../electron/services/json-in-slices';

describe('stringifyInSlices', () => {
  it('issue 12 item 2: gives exactly the text of JSON.stringify, for any JSON value and for large arrays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expect(await stringifyInSlices(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 200 },
    );
    const rows = Array.from({ length: 1_201 }, (_, i) => ({ id: `id_${i}`, when: new Date(i * 1000), gone: undefined, nested: [i, undefined, () => i] }));
    const answer = { ok: true, value: { rows, skipped: undefined, count: rows.length }, extra: [undefined, ...rows.slice(0, 600).map(() => undefined)] };
    expect(await stringifyInSlices(answer)).toBe(JSON.stringify(answer));
    expect(await stringifyInSlices(undefined)).toBeUndefined();
  });

  it('issue 12 item 2: a large answer lets other work run while it is encoded', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'connection', id: `conn_${i}`, occurrences: [{ file: `dags/f_${i}.py`, line: i }] }));
    let otherWork = 0;
    let encoding = true;
    const other = (): void => {
      otherWork += 1;
      if (encoding) setImmediate(other);
    };
    setImmediate(other);
    const text = await stringifyInSlices({ ok: true, value: { rows } });
    encoding = false;
    expect(text).toBe(JSON.stringify({ ok: true, value: { rows } }));
    expect(otherWork, 'turns of the event loop other work got during the encode').toBeGreaterThanOrEqual(10_000 / 250 - 1);
  });
});
