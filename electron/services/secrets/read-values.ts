/**
 * The current value and version of many secrets, for an import preview or run, an export and the
 * connection check: BatchGetSecretValue, 20 names a call (ceil(N/20) calls), several calls at once
 * under the gateway's limiter, with per-secret errors kept apart, progress and cancel. Where
 * BatchGetSecretValue itself is not allowed (IAM policies often grant only GetSecretValue), each
 * secret of the refused batch is read on its own.
 */
import type { RemoteSecretState } from '../../../shared/imports';
import { AppError } from '../../../shared/errors';
import { toAppError } from '../aws';
import { runBulk } from './bulk-runner';
import { BATCH_GET_SIZE, type SecretsGateway } from './secrets-gateway';
import { cancelledError } from './rate-limiter';

const BINARY = 'it holds binary data, which Airflow ignores';

function stateFromError(gateway: SecretsGateway, name: string, code: string, message: string): RemoteSecretState | null {
  if (code === 'ResourceNotFoundException') return null;
  if (code === 'InvalidRequestException' && /deletion/i.test(message)) return { value: null, versionId: null, scheduledForDeletion: true, readError: null };
  const mapped = toAppError(Object.assign(new Error(message), { name: code }), { profile: gateway.profile, region: gateway.region, secretId: name });
  return { value: null, versionId: null, scheduledForDeletion: mapped.code === 'SCHEDULED_FOR_DELETION', readError: mapped.code === 'SCHEDULED_FOR_DELETION' ? null : mapped.message };
}

async function readOne(gateway: SecretsGateway, name: string, signal: AbortSignal | undefined): Promise<RemoteSecretState | null> {
  try {
    const out = await gateway.getValue(name, undefined, { signal });
    return { value: out.SecretString ?? null, versionId: out.VersionId ?? null, scheduledForDeletion: false, readError: out.SecretString === undefined ? BINARY : null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'NOT_FOUND') return null;
    if (error.code === 'SCHEDULED_FOR_DELETION') return { value: null, versionId: null, scheduledForDeletion: true, readError: null };
    if (error.code === 'ACCESS_DENIED' || error.code === 'KMS_ERROR') return { value: null, versionId: null, scheduledForDeletion: false, readError: error.message };
    throw error;
  }
}

export interface ReadStatesOptions {
  /** How many names have been read so far. */
  readonly onProgress?: ((done: number) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly concurrency?: number | undefined;
}

/** Name -> state for the names that exist (scheduled ones included); absent names do not exist. */
export async function readCurrentStates(gateway: SecretsGateway, names: readonly string[], options: ReadStatesOptions = {}): Promise<Map<string, RemoteSecretState>> {
  const unique = [...new Set(names)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_SIZE) chunks.push(unique.slice(start, start + BATCH_GET_SIZE));
  const states = new Map<string, RemoteSecretState>();
  let batchAllowed = true;
  let read = 0;

  const readChunk = async (chunk: readonly string[]): Promise<void> => {
    if (batchAllowed) {
      try {
        const out = await gateway.batchGetValues(chunk, { signal: options.signal });
        const byName = new Map((out.SecretValues ?? []).map((value) => [value.Name ?? '', value]));
        const errors = new Map((out.Errors ?? []).map((entry) => [entry.SecretId ?? '', entry]));
        for (const name of chunk) {
          const value = byName.get(name);
          if (value !== undefined) {
            states.set(name, { value: value.SecretString ?? null, versionId: value.VersionId ?? null, scheduledForDeletion: false, readError: value.SecretString === undefined ? BINARY : null });
            continue;
          }
          const failure = errors.get(name);
          const state = failure === undefined ? null : stateFromError(gateway, name, failure.ErrorCode ?? '', failure.Message ?? '');
          if (state !== null) states.set(name, state);
        }
        read += chunk.length;
        options.onProgress?.(read);
        return;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'ACCESS_DENIED') throw error;
        batchAllowed = false;
      }
    }
    for (const name of chunk) {
      if (options.signal?.aborted === true) throw cancelledError();
      const state = await readOne(gateway, name, options.signal);
      if (state !== null) states.set(name, state);
      read += 1;
      options.onProgress?.(read);
    }
  };

  await runBulk(chunks, readChunk, { concurrency: options.concurrency ?? 8, skipped: () => undefined, signal: options.signal });
  if (options.signal?.aborted === true) throw cancelledError();
  return states;
}
