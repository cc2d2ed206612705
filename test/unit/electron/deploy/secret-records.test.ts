import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretRecordsStore, recordKeyFileName, recordsFileName } from '../../../../electron/services/deploy/secret-records';

const VALUE = '{"connections_prefix": "airflow/connections", "role_arn": "arn:aws:iam::123456789012:role/x"}';
const DEP = 'clx1prod0000000000000000';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-records-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the deploy records', () => {
  it('keeps a keyed digest and the timestamp, never the value, in a 0600 file', async () => {
    const store = createSecretRecordsStore({ directory: dir });
    const digest = await store.digest(DEP, 'KWARGS', VALUE);
    await store.save(DEP, [{ key: 'KWARGS', digest, updatedAt: '2026-08-01T10:01:00Z' }], new Date('2026-08-01T10:01:05Z'));

    expect(await store.recordsFor(DEP)).toEqual({ KWARGS: { digest, updatedAt: '2026-08-01T10:01:00Z', deployedAt: '2026-08-01T10:01:05.000Z' } });
    const text = await readFile(join(dir, recordsFileName), 'utf8');
    expect(text).not.toContain(VALUE);
    expect(text).not.toContain('role_arn');
    for (const file of [recordsFileName, recordKeyFileName]) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
  });

  it('gives the same digest for the same value, and a different one for another value, key, Deployment or install', async () => {
    const store = createSecretRecordsStore({ directory: dir });
    const digest = await store.digest(DEP, 'KWARGS', VALUE);
    expect(await store.digest(DEP, 'KWARGS', VALUE)).toBe(digest);
    // Another store over the same folder uses the same install key.
    expect(await createSecretRecordsStore({ directory: dir }).digest(DEP, 'KWARGS', VALUE)).toBe(digest);
    expect(await store.digest(DEP, 'KWARGS', `${VALUE} `)).not.toBe(digest);
    expect(await store.digest(DEP, 'OTHER', VALUE)).not.toBe(digest);
    expect(await store.digest('clx1dev00000000000000000', 'KWARGS', VALUE)).not.toBe(digest);
    const elsewhere = await mkdtemp(join(tmpdir(), 'airlock-records-other-'));
    try {
      // A plain hash would let anyone holding the file test guesses; the per-install key prevents that.
      expect(await createSecretRecordsStore({ directory: elsewhere }).digest(DEP, 'KWARGS', VALUE)).not.toBe(digest);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('adds records per Deployment without dropping the others', async () => {
    const store = createSecretRecordsStore({ directory: dir });
    const when = new Date('2026-08-01T10:00:00Z');
    await store.save(DEP, [{ key: 'A', digest: 'a'.repeat(64), updatedAt: 't1' }], when);
    await store.save(DEP, [{ key: 'B', digest: 'b'.repeat(64), updatedAt: 't2' }], when);
    await store.save('clx1dev00000000000000000', [{ key: 'A', digest: 'c'.repeat(64), updatedAt: null }], when);
    expect(Object.keys(await store.recordsFor(DEP)).sort()).toEqual(['A', 'B']);
    expect((await store.recordsFor('clx1dev00000000000000000')).A?.digest).toBe('c'.repeat(64));
    expect(await store.recordsFor('clx1none0000000000000000')).toEqual({});
  });

  it('treats a damaged records file as no records (the next deploy rewrites it)', async () => {
    await writeFile(join(dir, recordsFileName), 'not json');
    const store = createSecretRecordsStore({ directory: dir });
    expect(await store.recordsFor(DEP)).toEqual({});
    await store.save(DEP, [{ key: 'A', digest: 'a'.repeat(64), updatedAt: 't' }], new Date());
    expect(Object.keys(await store.recordsFor(DEP))).toEqual(['A']);
  });
});
