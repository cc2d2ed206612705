/**
 * The registry of files picked in the desktop app's open dialog (electron/services/secrets/import-files.ts):
 * the page gets a random handle and the file's name; only the main process knows the path.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPickedImportFiles, PICKED_FILE_TTL_MS, readImportFile } from '../../../../electron/services/secrets/import-files';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'airlock-picked-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('picked import files', () => {
  it('issue 9 item 9: hands out a random handle and the name only, and resolves it to the picked path', () => {
    const picked = createPickedImportFiles();
    const first = picked.add('/home/someone/exports/airflow_settings.yaml');
    const second = picked.add('/home/someone/exports/airflow_settings.yaml');
    expect(first.name).toBe('airflow_settings.yaml');
    expect(first.handle).toMatch(/^[A-Za-z0-9-]{16,64}$/);
    expect(first.handle).not.toBe(second.handle);
    expect(JSON.stringify(first)).not.toContain('/home/someone');
    expect(picked.path(first.handle)).toBe('/home/someone/exports/airflow_settings.yaml');
  });

  it('issue 9 item 9: an unknown, forged or expired handle is NOT_FOUND', () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const picked = createPickedImportFiles({ now: () => now });
    const { handle } = picked.add('/tmp/connections.json');
    expect(() => picked.path('/home/someone/.aws/credentials')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
    expect(() => picked.path('00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
    now = new Date(now.getTime() + PICKED_FILE_TTL_MS - 1);
    expect(picked.path(handle)).toBe('/tmp/connections.json');
    now = new Date(now.getTime() + 2);
    expect(() => picked.path(handle)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });

  it('keeps the latest picks only', () => {
    const picked = createPickedImportFiles();
    const handles = Array.from({ length: 21 }, (_, index) => picked.add(`/tmp/file-${index}.json`).handle);
    expect(() => picked.path(handles[0] ?? '')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
    expect(picked.path(handles[20] ?? '')).toBe('/tmp/file-20.json');
  });

  it('reads a picked file, and says so when it is gone or not a file', async () => {
    const picked = createPickedImportFiles();
    const file = path.join(folder, 'connections.json');
    await writeFile(file, '{"x": {"conn_type": "http"}}');
    const { handle } = picked.add(file);
    await expect(readImportFile({ kind: 'picked', handle }, { picked })).resolves.toEqual({ text: '{"x": {"conn_type": "http"}}', fileName: 'connections.json' });
    await expect(readImportFile({ kind: 'picked', handle: picked.add(folder).handle }, { picked })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await rm(file);
    await expect(readImportFile({ kind: 'picked', handle }, { picked })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
