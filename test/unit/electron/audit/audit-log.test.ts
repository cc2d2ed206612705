import { appendFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditRecord } from '../../../../electron/services/audit/audit-log';
import { createLogger } from '../../../../electron/services/log';

let dataDir: string;
const log = createLogger({ level: 'error' });

const record = (target: string, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  action: 'secrets.update',
  target,
  profile: 'dev',
  account: '111111111111',
  region: 'us-east-1',
  environment: null,
  outcome: 'ok',
  errorCode: null,
  note: 'value updated',
  ...extra,
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-audit-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('issue 14 item 5: appends one private line per write, in call order, with increasing numbers', async () => {
    const audit = createAuditLog({ dataDir, log, now: () => new Date('2026-12-07T10:00:00Z') });
    await Promise.all(['a', 'b', 'c'].map((name) => audit.append(record(`airflow/variables/${name}`))));
    await audit.append(record('airflow/variables/d'));

    const { entries, unreadableLines } = await audit.readAll();
    expect(entries.map((entry) => [entry.seq, entry.target])).toEqual([
      [1, 'airflow/variables/a'],
      [2, 'airflow/variables/b'],
      [3, 'airflow/variables/c'],
      [4, 'airflow/variables/d'],
    ]);
    expect(entries[0]).toMatchObject({ time: '2026-12-07T10:00:00.000Z', profile: 'dev', account: '111111111111', outcome: 'ok' });
    expect(unreadableLines).toBe(0);
    expect((await stat(audit.path)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(audit.path))).mode & 0o777).toBe(0o700);
  });

  it('issue 14 item 5: a restarted app continues the numbering and never rewrites old lines', async () => {
    const first = createAuditLog({ dataDir, log });
    await first.append(record('one'));
    const before = await readFile(first.path, 'utf8');
    const second = createAuditLog({ dataDir, log });
    await second.append(record('two'));
    const after = await readFile(second.path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect((await second.readAll()).entries.map((entry) => entry.seq)).toEqual([1, 2]);
  });

  it('issue 14 item 5: rotates by size and keeps only the configured number of files', async () => {
    const audit = createAuditLog({ dataDir, log, maxBytes: 600, keepFiles: 3 });
    for (let i = 0; i < 30; i += 1) await audit.append(record(`airflow/variables/v${String(i).padStart(2, '0')}`));

    const files = (await readdir(path.dirname(audit.path))).sort();
    expect(files).toEqual(['audit.1.jsonl', 'audit.2.jsonl', 'audit.jsonl']);
    for (const file of files) expect((await stat(path.join(path.dirname(audit.path), file))).size).toBeLessThanOrEqual(600);
    const { entries } = await audit.readAll();
    // The oldest entries went with the removed file; the kept ones are the newest, in order, without gaps.
    expect(entries.at(-1)?.target).toBe('airflow/variables/v29');
    expect(entries.length).toBeLessThan(30);
    const seqs = entries.map((entry) => entry.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 30 - seqs.length + 1 + i));
  });

  it('issue 14 item 5: a torn or hand-edited line is counted and skipped, and appending goes on', async () => {
    const audit = createAuditLog({ dataDir, log });
    await audit.append(record('before'));
    await appendFile(audit.path, '{"seq":2,"time":"2026-12-07T10:00:00Z","action":"secrets.upd');
    await appendFile(audit.path, '\nnot json at all\n');
    const resumed = createAuditLog({ dataDir, log });
    await resumed.append(record('after'));

    const { entries, unreadableLines } = await resumed.readAll();
    expect(entries.map((entry) => entry.target)).toEqual(['before', 'after']);
    expect(unreadableLines).toBe(2);
  });

  it('issue 14 item 5: a value that reached a name or note by mistake is masked before it reaches the disk', async () => {
    const audit = createAuditLog({ dataDir, log });
    await audit.append(record('postgres://etl:Sup3rS3cret%21@db/x', { note: 'failed: password=Sup3rS3cret!', outcome: 'failed', errorCode: 'INTERNAL' }));
    const text = await readFile(audit.path, 'utf8');
    expect(text).not.toContain('Sup3rS3cret');
  });

  it('issue 14 item 5: a disk that refuses the write is logged, and the write it records is not failed', async () => {
    const messages: string[] = [];
    const failing = createAuditLog({ dataDir: path.join(dataDir, 'missing', '\0bad'), log: { ...log, error: (message: string) => void messages.push(message) } });
    await expect(failing.append(record('x'))).resolves.toBeUndefined();
    expect(messages).toEqual(['Airlock could not write its audit log']);
  });
});
