/**
 * Variables reach `astro deployment variable update` through a private `--load --env <file>`,
 * never as `KEY=VALUE` arguments (those are visible to every process on the machine).
 *
 * The CLI's file reader (`addVariablesFromFile`, reference/astro-cli.md §1.2) is lossy: it reads
 * line by line with Go's bufio.Scanner (64 KiB per line), skips lines starting with `#`, splits at
 * the first `=` without trimming the key, then strips `"` from both ends, then `'`, then
 * whitespace, and refuses empty values. A value survives that unchanged only if it has none of
 * those features, so such values are refused up front instead of being deployed altered.
 */
import { chmod, lstat, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { plural, pluralWord } from '../../../shared/plural';
import type { Logger } from '../log';

export interface LoadFileVariable {
  readonly key: string;
  readonly value: string;
}

export type LoadFileProblemReason =
  | 'invalid-key'
  | 'empty-value'
  | 'line-break'
  | 'edge-quote'
  | 'edge-whitespace'
  | 'nul-character'
  | 'invalid-unicode'
  | 'too-long';

export interface LoadFileProblem {
  readonly key: string;
  readonly reason: LoadFileProblemReason;
  /** A sentence for the user. Names the variable, never shows its value. */
  readonly message: string;
}

// bufio.Scanner's default limit is 64 KiB per token, newline included.
export const maxLoadFileLineBytes = 64 * 1024 - 1;

// A portable environment variable name. The CLI would accept more (it does not trim or check the
// key), but anything else is either silently changed (`export FOO`, `#FOO`) or almost surely a mistake.
const keyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Go's strings.TrimSpace (unicode.IsSpace) and JavaScript's \s differ slightly; refuse the union.
const edgeWhitespace = /^[\s\u0085]|[\s\u0085]$/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const messages: Record<LoadFileProblemReason, (key: string) => string> = {
  'invalid-key': (key) =>
    `The name "${key}" is not a valid environment variable name. Use letters, digits and underscores, starting with a letter or underscore.`,
  'empty-value': (key) => `${key} has an empty value. Astro cannot store an empty variable; give it a value or leave it out.`,
  'line-break': (key) =>
    `The value of ${key} contains a line break. The Astro CLI reads variables one line at a time and would cut it; put the value on a single line (for JSON, remove the line breaks).`,
  'edge-quote': (key) =>
    `The value of ${key} starts or ends with a quote character. The Astro CLI strips quotes from both ends, so Astro would store a different value; remove the outer quotes.`,
  'edge-whitespace': (key) =>
    `The value of ${key} starts or ends with whitespace. The Astro CLI trims it, so Astro would store a different value; remove the leading or trailing spaces.`,
  'nul-character': (key) => `The value of ${key} contains a NUL character, which an environment variable cannot hold. Remove it.`,
  'invalid-unicode': (key) => `The value of ${key} contains text that is not valid Unicode. Re-enter the value.`,
  'too-long': (key) => `${key} is too long for the Astro CLI, which reads at most 64 KiB per variable. Shorten the value.`,
};

function reasonFor(key: string, value: string): LoadFileProblemReason | null {
  if (!keyPattern.test(key)) return 'invalid-key';
  if (value === '') return 'empty-value';
  if (/[\n\r]/.test(value)) return 'line-break';
  if (/^["']|["']$/.test(value)) return 'edge-quote';
  if (edgeWhitespace.test(value)) return 'edge-whitespace';
  if (value.includes('\u0000')) return 'nul-character';
  if (loneSurrogate.test(value)) return 'invalid-unicode';
  if (Buffer.byteLength(`${key}=${value}`, 'utf8') > maxLoadFileLineBytes) return 'too-long';
  return null;
}

/**
 * Can this variable go through `astro deployment variable … --load` and arrive exactly as given?
 * Returns null if yes, or the reason (with a user-facing sentence) if not.
 */
export function loadFileProblem(key: string, value: string): LoadFileProblem | null {
  const reason = reasonFor(key, value);
  return reason === null ? null : { key, reason, message: messages[reason](key) };
}

/** Checks a whole batch: every variable must be representable, and no key may repeat. */
export function assertLoadable(variables: readonly LoadFileVariable[]): void {
  if (variables.length === 0) {
    throw new AppError('INVALID_INPUT', 'There are no variables to deploy. Add at least one variable and try again.');
  }
  const problems = variables.map((variable) => loadFileProblem(variable.key, variable.value)).filter((p): p is LoadFileProblem => p !== null);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { key } of variables) {
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  if (duplicates.size > 0) {
    throw new AppError('INVALID_INPUT', `These variables are listed more than once: ${[...duplicates].join(', ')}. Keep one entry for each and try again.`, {
      details: { duplicateKeys: [...duplicates] },
    });
  }
  const first = problems[0];
  if (first !== undefined) {
    const message = problems.length === 1 ? first.message : `${first.message} (${plural(problems.length - 1, 'more variable has a', 'more variables have')} similar ${pluralWord(problems.length - 1, 'problem')}.)`;
    throw new AppError('INVALID_INPUT', message, {
      details: { problems: problems.map((p) => ({ key: p.key, reason: p.reason, message: p.message })) },
    });
  }
}

/** The file's text: one `KEY=VALUE` line per variable. Callers must have run `assertLoadable`. */
export function renderLoadFile(variables: readonly LoadFileVariable[]): string {
  return variables.map((variable) => `${variable.key}=${variable.value}\n`).join('');
}

/**
 * The private folders are `airlock-astro-<pid>-XXXXXX`: the pid of the Airlock process that made
 * it, so that a later start can tell a crashed run's leftovers from a running Airlock's file.
 * `airlock-astro-XXXXXX`, without the pid, is what earlier versions made: such a folder is only
 * taken for a leftover once it is older than any call can last (the runner's write timeout is 3
 * minutes), since an older Airlock may still be running.
 */
const LOAD_FOLDER_PREFIX = 'airlock-astro-';
const LOAD_FOLDER_NAME = /^airlock-astro-(?:(\d{1,10})-)?[A-Za-z0-9]{6}$/;
const UNNAMED_FOLDER_MIN_AGE_MS = 10 * 60 * 1000;

/** The path a command preview shows for the file (the real folder name is random). */
export function loadFilePreviewPath(tempRoot: string = tmpdir()): string {
  return join(tempRoot, `${LOAD_FOLDER_PREFIX}${process.pid}-XXXXXX`, 'variables.env');
}

/**
 * Writes the variables to a file only this user can read (0600, inside a fresh 0700 directory),
 * runs `use` with its path, and deletes the directory afterwards whatever happens (short of a
 * crash: `removeStaleLoadFolders` cleans up after that at the next start).
 */
export async function withLoadFile<T>(variables: readonly LoadFileVariable[], use: (path: string) => Promise<T>, options: { tempRoot?: string } = {}): Promise<T> {
  assertLoadable(variables);
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), `${LOAD_FOLDER_PREFIX}${process.pid}-`));
  try {
    await chmod(dir, 0o700);
    const path = join(dir, 'variables.env');
    // 'wx' refuses to follow a file planted at that path; the mode applies on creation.
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(renderLoadFile(variables), 'utf8');
    } finally {
      await handle.close();
    }
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface StaleLoadFolderOptions {
  /** Where the runner makes its folders (default: the OS temp folder, as the runner's default). */
  readonly tempRoot?: string;
  readonly log: Logger;
  /** Whether a process is still running (test seam; default: signal 0). */
  readonly isRunning?: (pid: number) => boolean;
  readonly now?: () => Date;
}

export interface StaleLoadFolderReport {
  readonly removed: readonly string[];
  /** Folders of Airlock's that were left alone, with why (a running Airlock's, another user's...). */
  readonly kept: readonly { readonly name: string; readonly reason: string }[];
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Removes the private `--load` folders a crashed Airlock left behind (they hold secret values):
 * only folders named like Airlock's own, owned by this user, real folders (a symbolic link is
 * never followed), and not made by an Airlock process that is still running. The log gets the
 * folder names, never what the files held. Never throws: this is start-up housekeeping.
 */
export async function removeStaleLoadFolders(options: StaleLoadFolderOptions): Promise<StaleLoadFolderReport> {
  const root = options.tempRoot ?? tmpdir();
  const isRunning = options.isRunning ?? processIsRunning;
  const now = options.now ?? (() => new Date());
  const uid = process.getuid?.();
  const removed: string[] = [];
  const kept: { name: string; reason: string }[] = [];
  let names: string[];
  try {
    names = (await readdir(root)).filter((name) => LOAD_FOLDER_NAME.test(name));
  } catch {
    return { removed, kept };
  }
  for (const name of names) {
    const pid = Number(LOAD_FOLDER_NAME.exec(name)?.[1] ?? Number.NaN);
    const path = join(root, name);
    try {
      const info = await lstat(path);
      if (info.isSymbolicLink() || !info.isDirectory()) {
        kept.push({ name, reason: 'not a folder (a symbolic link is never followed)' });
        continue;
      }
      // Windows has no uid; its temp folder is per user anyway.
      if (uid !== undefined && info.uid !== uid) {
        kept.push({ name, reason: 'owned by another user' });
        continue;
      }
      if (Number.isInteger(pid) && (pid === process.pid || isRunning(pid))) {
        kept.push({ name, reason: `made by a running process (${pid}), perhaps another Airlock` });
        continue;
      }
      if (!Number.isInteger(pid) && now().getTime() - info.mtimeMs < UNNAMED_FOLDER_MIN_AGE_MS) {
        kept.push({ name, reason: 'recent, and made by an Airlock version that does not name its process: it may still be in use' });
        continue;
      }
      // rm does not follow symbolic links inside the folder: it removes the links themselves.
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      kept.push({ name, reason: `could not be removed (${typeof code === 'string' ? code : 'unknown error'})` });
    }
  }
  if (removed.length > 0) options.log.info('removed private astro variable files left by an earlier run that did not finish', { folder: root, removed });
  if (kept.length > 0) options.log.warn('left some private astro variable folders alone', { folder: root, kept });
  return { removed, kept };
}
