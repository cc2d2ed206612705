/**
 * Writes a reviewed plan. Every file is re-read first and must still have the bytes the plan was
 * made from (same sha256); if any changed, nothing is written and the user reviews again. Each
 * file is then replaced atomically with exactly the text the plan holds, with the mode the plan
 * showed (its own, or 0600 when the change adds a secret).
 *
 * A .env that receives a secret is written only while .gitignore and .dockerignore keep it out of
 * git and the image, as they will after this plan's own ignore entries (written before it).
 */
import type { AppliedFile, ApplyResult } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { pluralWord } from '../../../shared/plural';
import { writeFileAtomic } from '../atomic-file';
import type { StoredFilePlan, StoredPlan } from './change-planner';
import { readProjectFile } from '../project-folder';
import { ignoreGaps, ignoreGapsOnDisk, joinFiles, needsIgnoreEntries, type IgnoreFileName } from './secret-files';

export interface ReviewedFile {
  readonly file: string;
  readonly fingerprint: string;
}

function conflict(file: StoredFilePlan, nowExists: boolean): AppError {
  const what = !file.existed ? `${file.file} was created` : nowExists ? `${file.file} changed` : `${file.file} was deleted`;
  return new AppError('CONFLICT', `${what} on disk after Airlock read it, so nothing was written. Review the changes again to see them against the current file.`, {
    details: { file: file.file },
  });
}

async function assertUnchanged(root: string, file: StoredFilePlan): Promise<void> {
  const current = await readProjectFile(root, file.file);
  if (current.fingerprint !== file.fingerprint || current.absolutePath !== file.absolutePath) throw conflict(file, current.exists);
}

/**
 * Refuses to put a secret into a .env that git or Docker would take. `gapsOf` checks the ignore
 * files: as this plan leaves them (before anything is written), or as they are on disk.
 */
async function assertKeptOut(file: StoredFilePlan, gapsOf: (file: string) => Promise<IgnoreFileName[]>): Promise<void> {
  if (!file.secretAdded || !needsIgnoreEntries(file.file)) return;
  const gaps = await gapsOf(file.file);
  if (gaps.length === 0) return;
  throw new AppError(
    'CONFLICT',
    `${joinFiles(gaps)} does not keep ${file.file} out of ${gaps.length === 2 ? 'git and the image' : gaps[0] === '.gitignore' ? 'git' : 'the image'}, and this change would put secrets into it, so nothing was written. Review the changes again: the new review adds ${file.file} to ${joinFiles(gaps)}.`,
    { details: { file: file.file, ignoreFiles: gaps } },
  );
}

export async function applyStoredPlan(plan: StoredPlan, reviewed: readonly ReviewedFile[]): Promise<ApplyResult> {
  const expected = new Map(plan.files.map((file) => [file.file, file.fingerprint]));
  const matches = reviewed.length === expected.size && reviewed.every((file) => expected.get(file.file) === file.fingerprint);
  if (!matches) throw new AppError('INVALID_INPUT', 'The files you reviewed are not the ones in this plan; review the changes again.');

  for (const file of plan.files) await assertUnchanged(plan.root, file);
  const afterThisPlan = (secretFile: string): Promise<IgnoreFileName[]> =>
    ignoreGaps(secretFile, async (ignoreFile) => {
      const own = plan.files.find((item) => item.file === ignoreFile);
      if (own !== undefined) return own.after;
      const read = await readProjectFile(plan.root, ignoreFile);
      return read.exists ? read.text : null;
    });
  for (const file of plan.files) await assertKeptOut(file, afterThisPlan);

  const written: AppliedFile[] = [];
  for (const file of plan.files) {
    try {
      // Checked again just before the rename, which narrows the window for a concurrent edit; by
      // then the plan's ignore entries are on disk, so the secret's check reads the real files.
      await writeFileAtomic(file.absolutePath, file.after, {
        mode: file.mode,
        beforeRename: async () => {
          await assertUnchanged(plan.root, file);
          await assertKeptOut(file, (secretFile) => ignoreGapsOnDisk(plan.root, secretFile));
        },
      });
    } catch (error) {
      if (written.length === 0 && error instanceof AppError) throw error;
      const reason = error instanceof AppError ? error.message : `Writing ${file.file} failed (${errorCode(error)}).`;
      if (written.length === 0) throw new AppError('INTERNAL', reason);
      throw new AppError('PARTIAL_FAILURE', `${written.map((item) => item.file).join(', ')} ${pluralWord(written.length, 'was', 'were')} written, but ${file.file} was not: ${reason}`, {
        details: { written: written.map((item) => item.file), failed: file.file },
      });
    }
    written.push({ file: file.file, created: !file.existed, bytes: Buffer.byteLength(file.after, 'utf8') });
  }
  return { files: written };
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
    if (error.code === 'ENOSPC') return 'the disk is full';
    if (error.code === 'EROFS') return 'the disk is read-only';
    return error.code;
  }
  return 'unknown error';
}
