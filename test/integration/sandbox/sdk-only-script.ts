/**
 * A short script that uses nothing but `@aws-sdk/client-secrets-manager`, the way a user's own
 * tooling would talk to the sandbox. It records what it observed; the test checks the record.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';

export interface ScriptRecord {
  created: string[];
  listedPages: number;
  listedNames: string[];
  readValue?: string;
  updatedValue?: string;
  errors: Record<string, string>;
  restoredValue?: string;
}

async function errorName(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'no error';
  } catch (error) {
    return error instanceof Error ? error.name : 'unknown';
  }
}

export async function runSdkOnlyScript(endpoint: string): Promise<ScriptRecord> {
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'script', secretAccessKey: 'script' },
  });
  const record: ScriptRecord = { created: [], listedPages: 0, listedNames: [], errors: {} };
  try {
    for (const key of ['alpha', 'beta', 'gamma']) {
      const created = await client.send(new CreateSecretCommand({ Name: `script/variables/${key}`, SecretString: `${key}-value` }));
      record.created.push(created.Name ?? '');
    }
    await client.send(new CreateSecretCommand({ Name: 'script/other/delta', SecretString: 'delta-value' }));

    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['script/variables/'] }], MaxResults: 2, NextToken: nextToken }));
      record.listedPages += 1;
      record.listedNames.push(...(page.SecretList ?? []).map((entry) => entry.Name ?? ''));
      nextToken = page.NextToken;
    } while (nextToken !== undefined);

    record.readValue = (await client.send(new GetSecretValueCommand({ SecretId: 'script/variables/alpha' }))).SecretString;
    await client.send(new UpdateSecretCommand({ SecretId: 'script/variables/alpha', SecretString: 'alpha-v2' }));
    record.updatedValue = (await client.send(new GetSecretValueCommand({ SecretId: 'script/variables/alpha' }))).SecretString;

    record.errors.duplicate = await errorName(() => client.send(new CreateSecretCommand({ Name: 'script/variables/beta', SecretString: 'again' })));
    record.errors.missing = await errorName(() => client.send(new GetSecretValueCommand({ SecretId: 'script/variables/nope' })));
    await client.send(new DeleteSecretCommand({ SecretId: 'script/variables/gamma', RecoveryWindowInDays: 7 }));
    record.errors.scheduled = await errorName(() => client.send(new GetSecretValueCommand({ SecretId: 'script/variables/gamma' })));
    await client.send(new RestoreSecretCommand({ SecretId: 'script/variables/gamma' }));
    record.restoredValue = (await client.send(new GetSecretValueCommand({ SecretId: 'script/variables/gamma' }))).SecretString;
  } finally {
    client.destroy();
  }
  return record;
}
