// Connection secrets as the newest SecretsManagerBackend reads them (sheet A.5), and the JSON
// format (B.3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AirflowConnection, connectionToJson, connectionTypes, diffConnections, makeConnection, parseConnectionSecret } from '../../../../shared/airflow';
import type { BackendKwargs } from '../../../../shared/airflow';

function read(value: string, kwargs?: BackendKwargs): AirflowConnection {
  const result = parseConnectionSecret(value, kwargs);
  if (!result.ok) throw new Error(`expected to parse: ${result.problems.map((p) => p.code).join(', ')}`);
  return result.connection;
}

function codes(value: string, kwargs?: BackendKwargs): string[] {
  const result = parseConnectionSecret(value, kwargs);
  return (result.ok ? result.warnings : result.problems).map((p) => p.code);
}

describe('A.5 format detection', () => {
  it('a value starting with { after strip() is JSON, anything else a URI', () => {
    const json = parseConnectionSecret('  \n{"conn_type": "postgres", "host": "h"}\n');
    const uri = parseConnectionSecret('\npostgres://h\n');
    expect(json.ok && json.format).toBe('json');
    expect(uri.ok && uri.format).toBe('uri');
    expect(read('\npostgres://u:p@h/db \n')).toEqual(makeConnection({ conn_type: 'postgres', login: 'u', password: 'p', host: 'h', schema: 'db' }));
  });

  it('an empty value is "not found"; a blank one fails', () => {
    expect(codes('')).toEqual(['secret.empty']);
    expect(codes(' \n\t')).toEqual(['secret.blank']);
  });

  it('Python strip() removes \\x1c but json.loads does not accept it before {', () => {
    expect(codes('\u001c{"host": "h"}')).toEqual(['json.invalid']);
  });
});

