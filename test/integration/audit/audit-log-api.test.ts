/**
 * Airlock's own audit log through the app's handler table (electron/airlock.ts, `dispatch`), on
 * the built-in sandbox: each write path leaves an entry with profile, account and region; a
 * failed write leaves a failed entry; a write the production guard stopped leaves none; no value
 * reaches the log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { auditPolicy } from '../../../electron/services/audit/audit-policy';
import { createMemoryLogger } from '../../../electron/services/log';
import { methodNames } from '../../../shared/api';
import { appApi } from '../app-api';

const CANARY = 'AuditCanary-7f2c1e-value';

let home: string;
let dataDir: string;
let airlock: Airlock;
const log = createMemoryLogger();
let seen: string[];

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'airlock-audit-home-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'airlock-audit-data-'));
  seen = [];
  airlock = createAirlock({ mode: 'browser', version: 'test', dataDir, log, env: { HOME: home, PATH: '' } });
});
afterEach(async () => {
  await airlock.close();
  await rm(home, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

async function filesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

describe('audit log API', () => {
  it('issue 14 item 5: every secret write path leaves one entry with where it went, and no value', async () => {
    await call('profiles.select', { name: 'sandbox' });
    const created = await call('secrets.create', { kwargs: '', kind: 'variable', id: 'audited', value: CANARY, clientRequestToken: randomUUID() });
    await call('secrets.update', { name: created.name, expectedVersionId: created.versionId, value: `${CANARY}-2`, clientRequestToken: randomUUID() });
    const history = await call('secrets.history', { name: created.name });
    const first = history.versions.find((version) => version.versionId === created.versionId);
    const current = history.versions.find((version) => version.stages.includes('AWSCURRENT'));
    await call('secrets.rollback', { name: created.name, toVersionId: first?.versionId ?? '', expectedCurrentVersionId: current?.versionId ?? '' });
    await call('secrets.delete', { name: created.name, recoveryWindowDays: 7 });
    await call('secrets.restore', { name: created.name });
    await call('secrets.importRun', { kwargs: '', source: { kind: 'text', text: `{"imported_one": "${CANARY}-3"}`, fileName: 'variables.json' }, policy: 'skip' });
    // A read is not an audit event.
    await call('secrets.get', { name: created.name });

    const page = await call('audit.list', {});
    expect(page.entries.map((entry) => [entry.action, entry.target, entry.outcome])).toEqual([
      ['secrets.importRun', 'airflow/variables/imported_one', 'ok'],
      ['secrets.restore', 'airflow/variables/audited', 'ok'],
      ['secrets.delete', 'airflow/variables/audited', 'ok'],
      ['secrets.rollback', 'airflow/variables/audited', 'ok'],
      ['secrets.update', 'airflow/variables/audited', 'ok'],
      ['secrets.create', 'airflow/variables/audited', 'ok'],
    ]);
    expect(page.entries[2]?.note).toBe('scheduled for deletion in 7 days');
    for (const entry of page.entries) expect(entry).toMatchObject({ profile: 'sandbox', account: '000000000000', region: 'us-east-1' });
    // The sandbox keeps its own store in the data folder (it is the emulated AWS); the log is Airlock's.
    const logFiles = await filesUnder(path.join(dataDir, 'audit'));
    expect(logFiles.length).toBeGreaterThan(0);
    for (const file of logFiles) expect(await readFile(file, 'utf8'), file).not.toContain(CANARY);
  });

  it('issue 14 item 5: a failed write is recorded as failed with its error code; a write the production guard stopped is not recorded', async () => {
    await call('profiles.select', { name: 'sandbox' });
    expect((await failure('secrets.delete', { name: 'airflow/variables/never-there', recoveryWindowDays: 7 })).code).toBe('NOT_FOUND');
    await call('profiles.setProduction', { profile: 'sandbox', production: true });
    expect((await failure('secrets.create', { kwargs: '', kind: 'variable', id: 'guarded', value: 'v', clientRequestToken: randomUUID() })).code).toBe('CONFIRMATION_REQUIRED');
    await call('secrets.create', { kwargs: '', kind: 'variable', id: 'guarded', value: 'v', clientRequestToken: randomUUID(), productionConfirmation: '000000000000' });

    const page = await call('audit.list', {});
    expect(page.entries.map((entry) => [entry.action, entry.target, entry.outcome, entry.errorCode])).toEqual([
      ['secrets.create', 'airflow/variables/guarded', 'ok', null],
      ['profiles.setProduction', 'profile sandbox', 'ok', null],
      ['secrets.delete', 'airflow/variables/never-there', 'failed', 'NOT_FOUND'],
    ]);
    const failed = await call('audit.list', { outcome: 'failed' });
    expect(failed.total).toBe(1);
    const byText = await call('audit.list', { text: 'GUARDED' });
    expect(byText.entries.map((entry) => entry.target)).toEqual(['airflow/variables/guarded']);
  });

  it('issue 14 item 5: a write after choosing an environment in the header records that environment; a plain profile switch clears it', async () => {
    await call('profiles.select', { name: 'sandbox-dev', environment: 'dev' });
    await call('secrets.create', { kwargs: '', kind: 'variable', id: 'in_dev', value: 'v', clientRequestToken: randomUUID() });
    await call('profiles.select', { name: 'sandbox-dev' });
    await call('secrets.create', { kwargs: '', kind: 'variable', id: 'no_environment', value: 'v', clientRequestToken: randomUUID() });

    const page = await call('audit.list', { domain: 'secrets' });
    expect(page.entries.map((entry) => [entry.target, entry.account, entry.environment])).toEqual([
      ['airflow/variables/no_environment', '111111111111', null],
      ['airflow/variables/in_dev', '111111111111', 'dev'],
    ]);
  });

  it('issue 14 item 5: the export gives the filtered entries as CSV or JSON Lines', async () => {
    await call('profiles.select', { name: 'sandbox' });
    await call('secrets.create', { kwargs: '', kind: 'variable', id: '=cmd', value: 'v', clientRequestToken: randomUUID() }).catch(() => undefined);
    await call('secrets.create', { kwargs: '', kind: 'variable', id: 'exported', value: 'v', clientRequestToken: randomUUID() });

    const csv = await call('audit.export', { format: 'csv', text: 'exported' });
    expect(csv.count).toBe(1);
    expect(csv.content?.split('\r\n')[0]).toBe('seq,time,action,target,profile,account,region,environment,outcome,errorCode,note');
    expect(csv.content).toContain(',secrets.create,airflow/variables/exported,sandbox,000000000000,us-east-1,,ok,,created');
    const jsonl = await call('audit.export', { format: 'jsonl', text: '' });
    const lines = (jsonl.content ?? '').trim().split('\n').map((line) => JSON.parse(line) as { target: string });
    expect(lines.map((line) => line.target)).toContain('airflow/variables/exported');
  });

  it('issue 14 item 5: every method that writes is audited (one table over the whole API)', () => {
    expect(Object.keys(auditPolicy).sort()).toEqual([...methodNames].sort());
    const writeVerbs = /\.(create|update|delete|restore|rollback|move|importRun|apply|applyChanges|setTarget|setApiToken|clearApiToken|saveAppKeys|removeAppKeys|setProduction|loadExampleData|export)$/;
    const unaudited = methodNames.filter((name) => writeVerbs.test(name) && auditPolicy[name] === 'read' && name !== 'audit.export');
    // settings.update only changes what Airlock remembers for the user (a preference).
    expect(unaudited).toEqual([]);
  });
});
