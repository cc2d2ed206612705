// Connection URIs, sheet B.1 (get_uri) and B.2 (Connection(uri=...)). Expected values in the
// tables were produced by running Airflow's algorithm on CPython 3.11's urllib.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AirflowConnection, buildConnectionUri, connectionTypes, diffConnections, makeConnection, parseConnectionUri } from '../../../../shared/airflow';

function parsed(uri: string): AirflowConnection {
  const result = parseConnectionUri(uri);
  if (!result.ok) throw new Error(`expected ${uri} to parse: ${result.problems.map((p) => p.code).join(', ')}`);
  return result.connection;
}

function problemCodes(uri: string): string[] {
  const result = parseConnectionUri(uri);
  return result.ok ? [] : result.problems.map((p) => p.code);
}

function warningCodes(uri: string): string[] {
  const result = parseConnectionUri(uri);
  return result.ok ? result.warnings.map((p) => p.code) : [];
}

describe('B.2 parseConnectionUri: fields as Airflow reads them', () => {
  it.each<[string, Partial<AirflowConnection>]>([
    ['postgres://user:pass@db.example.com:5432/mydb', { conn_type: 'postgres', host: 'db.example.com', login: 'user', password: 'pass', schema: 'mydb', port: 5432 }],
    // postgresql -> postgres
    ['postgresql://user:pass@db.example.com:5432/mydb', { conn_type: 'postgres', host: 'db.example.com', login: 'user', password: 'pass', schema: 'mydb', port: 5432 }],
    // scheme and host are lower-cased, login/password/schema keep their case
    ['POSTGRES://User:Pass@DB.Example.COM:5432/MyDb', { conn_type: 'postgres', host: 'db.example.com', login: 'User', password: 'Pass', schema: 'MyDb', port: 5432 }],
    // percent-decoding of login, password and schema
    ['postgres://us%40er:p%40ss%2Fw%3Ard%3F%23%25@db.example.com/my%2Fdb', { conn_type: 'postgres', host: 'db.example.com', login: 'us@er', password: 'p@ss/w:rd?#%', schema: 'my/db' }],
    // the user info ends at the LAST @, the password starts at the FIRST :
    ['postgres://user:p@ss@db.example.com/db', { conn_type: 'postgres', host: 'db.example.com', login: 'user', password: 'p@ss', schema: 'db' }],
    ['postgres://user:pa:ss@db.example.com/db', { conn_type: 'postgres', host: 'db.example.com', login: 'user', password: 'pa:ss', schema: 'db' }],
    // empty parts become null
    ['postgres://@db.example.com/db', { conn_type: 'postgres', host: 'db.example.com', schema: 'db' }],
    ['postgres://:secret@db.example.com', { conn_type: 'postgres', host: 'db.example.com', password: 'secret' }],
    ['postgres://user:@db.example.com', { conn_type: 'postgres', host: 'db.example.com', login: 'user' }],
    ['postgres://@:5432', { conn_type: 'postgres', port: 5432 }],
    ['postgres:///db', { conn_type: 'postgres', schema: 'db' }],
    // IPv6 hosts lose their brackets; a zone id keeps its case
    ['postgres://[::1]:5432/db', { conn_type: 'postgres', host: '::1', port: 5432, schema: 'db' }],
    ['postgres://user:pw@[2001:DB8::1]:5432/db', { conn_type: 'postgres', host: '2001:db8::1', login: 'user', password: 'pw', port: 5432, schema: 'db' }],
    ['postgres://[fe80::1%25eth0]/db', { conn_type: 'postgres', host: 'fe80::1%eth0', schema: 'db' }],
    // two :// = a host with its own protocol
    ['http://https://api.example.com/v1', { conn_type: 'http', host: 'https://api.example.com', schema: 'v1' }],
    // - in the scheme becomes _
    ['google-cloud-platform://?project=my-proj&num_retries=5', { conn_type: 'google_cloud_platform', extra: { project: 'my-proj', num_retries: '5' } }],
    ['my-type://h', { conn_type: 'my_type', host: 'h' }],
    ['aws://?region_name=us-east-1&role_arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fx', { conn_type: 'aws', extra: { region_name: 'us-east-1', role_arn: 'arn:aws:iam::123456789012:role/x' } }],
    // __extra__ is used verbatim as JSON
    ['aws:///?__extra__=%7B%22config_kwargs%22%3A+%7B%22retries%22%3A+%7B%22max_attempts%22%3A+3%7D%7D%7D', { conn_type: 'aws', extra: { config_kwargs: { retries: { max_attempts: 3 } } } }],
    // parse_qsl: last duplicate wins, + is a space, a bare key is ""
    ['mysql://u:p@h/db?a=1&a=2&b=x+y&c=%2B&d', { conn_type: 'mysql', host: 'h', login: 'u', password: 'p', schema: 'db', extra: { a: '2', b: 'x y', c: '+', d: '' } }],
    ['//host:1234', { host: 'host', port: 1234 }],
    // a host containing an encoded / keeps its case (_parse_netloc_to_hostname)
    ['postgres://MyHost%2FPath/db', { conn_type: 'postgres', host: 'MyHost/Path', schema: 'db' }],
    // only the part before the first % is lower-cased
    ['postgres://ABC%41DEF', { conn_type: 'postgres', host: 'abcADEF' }],
  ])('%s', (uri, fields) => {
    expect(parsed(uri)).toEqual(makeConnection(fields));
  });
});