describe('A.5 JSON aliases', () => {
  it.each<[string, Partial<AirflowConnection>]>([
    ['{"user": "u", "pass": "p", "server": "h", "database": "d", "engine": "postgresql", "port": "5432"}', { login: 'u', password: 'p', host: 'h', schema: 'd', conn_type: 'postgres', port: 5432 }],
    ['{"username": "u", "key": "k", "remote_host": "h", "schema": "s", "connection_type": "google-cloud-platform"}', { login: 'u', password: 'k', host: 'h', schema: 's', conn_type: 'google_cloud_platform' }],
    ['{"user_name": "u", "conn_type": "aws", "extra": "{\\"region_name\\": \\"eu-west-1\\"}"}', { login: 'u', conn_type: 'aws', extra: { region_name: 'eu-west-1' } }],
    // JSON values are never URL-decoded (>= 7.0.0)
    ['{"conn_type": "postgres", "password": "p%40ss"}', { conn_type: 'postgres', password: 'p%40ss' }],
    // the host keeps its case in JSON (only URIs lower-case it)
    ['{"conn_type": "postgres", "host": "DB.Example.com"}', { conn_type: 'postgres', host: 'DB.Example.com' }],
  ])('%s', (value, fields) => {
    expect(read(value)).toEqual(makeConnection(fields));
  });

  it('the first alias in the secret\'s own key order wins', () => {
    expect(read('{"user": "a", "login": "b"}').login).toBe('a');
    expect(read('{"login": "b", "user": "a"}').login).toBe('b');
    expect(codes('{"user": "a", "login": "b"}')).toContain('json.alias-shadowed');
  });

  it('keeps document order even for integer-like keys (JavaScript objects would reorder them)', () => {
    const kwargs = { extra_conn_words: { login: ['2', '1'] } };
    expect(read('{"2": "second-key", "1": "first-key"}', kwargs).login).toBe('second-key');
  });

  it('drops unknown keys and keys in the wrong case, with a rename fix', () => {
    const result = parseConnectionSecret('{"Login": "a", "USER": "b", "description": "d", "uri": "x", "conn_type": "postgres"}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.connection.login).toBeNull();
    const byField = new Map(result.warnings.map((p) => [p.field, p]));
    expect(byField.get('Login')?.code).toBe('json.key-case');
    expect(byField.get('Login')?.fix).toEqual({ label: 'Rename to login', kind: 'rename-key', value: 'login' });
    expect(byField.get('USER')?.fix?.value).toBe('user');
    expect(byField.get('description')?.code).toBe('json.description-dropped');
    expect(byField.get('uri')?.code).toBe('json.key-dropped');
  });

  it('conn_id is read as the connection TYPE (trap)', () => {
    expect(read('{"conn_id": "my_pg", "host": "h"}').conn_type).toBe('my_pg');
    expect(codes('{"conn_id": "my_pg", "host": "h"}')).toContain('json.conn-id-is-conn-type');
    expect(read('{"conn_id": "my_pg", "conn_type": "postgres"}').conn_type).toBe('my_pg');
    expect(codes('{"conn_id": "my_pg", "conn_type": "postgres"}')).toContain('json.conn-id-overrides-conn-type');
  });

  it('reports duplicate keys (the last value wins, as in Python)', () => {
    expect(read('{"host": "a", "host": "b"}').host).toBe('b');
    expect(codes('{"host": "a", "host": "b"}')).toContain('json.duplicate-key');
  });
});

describe('A.5 extra_conn_words', () => {
  it('extends the aliases; `user` means login', () => {
    expect(read('{"db_user": "u", "secret": "p"}', { extra_conn_words: { user: ['db_user'], password: ['secret'] } })).toEqual(makeConnection({ login: 'u', password: 'p' }));
  });

  it('an invalid key makes every JSON lookup fail (KeyError)', () => {
    expect(codes('{"host": "h"}', { extra_conn_words: { username: ['x'] } })).toEqual(['kwargs.extra-conn-words-key']);
  });

  it('does not affect URI secrets', () => {
    expect(read('postgres://h', { extra_conn_words: { username: ['x'] } }).host).toBe('h');
  });

  it('a string is extended character by character, like Python list.extend', () => {
    expect(read('{"u": "x"}', { extra_conn_words: { login: 'usr' } }).login).toBe('x');
  });

  it('a non-list value fails (TypeError)', () => {
    expect(codes('{"host": "h"}', { extra_conn_words: { login: 5 } })).toEqual(['kwargs.extra-conn-words-value']);
  });
});

describe('A.5 / B.3 field values', () => {
  it.each<[string, number | null]>([
    ['5432', 5432],
    ['" 5432 "', 5432],
    ['"5_432"', 5432],
    ['""', null],
    ['null', null],
  ])('port %s', (port, expected) => {
    expect(read(`{"host": "h", "port": ${port}}`).port).toBe(expected);
  });

  it.each(['"abc"', '5432.5', 'true', '70000', '[1]'])('rejects port %s', (port) => {
    expect(codes(`{"host": "h", "port": ${port}}`).some((c) => c.startsWith('json.port'))).toBe(true);
  });

  it('warns that port 0 means "no port" in Airflow 2 but not in the Task SDK', () => {
    expect(codes('{"host": "h", "port": 0}')).toContain('connection.port-zero');
  });

  it.each([
    ['"extra": "not json"', 'json.extra-not-json'],
    ['"extra": "[1, 2]"', 'json.extra-not-object'],
    ['"extra": [1]', 'json.extra-not-object'],
    ['"extra": 5', 'json.extra-not-object'],
  ])('rejects %s', (extra, code) => {
    expect(codes(`{"host": "h", ${extra}}`)).toContain(code);
  });

  it.each(['"extra": {}', '"extra": ""', '"extra": false', '"extra": null', '"extra": "{}"'])('%s means no extra', (extra) => {
    expect(read(`{"host": "h", ${extra}}`).extra).toBeNull();
  });

  it('a numeric password is kept as text with a warning; a boolean one is an error', () => {
    expect(read('{"password": 1234}').password).toBe('1234');
    expect(codes('{"password": 1234}')).toContain('json.field-not-string');
    expect(codes('{"password": true}')).toContain('json.field-type');
  });

  it('rejects a non-string conn_type', () => {
    expect(codes('{"conn_type": 5}')).toContain('json.field-type');
  });

  it('reports invalid JSON with its position and no secret text', () => {
    const result = parseConnectionSecret('{"password": "Sup3rSecret",}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe('json.invalid');
    expect(result.problems[0]?.message).toMatch(/character \d+/);
    expect(result.problems[0]?.message).not.toContain('Sup3r');
  });
});

describe('B.3 connectionToJson', () => {
  it('writes only the fields that are set, extra as an object, in as_json order', () => {
    const conn = makeConnection({ conn_type: 'postgres', host: 'h', login: 'u', password: 'p', port: 5432, extra: { sslmode: 'require' } });
    expect(connectionToJson(conn)).toBe('{"conn_type":"postgres","host":"h","login":"u","password":"p","port":5432,"extra":{"sslmode":"require"}}');
    expect(connectionToJson(makeConnection({ host: 'h', extra: {} }))).toBe('{"host":"h"}');
  });

  it('pretty-prints on request', () => {
    expect(connectionToJson(makeConnection({ host: 'h' }), { pretty: true })).toBe('{\n  "host": "h"\n}');
  });
});

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.constantFrom('p@ss/w:rd?#%', '%40', ' spaced ', 'é€😀'));
const formConnection = fc
  .record({
    conn_type: fc.constantFrom(...connectionTypes.map((t) => t.connType)),
    host: fc.option(text, { nil: null }),
    login: fc.option(text, { nil: null }),
    password: fc.option(text, { nil: null }),
    schema: fc.option(text, { nil: null }),
    port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: null }),
    extra: fc.option(fc.dictionary(fc.string({ unit: 'binary', maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 }), { nil: null }),
  })
  .map((fields) => makeConnection(fields));

describe('B.3 + A.5 round trip (property)', () => {
  it('connectionToJson -> parseConnectionSecret gives back every field (hosts keep their case in JSON)', () => {
    fc.assert(
      fc.property(formConnection, (conn) => {
        const result = parseConnectionSecret(connectionToJson(conn));
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.format).toBe('json');
          expect(diffConnections(result.connection, conn)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parseConnectionSecret is total on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.json()), (value) => {
        const result = parseConnectionSecret(value);
        expect(result.ok ? result.connection : result.problems.length).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });
});
