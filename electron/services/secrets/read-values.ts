/**
 * The current value and version of a set of secrets, for an import preview or run and for the
 * connection check: BatchGetSecretValue, 20 names per call, with per-secret errors kept apart.
 * Where BatchGetSecretValue itself is not allowed (IAM policies often grant only
 * GetSecretValue), each secret is read on its own.
 */
import { BatchGetSecretValueCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { RemoteSecretState } from '../../../shared/imports';
import { AppError } from '../../../shared/errors';
import { toAppError } from '../aws';
import type { AwsClients } from '../session';
import { aws, withRetries, type SecretsDeps } from './secrets-deps';

const BATCH = 20;

function stateFromError(clients: AwsClients, name: string, code: string, message: string): RemoteSecretState | null {
  if (code === 'ResourceNotFoundException') return null;
  if (code === 'InvalidRequestException' && /deletion/i.test(message)) return { value: null, versionId: null, scheduledForDeletion: true, readError: null };
  const mapped = toAppError(Object.assign(new Error(message), { name: code }), { profile: clients.profile, region: clients.region, secretId: name });
  return { value: null, versionId: null, scheduledForDeletion: mapped.code === 'SCHEDULED_FOR_DELETION', readError: mapped.code === 'SCHEDULED_FOR_DELETION' ? null : mapped.message };
}

async function readOne(deps: SecretsDeps, clients: AwsClients, name: string): Promise<RemoteSecretState | null> {
  try {
    const out = await withRetries(deps, () => aws(clients, name, () => clients.secretsManager.send(new GetSecretValueCommand({ SecretId: name }))));
    return { value: out.SecretString ?? null, versionId: out.VersionId ?? null, scheduledForDeletion: false, readError: out.SecretString === undefined ? 'it holds binary data, which Airflow ignores' : null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'NOT_FOUND') return null;
    if (error.code === 'SCHEDULED_FOR_DELETION') return { value: null, versionId: null, scheduledForDeletion: true, readError: null };
    if (error.code === 'ACCESS_DENIED' || error.code === 'KMS_ERROR') return { value: null, versionId: null, scheduledForDeletion: false, readError: error.message };
    throw error;
  }
}

/** Name -> state for the names that exist (scheduled ones included); absent names do not exist. */
export async function readCurrentStates(deps: SecretsDeps, clients: AwsClients, names: readonly string[], onProgress?: (done: number) => void): Promise<Map<string, RemoteSecretState>> {
  const states = new Map<string, RemoteSecretState>();
  let batchAllowed = true;
  for (let start = 0; start < names.length; start += BATCH) {
    const chunk = names.slice(start, start + BATCH);
    if (batchAllowed) {
      try {
        const out = await withRetries(deps, () => aws(clients, undefined, () => clients.secretsManager.send(new BatchGetSecretValueCommand({ SecretIdList: chunk }))));
        const byName = new Map((out.SecretValues ?? []).map((value) => [value.Name ?? '', value]));
        const errors = new Map((out.Errors ?? []).map((entry) => [entry.SecretId ?? '', entry]));
        for (const name of chunk) {
          const value = byName.get(name);
          if (value !== undefined) {
            states.set(name, {
              value: value.SecretString ?? null,
              versionId: value.VersionId ?? null,
              scheduledForDeletion: false,
              readError: value.SecretString === undefined ? 'it holds binary data, which Airflow ignores' : null,
            });
            continue;
          }
          const failure = errors.get(name);
          const state = failure === undefined ? null : stateFromError(clients, name, failure.ErrorCode ?? '', failure.Message ?? '');
          if (state !== null) states.set(name, state);
        }
        onProgress?.(Math.min(names.length, start + chunk.length));
        continue;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'ACCESS_DENIED') throw error;
        batchAllowed = false;
      }
    }
    for (const [index, name] of chunk.entries()) {
      const state = await readOne(deps, clients, name);
      if (state !== null) states.set(name, state);
      onProgress?.(start + index + 1);
    }
  }
  return states;
}
