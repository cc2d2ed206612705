/**
 * Retries where the first attempt actually landed. The sandbox applies the write, then loses the
 * answer (an error, or a dropped connection), so the SDK's own retries, the app's retries and the
 * user's "try again" all meet a write that is already there. Each logical write must end with
 * exactly one new version (ListSecretVersionIds), and its answer must say what happened.
 */
import { DescribeSecretCommand, ListSecretVersionIdsCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { SECRETS_MANAGER_MAX_ATTEMPTS } from '../../../electron/services/aws/sdk-clients';
import type { FailNextUpdate } from '../../../electron/services/sandbox';
import { runImport } from '../../../electron/services/secrets/import-service';
import { createSecret, deleteSecret, moveSecret, restoreSecret, rollbackSecret, updateSecret } from '../../../electron/services/secrets/write-service';
import { newToken, startHarness, type Harness } from './secrets-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Every attempt the app's SDK clients make before giving up. */
const sdkAttempts = SECRETS_MANAGER_MAX_ATTEMPTS;

/** Ways a write can land and still look failed to the caller. */
const lostAnswers: readonly { readonly label: string; readonly fault: Omit<FailNextUpdate, 'operation' | 'count'> }[] = [
  { label: 'a 500 after the write', fault: { code: 'InternalServiceError', afterApply: true } },
  { label: 'a 503 after the write', fault: { code: 'ServiceUnavailable', afterApply: true } },
  { label: 'a throttling answer after the write', fault: { code: 'ThrottlingException', afterApply: true } },
  { label: 'a connection reset after the write', fault: { dropConnection: true, afterApply: true } },
];

const failure = (promise: Promise<unknown>): Promise<AppError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => {
      if (error instanceof AppError) return error;
      throw error;
    },
  );

async function versionIds(name: string): Promise<string[]> {
  const listed = await h.other.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
  return (listed.Versions ?? []).map((version) => version.VersionId ?? '').sort();
}

async function newVersions(name: string, before: readonly string[]): Promise<string[]> {
  return (await versionIds(name)).filter((id) => !before.includes(id));
}

async function currentVersion(name: string): Promise<string> {
  const stages = (await h.other.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages ?? {};
  const current = Object.keys(stages).find((id) => stages[id]?.includes('AWSCURRENT'));
  if (current === undefined) throw new Error(`${name} has no AWSCURRENT version`);
  return current;
}

/** Runs `arm` once the app's client has given up on a call of `commandName` (all SDK attempts spent). */
function afterGivingUp(commandName: string, arm: () => void): void {
  const middlewareName = `armAfter${commandName}`;
  h.clients.secretsManager.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (context.commandName === commandName) {
          h.clients.secretsManager.middlewareStack.remove(middlewareName);
          arm();
        }
        throw error;
      }
    },
    { step: 'initialize', name: middlewareName },
  );
}

