// Python urllib emulation behind sheet B.1/B.2. Expected values were produced by CPython 3.11's
// urllib.parse on the same inputs.
import { describe, expect, it } from 'vitest';
import { netlocHostname, netlocPort, parseQsl, PythonValueError, quote, quotePlus, unquote, urlencode, urlsplit } from '../../../../shared/airflow';

describe('B.1 quote(safe="") and quote_plus', () => {
  it.each([
    ['p@ss/w:rd?#%', 'p%40ss%2Fw%3Ard%3F%23%25'],
    ["!*'()", '%21%2A%27%28%29'],
    ['AZaz09_.-~', 'AZaz09_.-~'],
    ['my db', 'my%20db'],
    ['é€😀', '%C3%A9%E2%82%AC%F0%9F%98%80'],
    ['', ''],
  ])('quote(%j) = %j', (input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  it('quote_plus turns spaces into + and encodes + and * (form encoding, unlike URLSearchParams for *)', () => {
    expect(quotePlus('a b*c~d/e+f')).toBe('a+b%2Ac~d%2Fe%2Bf');
  });

  it('urlencode joins pairs with & and =', () => {
    expect(urlencode([['charset', 'utf8mb4'], ['', ''], ['a&b=c', 'x+y']])).toBe('charset=utf8mb4&=&a%26b%3Dc=x%2By');
  });
});

describe('B.2 unquote and parse_qsl', () => {
  it.each([
    ['p%40ss', 'p@ss'],
    ['%zz%4', '%zz%4'], // not an escape: left alone
    ['%C3%A9', 'é'],
    ['%C3', '\ufffd'], // invalid UTF-8 becomes a replacement character, never an exception
    ['%E2%82', '\ufffd'],
    ['%F0%80%80', '\ufffd\ufffd\ufffd'],
    ['%C3é%A9', '\ufffdé\ufffd'], // Python only decodes ASCII runs
    ['a+b', 'a+b'], // unquote never decodes +
  ])('unquote(%j) = %j', (input, expected) => {
    expect(unquote(input)).toBe(expected);
  });

  it('parse_qsl keeps blank values, decodes + as space and keeps duplicates in order', () => {
    expect(parseQsl('a=1&a=2&b=x+y&c=%2B&d&&=e')).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['b', 'x y'],
      ['c', '+'],
      ['d', ''],
      ['', 'e'],
    ]);
  });
});

describe('B.2 urlsplit', () => {
  it('lower-cases the scheme and splits netloc, path, query and fragment', () => {
    expect(urlsplit('POSTGRES://u:p@H:1/db?x=1#frag')).toEqual({ scheme: 'postgres', netloc: 'u:p@H:1', path: '/db', query: 'x=1', fragment: 'frag' });
  });

  it('does not recognise a scheme containing _ (so Airflow gets no conn_type)', () => {
    expect(urlsplit('google_cloud_platform://x').scheme).toBe('');
  });

  it('removes tabs and newlines anywhere and leading control characters', () => {
    expect(urlsplit(' \u0001post\tgres://h\n/db')).toEqual({ scheme: 'postgres', netloc: 'h', path: '/db', query: '', fragment: '' });
  });

  it('lower-cases the hostname only up to the first %', () => {
    expect(netlocHostname('u@ABC%41DEF:1')).toBe('abc%41DEF');
    expect(netlocHostname('[FE80::1%ETH0]')).toBe('fe80::1%ETH0');
  });

  it.each([
    ['h:99999', 'uri.port-range'],
    ['h:54x2', 'uri.port-invalid'],
    ['h:+80', 'uri.port-invalid'],
  ])('rejects the port in %j', (netloc, code) => {
    expect(() => netlocPort(netloc)).toThrow(PythonValueError);
    try {
      netlocPort(netloc);
    } catch (err) {
      expect((err as PythonValueError).code).toBe(code);
    }
  });

  it.each(['//[1.2.3.4]', '//user:p[ss@host', '//[::1', '//[v1]', '//[fe80::1%]'])('rejects the bracketed host in %j like ipaddress does', (url) => {
    expect(() => urlsplit(url)).toThrow(PythonValueError);
  });

  it.each(['//[::1]', '//[2001:db8::1]:5432', '//[::ffff:1.2.3.4]', '//[fe80::1%eth0]', '//[v1.x]'])('accepts the bracketed host in %j', (url) => {
    expect(() => urlsplit(url)).not.toThrow();
  });

  it('rejects a netloc that NFKC-normalises into a delimiter (CVE-2019-9636 check)', () => {
    expect(() => urlsplit('//h\uff03x')).toThrow(PythonValueError);
  });
});
