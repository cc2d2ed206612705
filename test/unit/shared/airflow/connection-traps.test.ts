// Hand-editing traps in connection secrets (sheet A.5, B.1, B.2, E.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectConnectionTraps, parseConnectionSecret } from '../../../../shared/airflow';
import type { Problem } from '../../../../shared/airflow';

function trap(raw: string, code: string): Problem {
  const found = detectConnectionTraps(raw).find((p) => p.code === code);
  if (!found) throw new Error(`no ${code} in ${JSON.stringify(detectConnectionTraps(raw).map((p) => p.code))}`);
  return found;
}

/** Applying a fix must give a value Airflow reads without errors. */
function fixedParsesCleanly(problem: Problem): void {
  expect(problem.fix?.sensitive).toBe(true);
  const result = parseConnectionSecret(problem.fix?.value ?? '');
  expect(result.ok).toBe(true);
}

describe('B.2 unencoded special characters in the user info', () => {
  it.each([
    ['postgres://user:pa/ss@db.example.com:5432/mydb', 'postgres://user:pa%2Fss@db.example.com:5432/mydb'],
    ['postgres://user:pa#ss@db.example.com:5432/mydb', 'postgres://user:pa%23ss@db.example.com:5432/mydb'],
    ['postgres://user:pa?ss@db.example.com/mydb', 'postgres://user:pa%3Fss@db.example.com/mydb'],
    ['postgres://user:pa[ss@db.example.com/mydb', 'postgres://user:pa%5Bss@db.example.com/mydb'],
    // an existing escape is kept, only the raw / is encoded
    ['postgres://user:p%40ss/x@db.example.com/mydb', 'postgres://user:p%40ss%2Fx@db.example.com/mydb'],
    ['http://https://user:pa/ss@api.example.com', 'http://https://user:pa%2Fss@api.example.com'],
  ])('%s is an error with an encoded fix', (raw, fixed) => {
    const problem = trap(raw, 'uri.unencoded-userinfo');
    expect(problem.severity).toBe('error');
    expect(problem.field).toBe('password');
    expect(problem.fix?.value).toBe(fixed);
    fixedParsesCleanly(problem);
  });

  it('an @ in the password works in Airflow (split at the last @) but is still flagged', () => {
    const problem = trap('postgres://user:p@ss@db.example.com/db', 'uri.unencoded-userinfo');
    expect(problem.severity).toBe('warning');
    expect(problem.fix?.value).toBe('postgres://user:p%40ss@db.example.com/db');
  });

  it('a % that is not an escape is flagged', () => {
    expect(trap('postgres://user:100%sure@h/db', 'uri.unencoded-userinfo').fix?.value).toBe('postgres://user:100%25sure@h/db');
  });

  it('does not flag an @ inside a query value or a well-encoded URI', () => {
    expect(detectConnectionTraps('hive://h/?principal=hive@REALM.COM').map((p) => p.code)).toEqual([]);
    expect(detectConnectionTraps('postgres://user:p%40ss%2Fw@db.example.com/db').map((p) => p.code)).toEqual([]);
  });

  it('never puts the password in the message', () => {
    expect(trap('postgres://user:Sup3r/Secret@h/db', 'uri.unencoded-userinfo').message).not.toMatch(/Sup3r|Secret/);
  });
});

describe('B.2 scheme with _', () => {
  it('flags google_cloud_platform:// and fixes it to google-cloud-platform://', () => {
    const problem = trap('google_cloud_platform://?project=my-proj', 'uri.scheme-underscore');
    expect(problem.severity).toBe('error');
    expect(problem.fix?.value).toBe('google-cloud-platform://?project=my-proj');
    const fixed = parseConnectionSecret(problem.fix?.value ?? '');
    expect(fixed.ok && fixed.connection.conn_type).toBe('google_cloud_platform');
  });
});

describe('leftovers from consoles, shells and JSON', () => {
  it.each([
    ['"postgres://u:p@h/db"', 'secret.quoted', 'postgres://u:p@h/db'],
    ["'postgres://u:p@h/db'", 'secret.quoted', 'postgres://u:p@h/db'],
    ['{postgres://u:p@h/db}', 'secret.braces-around-uri', 'postgres://u:p@h/db'],
    ['["postgres://u:p@h/db"]', 'secret.brackets', 'postgres://u:p@h/db'],
    ['[postgres://u:p@h/db]', 'secret.brackets', 'postgres://u:p@h/db'],
    ['{"uri": "postgres://u:p@h/db"}', 'json.uri-in-key-value', 'postgres://u:p@h/db'],
    ['\ufeffpostgres://u:p@h/db', 'secret.bom', 'postgres://u:p@h/db'],
  ])('%j -> %s', (raw, code, fixed) => {
    const problem = trap(raw, code);
    expect(problem.severity).toBe('error');
    expect(problem.fix?.value).toBe(fixed);
    fixedParsesCleanly(problem);
  });

  it('a wrapper is reported instead of the parse errors it causes', () => {
    expect(detectConnectionTraps('"postgres://u:p@h/db"').map((p) => p.code)).toEqual(['secret.quoted']);
  });

  it('a trailing newline is harmless for connections but flagged', () => {
    const problem = trap('postgres://u:p@h/db\n', 'secret.whitespace');
    expect(problem.severity).toBe('warning');
    expect(problem.fix?.value).toBe('postgres://u:p@h/db');
  });

  it('a Python dict with single quotes is explained', () => {
    expect(trap("{'login': 'a', 'password': 'b'}", 'json.single-quotes').severity).toBe('error');
  });
});

