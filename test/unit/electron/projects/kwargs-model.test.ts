/** The kwargs editor's model (renderer/src/views/projects/kwargs/kwargs-model.ts): pure, so tested here in Node. */
import { describe, expect, it } from 'vitest';
import { validateBackendKwargs } from '../../../../shared/airflow';
import { applyProblemFix, editorTextFor, envValueFor, parseKwargsText, renameKwarg, setKwarg } from '../../../../renderer/src/views/projects/kwargs/kwargs-model';

describe('kwargs editor model', () => {
  it('keeps key order when a field is set, added, renamed or removed', () => {
    const kwargs = { connections_prefix: 'a', variables_prefix: 'b', region_name: 'us-east-1' };
    expect(Object.keys(setKwarg(kwargs, 'variables_prefix', 'c'))).toEqual(['connections_prefix', 'variables_prefix', 'region_name']);
    expect(Object.keys(setKwarg(kwargs, 'sep', '-'))).toEqual(['connections_prefix', 'variables_prefix', 'region_name', 'sep']);
    expect(setKwarg(kwargs, 'variables_prefix', undefined)).toEqual({ connections_prefix: 'a', region_name: 'us-east-1' });
    expect(Object.entries(renameKwarg({ a: 1, region: 'x', c: 3 }, 'region', 'region_name'))).toEqual([['a', 1], ['region_name', 'x'], ['c', 3]]);
    // null and "" are values, not "unset".
    expect(setKwarg(kwargs, 'config_prefix', null)).toMatchObject({ config_prefix: null });
    expect(setKwarg(kwargs, 'connections_prefix', '')).toMatchObject({ connections_prefix: '' });
  });

  it('applies each kind of validation fix', () => {
    const kwargs = { connections_prefix: '/airflow/connections', regoin_name: 'us-east-1', full_url_mode: true, verify: 'false' };
    const problems = validateBackendKwargs(kwargs, { providerVersion: [9, 0, 0] });
    const byCode = (code: string) => {
      const found = problems.find((problem) => problem.code === code && problem.fix !== undefined);
      if (found === undefined) throw new Error(`no fixable ${code}`);
      return found;
    };
    expect(applyProblemFix(kwargs, byCode('kwargs.prefix-leading-slash'))).toMatchObject({ connections_prefix: 'airflow/connections' });
    expect(Object.keys(applyProblemFix(kwargs, byCode('kwargs.unknown')))).toContain('region_name');
    expect(applyProblemFix(kwargs, byCode('kwargs.full-url-mode'))).not.toHaveProperty('full_url_mode');
    expect(applyProblemFix(kwargs, byCode('kwargs.verify-string'))).toMatchObject({ verify: false });
  });

  it('never accepts invalid JSON, and starts from the project text as it is when it does not parse', () => {
    expect(parseKwargsText('{"a": 1,}').ok).toBe(false);
    expect(parseKwargsText('["a"]').ok).toBe(false);
    expect(editorTextFor("{'connections_prefix': 'x'}")).toBe("{'connections_prefix': 'x'}");
    expect(editorTextFor('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(editorTextFor(null)).toBe('{}');
  });

  it('writes a one-line text as typed and a multi-line one as compact one-line JSON', () => {
    const oneLine = '{"connections_prefix":  "airflow/connections"}';
    expect(envValueFor(` ${oneLine} `, { connections_prefix: 'airflow/connections' })).toBe(oneLine);
    expect(envValueFor('{\n  "a": [1, 2]\n}', { a: [1, 2] })).toBe('{"a": [1, 2]}');
    expect(envValueFor('', {})).toBe('{}');
  });
});
