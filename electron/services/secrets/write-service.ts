/**
 * Every write to Secrets Manager: create, update (with the conflict check), delete (recovery
 * window or, after the name is typed again, at once), restore, roll back, and move a misplaced
 * secret to the name Airflow reads.
 *
 * Each write asks `clientsForWrite` first, so under a production profile nothing is sent before
 * the user confirms. A write whose answer was lost after it landed (every retry failed, or a retry
 * was refused because the first attempt had done the job) is reported done once the secret shows
 * it (`writeOnce`); request tokens keep those retries from writing a second version. Values are checked before sending (size, emptiness) so that nothing the user
 * typed is wasted on an error AWS would give anyway; they never appear in errors or logs.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  type Tag,
} from '@aws-sdk/client-secrets-manager';
import { validateConnId, validateSecretName, validateSecretValueSize, validateVariableKey, type Problem } from '../../../shared/airflow';
import type { SaveOutcome, SecretKind, SecretTag } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { KwargsInUse } from '../../../shared/secrets/kwargs-in-use';
import { secretNameFor } from '../../../shared/secrets/secret-placement';
import { tagChanges } from '../../../shared/secrets/tag-changes';
import type { AwsClients } from '../session';
import { CURRENT, describeCurrent } from './read-service';
import { tagsOf } from './secret-summaries';
import { aws, isoDate, kwargsOrThrow, type SecretsDeps } from './secrets-deps';

const PREVIOUS = 'AWSPREVIOUS';

function firstError(problems: readonly Problem[]): Problem | undefined {
  return problems.find((p) => p.severity === 'error');
}

/** Refuses a value Secrets Manager would refuse, before anything is sent. */
export function checkValue(value: string): void {
  const problem = firstError(validateSecretValueSize(value));
  if (problem === undefined) return;
  throw new AppError(problem.code === 'secret-value.too-large' ? 'TOO_LARGE' : 'INVALID_INPUT', `${problem.message} Nothing was written; your text is still in the editor.`);
}

function checkId(use: KwargsInUse, kind: SecretKind, id: string): string {
  const problems = kind === 'connection' ? validateConnId(id, use.kwargs) : validateVariableKey(id, use.kwargs);
  const problem = firstError(problems);
  if (problem !== undefined) throw new AppError('INVALID_INPUT', problem.message, { details: { field: 'id' } });
  const target = secretNameFor(use, kind, id);
  if (!target.ok) throw new AppError('INVALID_INPUT', `Airflow would never read this secret with the kwargs in use: ${target.reason}`, { details: { field: 'id' } });
  const nameProblem = firstError(validateSecretName(target.name));
  if (nameProblem !== undefined) throw new AppError('INVALID_INPUT', nameProblem.message, { details: { field: 'id' } });
  return target.name;
}

/** Tags starting with aws: belong to AWS services and cannot be set (or removed) by anyone else. */
function settable(tag: SecretTag): boolean {
  return !tag.key.toLowerCase().startsWith('aws:');
}

function awsTags(tags: readonly SecretTag[]): Tag[] {
  return tags.filter(settable).map((tag) => ({ Key: tag.key, Value: tag.value }));
}

/**
 * Runs a write whose answer can be lost after it landed (a 5xx or a dropped connection on every
 * attempt, or a retry AWS refuses because the first attempt already did the job). On failure,
 * `landed` looks at the secret: if what was asked for is in place, that is the result, not the
 * error. Request tokens make the retries themselves safe; this makes their answer truthful.
 */
async function writeOnce<T>(write: () => Promise<T>, landed: () => Promise<T | null>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const found = await landed().catch(() => null);
    if (found === null) throw error;
    return found;
  }
}

/** The version a write with this request token made, if there is one (it may no longer be current). */
async function versionWithToken(clients: AwsClients, name: string, token: string) {
  const { described } = await describeCurrent(clients, name);
  return described.VersionIdsToStages?.[token] === undefined ? null : { name: described.Name ?? name, arn: described.ARN ?? '', versionId: token };
}

export async function createWithToken(
  clients: AwsClients,
  input: { name: string; value: string; description?: string | undefined; tags?: readonly SecretTag[] | undefined; token: string },
): Promise<{ name: string; arn: string; versionId: string }> {
  try {
    return await writeOnce(
      async () => {
        const out = await aws(clients, input.name, () =>
          clients.secretsManager.send(
            new CreateSecretCommand({
              Name: input.name,
              SecretString: input.value,
              ClientRequestToken: input.token,
              ...(input.description === undefined || input.description === '' ? {} : { Description: input.description }),
              ...(input.tags === undefined || input.tags.length === 0 ? {} : { Tags: awsTags(input.tags) }),
            }),
          ),
          [input.value],
        );
        return { name: out.Name ?? input.name, arn: out.ARN ?? '', versionId: out.VersionId ?? input.token };
      },
      // Our own version there (even if someone wrote a newer one since) means this create landed.
      () => versionWithToken(clients, input.name, input.token),
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'ALREADY_EXISTS') throw error;
    throw new AppError('ALREADY_EXISTS', `Secret "${input.name}" already exists. Open it from the list to edit it; nothing was overwritten.`);
  }
}

