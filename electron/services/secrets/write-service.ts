/**
 * Every write to Secrets Manager: create, update (with the conflict check), delete (recovery
 * window or, after the name is typed again, at once), restore, roll back, and move a misplaced
 * secret to the name Airflow reads.
 *
 * Each write asks `clientsForWrite` first, so under a production profile nothing is sent before
 * the user confirms. A write whose answer was lost after it landed (every retry failed, or a retry
 * was refused because the first attempt had done the job) is reported done once the secret shows
 * it (`writeOnce`); request tokens keep those retries from writing a second version. Values are
 * checked before sending (size, emptiness) so that nothing the user typed is wasted on an error
 * AWS would give anyway; they never appear in errors or logs. Every write that lands is noted in
 * the inventory at once, so the list shows it before ListSecrets does.
 */
import type { DescribeSecretCommandOutput, Tag } from '@aws-sdk/client-secrets-manager';
import { validateSecretName, validateSecretValueSize, type Problem } from '../../../shared/airflow';
import type { BulkItemResult, SaveOutcome, SecretKind, SecretTag } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { KwargsInUse } from '../../../shared/secrets';
import { secretKinds, secretNameFor, tagChanges } from '../../../shared/secrets';
import { plural } from '../../../shared/plural';
import { runBulk } from './bulk-runner';
import type { InventoryEntry } from './inventory-store';
import { CURRENT, describeCurrent } from './read-service';
import { tagsOf } from './secret-summaries';
import type { SecretsGateway } from './secrets-gateway';
import { isoDate, kwargsOrThrow, noteWrite, secretsTarget, type SecretsDeps, type SecretsTarget } from './secrets-deps';

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
  const problems = secretKinds[kind].validateId(id, use.kwargs);
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
async function versionWithToken(gateway: SecretsGateway, name: string, token: string) {
  const { described } = await describeCurrent(gateway, name);
  return described.VersionIdsToStages?.[token] === undefined ? null : { name: described.Name ?? name, arn: described.ARN ?? '', versionId: token };
}

/** The inventory's view of a secret after a write, from what DescribeSecret said before it. */
function describedChanges(described: DescribeSecretCommandOutput): Partial<Omit<InventoryEntry, 'name'>> {
  return {
    ...(described.ARN === undefined ? {} : { arn: described.ARN }),
    description: described.Description ?? null,
    createdAt: isoDate(described.CreatedDate),
    deletedAt: isoDate(described.DeletedDate),
    tags: tagsOf(described.Tags),
  };
}

export async function createWithToken(
  gateway: SecretsGateway,
  input: { name: string; value: string; description?: string | undefined; tags?: readonly SecretTag[] | undefined; token: string },
): Promise<{ name: string; arn: string; versionId: string }> {
  try {
    return await writeOnce(
      async () => {
        const out = await gateway.create({
          Name: input.name,
          SecretString: input.value,
          ClientRequestToken: input.token,
          ...(input.description === undefined || input.description === '' ? {} : { Description: input.description }),
          ...(input.tags === undefined || input.tags.length === 0 ? {} : { Tags: awsTags(input.tags) }),
        });
        return { name: out.Name ?? input.name, arn: out.ARN ?? '', versionId: out.VersionId ?? input.token };
      },
      // Our own version there (even if someone wrote a newer one since) means this create landed.
      () => versionWithToken(gateway, input.name, input.token),
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'ALREADY_EXISTS') throw error;
    throw new AppError('ALREADY_EXISTS', `Secret "${input.name}" already exists. Open it from the list to edit it; nothing was overwritten.`);
  }
}

/** Notes a secret this app just created. */
export async function noteCreated(
  deps: SecretsDeps,
  target: SecretsTarget,
  created: { name: string; arn: string },
  input: { description?: string | undefined; tags?: readonly SecretTag[] | undefined },
): Promise<void> {
  const at = new Date().toISOString();
  await noteWrite(deps, target, {
    kind: 'upsert',
    name: created.name,
    changes: { arn: created.arn, description: input.description === undefined || input.description === '' ? null : input.description, createdAt: at, lastChangedAt: at, deletedAt: null, tags: (input.tags ?? []).filter(settable) },
  });
}

