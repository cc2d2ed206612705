import { DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { listAirflowSecrets } from '../../../electron/services/secrets/listing-service';
import { getSecret, secretHistory } from '../../../electron/services/secrets/read-service';
import { createSecretsManagerAccess } from '../../../electron/services/secrets/secrets-gateway';
import { createSecret, deleteSecret, moveSecret, restoreSecret, rollbackSecret, updateSecret } from '../../../electron/services/secrets/write-service';
import { newToken, startHarness, type Harness } from './secrets-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

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

const PG = '{"conn_type":"postgres","host":"db.example.com","login":"etl","password":"s3cr3t!","port":5432}';

async function currentValue(client: SecretsManagerClient, name: string): Promise<string | undefined> {
  return (await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
}

describe('create, read, update', () => {
  it('creates under the prefix, reads the value with its version, and updates against that version', async () => {
    const created = await createSecret(h.deps, { kwargs: '', kind: 'connection', id: 'warehouse', value: PG, description: 'Warehouse', tags: [{ key: 'team', value: 'data' }], clientRequestToken: newToken() });
    expect(created.name).toBe('airflow/connections/warehouse');
    expect(h.guardedActions).toEqual(['create airflow/connections/warehouse']);

    const opened = await getSecret(h.deps, { name: created.name });
    expect(opened).toMatchObject({ value: PG, versionId: created.versionId, versionStages: ['AWSCURRENT'], description: 'Warehouse', tags: [{ key: 'team', value: 'data' }] });

    const next = PG.replace('s3cr3t!', 'n3w');
    const saved = await updateSecret(h.deps, { name: created.name, expectedVersionId: opened.versionId, value: next, description: 'Warehouse (rotated)', tags: [{ key: 'team', value: 'analytics' }], clientRequestToken: newToken() });
    expect(saved).toMatchObject({ outcome: 'saved', concurrentWrite: false });
    expect(await currentValue(h.other, created.name)).toBe(next);
    const described = await h.other.send(new DescribeSecretCommand({ SecretId: created.name }));
    expect(described.Description).toBe('Warehouse (rotated)');
    expect(described.Tags).toEqual([{ Key: 'team', Value: 'analytics' }]);
  });

  it('a retried update with the same request token writes once', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'env', value: 'staging', clientRequestToken: newToken() });
    const opened = await getSecret(h.deps, { name });
    const requestToken = newToken();
    await updateSecret(h.deps, { name, expectedVersionId: opened.versionId, value: 'production', clientRequestToken: requestToken });
    const again = await updateSecret(h.deps, { name, expectedVersionId: opened.versionId, value: 'production', clientRequestToken: requestToken });
    expect(again).toMatchObject({ outcome: 'saved', versionId: requestToken });
    expect((await secretHistory(h.deps, { name })).versions).toHaveLength(2);
  });

  it('refuses a duplicate create, but a retried create with its own token succeeds', async () => {
    const requestToken = newToken();
    const input = { kwargs: '', kind: 'variable' as const, id: 'dup', value: 'v', clientRequestToken: requestToken };
    await createSecret(h.deps, input);
    await expect(createSecret(h.deps, input)).resolves.toMatchObject({ versionId: requestToken });
    expect((await failure(createSecret(h.deps, { ...input, clientRequestToken: newToken() }))).code).toBe('ALREADY_EXISTS');
  });
});

