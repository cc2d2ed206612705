/**
 * Reads and writes a project's `.astro/airlock.json` (see shared/environments/environments-file.ts)
 * through the projects domain's file helpers: the path stays inside the project (symlinks
 * included) and writes are atomic, with the file's permissions kept.
 *
 * Nothing is lost: a file that does not parse is never written over (the user fixes it first),
 * and a file that changed on disk since the window read it is not overwritten either.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENTS_FILE, parseEnvironmentsFile, renderEnvironmentsFile, type EnvironmentsFile, type EnvironmentsFileParse } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import { readProjectFile, resolveInsideProject } from '../project-folder';

export interface EnvironmentsRead {
  readonly exists: boolean;
  /** sha256 of the bytes, or 'absent'. */
  readonly fingerprint: string;
  /** null when the file does not exist. */
  readonly parse: EnvironmentsFileParse | null;
}

export async function readEnvironmentsFile(root: string): Promise<EnvironmentsRead> {
  const read = await readProjectFile(root, ENVIRONMENTS_FILE);
  if (!read.exists) return { exists: false, fingerprint: read.fingerprint, parse: null };
  return { exists: true, fingerprint: read.fingerprint, parse: parseEnvironmentsFile(read.text) };
}

/**
 * Writes `file` as version 2 when the file on disk is still the one with `expectedFingerprint`
 * and parses (or does not exist). Returns what was written.
 */
export async function writeEnvironmentsFile(root: string, file: EnvironmentsFile, expectedFingerprint: string): Promise<EnvironmentsRead> {
  const current = await readProjectFile(root, ENVIRONMENTS_FILE);
  if (current.exists) {
    const parsed = parseEnvironmentsFile(current.text);
    if (!parsed.ok) throw new AppError('INVALID_INPUT', `${parsed.problem} Airlock does not write over a file it cannot read: fix it (or move it away) first.`);
  }
  if (current.fingerprint !== expectedFingerprint) {
    throw new AppError('CONFLICT', `${ENVIRONMENTS_FILE} changed on disk since it was read (a teammate's pull, or another window). Nothing was written: look at the environments again.`);
  }
  try {
    // The astro CLI's own folder; a Dockerfile-only project may not have it yet.
    await mkdir(path.join(root, '.astro'), { mode: 0o755 });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EEXIST') throw new AppError('INTERNAL', `Airlock could not create the .astro folder in the project (${typeof code === 'string' ? code : 'unknown error'}).`);
  }
  const absolute = await resolveInsideProject(root, ENVIRONMENTS_FILE);
  await writeFileAtomic(absolute, renderEnvironmentsFile(file), { mode: current.mode ?? 0o644 });
  return readEnvironmentsFile(root);
}
