/**
 * Reading a project's files safely: every path stays inside the project folder (symlinks
 * included), every read records a fingerprint of the exact bytes, and text is decoded as UTF-8
 * without losing a byte-order mark.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/** Files larger than this are not read as project text (a Dockerfile or .env is far smaller). */
export const MAX_PROJECT_FILE_BYTES = 2 * 1024 * 1024;

export interface ProjectFileRead {
  /** Project-relative path with `/` separators. */
  readonly file: string;
  /** The absolute path that was read (the symlink target when the file is a link inside the project). */
  readonly absolutePath: string;
  readonly exists: boolean;
  /** The file's text ('' when it does not exist). */
  readonly text: string;
  /** sha256 hex of the bytes, or 'absent'. */
  readonly fingerprint: string;
  readonly size: number | null;
  readonly mtimeMs: number | null;
  readonly mode: number | null;
  /** False when the bytes are not valid UTF-8, so writing the decoded text back would change them. */
  readonly utf8: boolean;
}

export function fingerprintOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `a/b.txt` from a project-relative path; refuses anything that climbs out or is absolute. */
export function normalizeProjectRelative(file: string): string {
  const cleaned = file.replace(/\\/g, '/');
  if (cleaned.startsWith('/') || /^[A-Za-z]:/.test(cleaned)) throw new AppError('INVALID_INPUT', 'Project files are named relative to the project folder.');
  const normalized = path.posix.normalize(cleaned);
  if (normalized === '.' || normalized === '..' || normalized.startsWith('../')) {
    throw new AppError('INVALID_INPUT', 'Airlock only edits files inside the project folder.');
  }
  return normalized;
}

/**
 * The absolute path for a project-relative file, following symlinks only when they stay inside
 * the project. A missing file is fine (it may be created); a missing parent folder is not.
 */
export async function resolveInsideProject(root: string, file: string): Promise<string> {
  const relative = normalizeProjectRelative(file);
  const rootReal = await realpath(root);
  const candidate = path.join(rootReal, ...relative.split('/'));
  let target: string;
  try {
    target = await realpath(candidate);
  } catch (error) {
    if (!isMissing(error)) throw error;
    let parent: string;
    try {
      parent = await realpath(path.dirname(candidate));
    } catch {
      throw new AppError('NOT_FOUND', `The folder for ${relative} does not exist in the project.`);
    }
    target = path.join(parent, path.basename(candidate));
  }
  if (!isInside(rootReal, target)) {
    throw new AppError('INVALID_INPUT', `${relative} points outside the project folder (through a symbolic link), so Airlock does not read or write it.`);
  }
  return target;
}

export function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

/** Reads a project file as UTF-8 text with its fingerprint; a missing file reads as absent. */
export async function readProjectFile(root: string, file: string): Promise<ProjectFileRead> {
  const relative = normalizeProjectRelative(file);
  const absolutePath = await resolveInsideProject(root, relative);
  let info;
  try {
    info = await stat(absolutePath);
  } catch (error) {
    if (!isMissing(error)) throw error;
    return { file: relative, absolutePath, exists: false, text: '', fingerprint: 'absent', size: null, mtimeMs: null, mode: null, utf8: true };
  }
  if (!info.isFile()) throw new AppError('INVALID_INPUT', `${relative} in the project is not a regular file.`);
  if (info.size > MAX_PROJECT_FILE_BYTES) throw new AppError('TOO_LARGE', `${relative} is larger than ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB, which is not a file Airlock edits.`);
  const bytes = await readFile(absolutePath);
  const text = bytes.toString('utf8');
  return {
    file: relative,
    absolutePath,
    exists: true,
    text,
    fingerprint: fingerprintOf(bytes),
    size: bytes.length,
    mtimeMs: info.mtimeMs,
    mode: info.mode & 0o7777,
    utf8: Buffer.from(text, 'utf8').equals(bytes),
  };
}

/** Like `readProjectFile`, but a file that cannot be read (outside the project, too big) reads as absent with a reason. */
export async function readProjectFileOrNote(root: string, file: string): Promise<{ read: ProjectFileRead | null; note: string | null }> {
  try {
    return { read: await readProjectFile(root, file), note: null };
  } catch (error) {
    if (error instanceof AppError) return { read: null, note: error.message };
    throw error;
  }
}

export async function pathKind(absolutePath: string): Promise<'file' | 'directory' | 'other' | 'missing'> {
  try {
    const info = await stat(absolutePath);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if (isMissing(error)) return 'missing';
    throw error;
  }
}

export { isInside };
