// AIRFLOW__SECRETS__BACKEND_KWARGS parsing (sheet A.8) and the kwarg catalogue (A.1, A.2).
import { describe, expect, it } from 'vitest';
import { backendKwargsSpec, kwargSpec, parseBackendKwargs } from '../../../../shared/airflow';

describe('A.8 parseBackendKwargs', () => {
  it('parses an object', () => {
    const result = parseBackendKwargs('{"connections_prefix": "airflow/connections", "region_name": "eu-west-1"}');
    expect(result).toEqual({ ok: true, kwargs: { connections_prefix: 'airflow/connections', region_name: 'eu-west-1' }, warnings: [] });
  });

  it('an empty value means no kwargs', () => {
    expect(parseBackendKwargs('  ')).toEqual({ ok: true, kwargs: {}, warnings: [] });
  });

  it.each([
    ['{"connections_prefix": "airflow/connections",}', 'kwargs.invalid-json'],
    ["{'connections_prefix': 'x'}", 'kwargs.invalid-json'],
    ['{"a": 1', 'kwargs.invalid-json'],
    ['["airflow/connections"]', 'kwargs.not-an-object'],
    ['"airflow/connections"', 'kwargs.not-an-object'],
  ])('%s is an error that says Airflow falls back to ALL defaults', (json, code) => {
    const result = parseBackendKwargs(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe(code);
    expect(result.problems[0]?.severity).toBe('error');
    expect(result.problems[0]?.message).toMatch(/no kwargs at all/);
  });

  it('warns about duplicate keys (only the last one counts)', () => {
    const result = parseBackendKwargs('{"variables_prefix": "a", "variables_prefix": "b"}');
    expect(result.ok && result.kwargs.variables_prefix).toBe('b');
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['kwargs.duplicate-key']);
  });
});

describe('A.1 / A.2 backendKwargsSpec', () => {
  it('lists every kwarg the provider knows, once', () => {
    const names = backendKwargsSpec.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      'connections_prefix',
      'variables_prefix',
      'config_prefix',
      'connections_lookup_pattern',
      'variables_lookup_pattern',
      'config_lookup_pattern',
      'sep',
      'extra_conn_words',
      'region_name',
      'profile_name',
      'role_arn',
      'assume_role_method',
      'assume_role_kwargs',
      'endpoint_url',
      'verify',
      'config_kwargs',
      'aws_access_key_id',
      'aws_secret_access_key',
      'aws_session_token',
      'api_version',
      'use_ssl',
      'full_url_mode',
      'are_secret_values_urlencoded',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('records the versions from the changelog', () => {
    expect(kwargSpec('connections_lookup_pattern')?.addedIn).toEqual([7, 3, 0]);
    expect(kwargSpec('full_url_mode')).toMatchObject({ deprecatedIn: [7, 0, 0], removedIn: [9, 0, 0], status: 'removed' });
    expect(kwargSpec('are_secret_values_urlencoded')).toMatchObject({ addedIn: [5, 0, 0], removedIn: [9, 0, 0] });
    expect(kwargSpec('role_arn')?.addedIn).toEqual([5, 1, 0]);
    expect(kwargSpec('aws_secret_access_key')?.status).toBe('avoid');
  });

  it('has the documented defaults', () => {
    expect(kwargSpec('connections_prefix')?.default).toBe('airflow/connections');
    expect(kwargSpec('variables_prefix')?.default).toBe('airflow/variables');
    expect(kwargSpec('config_prefix')?.default).toBe('airflow/config');
    expect(kwargSpec('sep')?.default).toBe('/');
  });
});
