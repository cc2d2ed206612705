import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * The file operations the sandbox's persistence uses, so that tests can count the bytes a write
 * costs and stop the "process" at any step to prove a crash there loses nothing.
 */
export interface SandboxFileSystem {
  /** Throws an error with `code: 'ENOENT'` when the file does not exist. */
  readFileSync(path: string): Buffer;
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true; mode: number }): void;
}

export const nodeFileSystem: SandboxFileSystem = {
  readFileSync: (path) => readFileSync(path),
  openSync: (path, flags, mode) => openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => {
    fsyncSync(fd);
  },
  ftruncateSync: (fd, length) => {
    ftruncateSync(fd, length);
  },
  closeSync: (fd) => {
    closeSync(fd);
  },
  renameSync: (from, to) => {
    renameSync(from, to);
  },
  unlinkSync: (path) => {
    unlinkSync(path);
  },
  mkdirSync: (path, options) => {
    mkdirSync(path, options);
  },
};

export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export function writeAll(fs: SandboxFileSystem, fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Makes a rename durable; not every platform can open a directory, so failures are ignored. */
function syncDirectory(fs: SandboxFileSystem, directory: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(directory, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Replaces a file atomically: a temporary file in the same directory (mode 0600: it holds secret
 * values), fsync, rename over the old one, fsync the directory. A crash leaves the old file or
 * the new one, never half of one.
 */
export function replaceFileAtomically(fs: SandboxFileSystem, path: string, content: Buffer): void {
  const directory = dirname(path);
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${basename(path)}.${String(process.pid)}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      writeAll(fs, fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // Never created, or the crash is simulated and the file system is gone.
      }
    }
  }
  syncDirectory(fs, directory);
}
