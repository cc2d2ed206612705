/**
 * Writes a reviewed plan. Every file is re-read first and must still have the bytes the plan was
 * made from (same sha256); if any changed, nothing is written and the user reviews again. Each
 * file is then replaced atomically with exactly the text the plan holds, keeping its mode.
 */
import type { AppliedFile, ApplyResult } from '../../../shared/api/projects';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import type { StoredFilePlan, StoredPlan } from './change-planner';
import { readProjectFile } from './project-fs';

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

export async function applyStoredPlan(plan: StoredPlan, reviewed: readonly ReviewedFile[]): Promise<ApplyResult> {
  const expected = new Map(plan.files.map((file) => [file.file, file.fingerprint]));
  const matches = reviewed.length === expected.size && reviewed.every((file) => expected.get(file.file) === file.fingerprint);
  if (!matches) throw new AppError('INVALID_INPUT', 'The files you reviewed are not the ones in this plan; review the changes again.');

  for (const file of plan.files) await assertUnchanged(plan.root, file);

  const written: AppliedFile[] = [];
  for (const file of plan.files) {
    try {
      // Checked again just before the rename, which narrows the window for a concurrent edit.
      await writeFileAtomic(file.absolutePath, file.after, { mode: file.mode, beforeRename: () => assertUnchanged(plan.root, file) });
    } catch (error) {
      if (written.length === 0 && error instanceof AppError) throw error;
      const reason = error instanceof AppError ? error.message : `Writing ${file.file} failed (${errorCode(error)}).`;
      if (written.length === 0) throw new AppError('INTERNAL', reason);
      throw new AppError('PARTIAL_FAILURE', `${written.map((item) => item.file).join(', ')} ${written.length === 1 ? 'was' : 'were'} written, but ${file.file} was not: ${reason}`, {
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