describe('concurrent modification', () => {
  it('shows both values instead of overwriting when the secret changed since it was opened', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'limits', value: '{"max": 1}', clientRequestToken: newToken() });
    const opened = await getSecret(h.deps, { name });
    await h.other.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"max": 2}' }));

    const outcome = await updateSecret(h.deps, { name, expectedVersionId: opened.versionId, value: '{"max": 3}', clientRequestToken: newToken() });

    expect(outcome.outcome).toBe('conflict');
    if (outcome.outcome !== 'conflict') return;
    expect(outcome.current.value).toBe('{"max": 2}');
    expect(outcome.current.versionId).not.toBe(opened.versionId);
    expect(await currentValue(h.other, name)).toBe('{"max": 2}');
    // "Overwrite with mine" is a save against the version the user has now seen.
    const overwrite = await updateSecret(h.deps, { name, expectedVersionId: outcome.current.versionId, value: '{"max": 3}', clientRequestToken: newToken() });
    expect(overwrite).toMatchObject({ outcome: 'saved', concurrentWrite: false });
    expect(await currentValue(h.other, name)).toBe('{"max": 3}');
  });

  it('says so when another write lands between the check and the put (their value stays in history)', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'raced', value: 'one', clientRequestToken: newToken() });
    const opened = await getSecret(h.deps, { name });
    let injected = false;
    const real = h.clients.secretsManager;
    const racing = {
      ...h.clients,
      secretsManager: {
        send: async (command: Parameters<SecretsManagerClient['send']>[0]) => {
          const out = await real.send(command as never);
          if (!injected && command instanceof DescribeSecretCommand) {
            injected = true;
            await h.other.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'theirs' }));
          }
          return out;
        },
      } as unknown as SecretsManagerClient,
    };
    const deps = { ...h.deps, clientsForWrite: () => Promise.resolve(racing) };
    const outcome = await updateSecret(deps, { name, expectedVersionId: opened.versionId, value: 'mine', clientRequestToken: newToken() });
    expect(outcome).toMatchObject({ outcome: 'saved', concurrentWrite: true });
    const history = await secretHistory(h.deps, { name });
    const previous = history.versions.find((v) => v.stages.includes('AWSPREVIOUS'));
    expect(previous).toBeDefined();
    expect(await h.other.send(new GetSecretValueCommand({ SecretId: name, VersionId: previous?.versionId }))).toMatchObject({ SecretString: 'theirs' });
  });
});

describe('delete, restore, roll back', () => {
  it('deletes with a recovery window, shows it as scheduled, refuses edits, and restores', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'connection', id: 'old_db', value: PG, clientRequestToken: newToken() });
    const opened = await getSecret(h.deps, { name });
    const deleted = await deleteSecret(h.deps, { name, recoveryWindowDays: 7 });
    expect(deleted.forced).toBe(false);
    expect(deleted.deletionDate).not.toBeNull();

    expect((await listAirflowSecrets(h.deps, { kwargs: '' })).items.find((i) => i.name === name)?.deletedAt).not.toBeNull();
    expect((await failure(getSecret(h.deps, { name }))).code).toBe('SCHEDULED_FOR_DELETION');
    expect((await failure(updateSecret(h.deps, { name, expectedVersionId: opened.versionId, value: 'x', clientRequestToken: newToken() }))).code).toBe('SCHEDULED_FOR_DELETION');

    await restoreSecret(h.deps, { name });
    expect((await getSecret(h.deps, { name })).value).toBe(PG);
  });

  it('deletes without recovery only when the name is typed exactly', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'tmp', value: 'v', clientRequestToken: newToken() });
    const wrong = await failure(deleteSecret(h.deps, { name, recoveryWindowDays: 30, forceDeleteConfirmName: 'tmp' }));
    expect(wrong.code).toBe('INVALID_INPUT');
    expect((await getSecret(h.deps, { name })).value).toBe('v');
    await deleteSecret(h.deps, { name, recoveryWindowDays: 30, forceDeleteConfirmName: name });
    expect((await failure(getSecret(h.deps, { name }))).code).toBe('NOT_FOUND');
  });

  it('rolls back by moving AWSCURRENT, and refuses when the secret moved on meanwhile', async () => {
    const { name } = await createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'ver', value: 'one', clientRequestToken: newToken() });
    for (const value of ['two', 'three']) {
      const opened = await getSecret(h.deps, { name });
      await updateSecret(h.deps, { name, expectedVersionId: opened.versionId, value, clientRequestToken: newToken() });
    }
    const history = await secretHistory(h.deps, { name });
    expect(history.versions).toHaveLength(3);
    const current = history.versions.find((v) => v.stages.includes('AWSCURRENT'));
    const first = history.versions.at(-1);
    if (current === undefined || first === undefined) throw new Error('history incomplete');

    await rollbackSecret(h.deps, { name, toVersionId: first.versionId, expectedCurrentVersionId: current.versionId });
    expect(await currentValue(h.other, name)).toBe('one');

    const stale = await failure(rollbackSecret(h.deps, { name, toVersionId: current.versionId, expectedCurrentVersionId: current.versionId }));
    expect(stale.code).toBe('CONFLICT');
    expect(await currentValue(h.other, name)).toBe('one');
  });
});

