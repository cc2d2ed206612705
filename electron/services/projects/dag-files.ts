/**
 * The Python files of a project's dags/ and include/ folders, for the reference scan: recursive,
 * `*.py` only, no caches or hidden folders, files over a size limit skipped, and symbolic links
 * followed only when they stay inside the project (each real folder visited once).
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../project-folder';

export const DAG_FOLDERS = ['dags', 'include'] as const;
export const MAX_DAG_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 5000;
const SKIPPED_FOLDERS = new Set(['__pycache__', 'node_modules', '.git', '.venv', 'venv']);

export interface PythonFile {
  /** Project-relative path with `/`. */
  readonly file: string;
  readonly text: string;
}

export interface PythonFileScan {
  readonly files: readonly PythonFile[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

export async function collectPythonFiles(root: string): Promise<PythonFileScan> {
  const rootReal = await realpath(root);
  const files: PythonFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visited = new Set<string>();
  const relative = (absolute: string): string => path.relative(rootReal, absolute).split(path.sep).join('/');

  const walk = async (directory: string, shown: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(directory);
    } catch {
      return;
    }
    if (!isInside(rootReal, real)) {
      skipped.push({ file: shown, reason: 'links outside the project' });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch {
      skipped.push({ file: shown, reason: 'cannot be read' });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_FILES) {
        skipped.push({ file: shown, reason: `stopped after ${MAX_FILES} files` });
        return;
      }
      const childShown = `${shown}/${entry.name}`;
      const child = path.join(real, entry.name);
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await realpath(child);
          if (!isInside(rootReal, target)) {
            skipped.push({ file: childShown, reason: 'links outside the project' });
            continue;
          }
          const info = await stat(target);
          isDirectory = info.isDirectory();
          isFile = info.isFile();
        } catch {
          skipped.push({ file: childShown, reason: 'is a broken link' });
          continue;
        }
      }
      if (isDirectory) {
        await walk(child, childShown);
        continue;
      }
      if (!isFile || !entry.name.endsWith('.py')) continue;
      try {
        const target = await realpath(child);
        const info = await stat(target);
        if (info.size > MAX_DAG_FILE_BYTES) {
          skipped.push({ file: childShown, reason: `larger than ${MAX_DAG_FILE_BYTES / 1024} KB` });
          continue;
        }
        files.push({ file: relative(child), text: await readFile(target, 'utf8') });
      } catch {
        skipped.push({ file: childShown, reason: 'cannot be read' });
      }
    }
  };

  for (const folder of DAG_FOLDERS) await walk(path.join(rootReal, folder), folder);
  return { files, skipped };
}
