// json.loads / json.dumps as CPython does them; json.dumps output ends up in __extra__ (B.1).
import { describe, expect, it } from 'vitest';
import { parsePythonJson, pythonJsonDumps } from '../../../../shared/airflow';

describe('B.1 pythonJsonDumps (expected values from CPython 3.11 json.dumps)', () => {
  it.each<[unknown, string]>([
    [{ a: 1, b: [true, null, 'x'] }, '{"a": 1, "b": [true, null, "x"]}'],
    [{ label: 'café €😀' }, '{"label": "caf\\u00e9 \\u20ac\\ud83d\\ude00"}'],
    [{ c: '\u0001\u007f\t"\\/' }, '{"c": "\\u0001\\u007f\\t\\"\\\\/"}'],
    [[1.5, 1e-5, 0.0001, 1e22, -2.5e-7, 123456789.125], '[1.5, 1e-05, 0.0001, 1e+22, -2.5e-07, 123456789.125]'],
    [[Number.NaN, Number.POSITIVE_INFINITY], '[NaN, Infinity]'],
  ])('%j', (value, expected) => {
    expect(pythonJsonDumps(value)).toBe(expected);
  });
});

describe('parsePythonJson', () => {
  it('keeps document key order, including integer-like keys', () => {
    const result = parsePythonJson('{"b": 1, "2": 2, "a": 3, "1": 4}');
    expect(result.ok && result.keyOrder).toEqual(['b', '2', 'a', '1']);
  });

  it('reports duplicate keys and keeps the last value', () => {
    const result = parsePythonJson('{"a": 1, "a": 2}');
    expect(result).toMatchObject({ ok: true, value: { a: 2 }, duplicateKeys: ['a'] });
  });

  it('accepts NaN and Infinity like Python, rejects trailing commas and single quotes', () => {
    expect(parsePythonJson('[NaN, -Infinity]').ok).toBe(true);
    expect(parsePythonJson('{"a": 1,}')).toMatchObject({ ok: false, position: 8 });
    expect(parsePythonJson("{'a': 1}").ok).toBe(false);
  });

  it('only JSON whitespace around the value', () => {
    expect(parsePythonJson(' \t\n{"a":1}\r\n').ok).toBe(true);
    expect(parsePythonJson('\u00a0{"a":1}').ok).toBe(false);
  });

  it('keeps a __proto__ key as data', () => {
    const result = parsePythonJson('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
  });
});