/** Writes a new value under the request token; see `writeOnce` for an answer lost after it landed. */
export async function putValue(clients: AwsClients, name: string, value: string, token: string): Promise<string> {
  return writeOnce(
    async () => {
      const put = await aws(clients, name, () => clients.secretsManager.send(new PutSecretValueCommand({ SecretId: name, SecretString: value, ClientRequestToken: token })), [value]);
      return put.VersionId ?? token;
    },
    async () => (await versionWithToken(clients, name, token))?.versionId ?? null,
  );
}

/**
 * Schedules a deletion with a recovery window. DeleteSecret has no request token: a retry that
 * follows an attempt that landed is answered "already scheduled for deletion". Either way, a
 * scheduled deletion is what was asked for; only its date is then unknown (null), since the
 * answer that carried it was lost.
 */
async function scheduleDeletion(clients: AwsClients, name: string, recoveryWindowDays: number): Promise<{ deletionDate: string | null }> {
  return writeOnce(
    async () => {
      const out = await aws(clients, name, () => clients.secretsManager.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: recoveryWindowDays })));
      return { deletionDate: isoDate(out.DeletionDate) };
    },
    async () => ((await describeCurrent(clients, name)).described.DeletedDate === undefined ? null : { deletionDate: null }),
  );
}

export async function createSecret(
  deps: SecretsDeps,
  input: {
    kwargs: string;
    kind: SecretKind;
    id: string;
    value: string;
    description?: string | undefined;
    tags?: readonly SecretTag[] | undefined;
    clientRequestToken: string;
    productionConfirmation?: string | undefined;
  },
): Promise<{ name: string; arn: string; versionId: string }> {
  const use = kwargsOrThrow(input.kwargs);
  const name = checkId(use, input.kind, input.id);
  checkValue(input.value);
  const clients = await deps.clientsForWrite(`create ${name}`, input.productionConfirmation);
  return createWithToken(clients, { name, value: input.value, description: input.description, tags: input.tags, token: input.clientRequestToken });
}

export async function updateSecret(
  deps: SecretsDeps,
  input: {
    name: string;
    expectedVersionId: string;
    value?: string | undefined;
    description?: string | undefined;
    tags?: readonly SecretTag[] | undefined;
    clientRequestToken: string;
    productionConfirmation?: string | undefined;
  },
): Promise<SaveOutcome> {
  if (input.value !== undefined) checkValue(input.value);
  const clients = await deps.clientsForWrite(`update ${input.name}`, input.productionConfirmation);
  const { described, currentVersionId } = await describeCurrent(clients, input.name);
  if (described.DeletedDate !== undefined) {
    throw new AppError('SCHEDULED_FOR_DELETION', `Secret "${input.name}" was scheduled for deletion after you opened it. Restore it first; your edit is still in the editor.`);
  }
  let versionId: string | null = null;
  let concurrentWrite = false;
  if (input.value !== undefined) {
    const alreadyWritten = currentVersionId === input.clientRequestToken;
    if (currentVersionId !== input.expectedVersionId && !alreadyWritten) {
      const current = await aws(clients, input.name, () => clients.secretsManager.send(new GetSecretValueCommand({ SecretId: input.name })));
      return {
        outcome: 'conflict',
        name: input.name,
        current: { versionId: current.VersionId ?? currentVersionId ?? '', value: current.SecretString ?? null, lastChangedAt: isoDate(described.LastChangedDate) },
      };
    }
    if (alreadyWritten) {
      versionId = input.clientRequestToken;
    } else {
      versionId = await putValue(clients, input.name, input.value, input.clientRequestToken);
      // Secrets Manager has no conditional write: if someone wrote between the check and the put,
      // their value is now AWSPREVIOUS. Say so instead of pretending nothing happened.
      const after = await describeCurrent(clients, input.name);
      const previous = Object.entries(after.described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(PREVIOUS))?.[0];
      concurrentWrite = previous !== undefined && previous !== input.expectedVersionId;
    }
  }
  if (input.description !== undefined && input.description !== (described.Description ?? '')) {
    const description = input.description;
    await aws(clients, input.name, () => clients.secretsManager.send(new UpdateSecretCommand({ SecretId: input.name, Description: description })));
  }
  if (input.tags !== undefined) {
    const { changed, removed } = tagChanges(tagsOf(described.Tags).filter(settable), input.tags.filter(settable));
    if (changed.length > 0) await aws(clients, input.name, () => clients.secretsManager.send(new TagResourceCommand({ SecretId: input.name, Tags: awsTags(changed) })));
    if (removed.length > 0) await aws(clients, input.name, () => clients.secretsManager.send(new UntagResourceCommand({ SecretId: input.name, TagKeys: removed })));
  }
  return { outcome: 'saved', name: input.name, versionId, concurrentWrite };
}

