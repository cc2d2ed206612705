/**
 * What happens to a project file Airlock puts a secret value into, in one place for every writer
 * (the checklist's fixes, the deploy's .env target, any later one):
 *
 * - It is written private to the user (mode 0600), and the review says so. A file that gets no
 *   new secret value keeps its mode: permissions the user chose are not Airlock's to change.
 * - A .env file must stay out of git and out of the image (`astro deploy` builds from the project
 *   folder). When .gitignore or .dockerignore does not ignore it, the same reviewed change adds
 *   the entry (one appended line, shown in the diff), and applying refuses to write the secret
 *   while an ignore file still lets it through.
 *
 * "Secret" is what the window masks (masking.ts), so what is hidden and what is protected agree.
 */
import { isPathIgnored, type IgnoreFlavour } from '../../../shared/ignore-files';
import { isDotenvFile, maskFileText, physicalLines } from './masking';
import { readProjectFile } from '../project-folder';

/** The mode of a file that holds a secret value Airlock wrote. */
export const PRIVATE_FILE_MODE = 0o600;

export type IgnoreFileName = '.gitignore' | '.dockerignore';

export interface IgnoreFileRule {
  readonly file: IgnoreFileName;
  readonly flavour: IgnoreFlavour;
  /** What the entry prevents, to finish "so that …". */
  readonly keepsOutOf: string;
}

/** The ignore files a secrets file must be listed in (the plan writes them before the secret). */
export const IGNORE_FILES: readonly IgnoreFileRule[] = [
  { file: '.gitignore', flavour: 'git', keepsOutOf: 'a commit does not take it along' },
  { file: '.dockerignore', flavour: 'docker', keepsOutOf: 'the image `astro deploy` builds does not contain it' },
];

/** Does this file have to be git-ignored and docker-ignored once it holds a secret? */
export function needsIgnoreEntries(file: string): boolean {
  return isDotenvFile(file);
}

/** The real text of every line the window would mask. */
function secretLines(file: string, text: string): Set<string> {
  const lines = physicalLines(text);
  const masked = maskFileText(file, text).maskedLines;
  return new Set([...masked].map((line) => lines[line - 1] ?? ''));
}

/** Does writing `after` over `before` put a secret value into the file that was not there? */
export function addsSecretValue(file: string, before: string, after: string): boolean {
  const existing = secretLines(file, before);
  for (const line of secretLines(file, after)) if (!existing.has(line)) return true;
  return false;
}

/** A new .env will hold secrets sooner or later: private from the start. Other new files get the usual 0644. */
function defaultMode(file: string): number {
  return isDotenvFile(file) ? PRIVATE_FILE_MODE : 0o644;
}

/** The mode a planned write gives the file: private when it adds a secret, otherwise the file's own. */
export function modeAfterWrite(file: string, currentMode: number | null, secretAdded: boolean): number {
  if (secretAdded) return PRIVATE_FILE_MODE;
  return currentMode ?? defaultMode(file);
}

export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/**
 * The ignore files that do not ignore `file`, given their texts (null: the ignore file does not
 * exist). Empty when the file is kept out of both git and the image.
 */
export async function ignoreGaps(file: string, textOf: (ignoreFile: IgnoreFileName) => Promise<string | null>): Promise<IgnoreFileName[]> {
  const gaps: IgnoreFileName[] = [];
  for (const rule of IGNORE_FILES) {
    const text = await textOf(rule.file);
    if (text === null || !isPathIgnored(text, file, rule.flavour).ignored) gaps.push(rule.file);
  }
  return gaps;
}

/** `ignoreGaps` for the project's ignore files as they are on disk now. */
export function ignoreGapsOnDisk(root: string, file: string): Promise<IgnoreFileName[]> {
  return ignoreGaps(file, async (ignoreFile) => {
    const read = await readProjectFile(root, ignoreFile);
    return read.exists ? read.text : null;
  });
}

/** "… .gitignore and .dockerignore" */
export function joinFiles(files: readonly string[]): string {
  return files.length <= 1 ? (files[0] ?? '') : `${files.slice(0, -1).join(', ')} and ${files[files.length - 1] ?? ''}`;
}