describe.each(lostAnswers)('issue 9 item 18: $label', ({ fault }) => {
  /** The next `count` calls of `operation` land, and their answers are lost. */
  const lose = (operation: string, count: number): void => {
    h.sandbox.setFaults({ failNext: { operation, count, ...fault } });
  };
  /** Looking at the secret fails too, so the app cannot tell the write landed and must retry it. */
  const blindfold = (count: number): void => {
    h.sandbox.setFaults({ failNext: { operation: 'DescribeSecret', count, code: 'InternalServiceError' } });
  };

  it('issue 9 item 18: a single create makes one version, whether the SDK, the app or the user retries it', async () => {
    const viaSdk = newToken();
    lose('CreateSecret', 1);
    expect(await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'sdk_retry', value: 'v', clientRequestToken: viaSdk })).toMatchObject({ versionId: viaSdk });
    expect(await versionIds('airflow/variables/sdk_retry')).toEqual([viaSdk]);

    // Every SDK attempt lost its answer: the app sees its own version there and says so.
    const allLost = newToken();
    lose('CreateSecret', sdkAttempts);
    expect(await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'all_lost', value: 'v', clientRequestToken: allLost })).toMatchObject({ versionId: allLost });
    expect(await versionIds('airflow/variables/all_lost')).toEqual([allLost]);

    // The app cannot tell either: the user's "try again" sends the same token and writes nothing new.
    const userRetry = newToken();
    lose('CreateSecret', sdkAttempts);
    blindfold(sdkAttempts);
    const input = { kwargs: '', kind: 'variable' as const, id: 'user_retry', value: 'v', clientRequestToken: userRetry };
    expect((await failure(createSecret(h.deps, input))).retryable).toBe(true);
    expect(await createSecret(h.deps, input)).toMatchObject({ versionId: userRetry });
    expect(await versionIds('airflow/variables/user_retry')).toEqual([userRetry]);
  });

  it('issue 9 item 18: a single update makes one new version, whether the SDK, the app or the user retries it', async () => {
    const name = 'airflow/variables/env';
    await h.seed([{ name, value: 'v0' }]);
    const save = async (value: string, arm: () => void): Promise<{ token: string; outcome: unknown; added: string[]; userRetried: boolean }> => {
      const before = await versionIds(name);
      const token = newToken();
      const input = { name, expectedVersionId: await currentVersion(name), value, clientRequestToken: token };
      arm();
      let outcome = await updateSecret(h.deps, input).catch((error: unknown) => error);
      // A failed save keeps the editor open; "try again" sends the same request token.
      const userRetried = outcome instanceof AppError && outcome.retryable;
      if (userRetried) outcome = await updateSecret(h.deps, input);
      return { token, outcome, added: await newVersions(name, before), userRetried };
    };

    const viaSdk = await save('v1', () => lose('PutSecretValue', 1));
    const allLost = await save('v2', () => lose('PutSecretValue', sdkAttempts));
    // The look after the lost put fails too, so the first save fails and the user tries again.
    const userRetry = await save('v3', () => {
      lose('PutSecretValue', sdkAttempts);
      afterGivingUp('PutSecretValueCommand', () => blindfold(sdkAttempts));
    });
    expect([viaSdk.userRetried, allLost.userRetried, userRetry.userRetried]).toEqual([false, false, true]);
    for (const { token, outcome, added } of [viaSdk, allLost, userRetry]) {
      expect(outcome).toEqual({ outcome: 'saved', name, versionId: token, concurrentWrite: false });
      expect(added).toEqual([token]);
    }
  });

  it('issue 9 item 18: an import makes one version per item, also when every attempt loses its answer and the user runs the failed items again', async () => {
    await h.seed([{ name: 'airflow/variables/environment', value: 'staging' }]);
    const before = await versionIds('airflow/variables/environment');
    h.sandbox.resetStats();
    const source = { kind: 'text' as const, text: JSON.stringify({ environment: 'production', batch_size: '500' }), fileName: 'variables.json' };
    // Each item: every SDK attempt lands and loses its answer, and the look that would tell so
    // fails as well. The app adds no retries of its own (issue 12 item 1): the items fail,
    // retryable, and the user's "retry the failed items" finds them written.
    lose('CreateSecret', sdkAttempts);
    lose('PutSecretValue', sdkAttempts);
    blindfold(2 * sdkAttempts);
    const first = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    expect(first.results.map((item) => [item.id, item.outcome, item.error?.retryable ?? null])).toEqual([
      ['environment', 'failed', true],
      ['batch_size', 'failed', true],
    ]);
    const retry = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false, only: first.results.map((item) => item.key) });
    expect(retry.results.map((item) => [item.id, item.outcome])).toEqual([
      ['environment', 'unchanged'],
      ['batch_size', 'unchanged'],
    ]);
    expect(await newVersions('airflow/variables/environment', before)).toHaveLength(1);
    expect(await versionIds('airflow/variables/batch_size')).toHaveLength(1);
    expect(h.sandbox.stats().requests).toMatchObject({ CreateSecret: sdkAttempts, PutSecretValue: sdkAttempts });
  });

  it('issue 9 item 18: a move makes one version at the new name and schedules the old one for deletion', async () => {
    await h.seed([{ name: '/airflow/variables/legacy', value: 'old' }]);
    const token = newToken();
    lose('CreateSecret', 1);
    lose('DeleteSecret', 1);
    const moved = await moveSecret(h.deps, { kwargs: '', from: '/airflow/variables/legacy', toKind: 'variable', toId: 'legacy', clientRequestToken: token });
    expect(moved).toMatchObject({ from: '/airflow/variables/legacy', to: 'airflow/variables/legacy' });
    expect(await versionIds('airflow/variables/legacy')).toEqual([token]);
    expect((await h.other.send(new DescribeSecretCommand({ SecretId: '/airflow/variables/legacy' }))).DeletedDate).toBeDefined();

    // The user moves another one; every attempt of both writes loses its answer.
    await h.seed([{ name: '/airflow/variables/legacy2', value: 'old' }]);
    const second = newToken();
    lose('CreateSecret', sdkAttempts);
    lose('DeleteSecret', sdkAttempts);
    await moveSecret(h.deps, { kwargs: '', from: '/airflow/variables/legacy2', toKind: 'variable', toId: 'legacy2', clientRequestToken: second });
    expect(await versionIds('airflow/variables/legacy2')).toEqual([second]);
    expect((await h.other.send(new DescribeSecretCommand({ SecretId: '/airflow/variables/legacy2' }))).DeletedDate).toBeDefined();
  });

  it('issue 9 item 18: a restore, a roll back and a delete are reported done and write no version', async () => {
    await h.seed([{ name: 'airflow/variables/kept', value: 'one' }]);
    await h.other.send(new PutSecretValueCommand({ SecretId: 'airflow/variables/kept', SecretString: 'two' }));
    const before = await versionIds('airflow/variables/kept');
    const current = await currentVersion('airflow/variables/kept');
    const previous = before.find((id) => id !== current) ?? '';

    lose('UpdateSecretVersionStage', sdkAttempts);
    expect(await rollbackSecret(h.deps, { name: 'airflow/variables/kept', toVersionId: previous, expectedCurrentVersionId: current })).toEqual({ name: 'airflow/variables/kept', versionId: previous });
    expect(await currentVersion('airflow/variables/kept')).toBe(previous);

    lose('DeleteSecret', sdkAttempts);
    // The answer with the date was lost; the deletion is in place, with its date unknown.
    expect(await deleteSecret(h.deps, { name: 'airflow/variables/kept', recoveryWindowDays: 7 })).toEqual({ name: 'airflow/variables/kept', deletionDate: null, forced: false });
    expect((await h.other.send(new DescribeSecretCommand({ SecretId: 'airflow/variables/kept' }))).DeletedDate).toBeDefined();

    lose('RestoreSecret', sdkAttempts);
    expect(await restoreSecret(h.deps, { name: 'airflow/variables/kept' })).toEqual({ name: 'airflow/variables/kept' });
    expect((await h.other.send(new DescribeSecretCommand({ SecretId: 'airflow/variables/kept' }))).DeletedDate).toBeUndefined();
    expect(await versionIds('airflow/variables/kept')).toEqual(before);
  });
});

describe('issue 9 item 18: what a lost answer must not hide', () => {
  it('issue 9 item 18: a delete that never landed still fails, and a create never claims a secret someone else made', async () => {
    await h.seed([{ name: 'airflow/variables/theirs', value: 'theirs' }]);
    const error = await failure(createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'theirs', value: 'mine', clientRequestToken: newToken() }));
    expect(error.code).toBe('ALREADY_EXISTS');
    h.sandbox.setFaults({ failNext: { operation: 'DeleteSecret', count: sdkAttempts, code: 'InternalServiceError' } });
    expect((await failure(deleteSecret(h.deps, { name: 'airflow/variables/theirs', recoveryWindowDays: 7 }))).code).toBe('INTERNAL');
    expect((await h.other.send(new DescribeSecretCommand({ SecretId: 'airflow/variables/theirs' }))).DeletedDate).toBeUndefined();
  });
});
