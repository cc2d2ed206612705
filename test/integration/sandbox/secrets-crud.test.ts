import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { awsError, manualClock, secretsClient, startTestSandbox, uniqueName } from './sandbox-harness';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const dayMs = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date('2026-03-10T10:15:00Z'));
let sandbox: SandboxHandle;
let client: SecretsManagerClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: clock.now });
  client = secretsClient(sandbox);
});

afterAll(async () => {
  client.destroy();
  await sandbox.close();
});

async function createWithValue(prefix: string, value: string): Promise<{ name: string; arn: string; versionId: string }> {
  const name = uniqueName(prefix);
  const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  return { name, arn: created.ARN ?? '', versionId: created.VersionId ?? '' };
}

describe('CreateSecret and GetSecretValue', () => {
  it('creates a secret with an AWS-shaped ARN in the caller region and a UUID version', async () => {
    const euClient = secretsClient(sandbox, { region: 'eu-west-1' });
    const name = uniqueName('airflow/connections');
    const created = await euClient.send(new CreateSecretCommand({ Name: name, SecretString: 'postgresql://u:p@h/db' }));
    euClient.destroy();
    expect(created.Name).toBe(name);
    expect(created.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:eu-west-1:000000000000:secret:${name}-[A-Za-z0-9]{6}$`));
    expect(created.VersionId).toMatch(uuidPattern);
  });

  it('reads the current value by name, full ARN and partial ARN', async () => {
    const { name, arn, versionId } = await createWithValue('crud/read', 'value-one');
    for (const secretId of [name, arn, arn.slice(0, -7)]) {
      const value = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      expect(value).toMatchObject({ ARN: arn, Name: name, VersionId: versionId, SecretString: 'value-one', VersionStages: ['AWSCURRENT'] });
      expect(value.CreatedDate).toEqual(clock.now());
    }
  });

  it('stores SecretBinary and returns the same bytes', async () => {
    const name = uniqueName('crud/binary');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
    const value = await client.send(new GetSecretValueCommand({ SecretId: name }));
    expect(value.SecretString).toBeUndefined();
    expect([...(value.SecretBinary ?? [])]).toEqual([...bytes]);
  });

  it('rejects a duplicate name with ResourceExistsException, but ignores a retry with the same token and value', async () => {
    const name = uniqueName('crud/duplicate');
    const token = 'f'.repeat(8) + '-retry-token-0123456789abcdef';
    const first = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }));
    const retried = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', ClientRequestToken: token }));
    expect(retried.VersionId).toBe(first.VersionId);
    expect(first.VersionId).toBe(token);
    const duplicate = await awsError(client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' })));
    expect(duplicate.name).toBe('ResourceExistsException');
    expect(duplicate.$metadata.httpStatusCode).toBe(400);
  });

  it('creates a secret without a value, which has no current version to read', async () => {
    const name = uniqueName('crud/empty');
    const created = await client.send(new CreateSecretCommand({ Name: name, Description: 'filled later' }));
    expect(created.VersionId).toBeUndefined();
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.VersionIdsToStages).toBeUndefined();
    expect((await awsError(client.send(new GetSecretValueCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');
    const put = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'now set' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
  });

  it('answers ResourceNotFoundException for a missing secret', async () => {
    const error = await awsError(client.send(new GetSecretValueCommand({ SecretId: 'crud/does-not-exist' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe("Secrets Manager can't find the specified secret.");
    const missing = 'crud/does-not-exist';
    const calls = [
      () => client.send(new DescribeSecretCommand({ SecretId: missing })),
      () => client.send(new PutSecretValueCommand({ SecretId: missing, SecretString: 'x' })),
      () => client.send(new UpdateSecretCommand({ SecretId: missing, Description: 'x' })),
      () => client.send(new DeleteSecretCommand({ SecretId: missing })),
      () => client.send(new RestoreSecretCommand({ SecretId: missing })),
      () => client.send(new TagResourceCommand({ SecretId: missing, Tags: [{ Key: 'a', Value: 'b' }] })),
    ];
    for (const call of calls) expect((await awsError(call())).name).toBe('ResourceNotFoundException');
  });
});

describe('PutSecretValue, UpdateSecret and DescribeSecret', () => {
  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the old one', async () => {
    const { name, versionId: first } = await createWithValue('crud/put', 'first');
    const put = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'second' }));
    expect(put.VersionId).not.toBe(first);
    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('second');
    const previous = await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: 'first', VersionId: first, VersionStages: ['AWSPREVIOUS'] });
    const byId = await client.send(new GetSecretValueCommand({ SecretId: name, VersionId: first }));
    expect(byId.SecretString).toBe('first');
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.VersionIdsToStages).toEqual({ [first]: ['AWSPREVIOUS'], [put.VersionId ?? '']: ['AWSCURRENT'] });
  });

  it('rejects a VersionStage that does not belong to the given VersionId', async () => {
    const { name, versionId } = await createWithValue('crud/stage-mismatch', 'v');
    const error = await awsError(client.send(new GetSecretValueCommand({ SecretId: name, VersionId: versionId, VersionStage: 'AWSPREVIOUS' })));
    expect(error.name).toBe('InvalidRequestException');
    const missing = await awsError(client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('updates description and value, advancing LastChangedDate but not CreatedDate', async () => {
    const { name } = await createWithValue('crud/update', 'old');
    const before = await client.send(new DescribeSecretCommand({ SecretId: name }));
    clock.advanceMs(5_000);
    const updated = await client.send(new UpdateSecretCommand({ SecretId: name, Description: 'Rotated by hand', SecretString: 'new' }));
    expect(updated.VersionId).toMatch(uuidPattern);
    const after = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(after.Description).toBe('Rotated by hand');
    expect(after.CreatedDate).toEqual(before.CreatedDate);
    expect(after.LastChangedDate?.getTime()).toBe((before.LastChangedDate?.getTime() ?? 0) + 5_000);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('new');
    const descriptionOnly = await client.send(new UpdateSecretCommand({ SecretId: name, Description: 'Only the description' }));
    expect(descriptionOnly.VersionId).toBeUndefined();
  });

  it('describes metadata without any value', async () => {
    const name = uniqueName('crud/describe');
    await client.send(
      new CreateSecretCommand({ Name: name, SecretString: 'hidden-value', Description: 'Warehouse', Tags: [{ Key: 'team', Value: 'data' }] }),
    );
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described).toMatchObject({ Name: name, Description: 'Warehouse', Tags: [{ Key: 'team', Value: 'data' }] });
    expect(described.DeletedDate).toBeUndefined();
    expect(JSON.stringify(described)).not.toContain('hidden-value');
  });

  it('sets LastAccessedDate to the day (UTC midnight) of the last read', async () => {
    const { name } = await createWithValue('crud/accessed', 'v');
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).LastAccessedDate).toBeUndefined();
    await client.send(new GetSecretValueCommand({ SecretId: name }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    const accessed = described.LastAccessedDate?.getTime() ?? -1;
    expect(accessed).toBe(Math.floor(clock.current() / dayMs) * dayMs);
    const listed = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }] }));
    expect(listed.SecretList?.[0]?.LastAccessedDate?.getTime()).toBe(accessed);
  });
});

describe('DeleteSecret and RestoreSecret', () => {
  it('schedules deletion with a 30-day default window and blocks every read and write until restored', async () => {
    const { name, arn, versionId } = await createWithValue('crud/delete', 'doomed');
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: name }));
    expect(deleted).toMatchObject({ ARN: arn, Name: name });
    expect(deleted.DeletionDate?.getTime()).toBe(clock.current() + 30 * dayMs);

    const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.DeletedDate?.getTime()).toBe(deleted.DeletionDate?.getTime());

    const blocked = [
      () => client.send(new GetSecretValueCommand({ SecretId: name })),
      () => client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x' })),
      () => client.send(new UpdateSecretCommand({ SecretId: name, Description: 'x' })),
      () => client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] })),
      () => client.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['k'] })),
      () => client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: versionId })),
      () => client.send(new DeleteSecretCommand({ SecretId: name })),
      () => client.send(new CreateSecretCommand({ Name: name, SecretString: 'again' })),
    ];
    for (const call of blocked) {
      const error = await awsError(call());
      expect(error.name).toBe('InvalidRequestException');
    }
    const blockedRead = await awsError(client.send(new GetSecretValueCommand({ SecretId: name })));
    expect(blockedRead.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");

    const listed = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }] }));
    expect(listed.SecretList).toEqual([]);
    const planned = await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: [name] }] }));
    expect(planned.SecretList?.map((entry) => entry.Name)).toEqual([name]);
    expect(planned.SecretList?.[0]?.DeletedDate).toBeInstanceOf(Date);

    const restored = await client.send(new RestoreSecretCommand({ SecretId: name }));
    expect(restored).toMatchObject({ ARN: arn, Name: name });
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('doomed');
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate).toBeUndefined();
  });

  it('accepts a recovery window of 7 to 30 days only, and never together with force delete', async () => {
    const { name } = await createWithValue('crud/window', 'v');
    for (const days of [6, 31]) {
      const error = await awsError(client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: days })));
      expect(error.name).toBe('InvalidParameterException');
    }
    const both = await awsError(client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })));
    expect(both.name).toBe('InvalidParameterException');
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate?.getTime()).toBe(clock.current() + 7 * dayMs);
  });

  it('purges a secret once its recovery window has passed', async () => {
    const { name } = await createWithValue('crud/expire', 'v');
    await client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    clock.advanceDays(6);
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate).toBeInstanceOf(Date);
    clock.advanceDays(1);
    expect((await awsError(client.send(new DescribeSecretCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'reborn' }));
  });

  it('force-deletes at once, frees the name for a new ARN, and does not report a missing secret', async () => {
    const { name, arn } = await createWithValue('crud/force', 'v');
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    expect(deleted).toMatchObject({ ARN: arn, Name: name });
    expect(deleted.DeletionDate?.getTime()).toBe(clock.current());
    expect((await awsError(client.send(new DescribeSecretCommand({ SecretId: name })))).name).toBe('ResourceNotFoundException');
    const recreated = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v2' }));
    expect(recreated.ARN).not.toBe(arn);
    const missing = await client.send(new DeleteSecretCommand({ SecretId: 'crud/never-existed', ForceDeleteWithoutRecovery: true }));
    expect(missing.Name).toBe('crud/never-existed');
    expect((await awsError(client.send(new DeleteSecretCommand({ SecretId: 'crud/never-existed' })))).name).toBe('ResourceNotFoundException');
  });

  it('restoring a secret that is not scheduled for deletion changes nothing', async () => {
    const { name } = await createWithValue('crud/restore-noop', 'v');
    await client.send(new RestoreSecretCommand({ SecretId: name }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('v');
  });
});

describe('TagResource and UntagResource', () => {
  it('adds, overwrites and removes tags', async () => {
    const name = uniqueName('crud/tags');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', Tags: [{ Key: 'team', Value: 'data' }] }));
    await client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }] }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).Tags).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'env', Value: 'prod' },
    ]);
    await client.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['team', 'not-there'] }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
  });

  it('rejects reserved, duplicate and too many tags', async () => {
    const name = uniqueName('crud/tag-rules');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const reserved = await awsError(client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'aws:owner', Value: 'x' }] })));
    expect(reserved.name).toBe('InvalidParameterException');
    const duplicate = await awsError(
      client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })),
    );
    expect(duplicate.name).toBe('InvalidParameterException');
    const tooMany = Array.from({ length: 51 }, (_, index) => ({ Key: `k${String(index)}`, Value: 'v' }));
    expect((await awsError(client.send(new TagResourceCommand({ SecretId: name, Tags: tooMany })))).name).toBe('InvalidParameterException');
    const longKey = await awsError(client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })));
    expect(longKey.name).toBe('ValidationException');
    expect((await client.send(new DescribeSecretCommand({ SecretId: name }))).Tags).toBeUndefined();
  });
});
