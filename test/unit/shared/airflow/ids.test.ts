// Connection ids, variable keys and secret names: sheet B.4 and C.1.
import { describe, expect, it } from 'vitest';
import { validateConnId, validateSecretName, validateVariableKey } from '../../../../shared/airflow';

const codes = (problems: readonly { code: string }[]): string[] => problems.map((p) => p.code);

describe('B.4 validateConnId', () => {
  it.each(['my_postgres', 'aws-default', 'team.db', 'team/db', 'A1'])('%s is safe for Airflow and Secrets Manager', (id) => {
    expect(validateConnId(id)).toEqual([]);
  });

  it.each(['my#conn', 'my!conn', 'my(conn)', 'db:5432', 'a\\b', 'café'])('%s is legal for Airflow but not as a secret name', (id) => {
    expect(codes(validateConnId(id))).toEqual(['id.secret-name-charset']);
  });

  it.each(['my conn', 'a+b', 'a=b', 'me@host', 'a,b'])('%s is rejected by Airflow (sanitize_conn_id)', (id) => {
    expect(codes(validateConnId(id))).toEqual(['id.airflow-charset']);
  });

  it('limits length to 250 code points', () => {
    expect(validateConnId('a'.repeat(250))).toEqual([]);
    expect(codes(validateConnId('a'.repeat(251)))).toEqual(['id.too-long']);
    expect(codes(validateConnId(''))).toEqual(['id.empty']);
  });

  it('warns about -- (team separator in provider 9.27+)', () => {
    expect(codes(validateConnId('team--db'))).toEqual(['id.double-dash']);
  });

  it('checks the resulting secret name when kwargs are given', () => {
    expect(codes(validateConnId('db-abcdef', {}))).toEqual(['secret-name.arn-suffix-like']);
    expect(codes(validateConnId('a'.repeat(250), { connections_prefix: 'p'.repeat(300) }))).toEqual(['secret-name.too-long']);
  });
});

describe('B.4 validateVariableKey', () => {
  it('allows + = @ (legal in secret names, not restricted by Airflow)', () => {
    expect(validateVariableKey('team+a=b@c')).toEqual([]);
  });

  it.each(['my key', 'a#b', 'clé'])('%s cannot be a secret name', (key) => {
    expect(codes(validateVariableKey(key))).toEqual(['id.secret-name-charset']);
  });

  it('reports length and emptiness', () => {
    expect(codes(validateVariableKey(''))).toEqual(['id.empty']);
    expect(codes(validateVariableKey('k'.repeat(251)))).toEqual(['id.too-long']);
  });
});

describe('C.1 validateSecretName', () => {
  it('accepts 1-512 characters of A-Z a-z 0-9 / _ + = . @ -', () => {
    expect(validateSecretName('airflow/connections/my_db+x=1.2@y')).toEqual([]);
    expect(validateSecretName('a'.repeat(512))).toEqual([]);
  });

  it.each([
    ['', 'secret-name.empty'],
    ['a'.repeat(513), 'secret-name.too-long'],
    ['airflow/connections/my db', 'secret-name.charset'],
    ['airflow/connections/my#db', 'secret-name.charset'],
  ])('%j -> %s', (name, code) => {
    expect(codes(validateSecretName(name))).toEqual([code]);
  });

  it('warns on a name ending with - and six characters (looks like an ARN suffix)', () => {
    expect(validateSecretName('airflow/variables/api-key123')).toMatchObject([{ code: 'secret-name.arn-suffix-like', severity: 'warning' }]);
    expect(validateSecretName('airflow/variables/api-key12')).toEqual([]);
  });
});
