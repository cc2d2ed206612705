/**
 * The one bound on nested outside input (shared/parse-limits.ts), for the JSON reader, the YAML
 * reader and values already parsed.
 */
import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../../shared/airflow';
import { MAX_NESTING_DEPTH, nestsTooDeep } from '../../../shared/parse-limits';
import { readYamlInput } from '../../../shared/yaml-input';

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('nesting bound', () => {
  it('issue 9 item 12: JSON reads up to the bound and reports deeper text as a problem, never a throw', () => {
    expect(parsePythonJson(nested(MAX_NESTING_DEPTH)).ok).toBe(true);
    for (const text of [nested(MAX_NESTING_DEPTH + 1), nested(1_000_000), `{"a": ${nested(500_000)}}`]) {
      const parsed = parsePythonJson(text);
      expect(parsed).toMatchObject({ ok: false, reason: 'too-deep' });
    }
    expect(parsePythonJson('{"a": ')).toMatchObject({ ok: false, reason: 'syntax' });
  });

  it('issue 9 item 12: parsed values are measured without recursion, cycles included', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(nestsTooDeep(deep)).toBe(true);
    let edge: unknown = 'leaf';
    for (let level = 0; level < MAX_NESTING_DEPTH; level += 1) edge = { next: edge };
    expect(nestsTooDeep(edge)).toBe(false);
    expect(nestsTooDeep({ wrap: edge })).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(nestsTooDeep(cycle)).toBe(true);
    expect(nestsTooDeep('text')).toBe(false);
  });

  it('issue 9 item 12: YAML too deep, or with an alias bomb, is a problem with no quote of the text', () => {
    expect(readYamlInput(`a: ${nested(MAX_NESTING_DEPTH - 1)}`)).toMatchObject({ ok: true });
    expect(readYamlInput(`a: ${nested(MAX_NESTING_DEPTH)}`)).toMatchObject({ ok: false, kind: 'too-deep' });
    expect(readYamlInput(nested(3_000))).toMatchObject({ ok: false, kind: 'too-deep' });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e'].map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcd'[index] ?? 'a'}`).join(', ')}]`)].join('\n');
    expect(readYamlInput(bomb)).toMatchObject({ ok: false, kind: 'too-many-aliases' });
    // Aliases that nest a modest anchor beyond the bound, in few expansions.
    const stacked = [`a: &a ${nested(60)}`, 'b: &b [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'].join('\n');
    expect(readYamlInput(stacked)).toMatchObject({ ok: false, kind: 'too-deep' });
    const bad = readYamlInput('password: "s3cret\n');
    expect(bad).toMatchObject({ ok: false, kind: 'syntax', line: expect.any(Number) as unknown });
    expect(JSON.stringify(bad)).not.toContain('s3cret');
  });
});