/** Notes a new value (or other change) written to an existing secret. */
export async function noteChanged(deps: SecretsDeps, target: SecretsTarget, name: string, changes: Partial<Omit<InventoryEntry, 'name'>> = {}): Promise<void> {
  await noteWrite(deps, target, { kind: 'upsert', name, changes: { lastChangedAt: new Date().toISOString(), ...changes } });
}

/** Writes a new value under the request token; see `writeOnce` for an answer lost after it landed. */
export async function putValue(gateway: SecretsGateway, name: string, value: string, token: string): Promise<string> {
  return writeOnce(
    async () => (await gateway.putValue(name, value, token)) ?? token,
    async () => (await versionWithToken(gateway, name, token))?.versionId ?? null,
  );
}

/**
 * Schedules a deletion with a recovery window. DeleteSecret has no request token: a retry that
 * follows an attempt that landed is answered "already scheduled for deletion". Either way, a
 * scheduled deletion is what was asked for; only its date is then unknown (null), since the
 * answer that carried it was lost.
 */
async function scheduleDeletion(gateway: SecretsGateway, name: string, recoveryWindowDays: number): Promise<{ deletionDate: string | null }> {
  return writeOnce(
    async () => ({ deletionDate: isoDate((await gateway.scheduleDeletion(name, recoveryWindowDays)).DeletionDate) }),
    async () => ((await describeCurrent(gateway, name)).described.DeletedDate === undefined ? null : { deletionDate: null }),
  );
}

/** Notes a scheduled deletion; an unknown date is the end of the window, near enough for the list. */
async function noteScheduled(deps: SecretsDeps, target: SecretsTarget, name: string, deletionDate: string | null, recoveryWindowDays: number): Promise<void> {
  await noteChanged(deps, target, name, { deletedAt: deletionDate ?? new Date(Date.now() + recoveryWindowDays * 86_400_000).toISOString() });
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
  const target = await secretsTarget(deps, await deps.clientsForWrite(`create ${name}`, input.productionConfirmation));
  const created = await createWithToken(target.gateway, { name, value: input.value, description: input.description, tags: input.tags, token: input.clientRequestToken });
  await noteCreated(deps, target, created, input);
  return created;
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
  const target = await secretsTarget(deps, await deps.clientsForWrite(`update ${input.name}`, input.productionConfirmation));
  const { gateway } = target;
  const { described, currentVersionId } = await describeCurrent(gateway, input.name);
  if (described.DeletedDate !== undefined) {
    throw new AppError('SCHEDULED_FOR_DELETION', `Secret "${input.name}" was scheduled for deletion after you opened it. Restore it first; your edit is still in the editor.`);
  }
  let versionId: string | null = null;
  let concurrentWrite = false;
  if (input.value !== undefined) {
    const alreadyWritten = currentVersionId === input.clientRequestToken;
    if (currentVersionId !== input.expectedVersionId && !alreadyWritten) {
      const current = await gateway.getValue(input.name);
      return {
        outcome: 'conflict',
        name: input.name,
        current: { versionId: current.VersionId ?? currentVersionId ?? '', value: current.SecretString ?? null, lastChangedAt: isoDate(described.LastChangedDate) },
      };
    }
    if (alreadyWritten) {
      versionId = input.clientRequestToken;
    } else {
      versionId = await putValue(gateway, input.name, input.value, input.clientRequestToken);
      // Secrets Manager has no conditional write: if someone wrote between the check and the put,
      // their value is now AWSPREVIOUS. Say so instead of pretending nothing happened.
      const after = await describeCurrent(gateway, input.name);
      const previous = Object.entries(after.described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(PREVIOUS))?.[0];
      concurrentWrite = previous !== undefined && previous !== input.expectedVersionId;
    }
  }
  let description = described.Description ?? null;
  if (input.description !== undefined && input.description !== (described.Description ?? '')) {
    await gateway.updateDescription(input.name, input.description);
    description = input.description;
  }
  let tags = tagsOf(described.Tags);
  if (input.tags !== undefined) {
    const { changed, removed } = tagChanges(tagsOf(described.Tags).filter(settable), input.tags.filter(settable));
    if (changed.length > 0) await gateway.tag(input.name, awsTags(changed));
    if (removed.length > 0) await gateway.untag(input.name, removed);
    tags = [...tagsOf(described.Tags).filter((tag) => !settable(tag)), ...input.tags.filter(settable)];
  }
  await noteChanged(deps, target, input.name, { ...describedChanges(described), description, tags });
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
  const target = await secretsTarget(deps, await deps.clientsForWrite(forced ? `permanently delete ${input.name} (no recovery)` : `delete ${input.name}`, input.productionConfirmation));
  if (!forced) {
    const scheduled = await scheduleDeletion(target.gateway, input.name, input.recoveryWindowDays);
    await noteScheduled(deps, target, input.name, scheduled.deletionDate, input.recoveryWindowDays);
    return { name: input.name, ...scheduled, forced };
  }
  // A forced delete is safe to repeat: AWS answers it for a secret that is already gone.
  const out = await target.gateway.forceDelete(input.name);
  await noteWrite(deps, target, { kind: 'removed', name: input.name });
  return { name: input.name, deletionDate: isoDate(out.DeletionDate), forced };
}

