/**
 * Whole-file writes that never leave a half-written file behind: write a private temp file next
 * to the target, flush it, give it its final mode, rename it over the target (atomic on the same
 * filesystem), then flush the folder so the rename itself survives a crash. A reader sees the old
 * bytes or the new ones, never a mix, and a failure leaves the original untouched.
 *
 * The one implementation for every file Airlock writes asynchronously (key vault, SSO token cache,
 * deploy records, project files, exports saved through the desktop app's save dialog). The
 * sandbox's data file has its own synchronous variant.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The file's final permissions (default 0600: most of what Airlock writes is private). */
  readonly mode?: number;
  /** Create the folder (with this mode) when it is missing. */
  readonly dirMode?: number;
  /** Runs after the new bytes are on disk and before the rename: a last check that may throw. */
  readonly beforeRename?: () => Promise<void>;
}

export async function writeFileAtomic(path: string, contents: string, options: AtomicWriteOptions = {}): Promise<void> {
  const directory = dirname(path);
  if (options.dirMode !== undefined) await mkdir(directory, { recursive: true, mode: options.dirMode });
  const temporary = join(directory, `.${basename(path)}.airlock-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 0600 while it is being written: a half-written .env must not be readable by others.
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Set explicitly: the umask may have narrowed the mode given to open.
    await chmod(temporary, options.mode ?? 0o600);
    await options.beforeRename?.();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows cannot); the rename is done either way.
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
