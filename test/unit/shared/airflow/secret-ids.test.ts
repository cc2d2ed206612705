// Which secret Airflow looks up, sheet A.3 (names, prefixes, sep) and A.4 (lookup patterns).
import { describe, expect, it } from 'vitest';
import {
  configSecretId,
  connectionSecretId,
  describeLookup,
  lookupIdForSecretName,
  variableSecretId,
} from '../../../../shared/airflow';

describe('A.3 secret names', () => {
  it('uses the default prefixes when kwargs are empty or missing', () => {
    expect(connectionSecretId({}, 'my_postgres')).toBe('airflow/connections/my_postgres');
    expect(variableSecretId(undefined, 'my_key')).toBe('airflow/variables/my_key');
    expect(configSecretId(null, 'sql_alchemy_conn')).toBe('airflow/config/sql_alchemy_conn');
  });

  it('a null prefix disables the lookup; "" means the id verbatim', () => {
    expect(connectionSecretId({ connections_prefix: null }, 'c')).toBeNull();
    expect(describeLookup({ connections_prefix: null }, 'connection', 'c')).toMatchObject({ lookedUp: false, code: 'prefix-null' });
    expect(variableSecretId({ variables_prefix: '' }, 'my_key')).toBe('my_key');
  });

  it.each<[Record<string, unknown>, string]>([
    // rstrip(sep) strips characters: trailing / disappears...
    [{ connections_prefix: 'airflow/connections/' }, 'airflow/connections/c'],
    [{ connections_prefix: 'airflow/connections///' }, 'airflow/connections/c'],
    // ...a prefix of "/" becomes "" (= no prefix)
    [{ connections_prefix: '/' }, 'c'],
    // a leading / is kept: the secret must be named with it
    [{ connections_prefix: '/airflow/connections' }, '/airflow/connections/c'],
    // sep "--" strips every trailing "-"
    [{ connections_prefix: 'team-', sep: '--' }, 'team--c'],
    [{ connections_prefix: 'airflow', sep: '_' }, 'airflow_c'],
    // sep "" joins without separator
    [{ connections_prefix: 'airflow/connections', sep: '' }, 'airflow/connectionsc'],
    // sep null: rstrip(None) strips whitespace and f"{None}" is "None"
    [{ connections_prefix: 'pre ', sep: null }, 'preNonec'],
    // a falsy non-string prefix behaves like ""
    [{ connections_prefix: 0 }, 'c'],
    [{ connections_prefix: false }, 'c'],
  ])('%j -> %s', (kwargs, expected) => {
    expect(connectionSecretId(kwargs, 'c')).toBe(expected);
  });

  it('a truthy non-string prefix or sep crashes the backend: nothing is looked up', () => {
    expect(describeLookup({ connections_prefix: 5 }, 'connection', 'c')).toMatchObject({ lookedUp: false, code: 'backend-broken' });
    expect(describeLookup({ sep: 1 }, 'variable', 'v')).toMatchObject({ lookedUp: false, code: 'backend-broken' });
    // ... unless no prefix is truthy (rstrip is then never called)
    expect(connectionSecretId({ sep: 1, connections_prefix: '', variables_prefix: null, config_prefix: null }, 'c')).toBe('c');
  });
});

describe('A.4 lookup patterns', () => {
  it('match from the start only, ignoring case', () => {
    const kwargs = { connections_lookup_pattern: 'aws' };
    expect(connectionSecretId(kwargs, 'AWS_default')).toBe('airflow/connections/AWS_default');
    expect(connectionSecretId(kwargs, 'my_aws')).toBeNull();
    expect(describeLookup(kwargs, 'connection', 'my_aws')).toMatchObject({ lookedUp: false, code: 'pattern-mismatch' });
    expect(connectionSecretId({ connections_lookup_pattern: '^m' }, 'my_conn')).toBe('airflow/connections/my_conn');
  });

  it('each kind uses its own pattern', () => {
    const kwargs = { variables_lookup_pattern: '^secret_', config_lookup_pattern: 'sql' };
    expect(variableSecretId(kwargs, 'secret_token')).toBe('airflow/variables/secret_token');
    expect(variableSecretId(kwargs, 'plain')).toBeNull();
    expect(configSecretId(kwargs, 'sql_alchemy_conn')).toBe('airflow/config/sql_alchemy_conn');
    expect(connectionSecretId(kwargs, 'anything')).toBe('airflow/connections/anything');
  });

  it('"" and null mean no filter', () => {
    expect(connectionSecretId({ connections_lookup_pattern: '' }, 'x')).toBe('airflow/connections/x');
    expect(connectionSecretId({ connections_lookup_pattern: null }, 'x')).toBe('airflow/connections/x');
  });

  it('applies to the verbatim id when the prefix is ""', () => {
    expect(connectionSecretId({ connections_prefix: '', connections_lookup_pattern: 'db_' }, 'db_main')).toBe('db_main');
    expect(connectionSecretId({ connections_prefix: '', connections_lookup_pattern: 'db_' }, 'other')).toBeNull();
  });

  it('Python-only syntax with a JavaScript equivalent is evaluated like Python', () => {
    expect(connectionSecretId({ connections_lookup_pattern: '(?P<team>data|ml)_' }, 'ML_warehouse')).toBe('airflow/connections/ML_warehouse');
    expect(connectionSecretId({ connections_lookup_pattern: 'prod\\Z' }, 'prod')).toBe('airflow/connections/prod');
    expect(connectionSecretId({ connections_lookup_pattern: 'prod\\Z' }, 'prod_x')).toBeNull();
  });

  it('an invalid or not previewable pattern gives null with the reason', () => {
    expect(describeLookup({ connections_lookup_pattern: '(?<name>x)' }, 'connection', 'x')).toMatchObject({ lookedUp: false, code: 'pattern-invalid' });
    expect(describeLookup({ connections_lookup_pattern: '(?>a)' }, 'connection', 'a')).toMatchObject({ lookedUp: false, code: 'pattern-not-previewable' });
    expect(describeLookup({ connections_lookup_pattern: 5 }, 'connection', 'a')).toMatchObject({ lookedUp: false, code: 'pattern-type' });
  });

  it('providers older than 7.3.0 ignore patterns', () => {
    expect(describeLookup({ connections_lookup_pattern: 'aws' }, 'connection', 'db', { providerVersion: [7, 2, 0] })).toEqual({ lookedUp: true, secretId: 'airflow/connections/db' });
  });

  it('the null prefix wins over the pattern (checked first)', () => {
    expect(describeLookup({ connections_prefix: null, connections_lookup_pattern: '(' }, 'connection', 'x')).toMatchObject({ code: 'prefix-null' });
  });
});

describe('A.3 reverse mapping', () => {
  it('finds the id behind a secret name', () => {
    expect(lookupIdForSecretName({}, 'connection', 'airflow/connections/my_pg')).toBe('my_pg');
    expect(lookupIdForSecretName({}, 'connection', 'airflow/variables/my_pg')).toBeNull();
    expect(lookupIdForSecretName({ variables_prefix: '' }, 'variable', 'anything/at/all')).toBe('anything/at/all');
    expect(lookupIdForSecretName({ connections_lookup_pattern: 'aws' }, 'connection', 'airflow/connections/db')).toBeNull();
  });
});
