/**
 * The import files the main process reads from disk, and only those. The window can name:
 * - a file the user picked in the desktop app's open dialog, by the random handle this registry
 *   gave out for it (the path never leaves the main process), or
 * - a file inside an Astro project folder, relative to it (symlinks that lead out are refused).
 * So a compromised or careless page cannot have `~/.aws/credentials` or `/proc/self/environ`
 * read. Text the page sends itself (a file chosen in the page, pasted text) does not come here.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportFileSource, PickedImportFile } from '../../../shared/api';
import { assertNever } from '../../../shared/assert';
import { AppError } from '../../../shared/errors';
import { createExpiringStore } from '../expiring-store';
import { isMissing, readProjectFile, recogniseProject } from '../project-folder';

/** No import file is bigger; anything larger is refused before it is read. */
export const MAX_IMPORT_FILE_BYTES = 5_000_000;
/** A pick is good for a preview and its run; after that the user picks again. */
export const PICKED_FILE_TTL_MS = 60 * 60 * 1000;
const MAX_PICKED_FILES = 20;

export interface PickedImportFiles {
  /** Remembers a path the open dialog returned and hands out its handle. */
  add(filePath: string): PickedImportFile;
  /** The path behind a handle; NOT_FOUND when it is unknown or has expired. */
  path(handle: string): string;
}

export function createPickedImportFiles(options: { now?: () => Date; newHandle?: () => string } = {}): PickedImportFiles {
  const now = options.now ?? (() => new Date());
  const newHandle = options.newHandle ?? randomUUID;
  const store = createExpiringStore<{ id: string; createdAt: number; path: string }>({ now, ttlMs: PICKED_FILE_TTL_MS, maxEntries: MAX_PICKED_FILES });
  return {
    add(filePath) {
      const handle = newHandle();
      store.put({ id: handle, createdAt: now().getTime(), path: filePath });
      return { handle, name: path.basename(filePath) };
    },
    path(handle) {
      const entry = store.get(handle);
      if (entry === null) throw new AppError('NOT_FOUND', 'Airlock no longer knows which file was chosen. Choose the file again.');
      return entry.path;
    },
  };
}

async function readPickedFile(filePath: string): Promise<string> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    if (isMissing(error)) throw new AppError('NOT_FOUND', `${path.basename(filePath)} is no longer there. Choose the file again.`);
    throw error;
  }
  if (!info.isFile()) throw new AppError('INVALID_INPUT', `${path.basename(filePath)} is not a regular file.`);
  if (info.size > MAX_IMPORT_FILE_BYTES) throw new AppError('TOO_LARGE', 'The file is larger than 5 MB; that is not an Airflow settings or export file.');
  return readFile(filePath, 'utf8');
}

/** What an import file of a project is called: airflow_settings.yaml, .env files, exports (.json, .yaml, .env, .txt). */
const IMPORT_FILE_NAME = /^(?:\.env(?:\..+)?|.+\.(?:env|ya?ml|json|txt))$/i;

async function readFromProject(project: string, file: string, home: string | undefined): Promise<string> {
  // Only names an import file can have: no key file, dotfile or config of another tool, even inside a project.
  if (!IMPORT_FILE_NAME.test(path.basename(file))) {
    throw new AppError('INVALID_INPUT', 'Airlock imports .yaml, .yml, .json, .env and .txt files of a project; choose the file with Browse instead.');
  }
  // The folder must be an Astro project, as for every projects call; the file must stay inside it.
  const recognised = await recogniseProject(project, home, { suggest: false });
  const read = await readProjectFile(recognised.path, file);
  if (!read.exists) throw new AppError('NOT_FOUND', `There is no ${read.file} in the project.`);
  return read.text;
}

/** The text and the name (for format detection) of a file source the window named. */
export async function readImportFile(source: ImportFileSource, deps: { picked: PickedImportFiles; home?: string | undefined }): Promise<{ text: string; fileName: string }> {
  switch (source.kind) {
    case 'picked': {
      const filePath = deps.picked.path(source.handle);
      return { text: await readPickedFile(filePath), fileName: path.basename(filePath) };
    }
    case 'project-file':
      return { text: await readFromProject(source.project, source.file, deps.home), fileName: path.basename(source.file) };
    default:
      return assertNever(source, 'Unknown import file source');
  }
}
