/**
 * What the secrets services need from the rest of the app, injected so that tests run them
 * against the sandbox with the real SDK, and the small helpers every secrets service shares.
 */
import { randomUUID } from 'node:crypto';
import type { ImportFileSource } from '../../../shared/api';
import type { TaskProgress } from '../../../shared/api/app';
import { AppError } from '../../../shared/errors';
import { readKwargsInUse, type KwargsInUse } from '../../../shared/secrets/kwargs-in-use';
import { toAppError } from '../aws';
import type { AwsClients } from '../session';

export interface SecretsDeps {
  /** Clients of the active profile, for reads. */
  readonly clients: () => Promise<AwsClients>;
  /** Clients for a write: under a production profile this throws CONFIRMATION_REQUIRED until confirmed. */
  readonly clientsForWrite: (action: string, confirmation: string | undefined) => Promise<AwsClients>;
  readonly progress?: (progress: TaskProgress) => void;
  /** Backoff between per-item retries of an import (tests pass a no-op). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retryBaseMs?: number;
  /** Reads an import file from disk: a file picked in the open dialog, or one inside a project (electron/services/secrets/import-files.ts). */
  readonly readImportFile?: (source: ImportFileSource) => Promise<{ text: string; fileName: string }>;
  /** A native save dialog + write (Electron); absent in browser mode, where the page downloads the file. */
  readonly saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  readonly newToken?: () => string;
}

/** The kwargs text in use, or INVALID_INPUT with the library's reason (never the defaults instead). */
export function kwargsOrThrow(json: string): KwargsInUse {
  const read = readKwargsInUse(json);
  if (!read.ok) {
    throw new AppError('INVALID_INPUT', `The backend kwargs in use cannot be read: ${read.message} Fix them in the kwargs editor (Secrets header or the project).`, {
      details: { field: 'kwargs' },
    });
  }
  return read.value;
}

/**
 * Runs one AWS call and maps a failure to an AppError naming the profile, region and secret.
 * `carried` are the secret values the call sends: masked if the error quotes them.
 */
export async function aws<T>(clients: AwsClients, secretId: string | undefined, call: () => Promise<T>, carried: readonly string[] = []): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAppError(error, { profile: clients.profile, region: clients.region, secrets: carried, ...(secretId === undefined ? {} : { secretId }) });
  }
}

export function isoDate(date: Date | undefined): string | null {
  return date === undefined ? null : date.toISOString();
}

export function token(deps: SecretsDeps): string {
  return deps.newToken?.() ?? randomUUID();
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Retries a call whose AppError is retryable (throttling, server errors, network), with
 * exponential backoff and jitter, on top of the SDK's own retries. Anything else is thrown at once.
 */
export async function withRetries<T>(deps: SecretsDeps, call: () => Promise<T>, attempts = 4): Promise<T> {
  const sleep = deps.sleep ?? defaultSleep;
  const base = deps.retryBaseMs ?? 400;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AppError) || !error.retryable || attempt >= attempts) throw error;
      await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
    }
  }
}