/** Restores one secret on the gateway; see `writeOnce` for a restore whose answer was lost. */
async function restoreOne(deps: SecretsDeps, target: SecretsTarget, name: string): Promise<{ name: string }> {
  const done = { name };
  const restored = await writeOnce(
    async () => {
      await target.gateway.restore(name);
      return done;
    },
    async () => ((await describeCurrent(target.gateway, name)).described.DeletedDate === undefined ? done : null),
  );
  await noteWrite(deps, target, { kind: 'upsert', name, changes: { deletedAt: null } });
  return restored;
}

export async function restoreSecret(deps: SecretsDeps, input: { name: string; productionConfirmation?: string | undefined }): Promise<{ name: string }> {
  const target = await secretsTarget(deps, await deps.clientsForWrite(`restore ${input.name}`, input.productionConfirmation));
  return restoreOne(deps, target, input.name);
}

export async function rollbackSecret(
  deps: SecretsDeps,
  input: { name: string; toVersionId: string; expectedCurrentVersionId: string; productionConfirmation?: string | undefined },
): Promise<{ name: string; versionId: string }> {
  const target = await secretsTarget(deps, await deps.clientsForWrite(`roll back ${input.name}`, input.productionConfirmation));
  const { gateway } = target;
  const { currentVersionId } = await describeCurrent(gateway, input.name);
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
  const result = await writeOnce(
    async () => {
      await gateway.moveStage(input.name, CURRENT, input.toVersionId, input.expectedCurrentVersionId);
      return done;
    },
    async () => ((await describeCurrent(gateway, input.name)).currentVersionId === input.toVersionId ? done : null),
  );
  await noteChanged(deps, target, input.name);
  return result;
}

interface MoveRequest {
  readonly from: string;
  readonly toKind: SecretKind;
  readonly toId: string;
  readonly clientRequestToken: string;
}