describe('checks before anything is sent', () => {
  it('refuses a value over 65,536 bytes with TOO_LARGE and sends nothing', async () => {
    h.sandbox.resetStats();
    const big = 'é'.repeat(33_000);
    const error = await failure(createSecret(h.deps, { kwargs: '', kind: 'variable', id: 'big', value: big, clientRequestToken: newToken() }));
    expect(error.code).toBe('TOO_LARGE');
    expect(h.sandbox.stats().total).toBe(0);
  });

  it('maps the server\'s own size refusal to TOO_LARGE too', async () => {
    await h.seed([{ name: 'airflow/variables/sized', value: 'v' }]);
    const error = await failure(createSecretsManagerAccess().gateway(h.clients).putValue('airflow/variables/sized', 'x'.repeat(70_000), newToken()));
    expect(error.code).toBe('TOO_LARGE');
  });

  it('refuses ids Secrets Manager or Airflow would not accept, with the allowed characters', async () => {
    const error = await failure(createSecret(h.deps, { kwargs: '', kind: 'connection', id: 'my conn#1', value: PG, clientRequestToken: newToken() }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/letters, digits/);
    const skipped = await failure(createSecret(h.deps, { kwargs: '{"connections_lookup_pattern": "^prod_"}', kind: 'connection', id: 'dev_db', value: PG, clientRequestToken: newToken() }));
    expect(skipped.message).toMatch(/never read/);
  });

  it('asks the production guard before every write and writes nothing when it refuses', async () => {
    h.sandbox.resetStats();
    const guarded = { ...h.deps, clientsForWrite: () => Promise.reject(new AppError('CONFIRMATION_REQUIRED', 'Confirm by typing the account id.')) };
    expect((await failure(createSecret(guarded, { kwargs: '', kind: 'variable', id: 'p', value: 'v', clientRequestToken: newToken() }))).code).toBe('CONFIRMATION_REQUIRED');
    expect((await failure(deleteSecret(guarded, { name: 'airflow/variables/p', recoveryWindowDays: 30 }))).code).toBe('CONFIRMATION_REQUIRED');
    expect(h.sandbox.stats().total).toBe(0);
  });
});

describe('AWS errors a user can act on', () => {
  it('maps an access denial and a KMS decryption failure on read', async () => {
    await h.seed([{ name: 'airflow/variables/locked', value: 'v' }]);
    h.sandbox.setFaults({ failNext: { operation: 'GetSecretValue', count: 1, code: 'AccessDeniedException' } });
    expect((await failure(getSecret(h.deps, { name: 'airflow/variables/locked' }))).code).toBe('ACCESS_DENIED');
    h.sandbox.setFaults({ failNext: { operation: 'GetSecretValue', count: 1, code: 'DecryptionFailure' } });
    expect((await failure(getSecret(h.deps, { name: 'airflow/variables/locked' }))).code).toBe('KMS_ERROR');
  });

  it('retries throttled reads (the SDK backs off) and succeeds', async () => {
    await h.seed([{ name: 'airflow/variables/busy', value: 'v' }]);
    h.sandbox.resetStats();
    h.sandbox.setFaults({ throttleNext: 2 });
    expect((await getSecret(h.deps, { name: 'airflow/variables/busy' })).value).toBe('v');
    expect(h.sandbox.stats().throttled).toBe(2);
  });
});

describe('moving a misplaced secret', () => {
  it('copies value, description and tags to the name Airflow reads, then schedules the old one for deletion', async () => {
    await h.seed([{ name: '/airflow/connections/legacy_db', value: PG, description: 'Legacy', tags: [{ Key: 'team', Value: 'legacy' }] }]);
    const requestToken = newToken();
    const moved = await moveSecret(h.deps, { kwargs: '', from: '/airflow/connections/legacy_db', toKind: 'connection', toId: 'legacy_db', clientRequestToken: requestToken });
    expect(moved).toMatchObject({ from: '/airflow/connections/legacy_db', to: 'airflow/connections/legacy_db' });
    expect(await getSecret(h.deps, { name: 'airflow/connections/legacy_db' })).toMatchObject({ value: PG, description: 'Legacy', tags: [{ key: 'team', value: 'legacy' }] });
    const old = await h.other.send(new DescribeSecretCommand({ SecretId: '/airflow/connections/legacy_db' }));
    expect(old.DeletedDate).toBeDefined();
  });

  it('never overwrites a secret that already has the target name', async () => {
    await h.seed([{ name: '/airflow/variables/x', value: 'old' }, { name: 'airflow/variables/x', value: 'current' }]);
    const error = await failure(moveSecret(h.deps, { kwargs: '', from: '/airflow/variables/x', toKind: 'variable', toId: 'x', clientRequestToken: newToken() }));
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(await currentValue(h.other, 'airflow/variables/x')).toBe('current');
    expect(await currentValue(h.other, '/airflow/variables/x')).toBe('old');
  });
});
