import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lookupKinds, validateVariableKey } from '../../../../shared/airflow';
import { buildExport, exportableKinds, exportFormatHolds, exportFormats, parseImport, planImport, type ExportFormat, type ExportItem } from '../../../../shared/imports';
import { envVarName, kindOfEnvVar, readKwargsInUse, secretKindList, secretKinds, type SecretKindDescriptor } from '../../../../shared/secrets';

const codes = (problems: readonly { code: string }[]) => problems.map((problem) => problem.code);

describe('secret kinds', () => {
  it('issue 11 item 5: a config key is checked by its own rules, not the variable ones', () => {
    const config = secretKinds.config;
    // Config lookups are never team-scoped (sheet A.7): `--` is fine in a config key, not in a variable key.
    expect(codes(validateVariableKey('sql--conn'))).toContain('id.double-dash');
    expect(config.validateId('sql--conn')).toEqual([]);
    // A config key lives in no database column, so the variable table's 250-character limit does not apply.
    expect(codes(validateVariableKey('k'.repeat(300)))).toContain('id.too-long');
    expect(config.validateId('k'.repeat(300))).toEqual([]);
    // Its secret name is built from config_prefix, so a long config_prefix makes it too long.
    const kwargs = { config_prefix: `airflow/${'c'.repeat(505)}` };
    expect(codes(config.validateId('sql_alchemy_conn', kwargs))).toEqual(['secret-name.too-long']);
    expect(validateVariableKey('sql_alchemy_conn', kwargs)).toEqual([]);
    // The rules every kind shares still hold: an empty key and characters Secrets Manager refuses.
    expect(codes(config.validateId(''))).toEqual(['id.empty']);
    expect(codes(config.validateId('has space'))).toEqual(['id.secret-name-charset']);
  });

  it('issue 11 item 5: each descriptor names its own kind and the backend kwargs Airflow reads for it', () => {
    expect(secretKindList.map((kind) => [kind.kind, kind.prefixKwarg, kind.patternKwarg, kind.defaultPrefix])).toEqual([
      ['connection', 'connections_prefix', 'connections_lookup_pattern', 'airflow/connections'],
      ['variable', 'variables_prefix', 'variables_lookup_pattern', 'airflow/variables'],
      ['config', 'config_prefix', 'config_lookup_pattern', 'airflow/config'],
    ]);
    expect(secretKindList.map((kind) => kind.editor)).toEqual(['connection-form', 'text', 'text']);
  });
});

