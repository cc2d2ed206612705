/**
 * Input pieces shared by many methods.
 */
import { z } from 'zod';
import { parsePythonJson } from '../airflow';
import { TOO_DEEP_PHRASE } from '../parse-limits';

/**
 * Every write method accepts this. Under a production profile, a write runs only when it carries
 * the account id (or, when the account is unknown, the profile name) the user typed to confirm;
 * otherwise it fails with CONFIRMATION_REQUIRED and `details: { account, profile, expected }`.
 */
export const productionConfirmationSchema = z.string().max(256).optional();

export const writeGuardFields = { productionConfirmation: productionConfirmationSchema };

/** What a CONFIRMATION_REQUIRED error carries in `details` (typed per code in shared/errors.ts). */
export type { ConfirmationDetails } from '../errors';

export const absolutePathSchema = z.string().min(1).max(4096);

/** C0 control characters and DEL: never part of a path or a file name a person typed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An absolute path on any platform Airlock runs on: POSIX `/…`, Windows `C:\…` or `\\server\share\…`. */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

function astroPathProblem(path: string): string | null {
  if (CONTROL_CHARACTER.test(path)) return 'The astro CLI path holds a control character (a NUL or a line break); type the path again.';
  if (!ABSOLUTE_PATH.test(path)) return 'The astro CLI location must be a full path, for example /usr/local/bin/astro.';
  return null;
}

/**
 * The astro CLI's location, for `deploy.setAstroPath` and `settings.update` alike: an absolute
 * path, trimmed, on one line. A relative path would depend on Airlock's working folder, and a
 * NUL or a line break is never part of a real one.
 */
export const astroPathSchema = z
  .string()
  .trim()
  .max(4096)
  .superRefine((path, ctx) => {
    const problem = astroPathProblem(path);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

function folderRelativeFileProblem(file: string): string | null {
  if (CONTROL_CHARACTER.test(file)) return 'A file name cannot hold a control character.';
  if (/^(?:[\\/]|[A-Za-z]:)/.test(file)) return 'Name the file relative to the project folder.';
  if (file.split(/[\\/]/).includes('..')) return 'A file name cannot climb out of the project folder with "..".';
  return null;
}

/**
 * A file named relative to a folder the main process already trusts (an Astro project): no
 * absolute path, no `..` segment, no control character. The main process still resolves it with
 * symlinks followed and refuses anything that ends up outside the folder.
 */
export const folderRelativeFileSchema = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((file, ctx) => {
    const problem = folderRelativeFileProblem(file);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Backend kwargs JSON text sent by the window. Text that nests deeper than Airlock reads
 * (shared/parse-limits.ts) is refused here, for every method alike; any other invalid JSON is
 * left to the services, which report it the way Airflow would read it.
 */
export const kwargsJsonTextSchema = z
  .string()
  .max(65_536)
  .refine((text) => {
    const parsed = parsePythonJson(text);
    return parsed.ok || parsed.reason !== 'too-deep';
  }, `This JSON ${TOO_DEEP_PHRASE}.`);
