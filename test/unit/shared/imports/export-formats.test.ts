import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionTypes, makeConnection } from '../../../../shared/airflow';
import { buildExport, exportFormats, parseImport, planImport, type ExportItem, type RemoteSecretState } from '../../../../shared/imports';
import { readKwargsInUse, storedConnectionString } from '../../../../shared/secrets';

const kwargs = readKwargsInUse('');
if (!kwargs.ok) throw new Error('default kwargs');
const use = kwargs.value;

const items: ExportItem[] = [
  { kind: 'connection', id: 'pg', value: '{"conn_type": "postgres", "user": "u", "pass": "p w\'$x", "server": "db", "port": "5432"}' },
  { kind: 'connection', id: 'api', value: 'http://:tok%2Fen@api.example.com/https' },
  { kind: 'variable', id: 'env', value: 'prod' },
  { kind: 'variable', id: 'cfg', value: '{"a": [1, 2]}' },
  { kind: 'config', id: 'sql_alchemy_conn', value: 'postgresql://x' },
];

function remoteOf(list: readonly ExportItem[]): Map<string, RemoteSecretState> {
  return new Map(list.map((item) => [`airflow/${item.kind === 'connection' ? 'connections' : 'variables'}/${item.id}`, { value: item.value, versionId: 'v1', scheduledForDeletion: false, readError: null }]));
}

describe('buildExport', () => {
  it('writes each format so that importing it back finds everything identical', () => {
    for (const format of exportFormats) {
      const exported = buildExport(items, format);
      const parsed = parseImport(exported.text, format);
      const plan = planImport(parsed, use, 'json', remoteOf(items));
      const expectedIds = format === 'airflow-settings-yaml' || format === 'dotenv' ? ['pg', 'api', 'env', 'cfg'] : ['pg', 'api'];
      expect(plan.map((i) => i.id).sort(), format).toEqual([...expectedIds].sort());
      expect(plan.every((i) => i.status === 'identical'), format).toBe(true);
      expect(exported.skipped.some((s) => s.kind === 'config')).toBe(true);
    }
  });

  it('rewrites JSON alias keys for env formats, which read only Airflow field names', () => {
    const text = buildExport(items.slice(0, 1), 'connections-env').text;
    expect(text).toContain('"login":"u"');
    expect(text).not.toContain('"user"');
  });

  it('without values writes ids only, and such a file is never imported over real values', () => {
    const bare = items.map((item) => ({ ...item, value: null }));
    for (const format of exportFormats) {
      const text = buildExport(bare, format).text;
      expect(text, format).not.toContain('prod');
      expect(text, format).not.toContain('tok');
      const plan = planImport(parseImport(text, format), use, 'json', remoteOf(items));
      expect(plan.every((i) => i.status === 'invalid'), format).toBe(true);
    }
  });

  it('skips ids that cannot be environment variable names in a .env', () => {
    const result = buildExport([{ kind: 'variable', id: 'team/x', value: 'v' }], 'dotenv');
    expect(result.included).toBe(0);
    expect(result.skipped[0]?.reason).toMatch(/environment variable/);
  });
});

describe('export -> import round trip (property)', () => {
  const text = fc.string({ minLength: 1, maxLength: 16 });
  const connection = fc
    .record({
      conn_type: fc.constantFrom(...connectionTypes.map((t) => t.connType)),
      host: fc.option(fc.stringMatching(/^[a-z0-9.-]{1,12}$/), { nil: null }),
      login: fc.option(text, { nil: null }),
      password: fc.option(text, { nil: null }),
      schema: fc.option(text, { nil: null }),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
      extra: fc.option(fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()), { minKeys: 1, maxKeys: 3 }), { nil: null }),
    })
    .map((fields) => makeConnection(fields));

  it('every format gives back the same connections and variables', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), { minLength: 1, maxLength: 4 }),
        fc.array(connection, { minLength: 4, maxLength: 4 }),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }).filter((v) => v.trim() === v && v.trim() !== ''), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...exportFormats),
        fc.constantFrom('json' as const, 'uri' as const),
        (ids, connections, values, format, stored) => {
          const list: ExportItem[] = ids.flatMap((id, i) => [
            { kind: 'connection' as const, id, value: storedConnectionString(connections[i]!, stored) },
            { kind: 'variable' as const, id, value: values[i]! },
          ]);
          const plan = planImport(parseImport(buildExport(list, format).text, format), use, 'json', remoteOf(list));
          const notIdentical = plan.filter((i) => i.status !== 'identical');
          expect(notIdentical.map((i) => `${i.kind}:${i.id}:${i.status}:${i.reason ?? ''}`)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
