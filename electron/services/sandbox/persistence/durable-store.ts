import { AppError } from '../../../../shared/errors';
import type { WorldState } from '../sandbox-world';
import type { JournalRecord } from '../state-changes';
import { encodeJournalHeader, encodeJournalRecords, encodeSnapshot, journalPath, loadJournal, loadSnapshot } from './data-files';
import { nodeFileSystem, replaceFileAtomically, writeAll } from './file-system';
import type { SandboxFileSystem } from './file-system';

export interface DurableStoreOptions {
  readonly fileSystem?: SandboxFileSystem;
  /**
   * Compact once the journal is larger than this. By default, once it is larger than both 8 MiB
   * and the snapshot, so that rewriting the snapshot, spread over the writes that filled the
   * journal, stays O(change) per write. Tests set a small number to compact after every write.
   */
  readonly compactAfterBytes?: number;
}

export interface LoadedState {
  readonly state: WorldState;
  /** Journal records to replay onto `state`, oldest first. */
  readonly records: readonly JournalRecord[];
}

const defaultCompactAfterBytes = 8 * 1024 * 1024;

type JournalFile = { readonly kind: 'absent' } | { readonly kind: 'stale' } | { readonly kind: 'current'; readonly validBytes: number };

/**
 * Crash-safe persistence at O(change) per write: each request's changes are appended to the
 * journal and fsynced before the answer goes out; now and then (and on close) the whole state is
 * written as a new snapshot, atomically, and the journal starts over.
 */
export class DurableStore {
  private readonly fs: SandboxFileSystem;
  private readonly dataFile: string;
  private readonly journalFile: string;
  private readonly compactAfterBytes: number | undefined;
  private readonly snapshotOf: () => WorldState;
  private generation: number;
  private snapshotBytes: number;
  private snapshotOutdated: boolean;
  private journal: JournalFile;
  private journalBytes = 0;
  private journalRecords: number;
  private fd: number | null = null;

  private constructor(dataFile: string, fs: SandboxFileSystem, options: DurableStoreOptions, loaded: { generation: number; snapshotBytes: number; snapshotOutdated: boolean; journal: JournalFile; journalRecords: number }, snapshotOf: () => WorldState) {
    this.dataFile = dataFile;
    this.journalFile = journalPath(dataFile);
    this.fs = fs;
    this.compactAfterBytes = options.compactAfterBytes;
    this.generation = loaded.generation;
    this.snapshotBytes = loaded.snapshotBytes;
    this.snapshotOutdated = loaded.snapshotOutdated;
    this.journal = loaded.journal;
    this.journalRecords = loaded.journalRecords;
    this.snapshotOf = snapshotOf;
  }

  /**
   * Reads the files without changing them (a torn tail is cut off only when the next write
   * comes), then hands the state to `build`, which returns the live state's snapshot function.
   */
  static open(dataFile: string, options: DurableStoreOptions, fallback: { accountId: string; region: string }, build: (loaded: LoadedState) => () => WorldState): DurableStore {
    const fs = options.fileSystem ?? nodeFileSystem;
    const snapshot = loadSnapshot(fs, dataFile, fallback);
    const journal = loadJournal(fs, journalPath(dataFile));
    if (journal !== undefined && journal.generation > snapshot.generation) {
      throw new AppError(
        'INVALID_INPUT',
        `The sandbox data file ${dataFile} is older than its journal ${journalPath(dataFile)} (the data file was replaced or restored from a backup). Move both away or restore the matching pair; the sandbox did not start.`,
        { details: { path: dataFile } },
      );
    }
    const current = journal?.generation === snapshot.generation ? journal : undefined;
    const snapshotOf = build({ state: snapshot.state, records: current?.records ?? [] });
    const journalFile: JournalFile = current !== undefined ? { kind: 'current', validBytes: current.validBytes } : journal !== undefined ? { kind: 'stale' } : { kind: 'absent' };
    return new DurableStore(
      dataFile,
      fs,
      options,
      { generation: snapshot.generation, snapshotBytes: snapshot.bytes, snapshotOutdated: snapshot.needsRewrite, journal: journalFile, journalRecords: current?.records.length ?? 0 },
      snapshotOf,
    );
  }

  /** Appends one request's changes and makes them durable; compacts when the journal has grown enough. */
  commit(records: readonly JournalRecord[]): void {
    if (records.length === 0) return;
    const fd = this.openJournal();
    const buffer = encodeJournalRecords(records);
    writeAll(this.fs, fd, buffer);
    this.fs.fsyncSync(fd);
    this.journalBytes += buffer.length;
    this.journalRecords += records.length;
    if (this.journalBytes > (this.compactAfterBytes ?? Math.max(defaultCompactAfterBytes, this.snapshotBytes))) this.compact();
  }

  /** Writes the whole state as snapshot N+1, then starts journal N+1. */
  compact(): void {
    this.writeSnapshot();
    this.closeJournal();
    this.startJournal();
  }

  /** Folds the journal into the snapshot and removes it, so a closed sandbox leaves one file. */
  close(): void {
    try {
      if (this.journalRecords === 0 && !this.snapshotOutdated && this.journal.kind !== 'stale') return;
      const journalExists = this.journal.kind !== 'absent';
      this.writeSnapshot();
      this.closeJournal();
      // A crash before this unlink leaves a journal older than the snapshot: ignored on load.
      if (journalExists) this.fs.unlinkSync(this.journalFile);
      this.journal = { kind: 'absent' };
    } finally {
      this.closeJournal();
    }
  }

  private writeSnapshot(): void {
    const next = this.generation + 1;
    const content = encodeSnapshot(this.snapshotOf(), next);
    replaceFileAtomically(this.fs, this.dataFile, content);
    this.generation = next;
    this.snapshotBytes = content.length;
    this.snapshotOutdated = false;
    this.journal = { kind: 'stale' };
    this.journalRecords = 0;
  }

  private startJournal(): void {
    const header = encodeJournalHeader(this.generation);
    replaceFileAtomically(this.fs, this.journalFile, header);
    this.journal = { kind: 'current', validBytes: header.length };
  }

  private openJournal(): number {
    if (this.fd !== null) return this.fd;
    if (this.journal.kind !== 'current') this.startJournal();
    const validBytes = this.journal.kind === 'current' ? this.journal.validBytes : 0;
    // Cut off a torn last record left by a crash, so the next record starts on its own line.
    const fd = this.fs.openSync(this.journalFile, 'r+');
    try {
      this.fs.ftruncateSync(fd, validBytes);
    } finally {
      this.fs.closeSync(fd);
    }
    this.fd = this.fs.openSync(this.journalFile, 'a', 0o600);
    this.journalBytes = validBytes;
    return this.fd;
  }

  private closeJournal(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    this.fs.closeSync(fd);
  }
}