/** Copies one secret to the name Airflow reads, then schedules the old one for deletion. */
async function moveOne(deps: SecretsDeps, target: SecretsTarget, from: string, to: string, token: string): Promise<{ from: string; to: string; deletionDate: string | null }> {
  const { gateway } = target;
  const { described } = await describeCurrent(gateway, from);
  const source = await gateway.getValue(from);
  if (source.SecretString === undefined) throw new AppError('INVALID_INPUT', `"${from}" holds binary data, which Airflow never reads; Airlock does not move it.`);
  const tags = (described.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
  // Never an overwrite: a secret that already has the target name makes the create fail.
  const created = await createWithToken(gateway, { name: to, value: source.SecretString, description: described.Description, tags, token });
  await noteCreated(deps, target, created, { description: described.Description, tags });
  try {
    const scheduled = await scheduleDeletion(gateway, from, 30);
    await noteScheduled(deps, target, from, scheduled.deletionDate, 30);
    return { from, to, ...scheduled };
  } catch (error) {
    const reason = error instanceof AppError ? error.message : 'an unexpected error';
    throw new AppError('PARTIAL_FAILURE', `"${to}" was created with the same value, but "${from}" could not be scheduled for deletion (${reason}). Delete the old secret yourself, or move it again.`, {
      details: { created: to, notDeleted: from },
    });
  }
}

function moveTarget(kwargs: string, request: MoveRequest): string {
  const to = checkId(kwargsOrThrow(kwargs), request.toKind, request.toId);
  if (to === request.from) throw new AppError('INVALID_INPUT', `"${request.from}" already is the name Airflow reads; nothing to move.`);
  return to;
}

export async function moveSecret(
  deps: SecretsDeps,
  input: { kwargs: string; from: string; toKind: SecretKind; toId: string; clientRequestToken: string; productionConfirmation?: string | undefined },
): Promise<{ from: string; to: string; deletionDate: string | null }> {
  const to = moveTarget(input.kwargs, input);
  const target = await secretsTarget(deps, await deps.clientsForWrite(`move ${input.from} to ${to}`, input.productionConfirmation));
  return moveOne(deps, target, input.from, to, input.clientRequestToken);
}

/** The outcome of one item of a bulk move or restore; errors as data, never thrown. */
function itemFailure(name: string, error: unknown): BulkItemResult {
  if (!(error instanceof AppError)) throw error;
  return { name, outcome: 'failed', error: error.toApiError() };
}

const cancelledItem = (name: string): BulkItemResult => ({
  name,
  outcome: 'failed',
  error: new AppError('CANCELLED', 'Not done: the run was cancelled before this item. Nothing was sent for it.').toApiError(),
});

export interface BulkRun {
  readonly taskId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly productionConfirmation?: string | undefined;
}

function bulkProgress(deps: SecretsDeps, run: BulkRun, label: string, total: number): (done: number) => void {
  return (done) => {
    if (run.taskId !== undefined) deps.progress?.({ taskId: run.taskId, label, done, total });
  };
}

/**
 * Moves many misplaced secrets at once (the production guard asks once, for all of them), at the
 * write quota; each item reports its own outcome and a cancel stops the items not yet started.
 */
export async function moveSecrets(deps: SecretsDeps, input: BulkRun & { kwargs: string; moves: readonly MoveRequest[] }): Promise<BulkItemResult[]> {
  const targets = input.moves.map((request) => {
    try {
      return { request, to: moveTarget(input.kwargs, request), error: null };
    } catch (error) {
      return { request, to: null, error };
    }
  });
  const valid = targets.filter((item) => item.to !== null).length;
  const target = await secretsTarget(deps, await deps.clientsForWrite(`move ${plural(valid, 'secret')} to the names Airflow reads`, input.productionConfirmation));
  return runBulk(
    targets,
    async ({ request, to, error }) => {
      if (to === null) return itemFailure(request.from, error);
      try {
        const moved = await moveOne(deps, target, request.from, to, request.clientRequestToken);
        return { name: request.from, outcome: 'done', to: moved.to, error: null };
      } catch (caught) {
        return itemFailure(request.from, caught);
      }
    },
    { concurrency: deps.bulkConcurrency, signal: input.signal, onSettled: bulkProgress(deps, input, 'Moving secrets', targets.length), skipped: ({ request }) => cancelledItem(request.from) },
  );
}

/** Restores many secrets scheduled for deletion at once, like `moveSecrets`. */
export async function restoreSecrets(deps: SecretsDeps, input: BulkRun & { names: readonly string[] }): Promise<BulkItemResult[]> {
  const target = await secretsTarget(deps, await deps.clientsForWrite(`restore ${plural(input.names.length, 'secret')}`, input.productionConfirmation));
  return runBulk(
    input.names,
    async (name) => {
      try {
        await restoreOne(deps, target, name);
        return { name, outcome: 'done', error: null };
      } catch (error) {
        return itemFailure(name, error);
      }
    },
    { concurrency: deps.bulkConcurrency, signal: input.signal, onSettled: bulkProgress(deps, input, 'Restoring secrets', input.names.length), skipped: cancelledItem },
  );
}
