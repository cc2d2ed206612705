import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/services/sandbox';
import { secretsClient, startupError } from './sandbox-harness';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'airlock-sandbox-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('data file persistence', () => {
  it('keeps secrets, versions, tags and scheduled deletions across a restart', async () => {
    const dataFile = join(directory, 'state', 'sandbox.json');
    const first = await startSandbox({ dataFile });
    const client = secretsClient(first);
    const created = await client.send(
      new CreateSecretCommand({ Name: 'airflow/connections/db', SecretString: 'one', Description: 'DB', Tags: [{ Key: 'team', Value: 'data' }] }),
    );
    await client.send(new PutSecretValueCommand({ SecretId: 'airflow/connections/db', SecretString: 'two' }));
    await client.send(new CreateSecretCommand({ Name: 'airflow/variables/old', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'airflow/variables/old', RecoveryWindowInDays: 7 }));
    const before = await client.send(new DescribeSecretCommand({ SecretId: 'airflow/connections/db' }));
    client.destroy();
    await first.close();

    const second = await startSandbox({ dataFile });
    const again = secretsClient(second);
    try {
      const after = await again.send(new DescribeSecretCommand({ SecretId: 'airflow/connections/db' }));
      expect(after.ARN).toBe(created.ARN);
      expect(after.VersionIdsToStages).toEqual(before.VersionIdsToStages);
      expect(after.Tags).toEqual([{ Key: 'team', Value: 'data' }]);
      expect(after.CreatedDate).toEqual(before.CreatedDate);
      expect((await again.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('two');
      expect((await again.send(new GetSecretValueCommand({ SecretId: 'airflow/connections/db', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('one');
      expect((await again.send(new DescribeSecretCommand({ SecretId: 'airflow/variables/old' }))).DeletedDate).toBeInstanceOf(Date);
    } finally {
      again.destroy();
      await second.close();
    }
  });

  it('writes the file with mode 0600 and leaves no temporary files behind', async () => {
    const dataFile = join(directory, 'sandbox.json');
    const sandbox = await startSandbox({ dataFile });
    const client = secretsClient(sandbox);
    expect(existsSync(dataFile)).toBe(false);
    await client.send(new CreateSecretCommand({ Name: 'persist/mode', SecretString: 'v' }));
    await client.send(new PutSecretValueCommand({ SecretId: 'persist/mode', SecretString: 'w' }));
    client.destroy();
    await sandbox.close();
    if (process.platform !== 'win32') expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(['sandbox.json']);
  });

  it('refuses to start over a file that is not valid JSON, without touching it or quoting it', async () => {
    const dataFile = join(directory, 'broken.json');
    const content = '{"format":"airlock-sandbox","secrets":[{"name":"x","value":"hunter2-secret-value"';
    writeFileSync(dataFile, content);
    const error = await startupError(dataFile);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(dataFile);
    expect(error.message).not.toContain('hunter2');
    expect(readFileSync(dataFile, 'utf8')).toBe(content);
  });

  it('refuses to start over JSON that is not a sandbox state file', async () => {
    const dataFile = join(directory, 'other.json');
    writeFileSync(dataFile, JSON.stringify({ format: 'airlock-sandbox', version: 1, nextSeq: 1, secrets: [{ name: 'incomplete' }] }));
    expect((await startupError(dataFile)).code).toBe('INVALID_INPUT');
    writeFileSync(dataFile, '[]');
    expect((await startupError(dataFile)).code).toBe('INVALID_INPUT');
  });
});
