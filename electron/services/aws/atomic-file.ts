/**
 * Whole-file writes that never leave a half-written file behind: write a private temp file next to
 * the target, flush it, then rename over the target (atomic on the same filesystem).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, contents: string, options: { mode?: number; dirMode?: number } = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: options.dirMode ?? 0o700 });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have narrowed or (on some systems) not applied the mode; set it explicitly.
    await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
