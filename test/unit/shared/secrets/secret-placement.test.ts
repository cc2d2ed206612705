import { describe, expect, it } from 'vitest';
import { insidePlacement, type KwargsInUse, listingNameFilters, notAConnectionPlacement, outsideNameFilters, placeSecretName, readKwargsInUse, secretNameFor } from '../../../../shared/secrets';

function use(json = ''): KwargsInUse {
  const read = readKwargsInUse(json);
  if (!read.ok) throw new Error(read.message);
  return read.value;
}

describe('readKwargsInUse', () => {
  it('uses Airflow defaults for an empty text', () => {
    expect(use().prefixes).toEqual({ connection: 'airflow/connections', variable: 'airflow/variables', config: 'airflow/config' });
  });

  it('reports kwargs Airflow would throw away instead of defaulting them', () => {
    const bad = readKwargsInUse('{"connections_prefix": "x",}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/not valid JSON/);
    const wrongType = readKwargsInUse('{"variables_prefix": 5}');
    expect(wrongType.ok).toBe(false);
  });
});

describe('listingNameFilters', () => {
  it('lists each prefix with its separator', () => {
    expect(listingNameFilters(use())).toEqual(['airflow/config/', 'airflow/variables/', 'airflow/connections/']);
  });

  it('drops disabled prefixes and prefixes covered by a shorter one', () => {
    expect(listingNameFilters(use('{"connections_prefix": "af", "variables_prefix": "af/vars", "config_prefix": null}'))).toEqual(['af/']);
  });

  it('needs a full listing when a prefix is empty', () => {
    expect(listingNameFilters(use('{"variables_prefix": ""}'))).toBeNull();
  });

  it('keeps at most ten broad filters for the outside view', () => {
    expect(outsideNameFilters(use('{"connections_prefix": "/Team/conn"}'))).toContain('Team');
    expect(outsideNameFilters(use()).length).toBeLessThanOrEqual(10);
  });
});

describe('placeSecretName', () => {
  it('reads names under the prefixes as Airflow does', () => {
    expect(placeSecretName(use(), 'airflow/connections/my_pg')).toEqual({ where: 'inside', kind: 'connection', id: 'my_pg' });
    expect(placeSecretName(use('{"sep": "-"}'), 'airflow/variables-env')).toEqual({ where: 'inside', kind: 'variable', id: 'env' });
  });

  it('prefers the longest prefix when prefixes overlap', () => {
    expect(insidePlacement(use('{"connections_prefix": "", "variables_prefix": "vars"}'), 'vars/x')).toEqual({ kind: 'variable', id: 'x' });
  });

  it('finds a leading slash and suggests the name Airflow reads', () => {
    const placed = placeSecretName(use(), '/airflow/connections/legacy_db');
    expect(placed).toMatchObject({ where: 'outside', reason: 'leading-slash', kind: 'connection', id: 'legacy_db', suggestedName: 'airflow/connections/legacy_db' });
    expect(placeSecretName(use('{"connections_prefix": "/airflow/connections"}'), 'airflow/connections/x')).toMatchObject({
      reason: 'leading-slash',
      suggestedName: '/airflow/connections/x',
    });
  });

  it('finds a wrong separator, case and prefix', () => {
    expect(placeSecretName(use(), 'airflow/connections-x')).toMatchObject({ reason: 'wrong-separator', suggestedName: 'airflow/connections/x' });
    expect(placeSecretName(use(), 'airflow-variables-env')).toMatchObject({ reason: 'wrong-separator', kind: 'variable', suggestedName: 'airflow/variables/env' });
    expect(placeSecretName(use(), 'Airflow/Connections/x')).toMatchObject({ reason: 'wrong-case', suggestedName: 'airflow/connections/x' });
    expect(placeSecretName(use(), 'prod/airflow/connections/x')).toMatchObject({ reason: 'wrong-prefix', kind: 'connection', id: 'x', suggestedName: 'airflow/connections/x' });
    expect(placeSecretName(use(), 'airflow/variable/x')).toMatchObject({ reason: 'wrong-prefix', kind: 'variable', suggestedName: 'airflow/variables/x' });
  });

  it('explains a disabled prefix and a lookup pattern that skips the id', () => {
    expect(placeSecretName(use('{"variables_prefix": null}'), 'airflow/variables/x')).toMatchObject({ reason: 'prefix-disabled', suggestedName: null });
    const skipped = placeSecretName(use('{"connections_lookup_pattern": "^prod_"}'), 'airflow/connections/dev_db');
    expect(skipped).toMatchObject({ reason: 'not-looked-up', kind: 'connection', id: 'dev_db', suggestedName: null });
    if (skipped?.where === 'outside') expect(skipped.message).toMatch(/connections_lookup_pattern/);
  });

  it('ignores secrets that do not look like Airflow secrets', () => {
    expect(placeSecretName(use(), 'prod/payments/stripe')).toBeNull();
    expect(placeSecretName(use(), 'myapp/config/db')).toBeNull();
    expect(placeSecretName(use(), 'airflow-ui-admin')).toMatchObject({ reason: 'unknown-kind', suggestedName: null });
  });

  it('suggests the variables prefix for a variable stored as a connection', () => {
    expect(notAConnectionPlacement(use(), 'my_secret')).toMatchObject({ reason: 'not-a-connection', kind: 'variable', suggestedName: 'airflow/variables/my_secret' });
  });

  it('gives the reason when no name is read for an id', () => {
    expect(secretNameFor(use('{"connections_prefix": null}'), 'connection', 'x')).toMatchObject({ ok: false });
    expect(secretNameFor(use('{"sep": "--", "connections_prefix": "af--"}'), 'connection', 'x')).toEqual({ ok: true, name: 'af--x' });
  });
});