describe('A.5 JSON traps', () => {
  it('keys in the wrong case are dropped silently by Airflow', () => {
    const problem = trap('{"conn_type": "postgres", "Login": "a", "Password": "b"}', 'json.key-case');
    expect(problem.fix).toMatchObject({ kind: 'rename-key', value: 'login' });
  });

  it('conn_id before conn_type gives the wrong type: error', () => {
    expect(trap('{"conn_id": "my_pg", "conn_type": "postgres"}', 'json.conn-id-overrides-conn-type').severity).toBe('error');
  });

  it('URL-encoded JSON values are taken literally', () => {
    const problem = trap('{"conn_type": "postgres", "password": "p%40ss"}', 'json.value-urlencoded');
    expect(problem.fix?.value).toBe('p@ss');
  });

  it('missing conn_type', () => {
    expect(trap('{"host": "h"}', 'connection.missing-conn-type').severity).toBe('warning');
    expect(trap('//h:5432', 'connection.missing-conn-type').severity).toBe('warning');
  });
});

describe('B.2 query extras', () => {
  it('JSON in a query value arrives as a string; the fix moves it into __extra__', () => {
    const problem = trap('aws://?config_kwargs={"retries":{"max_attempts":3}}', 'uri.query-json-value');
    const fixed = parseConnectionSecret(problem.fix?.value ?? '');
    expect(fixed.ok && fixed.connection.extra).toEqual({ config_kwargs: { retries: { max_attempts: 3 } } });
  });

  it('true/false in a query value arrive as strings; the fix sends booleans', () => {
    const problem = trap('aws://?verify=false&region_name=us-east-1', 'uri.query-boolean-string');
    const fixed = parseConnectionSecret(problem.fix?.value ?? '');
    expect(fixed.ok && fixed.connection.extra).toEqual({ verify: false, region_name: 'us-east-1' });
  });

  it('bracketed keys are not expanded', () => {
    expect(trap('aws://?config_kwargs[retries]=3', 'uri.query-nested-key').severity).toBe('warning');
  });
});

describe('E.1 a variable stored under the connections prefix', () => {
  it('plain text is not a connection', () => {
    expect(trap('my-bucket-name', 'secret.not-a-connection').severity).toBe('error');
  });

  it('JSON without any connection field is not a connection', () => {
    expect(trap('{"api_key": "abc", "endpoint": "https://x"}', 'json.no-connection-fields').severity).toBe('error');
  });

  it('a real connection is not flagged', () => {
    expect(detectConnectionTraps('postgres://u:p@h:5432/db')).toEqual([]);
    expect(detectConnectionTraps('{"conn_type": "postgres", "host": "h", "login": "u", "password": "p"}')).toEqual([]);
  });
});

describe('problem messages never contain the password (property)', () => {
  const marker = fc.string({ unit: fc.constantFrom('/', '#', '?', '@', '[', '%', ':', 'Q', 'z', '7', ' ', '"'), minLength: 4, maxLength: 12 }).map((s) => `Zq${s}Zq`);
  const templates = [
    (pw: string): string => `postgres://user:${pw}@db.example.com:5432/db`,
    (pw: string): string => `"postgres://user:${pw}@h/db"`,
    (pw: string): string => `{postgres://user:${pw}@h/db}`,
    (pw: string): string => `google_cloud_platform://user:${pw}@h`,
    (pw: string): string => `{"conn_type": "postgres", "password": ${JSON.stringify(pw)}, "Login": "u", "port": "x"}`,
    (pw: string): string => `{"password": "${pw}"`,
  ];

  it('for URIs and JSON with unencoded special characters', () => {
    fc.assert(
      fc.property(marker, fc.constantFrom(...templates), (password, template) => {
        for (const problem of detectConnectionTraps(template(password))) {
          expect(problem.message).not.toContain('Zq');
          if (problem.fix?.value.includes('Zq')) expect(problem.fix.sensitive).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
