import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionTypes, diffConnections, parseConnectionSecret } from '../../../../shared/airflow';
import { checkReadBack, type ConnectionFormState, connectionFromForm, emptyConnectionForm, extraFieldText, formFromConnection, setExtraField, storedConnectionString, valuesForDiff } from '../../../../shared/secrets';

const form = (fields: Partial<ConnectionFormState>): ConnectionFormState => ({ ...emptyConnectionForm, ...fields });

describe('connectionFromForm', () => {
  it('turns text fields into a connection with a numeric port and an extra object', () => {
    const result = connectionFromForm(form({ connType: 'postgres', host: 'db', login: 'u', password: 'p@ss', port: '5432', extra: '{"sslmode": "require"}' }));
    expect(result).toEqual({ ok: true, connection: { conn_type: 'postgres', host: 'db', login: 'u', password: 'p@ss', schema: null, port: 5432, extra: { sslmode: 'require' } } });
  });

  it('reports a bad port and a bad extra without quoting the extra', () => {
    const result = connectionFromForm(form({ port: '99999', extra: '{"password": "hunter2",}' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['port', 'extra']);
    expect(result.problems.map((p) => p.message).join(' ')).not.toContain('hunter2');
    expect(connectionFromForm(form({ extra: '[1]' })).ok).toBe(false);
  });

  it('shows a connection back in the form', () => {
    const connection = { conn_type: 'http', host: 'h', login: null, password: 'x', schema: null, port: 8080, extra: { a: [1] } };
    const back = connectionFromForm(formFromConnection(connection));
    expect(back).toEqual({ ok: true, connection });
  });
});

describe('stored string and the read-back check', () => {
  it('stores JSON or a URI, and the check reads what the form meant', () => {
    const made = connectionFromForm(form({ connType: 'google_cloud_platform', extra: '{"project": "p", "num_retries": 5}' }));
    if (!made.ok) throw new Error('form should be valid');
    const json = storedConnectionString(made.connection, 'json');
    expect(json).toBe('{"conn_type":"google_cloud_platform","extra":{"project":"p","num_retries":5}}');
    const uri = storedConnectionString(made.connection, 'uri');
    expect(uri.startsWith('google-cloud-platform://')).toBe(true);
    expect(checkReadBack(uri, made.connection).differences).toEqual([]);
  });

  it('shows what a URI loses: the host case', () => {
    const made = connectionFromForm(form({ connType: 'postgres', host: 'DB.Example.com' }));
    if (!made.ok) throw new Error('form should be valid');
    expect(checkReadBack(storedConnectionString(made.connection, 'uri'), made.connection).differences).toEqual(['host']);
    expect(checkReadBack(storedConnectionString(made.connection, 'json'), made.connection).differences).toEqual([]);
  });
});

describe('typed extra fields', () => {
  const spec = (name: string) => {
    const found = connectionTypes.flatMap((t) => t.extras).find((e) => e.name === name);
    if (found === undefined) throw new Error(name);
    return found;
  };

  it('writes numbers and booleans as JSON values and removes cleared fields', () => {
    let extra = setExtraField('', spec('conn_timeout'), '20') ?? '';
    extra = setExtraField(extra, spec('no_host_key_check'), 'true') ?? '';
    expect(JSON.parse(extra)).toEqual({ conn_timeout: 20, no_host_key_check: true });
    expect(extraFieldText(JSON.parse(extra) as Record<string, unknown>, spec('conn_timeout'))).toBe('20');
    extra = setExtraField(extra, spec('conn_timeout'), '') ?? '';
    extra = setExtraField(extra, spec('no_host_key_check'), '') ?? '';
    expect(extra).toBe('');
  });

  it('refuses to edit a field while the extra JSON is broken', () => {
    expect(setExtraField('{', spec('region_name'), 'eu-west-1')).toBeNull();
  });
});

describe('valuesForDiff', () => {
  it('pretty-prints JSON so a changed field is one line', () => {
    const { before, after } = valuesForDiff('{"a":1,"b":2}', '{"a":1,"b":3}');
    expect(before.split('\n')).toHaveLength(4);
    expect(after).toContain('"b": 3');
  });

  it('falls back to the exact strings when only formatting differs', () => {
    expect(valuesForDiff('{"a":1}', '{"a": 1}')).toEqual({ before: '{"a":1}', after: '{"a": 1}' });
  });
});

// A connection as the form can describe it: any text in the text fields (passwords with every
// character that needs encoding), a port, and an extra object of any JSON.
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('p@ss/w:rd?#%', '%40', 'a b', 'é€😀', "it's", '{"x": 1}'));
const formState = fc.record({
  connType: fc.constantFrom(...connectionTypes.map((t) => t.connType)),
  host: text,
  login: text,
  password: text,
  schema: text,
  port: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 65535 }).map(String)),
  extra: fc.oneof(
    fc.constant(''),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }).map((extra) => JSON.stringify(extra)),
  ),
});

describe('form -> stored string -> Airflow (property)', () => {
  it('JSON storage gives back every field the form set', () => {
    fc.assert(
      fc.property(formState, (state) => {
        const made = connectionFromForm(state);
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        const parsed = parseConnectionSecret(storedConnectionString(made.connection, 'json'));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(diffConnections(parsed.connection, made.connection)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('URI storage gives back every field for a usual host name (Airflow lower-cases URI hosts)', () => {
    const hostName = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\.[a-z0-9]{1,8}){0,3}$/);
    fc.assert(
      fc.property(formState, fc.oneof(fc.constant(''), hostName), (state, host) => {
        const made = connectionFromForm({ ...state, host });
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        const check = checkReadBack(storedConnectionString(made.connection, 'uri'), made.connection);
        expect(check.readBack).not.toBeNull();
        expect(check.differences).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