export async function deleteSecret(
  deps: SecretsDeps,
  input: { name: string; recoveryWindowDays: number; forceDeleteConfirmName?: string | undefined; productionConfirmation?: string | undefined },
): Promise<{ name: string; deletionDate: string | null; forced: boolean }> {
  const forced = input.forceDeleteConfirmName !== undefined;
  if (forced && input.forceDeleteConfirmName !== input.name) {
    throw new AppError('INVALID_INPUT', 'To delete without recovery, type the secret\'s full name exactly. Nothing was deleted.', { details: { field: 'forceDeleteConfirmName' } });
  }
  const clients = await deps.clientsForWrite(forced ? `permanently delete ${input.name} (no recovery)` : `delete ${input.name}`, input.productionConfirmation);
  if (!forced) return { name: input.name, ...(await scheduleDeletion(clients, input.name, input.recoveryWindowDays)), forced };
  // A forced delete is safe to repeat: AWS answers it for a secret that is already gone.
  const out = await aws(clients, input.name, () => clients.secretsManager.send(new DeleteSecretCommand({ SecretId: input.name, ForceDeleteWithoutRecovery: true })));
  return { name: input.name, deletionDate: isoDate(out.DeletionDate), forced };
}

export async function restoreSecret(deps: SecretsDeps, input: { name: string; productionConfirmation?: string | undefined }): Promise<{ name: string }> {
  const clients = await deps.clientsForWrite(`restore ${input.name}`, input.productionConfirmation);
  const done = { name: input.name };
  return writeOnce(
    async () => {
      await aws(clients, input.name, () => clients.secretsManager.send(new RestoreSecretCommand({ SecretId: input.name })));
      return done;
    },
    async () => ((await describeCurrent(clients, input.name)).described.DeletedDate === undefined ? done : null),
  );
}

export async function rollbackSecret(
  deps: SecretsDeps,
  input: { name: string; toVersionId: string; expectedCurrentVersionId: string; productionConfirmation?: string | undefined },
): Promise<{ name: string; versionId: string }> {
  const clients = await deps.clientsForWrite(`roll back ${input.name}`, input.productionConfirmation);
  const { currentVersionId } = await describeCurrent(clients, input.name);
  // Already where the user wants it, e.g. a retry of a rollback whose answer was lost.
  if (currentVersionId === input.toVersionId) return { name: input.name, versionId: input.toVersionId };
  if (currentVersionId !== input.expectedCurrentVersionId) {
    throw new AppError('CONFLICT', `Secret "${input.name}" changed since its history was loaded. Reload the history and choose the version again; nothing was changed.`, {
      details: { currentVersionId },
    });
  }
  const done = { name: input.name, versionId: input.toVersionId };
  // RemoveFromVersionId makes this a compare-and-swap on AWS's side too, so the SDK's retry of a
  // move that landed is refused (the label has left that version): `writeOnce` sees it in place.
  return writeOnce(
    async () => {
      await aws(clients, input.name, () =>
        clients.secretsManager.send(
          new UpdateSecretVersionStageCommand({ SecretId: input.name, VersionStage: CURRENT, MoveToVersionId: input.toVersionId, RemoveFromVersionId: input.expectedCurrentVersionId }),
        ),
      );
      return done;
    },
    async () => ((await describeCurrent(clients, input.name)).currentVersionId === input.toVersionId ? done : null),
  );
}

export async function moveSecret(
  deps: SecretsDeps,
  input: { kwargs: string; from: string; toKind: SecretKind; toId: string; clientRequestToken: string; productionConfirmation?: string | undefined },
): Promise<{ from: string; to: string; deletionDate: string | null }> {
  const use = kwargsOrThrow(input.kwargs);
  const to = checkId(use, input.toKind, input.toId);
  if (to === input.from) throw new AppError('INVALID_INPUT', `"${input.from}" already is the name Airflow reads; nothing to move.`);
  const clients = await deps.clientsForWrite(`move ${input.from} to ${to}`, input.productionConfirmation);
  const { described } = await describeCurrent(clients, input.from);
  const source = await aws(clients, input.from, () => clients.secretsManager.send(new GetSecretValueCommand({ SecretId: input.from })));
  if (source.SecretString === undefined) throw new AppError('INVALID_INPUT', `"${input.from}" holds binary data, which Airflow never reads; Airlock does not move it.`);
  const tags = (described.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
  await createWithToken(clients, { name: to, value: source.SecretString, description: described.Description, tags, token: input.clientRequestToken });
  try {
    return { from: input.from, to, ...(await scheduleDeletion(clients, input.from, 30)) };
  } catch (error) {
    const reason = error instanceof AppError ? error.message : 'an unexpected error';
    throw new AppError('PARTIAL_FAILURE', `"${to}" was created with the same value, but "${input.from}" could not be scheduled for deletion (${reason}). Delete the old secret yourself, or move it again.`, {
      details: { created: to, notDeleted: input.from },
    });
  }
}
