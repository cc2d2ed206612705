/**
 * Replacing a project file atomically while keeping its permissions: write a temporary file in
 * the same folder, flush it to disk, give it the original mode, rename it over the target, and
 * flush the folder so the rename itself survives a crash. A reader sees the old bytes or the new
 * ones, never a mix, and a failure leaves the original untouched.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomicKeepingMode(target: string, contents: string, mode: number, beforeRename?: () => Promise<void>): Promise<void> {
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.airlock-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 0o600 while it is being written: a half-written .env must not be readable by others.
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, mode);
    await beforeRename?.();
    await rename(temporary, target);
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
