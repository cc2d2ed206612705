import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { emptyState } from './secret-model';
import type { SandboxState } from './secret-model';

const fileFormat = 'airlock-sandbox';

const versionSchema = z.object({
  versionId: z.string().min(1),
  secretString: z.string().optional(),
  secretBinary: z.string().optional(),
  createdDate: z.number(),
  stages: z.array(z.string()),
  lastAccessedDate: z.number().optional(),
});

const secretSchema = z.object({
  seq: z.number().int(),
  arn: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  kmsKeyId: z.string().optional(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  createdDate: z.number(),
  lastChangedDate: z.number(),
  lastAccessedDate: z.number().optional(),
  deletionDate: z.number().optional(),
  versions: z.array(versionSchema),
});

const fileSchema = z.object({
  format: z.literal(fileFormat),
  version: z.literal(1),
  nextSeq: z.number().int().positive(),
  secrets: z.array(secretSchema),
});

function corrupt(path: string, reason: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `The sandbox data file ${path} could not be loaded (${reason}). Fix or move the file away; the sandbox did not start, so the file was left untouched.`,
    { details: { path } },
  );
}

/** Loads the state, or an empty one when the file does not exist yet. Never starts empty over a bad file. */
export function loadState(path: string): SandboxState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return emptyState();
    throw corrupt(path, 'it cannot be read');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the file's content, which holds secret values: keep it out.
    throw corrupt(path, 'it is not valid JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw corrupt(path, `it is not an Airlock sandbox file${where === '' ? '' : `: unexpected content at ${where}`}`);
  }
  const names = new Set(parsed.data.secrets.map((secret) => secret.name));
  if (names.size !== parsed.data.secrets.length) throw corrupt(path, 'it lists the same secret name twice');
  return { nextSeq: parsed.data.nextSeq, secrets: parsed.data.secrets };
}

/**
 * Writes the whole state atomically: a temporary file in the same directory (mode 0600, since it
 * holds secret values), fsync, then rename over the old file, so a crash leaves either the old or
 * the new state and never half of one.
 */
export function saveState(path: string, state: SandboxState): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${basename(path)}.${String(process.pid)}.${randomBytes(6).toString('hex')}.tmp`);
  const body = JSON.stringify({ format: fileFormat, version: 1, nextSeq: state.nextSeq, secrets: state.secrets });
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created.
    }
    throw error;
  }
  syncDirectory(directory);
}

/** Makes the rename itself durable; not every platform can open a directory, so failures are ignored. */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}