describe('B.2 parseConnectionUri: what Airflow rejects', () => {
  it.each([
    ['a://b://c://d', 'uri.too-many-schemes'],
    ['http://user:pw@https://api.example.com', 'uri.protocol-host-invalid'],
    ['postgres://h:99999', 'uri.port-range'],
    ['postgres://h:54x2', 'uri.port-invalid'],
    // an unencoded / in the password ends the host part early
    ['postgres://user:pa/ss@host:5432/db', 'uri.port-invalid'],
    ['postgres://user:p[ss@host', 'uri.ipv6-invalid'],
    ['postgres://[1.2.3.4]:5432', 'uri.ipv6-invalid'],
    ['postgres://h/?__extra__=%5B1%5D', 'uri.extra-not-object'],
    ['postgres://h/?__extra__=not-json', 'uri.extra-not-json'],
    ['postgres://h\uff03x', 'uri.netloc-nfkc'],
  ])('%s -> %s', (uri, code) => {
    expect(problemCodes(uri)).toContain(code);
  });

  it('reports a scheme with _ (urlsplit does not see it) with the - spelling as the fix', () => {
    const result = parseConnectionUri('google_cloud_platform://?project=x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe('uri.scheme-underscore');
    expect(result.problems[0]?.fix?.value).toBe('google-cloud-platform://?project=x');
    expect(parsed('google-cloud-platform://?project=x').conn_type).toBe('google_cloud_platform');
  });

  it('an empty __extra__ is falsy for Airflow: no extra at all', () => {
    expect(parsed('postgres://h/?__extra__=').extra).toBeNull();
  });

  it('never puts the password in a problem message', () => {
    for (const uri of ['postgres://user:Sup3r/Secret@host:5432/db', 'postgres://user:Sup3r#Secret@host/db', 'postgres://user:Sup3r[Secret@host']) {
      const result = parseConnectionUri(uri);
      const messages = result.ok ? result.warnings.map((p) => p.message) : result.problems.map((p) => p.message);
      for (const message of messages) expect(message).not.toMatch(/Sup3r|Secret/);
    }
  });
});

describe('B.2 parseConnectionUri: warnings for lossy or surprising reads', () => {
  it.each([
    ['postgres://DB.example.com/db', 'uri.host-lowercased'],
    ['postgres://h/db#frag', 'uri.fragment-dropped'],
    ['mysql://h/db?a=1&a=2', 'uri.duplicate-query-key'],
    ['mysql://h/db?__extra__=%7B%22a%22%3A1%7D&b=2', 'uri.extra-shadows-query'],
    ['//host:1234', 'connection.missing-conn-type'],
    ['postgresql+psycopg2://u:p@h/db', 'conn-type.sqlalchemy-dialect'],
    ['postgres://h:0', 'connection.port-zero'],
  ])('%s warns %s', (uri, code) => {
    expect(warningCodes(uri)).toContain(code);
  });

  it('does not warn about a lower-case host', () => {
    expect(warningCodes('postgres://u:p@db.example.com:5432/db')).toEqual([]);
  });
});

describe('B.1 buildConnectionUri: the URI Airflow writes', () => {
  it.each<[Partial<AirflowConnection>, string]>([
    [{ conn_type: 'postgres', host: 'db.example.com', login: 'user', password: 'p@ss/w:rd?#%', schema: 'my db', port: 5432 }, 'postgres://user:p%40ss%2Fw%3Ard%3F%23%25@db.example.com:5432/my%20db'],
    // quote(safe=""): !*'() are encoded, unlike encodeURIComponent
    [{ conn_type: 'postgres', login: 'a', password: "!*'()~-._ é€😀" }, 'postgres://a:%21%2A%27%28%29~-._%20%C3%A9%E2%82%AC%F0%9F%98%80@'],
    // _ in the type becomes -; flat string extras become a form-encoded query after /?
    [{ conn_type: 'google_cloud_platform', extra: { project: 'my-proj', scope: 'a b*c~d/e' } }, 'google-cloud-platform:///?project=my-proj&scope=a+b%2Ac~d%2Fe'],
    // anything but flat strings goes into __extra__ as Python json.dumps output
    [{ conn_type: 'aws', extra: { region_name: 'us-east-1', config_kwargs: { retries: { max_attempts: 3 } }, verify: false } }, 'aws:///?__extra__=%7B%22region_name%22%3A+%22us-east-1%22%2C+%22config_kwargs%22%3A+%7B%22retries%22%3A+%7B%22max_attempts%22%3A+3%7D%7D%2C+%22verify%22%3A+false%7D'],
    [{ conn_type: 'aws', extra: { note: 'é' } }, 'aws:///?note=%C3%A9'],
    // json.dumps: ensure_ascii (\u00e9) and Python float repr (1e-05)
    [{ conn_type: 'snowflake', schema: 'PUBLIC', extra: { account: 'xy12345', insecure_mode: true, label: 'café', n: 1.5, small: 1e-5 } }, 'snowflake:///PUBLIC?__extra__=%7B%22account%22%3A+%22xy12345%22%2C+%22insecure_mode%22%3A+true%2C+%22label%22%3A+%22caf%5Cu00e9%22%2C+%22n%22%3A+1.5%2C+%22small%22%3A+1e-05%7D'],
    // port only -> @:port
    [{ conn_type: 'postgres', port: 5432 }, 'postgres://@:5432'],
    [{ conn_type: 'postgres', password: 'secret', port: 5432 }, 'postgres://:secret@:5432'],
    // a host with a protocol keeps it in front of the user info
    [{ conn_type: 'http', host: 'https://api.example.com', login: 'bot' }, 'http://https://bot@api.example.com'],
    // ...unless the protocol equals the type (Task SDK behaviour)
    [{ conn_type: 'http', host: 'http://api.example.com' }, 'http://http%3A%2F%2Fapi.example.com'],
    [{ host: 'host.example.com', port: 22 }, '//host.example.com:22'],
    [{ conn_type: 'postgres', host: '::1', port: 5432, schema: 'db' }, 'postgres://%3A%3A1:5432/db'],
    [{ conn_type: 'mysql', host: 'h', schema: 'db', extra: { charset: 'utf8mb4', '': '', 'a&b=c': 'x+y' } }, 'mysql://h/db?charset=utf8mb4&=&a%26b%3Dc=x%2By'],
  ])('%j', (fields, uri) => {
    expect(buildConnectionUri(makeConnection(fields))).toBe(uri);
  });
});

// The property the editor's live check relies on: whatever the form builds, Airflow reads back.
// Constrained where Airflow itself is lossy (documented as traps in connection-traps.ts and the
// module notes): hosts are lower-case (B.2 lower-cases them), "" and {} are null, and no flat
// extra is named __extra__ (Airflow would read it as the JSON extra).
const formText = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('p@ss/w:rd?#%', 'a b+c', '%41', '[x]', 'é€😀'));
const hostname = fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom('::1', '2001:db8::1', 'localhost'));
const host = fc.oneof(hostname, hostname.map((h) => `https://${h}`));
const extraKey = fc.string({ unit: 'binary', maxLength: 12 }).filter((k) => k !== '__extra__');
const extra = fc.oneof(
  fc.constant(null),
  fc.dictionary(extraKey, fc.string({ unit: 'binary', maxLength: 12 }), { minKeys: 1, maxKeys: 4 }),
  fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 }),
);
const formConnection = fc
  .record({
    conn_type: fc.constantFrom(...connectionTypes.map((t) => t.connType)),
    host: fc.option(host, { nil: null }),
    login: fc.option(formText, { nil: null }),
    password: fc.option(formText, { nil: null }),
    schema: fc.option(formText, { nil: null }),
    port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: null }),
    extra,
  })
  .map((fields) => makeConnection(fields));

describe('B.1 + B.2 round trip (property)', () => {
  it('buildConnectionUri -> parseConnectionUri gives back every field a form can set', () => {
    fc.assert(
      fc.property(formConnection, (conn) => {
        const result = parseConnectionUri(buildConnectionUri(conn));
        expect(result.ok).toBe(true);
        if (result.ok) expect(diffConnections(result.connection, conn)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('buildConnectionUri writes only printable ASCII (everything else is percent-encoded)', () => {
    fc.assert(
      fc.property(formConnection, (conn) => {
        expect(buildConnectionUri(conn)).toMatch(/^[!-~]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('parseConnectionUri is total: any text gives a connection or problems, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const result = parseConnectionUri(text);
        expect(result.ok ? result.connection : result.problems.length).toBeTruthy();
      }),
      { numRuns: 500 },
    );
  });

  it('documents the lossy case: an upper-case host comes back lower-cased', () => {
    const conn = makeConnection({ conn_type: 'postgres', host: 'DB.Example.com' });
    const back = parsed(buildConnectionUri(conn));
    expect(diffConnections(back, conn)).toEqual(['host']);
    expect(back.host).toBe('db.example.com');
  });
});
