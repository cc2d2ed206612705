import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { awsError, secretsClient, startTestSandbox, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;
let client: SecretsManagerClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = secretsClient(sandbox);
});

afterAll(async () => {
  client.destroy();
  await sandbox.close();
});

/** A secret with two versions: v1 (AWSPREVIOUS) and v2 (AWSCURRENT). */
async function twoVersions(prefix: string): Promise<{ name: string; v1: string; v2: string }> {
  const name = uniqueName(prefix);
  const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
  const put = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
  return { name, v1: created.VersionId ?? '', v2: put.VersionId ?? '' };
}

async function stagesOf(name: string): Promise<Record<string, string[]>> {
  return (await client.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages ?? {};
}

describe('ClientRequestToken', () => {
  it('makes PutSecretValue idempotent for the same value and refuses a different value', async () => {
    const name = uniqueName('versions/token');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const token = randomUUID();
    const first = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
    const again = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: token }));
    expect(first.VersionId).toBe(token);
    expect(again.VersionId).toBe(token);
    const versions = await client.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    expect(versions.Versions).toHaveLength(2);
    const changed = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three', ClientRequestToken: token })));
    expect(changed.name).toBe('ResourceExistsException');
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('two');
  });

  it('applies the same rule to UpdateSecret and rejects tokens outside 32-64 characters', async () => {
    const { name, v2 } = await twoVersions('versions/update-token');
    const reused = await awsError(client.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'other', ClientRequestToken: v2 })));
    expect(reused.name).toBe('ResourceExistsException');
    const short = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x', ClientRequestToken: 'too-short' })));
    expect(short.name).toBe('ValidationException');
  });
});

describe('UpdateSecretVersionStage', () => {
  it('rolls back by moving AWSCURRENT to the previous version, which swaps the two labels', async () => {
    const { name, v1, v2 } = await twoVersions('versions/rollback');
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v1, RemoveFromVersionId: v2 }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('one');
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSCURRENT'], [v2]: ['AWSPREVIOUS'] });
  });

  it('requires RemoveFromVersionId when the label sits on another version (a compare-and-swap)', async () => {
    const { name, v1, v2 } = await twoVersions('versions/cas');
    const missingRemove = await awsError(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v1 })));
    expect(missingRemove.name).toBe('InvalidParameterException');
    const wrongRemove = await awsError(
      client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 })),
    );
    expect(wrongRemove.name).toBe('InvalidParameterException');
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
  });

  it('refuses to remove AWSCURRENT without moving it, and unknown versions', async () => {
    const { name, v1, v2 } = await twoVersions('versions/remove-current');
    const remove = await awsError(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', RemoveFromVersionId: v2 })));
    expect(remove.name).toBe('InvalidParameterException');
    const unknown = await awsError(
      client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: randomUUID(), RemoveFromVersionId: v2 })),
    );
    expect(unknown.name).toBe('InvalidParameterException');
    const nothing = await awsError(client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT' })));
    expect(nothing.name).toBe('InvalidParameterException');
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
  });

  it('attaches and removes a custom label; a version left without labels becomes deprecated', async () => {
    const { name, v1, v2 } = await twoVersions('versions/custom');
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'REVIEWED', MoveToVersionId: v2 }));
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT', 'REVIEWED'] });
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS', RemoveFromVersionId: v1 }));
    expect(await stagesOf(name)).toEqual({ [v2]: ['AWSCURRENT', 'REVIEWED'] });
    const active = await client.send(new ListSecretVersionIdsCommand({ SecretId: name }));
    expect(active.Versions?.map((version) => version.VersionId)).toEqual([v2]);
    const all = await client.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    expect(all.Versions?.map((version) => [version.VersionId, version.VersionStages])).toEqual([
      [v2, ['AWSCURRENT', 'REVIEWED']],
      [v1, []],
    ]);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name, VersionId: v1 }))).SecretString).toBe('one');
  });
});

describe('PutSecretValue with VersionStages', () => {
  it('can stage a pending value without touching AWSCURRENT', async () => {
    const { name, v1, v2 } = await twoVersions('versions/pending');
    const pending = await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three', VersionStages: ['AWSPENDING'] }));
    expect(pending.VersionStages).toEqual(['AWSPENDING']);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('two');
    expect((await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' }))).SecretString).toBe('three');
    expect(await stagesOf(name)).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'], [pending.VersionId ?? '']: ['AWSPENDING'] });
  });
});

describe('ListSecretVersionIds', () => {
  it('pages through versions newest first and rejects a bad NextToken', async () => {
    const name = uniqueName('versions/pages');
    const ids = [(await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v0' }))).VersionId ?? ''];
    for (let i = 1; i < 5; i += 1) {
      ids.push((await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: `v${String(i)}` }))).VersionId ?? '');
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true, MaxResults: 2, NextToken: nextToken }));
      seen.push(...(page.Versions ?? []).map((version) => version.VersionId ?? ''));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const bad = await awsError(client.send(new ListSecretVersionIdsCommand({ SecretId: name, NextToken: 'not-a-token' })));
    expect(bad.name).toBe('InvalidNextTokenException');
  });

  it('keeps about 100 versions, dropping the oldest deprecated ones first', async () => {
    const name = uniqueName('versions/prune');
    const first = (await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v0' }))).VersionId ?? '';
    for (let i = 1; i <= 104; i += 1) await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: `v${String(i)}` }));
    const all = await client.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    expect(all.Versions).toHaveLength(100);
    expect(all.Versions?.some((version) => version.VersionId === first)).toBe(false);
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('v104');
    expect((await client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('v103');
  });
});
