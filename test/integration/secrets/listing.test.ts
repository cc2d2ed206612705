import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { checkConnectionValues, listAirflowSecrets, listOutsideSecrets } from '../../../electron/services/secrets/listing-service';
import { startHarness, type Harness } from './secrets-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('listing the secrets Airflow reads', () => {
  it('costs ceil(N/100) ListSecrets calls for N secrets under all the prefixes, and reads no value', async () => {
    const connections = Array.from({ length: 230 }, (_, i) => ({ name: `airflow/connections/conn_${String(i).padStart(3, '0')}`, value: 'postgres://h' }));
    const variables = Array.from({ length: 40 }, (_, i) => ({ name: `airflow/variables/var_${i}`, value: 'v' }));
    await h.seed([...connections, ...variables, { name: 'airflow/config/sql_alchemy_conn', value: 'x' }, { name: 'other/app/secret', value: 'x' }]);
    h.sandbox.resetStats();

    const listing = await listAirflowSecrets(h.deps, { kwargs: '', taskId: 't1' });

    const n = 230 + 40 + 1;
    expect(listing.items).toHaveLength(n);
    expect(listing.listCalls).toBe(Math.ceil(n / 100));
    const stats = h.sandbox.stats();
    expect(stats.requests.ListSecrets).toBe(Math.ceil(n / 100));
    expect(stats.requests.GetSecretValue ?? 0).toBe(0);
    expect(stats.requests.BatchGetSecretValue ?? 0).toBe(0);
    expect(stats.total).toBe(Math.ceil(n / 100));
    expect(listing.items.find((i) => i.name === 'airflow/connections/conn_007')).toMatchObject({ kind: 'connection', id: 'conn_007', deletedAt: null });
    expect(listing.items.filter((i) => i.kind === 'variable')).toHaveLength(40);
    expect(h.progress.filter((p) => p.taskId === 't1').at(-1)?.done).toBe(n);
  });

  it('includes secrets scheduled for deletion, marked as such', async () => {
    await h.seed([{ name: 'airflow/variables/gone', value: 'v' }, { name: 'airflow/variables/kept', value: 'v' }]);
    await h.other.send(new DeleteSecretCommand({ SecretId: 'airflow/variables/gone', RecoveryWindowInDays: 7 }));
    const listing = await listAirflowSecrets(h.deps, { kwargs: '' });
    expect(listing.items.find((i) => i.id === 'gone')?.deletedAt).not.toBeNull();
    expect(listing.items.find((i) => i.id === 'kept')?.deletedAt).toBeNull();
  });

  it('follows custom kwargs: separator, overlapping prefixes, lookup patterns', async () => {
    await h.seed([
      { name: 'team-conn-db', value: 'postgres://h' },
      { name: 'team-conn-vars-x', value: 'v' },
      { name: 'team-conn-skipped', value: 'postgres://h' },
    ]);
    h.sandbox.resetStats();
    const kwargs = JSON.stringify({ sep: '-', connections_prefix: 'team-conn', variables_prefix: 'team-conn-vars', config_prefix: null, connections_lookup_pattern: '^(db|vars)' });
    const listing = await listAirflowSecrets(h.deps, { kwargs });
    expect(listing.items.map((i) => [i.kind, i.id])).toEqual([['connection', 'db'], ['variable', 'x']]);
    expect(listing.notLookedUp.map((i) => [i.name, i.reason])).toEqual([['team-conn-skipped', 'not-looked-up']]);
    // One listing: the variables prefix is inside the connections prefix, so one filter value covers both.
    expect(h.sandbox.stats().requests.ListSecrets).toBe(1);
  });

  it('refuses kwargs Airflow would reject, before any call to AWS', async () => {
    h.sandbox.resetStats();
    const error = await listAirflowSecrets(h.deps, { kwargs: '{"connections_prefix": ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as AppError).message).toMatch(/not valid JSON/);
    expect(h.sandbox.stats().total).toBe(0);
  });

  it('makes no call at all when every prefix is null', async () => {
    h.sandbox.resetStats();
    const listing = await listAirflowSecrets(h.deps, { kwargs: '{"connections_prefix": null, "variables_prefix": null, "config_prefix": null}' });
    expect(listing).toMatchObject({ items: [], listCalls: 0 });
    expect(h.sandbox.stats().total).toBe(0);
  });
});

describe('secrets outside the prefixes', () => {
  it('finds misplaced Airflow secrets with the reason and the name Airflow reads, without reading values', async () => {
    await h.seed([
      { name: 'airflow/connections/fine', value: 'postgres://h' },
      { name: '/airflow/connections/legacy_db', value: 'postgres://h' },
      { name: 'airflow/connections-wrong_sep', value: 'postgres://h' },
      { name: 'Airflow/Variables/cased', value: 'v' },
      { name: 'prod/connections/elsewhere', value: 'postgres://h' },
      { name: 'payments/stripe', value: 'sk', description: 'not airflow at all' },
      { name: 'myapp/config/db', value: 'x' },
    ]);
    h.sandbox.resetStats();
    const outside = await listOutsideSecrets(h.deps, { kwargs: '' });
    expect(outside.items.map((i) => [i.name, i.reason, i.suggestedName]).sort()).toEqual([
      ['/airflow/connections/legacy_db', 'leading-slash', 'airflow/connections/legacy_db'],
      ['Airflow/Variables/cased', 'wrong-case', 'airflow/variables/cased'],
      ['airflow/connections-wrong_sep', 'wrong-separator', 'airflow/connections/wrong_sep'],
      ['prod/connections/elsewhere', 'wrong-prefix', 'airflow/connections/elsewhere'],
    ]);
    const stats = h.sandbox.stats();
    expect(Object.keys(stats.requests)).toEqual(['ListSecrets']);
    expect(outside.listCalls).toBe(stats.requests.ListSecrets);
  });

  it('on request, reads connection values to find variables stored as connections, and never returns the values', async () => {
    await h.seed([
      { name: 'airflow/connections/pg', value: 'postgres://u:p@h/db' },
      { name: 'airflow/connections/my_secret', value: 'just-a-plain-variable-value' },
      { name: 'airflow/connections/json_var', value: '{"batch_size": 5}' },
    ]);
    const found = await checkConnectionValues(h.deps, { kwargs: '' });
    expect(found.checked).toBe(3);
    expect(found.items.map((i) => [i.name, i.reason, i.suggestedName])).toEqual([
      ['airflow/connections/json_var', 'not-a-connection', 'airflow/variables/json_var'],
      ['airflow/connections/my_secret', 'not-a-connection', 'airflow/variables/my_secret'],
    ]);
    expect(JSON.stringify(found)).not.toContain('just-a-plain-variable-value');
  });
});
