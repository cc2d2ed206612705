import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportSecrets } from '../../../electron/services/secrets/export-service';
import { previewImport, runImport } from '../../../electron/services/secrets/import-service';
import { startHarness, type Harness } from './secrets-harness';

const settingsYaml = readFileSync(path.join(import.meta.dirname, '../../fixtures/imports/airflow_settings.yaml'), 'utf8');
const source = { kind: 'text' as const, text: settingsYaml, fileName: 'airflow_settings.yaml' };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  // What the account holds before the import: one identical connection (stored as a URI), one changed variable.
  await h.seed([
    { name: 'airflow/connections/warehouse_postgres', value: 'postgres://etl_user:p%40ss%2Fw%3Ard%231@warehouse.internal.example.com:5432/analytics?sslmode=require' },
    { name: 'airflow/variables/environment', value: 'staging' },
  ]);
  h.sandbox.resetStats();
});
afterEach(async () => {
  await h.close();
});

const value = async (h: Harness, name: string) => (await h.other.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
const writes = (h: Harness) => {
  const requests = h.sandbox.stats().requests;
  return (requests.CreateSecret ?? 0) + (requests.PutSecretValue ?? 0) + (requests.UpdateSecret ?? 0);
};

describe('import preview and dry run', () => {
  it('lists every item as new, changed (with both values), identical or invalid, and writes nothing', async () => {
    const preview = await previewImport(h.deps, { kwargs: '', source, storage: 'json' });
    expect(preview.format).toBe('airflow-settings-yaml');
    expect(Object.fromEntries(preview.items.map((i) => [i.id, i.status]))).toEqual({
      warehouse_postgres: 'identical',
      reporting_api: 'new',
      'broken one': 'invalid',
      environment: 'changed',
      batch_size: 'new',
      empty_value: 'invalid',
    });
    expect(preview.items.find((i) => i.id === 'environment')).toMatchObject({ current: 'staging', value: 'production' });
    expect(writes(h)).toBe(0);
    expect(h.sandbox.stats().requests.BatchGetSecretValue).toBe(1);

    const dry = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: true });
    expect(dry.counts).toMatchObject({ 'would-create': 2, 'would-update': 1, unchanged: 1, 'skipped-invalid': 2 });
    expect(writes(h)).toBe(0);
    expect(h.guardedActions).toEqual([]);
  });
});

describe('import run', () => {
  it('applies the policy, reports each item, and a second run writes nothing', async () => {
    const skip = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'skip', dryRun: false });
    expect(skip.counts).toMatchObject({ created: 2, 'skipped-exists': 1, unchanged: 1, 'skipped-invalid': 2, failed: 0 });
    expect(await value(h, 'airflow/variables/environment')).toBe('staging');

    const overwrite = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    expect(overwrite.counts).toMatchObject({ updated: 1, unchanged: 3, 'skipped-invalid': 2 });
    expect(await value(h, 'airflow/variables/environment')).toBe('production');
    expect(await value(h, 'airflow/connections/reporting_api')).toBe('{"conn_type":"http","host":"api.reporting.example.com","password":"0123456","schema":"https","extra":{"timeout":30}}');

    h.sandbox.resetStats();
    const again = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    expect(again.counts).toMatchObject({ unchanged: 4, 'skipped-invalid': 2, created: 0, updated: 0 });
    expect(writes(h)).toBe(0);
    // Asked once per run that writes, naming how many writes; the no-op third run asks nothing.
    expect(h.guardedActions).toEqual(['import 2 secrets', 'import 1 secret']);
  });

  it('gets through throttling with per-item retries and backoff', async () => {
    h.sandbox.setFaults({ throttleRate: 0.6 });
    const result = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    h.sandbox.setFaults({ reset: true });
    expect(result.counts).toMatchObject({ created: 2, updated: 1, failed: 0 });
    expect(h.sandbox.stats().throttled).toBeGreaterThan(0);
    expect(await value(h, 'airflow/variables/batch_size')).toBe('500');
  });

  it('reports a failure in the middle, carries on, and a retry of the failed items completes', async () => {
    let armed = false;
    const deps = {
      ...h.deps,
      // One item at a time, so that "the next create" is a known item.
      bulkConcurrency: 1,
      progress: (p: { label: string; done: number }) => {
        // After the first item has been handled, the next create is denied.
        if (p.label === 'Importing' && p.done === 1 && !armed) {
          armed = true;
          h.sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 1, code: 'AccessDeniedException' } });
        }
      },
    };
    const first = await runImport(deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false, taskId: 'import-1' });
    expect(first.results.map((r) => [r.id, r.outcome])).toEqual([
      ['warehouse_postgres', 'unchanged'],
      ['reporting_api', 'failed'],
      ['broken one', 'skipped-invalid'],
      ['environment', 'updated'],
      ['batch_size', 'created'],
      ['empty_value', 'skipped-invalid'],
    ]);
    const failed = first.results.filter((r) => r.outcome === 'failed');
    expect(failed[0]?.error?.code).toBe('ACCESS_DENIED');

    const retry = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false, only: failed.map((r) => r.key) });
    expect(retry.results.map((r) => [r.id, r.outcome])).toEqual([['reporting_api', 'created']]);
  });

  it('does not overwrite a secret that changed after the preview', async () => {
    const preview = await previewImport(h.deps, { kwargs: '', source, storage: 'json' });
    const expectedVersions = Object.fromEntries(preview.items.filter((i) => i.name !== null && i.status !== 'invalid').map((i) => [i.name ?? '', i.currentVersionId]));
    await h.other.send(new PutSecretValueCommand({ SecretId: 'airflow/variables/environment', SecretString: 'changed-meanwhile' }));

    const result = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false, expectedVersions });
    expect(result.results.find((r) => r.id === 'environment')?.outcome).toBe('conflict');
    expect(await value(h, 'airflow/variables/environment')).toBe('changed-meanwhile');
    expect(result.counts.created).toBe(2);
  });
});

describe('export', () => {
  it('without values reads no value at all', async () => {
    const out = await exportSecrets(h.deps, { kwargs: '', format: 'airflow-settings-yaml', includeValues: false });
    expect(out.content).toContain('conn_id: warehouse_postgres');
    expect(out.content).not.toContain('staging');
    const requests = h.sandbox.stats().requests;
    expect(requests.GetSecretValue ?? 0).toBe(0);
    expect(requests.BatchGetSecretValue ?? 0).toBe(0);
  });

  it('with values gives a file whose import finds everything identical', async () => {
    await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    for (const format of ['airflow-settings-yaml', 'dotenv', 'connections-json'] as const) {
      const out = await exportSecrets(h.deps, { kwargs: '', format, includeValues: true });
      expect(out.content).not.toBeNull();
      const preview = await previewImport(h.deps, { kwargs: '', source: { kind: 'text', text: out.content ?? '' }, format, storage: 'json' });
      expect(preview.items.length).toBeGreaterThan(0);
      expect(preview.items.every((i) => i.status === 'identical'), format).toBe(true);
    }
  });

  it('hands the file to the platform save dialog when there is one', async () => {
    const saved: { name: string; content: string }[] = [];
    const deps = { ...h.deps, saveFile: (name: string, content: string) => { saved.push({ name, content }); return Promise.resolve(`/tmp/${name}`); } };
    const out = await exportSecrets(deps, { kwargs: '', format: 'dotenv', includeValues: true });
    expect(out).toMatchObject({ content: null, savedPath: '/tmp/airflow-secrets.env', cancelled: false });
    expect(saved[0]?.content).toContain("AIRFLOW_VAR_ENVIRONMENT=staging");
  });
});