describe('issue 11 item 5: the kind descriptors are complete and drive the places that differ by kind', () => {
  // The compiler is the first guard: `secretKinds` is declared `satisfies Record<LookupKind,
  // SecretKindDescriptor>`, so a kind added to `lookupKinds` without a descriptor, or a descriptor
  // missing a field, does not compile (`npm run typecheck` covers this file too). This proves the
  // type refuses a descriptor without one of its fields:
  const { envPrefix: _dropped, ...withoutEnvPrefix } = secretKinds.config;
  // @ts-expect-error a descriptor must say whether its kind has an environment variable
  const incomplete: SecretKindDescriptor = withoutEnvPrefix;

  it('issue 11 item 5: every kind has a descriptor of its own with every field set', () => {
    expect(Object.keys(incomplete)).not.toContain('envPrefix');
    expect(Object.keys(secretKinds).sort()).toEqual([...lookupKinds].sort());
    expect(secretKindList.map((descriptor) => descriptor.kind)).toEqual([...lookupKinds]);
    const fields = Object.keys(secretKinds.connection).sort();
    for (const descriptor of secretKindList) {
      expect(Object.keys(descriptor).sort(), descriptor.kind).toEqual(fields);
      for (const field of fields) expect(descriptor[field as keyof SecretKindDescriptor], `${descriptor.kind}.${field}`).not.toBeUndefined();
    }
    // Nouns, labels and placeholders are each kind's own: no two kinds share one by accident.
    for (const field of ['one', 'plural', 'label', 'many', 'idLabel', 'shortLabel', 'lookupPlaceholder', 'exampleId', 'icon'] as const) {
      expect(new Set(secretKindList.map((descriptor) => descriptor[field])).size, field).toBe(secretKindList.length);
    }
  });

  it('issue 11 item 5: each export format holds exactly the kinds whose descriptor gives them a place in it', () => {
    const items: ExportItem[] = [
      { kind: 'connection', id: 'my_pg', value: 'postgres://u:p@db:5432/x' },
      { kind: 'variable', id: 'threshold', value: '10' },
      { kind: 'config', id: 'sql_alchemy_conn', value: 'postgresql://x' },
    ];
    const heldBy = (format: ExportFormat) => {
      const result = buildExport(items, format);
      const skipped = new Set(result.skipped.map((s) => s.kind));
      return lookupKinds.filter((kind) => !skipped.has(kind));
    };
    // What the descriptors say today, written out so this test is not the code run twice.
    expect(heldBy('dotenv')).toEqual(['connection', 'variable']);
    expect(heldBy('airflow-settings-yaml')).toEqual(['connection', 'variable']);
    expect(heldBy('connections-json')).toEqual(['connection']);
    expect(exportableKinds).toEqual(['connection', 'variable']);
    for (const format of exportFormats) expect(heldBy(format), format).toEqual(lookupKinds.filter((kind) => exportFormatHolds(format, kind)));

    const dotenv = buildExport(items, 'dotenv').text;
    const settings = parse(buildExport(items, 'airflow-settings-yaml').text) as { airflow: Record<string, Record<string, unknown>[]> };
    for (const item of items) {
      const descriptor = secretKinds[item.kind];
      // A .env names each id with its kind's environment variable prefix, upper-cased as Airflow looks it up.
      expect(dotenv.includes(`${descriptor.envPrefix ?? '(none)'}${item.id.toUpperCase()}=`), item.kind).toBe(descriptor.envPrefix !== null);
      // airflow_settings.yaml lists it in its kind's section under its kind's id key.
      const listed = descriptor.settingsYaml === null ? [] : (settings.airflow[descriptor.settingsYaml.section] ?? []).map((entry) => entry[descriptor.settingsYaml.idKey]);
      expect(listed, item.kind).toEqual(descriptor.settingsYaml === null ? [] : [item.id]);
    }
    // The kind no format holds is told so in its own words; the others, which format they missed.
    expect(buildExport(items, 'connections-json').skipped.map((s) => [s.kind, s.reason])).toEqual([
      ['variable', 'This format holds connections only.'],
      ['config', 'Config values have no place in this format.'],
    ]);
  });

  it('issue 11 item 5: a .env is read back by the environment variable prefixes of the descriptors', () => {
    const parsed = parseImport('AIRFLOW_CONN_MY_PG=postgres://u:p@db:5432/x\nAIRFLOW_VAR_THRESHOLD=10\nAIRFLOW_VAR_EMPTY=\nAIRFLOW__CORE__X=1\n', 'dotenv');
    expect(parsed.entries.map((entry) => [entry.kind, entry.id, entry.connection === null ? entry.value : entry.connection.host])).toEqual([
      ['connection', 'my_pg', 'db'],
      ['variable', 'threshold', '10'],
      ['variable', 'empty', null],
    ]);
    expect(parsed.entries[2]?.problems.map((p) => p.message)).toEqual(['The variable has no value; Secrets Manager cannot store an empty value.']);
    expect(parsed.ignored).toBe(1);
    for (const descriptor of secretKindList) {
      if (descriptor.envPrefix === null) continue;
      expect(kindOfEnvVar(envVarName(descriptor, 'some_id')), descriptor.kind).toEqual({ kind: descriptor.kind, id: 'some_id' });
    }
    expect(kindOfEnvVar('AIRFLOW__CORE__SQL_ALCHEMY_CONN')).toBeNull();
  });

  it('issue 11 item 5: the value is read as its descriptor says: a connection parsed, text compared as it is', () => {
    const kwargs = readKwargsInUse('');
    if (!kwargs.ok) throw new Error('default kwargs');
    const parsed = parseImport('AIRFLOW_CONN_MY_PG=postgres://u:p@db:5432/x\nAIRFLOW_VAR_THRESHOLD=10\n', 'dotenv');
    const remote = new Map([
      // Stored as JSON: a different string, the same connection as Airflow reads it.
      ['airflow/connections/my_pg', { value: '{"conn_type": "postgres", "login": "u", "password": "p", "host": "db", "port": 5432, "schema": "x"}', versionId: 'v1', scheduledForDeletion: false, readError: null }],
      ['airflow/variables/threshold', { value: '10 ', versionId: 'v1', scheduledForDeletion: false, readError: null }],
    ]);
    const plan = planImport(parsed, kwargs.value, 'uri', remote);
    expect(plan.map((item) => [item.kind, secretKinds[item.kind].valueFormat, item.status])).toEqual([
      ['connection', 'connection', 'identical'],
      ['variable', 'text', 'changed'],
    ]);
  });
});
