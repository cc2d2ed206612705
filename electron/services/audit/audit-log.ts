/**
 * Airlock's own audit log: one JSON line per write Airlock made, appended (never rewritten) to
 * `<data folder>/audit/audit.jsonl`, private to the user (0600 in a 0700 folder).
 *
 * Rotation by size: when the current file would pass `maxBytes`, it becomes `audit.1.jsonl`, the
 * older ones move up one, and the oldest beyond `keepFiles` is removed. Appends are queued and
 * flushed together (one write and one fsync per batch), so a bulk import of hundreds of secrets
 * costs a few disk syncs, and entries stay in call order.
 *
 * Entries hold names, never values; every text field still passes the redaction rule, so a
 * secret that reached a name or an error note by mistake is masked before it reaches the disk.
 */
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../../shared/api';
import type { Logger } from '../log';
import { redact } from '../redact';

export type AuditRecord = Omit<AuditEntry, 'seq' | 'time'>;

export interface AuditLogOptions {
  /** The data folder; the log lives in its `audit` folder. */
  readonly dataDir: string;
  /** Size at which the current file rotates (default 5 MiB). */
  readonly maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  readonly keepFiles?: number;
  readonly now?: () => Date;
  readonly log: Logger;
}

export interface AuditLogContents {
  /** Oldest first, as written. */
  readonly entries: readonly AuditEntry[];
  readonly unreadableLines: number;
}

export interface AuditLog {
  readonly path: string;
  /** Queues an entry; resolves when it is on disk. Never rejects: a failing disk is logged, not thrown into the write it records. */
  append(record: AuditRecord): Promise<void>;
  /** Every entry in every kept file. */
  readAll(): Promise<AuditLogContents>;
}

const defaultMaxBytes = 5 * 1024 * 1024;
const defaultKeepFiles = 5;
const outcomes = new Set(['ok', 'failed', 'cancelled']);

function fileName(index: number): string {
  return index === 0 ? 'audit.jsonl' : `audit.${index}.jsonl`;
}

const nullableText = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** A line as written by `append`; anything else (a torn last line, a hand edit) is unreadable. */
export function parseAuditLine(line: string): AuditEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const valid =
    typeof entry.seq === 'number' &&
    Number.isSafeInteger(entry.seq) &&
    typeof entry.time === 'string' &&
    typeof entry.action === 'string' &&
    typeof entry.target === 'string' &&
    nullableText(entry.profile) &&
    nullableText(entry.account) &&
    nullableText(entry.region) &&
    nullableText(entry.environment) &&
    typeof entry.outcome === 'string' &&
    outcomes.has(entry.outcome) &&
    nullableText(entry.errorCode) &&
    nullableText(entry.note);
  return valid ? (entry as unknown as AuditEntry) : null;
}

function scrubbed(record: AuditRecord): AuditRecord {
  const scrub = (value: string | null) => (value === null ? null : redact(value));
  return { ...record, target: redact(record.target), note: scrub(record.note), errorCode: scrub(record.errorCode) };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const directory = path.join(options.dataDir, 'audit');
  const current = path.join(directory, fileName(0));
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const keepFiles = Math.max(1, options.keepFiles ?? defaultKeepFiles);
  const now = options.now ?? (() => new Date());
  let nextSeq: number | null = null;
  let queue: { line: AuditRecord; done: () => void }[] = [];
  let flushing: Promise<void> | null = null;

  const lastSeq = async (): Promise<number> => {
    for (let index = 0; index < keepFiles; index += 1) {
      const lines = await readLines(path.join(directory, fileName(index)));
      for (let at = lines.length - 1; at >= 0; at -= 1) {
        const entry = parseAuditLine(lines[at] ?? '');
        if (entry !== null) return entry.seq;
      }
    }
    return 0;
  };

  const rotate = async (): Promise<void> => {
    await rm(path.join(directory, fileName(keepFiles - 1)), { force: true });
    for (let index = keepFiles - 2; index >= 0; index -= 1) {
      const from = path.join(directory, fileName(index));
      try {
        await rename(from, path.join(directory, fileName(index + 1)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };

  const write = async (batch: readonly AuditRecord[]): Promise<void> => {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    nextSeq ??= (await lastSeq()) + 1;
    const time = now().toISOString();
    let text = '';
    for (const record of batch) {
      text += `${JSON.stringify({ seq: nextSeq, time, ...scrubbed(record) } satisfies AuditEntry)}\n`;
      nextSeq += 1;
    }
    const size = await sizeOf(current);
    if (size > 0 && size + Buffer.byteLength(text) > maxBytes) await rotate();
    const handle = await open(current, 'a', 0o600);
    try {
      await handle.appendFile(text, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
  };

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await write(batch.map((item) => item.line));
      } catch (error) {
        // The write this entry records already happened; failing it now would tell the user it did not.
        options.log.error('Airlock could not write its audit log', { file: current, code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      }
      for (const item of batch) item.done();
    }
    flushing = null;
  };

  return {
    path: current,
    append(record) {
      return new Promise<void>((resolve) => {
        queue.push({ line: record, done: resolve });
        flushing ??= flush();
      });
    },
    async readAll() {
      // Let queued entries land first, so a read right after a write sees it.
      if (flushing !== null) await flushing;
      const entries: AuditEntry[] = [];
      let unreadableLines = 0;
      for (let index = keepFiles - 1; index >= 0; index -= 1) {
        for (const line of await readLines(path.join(directory, fileName(index)))) {
          const entry = parseAuditLine(line);
          if (entry === null) unreadableLines += 1;
          else entries.push(entry);
        }
      }
      return { entries, unreadableLines };
    },
  };
}
