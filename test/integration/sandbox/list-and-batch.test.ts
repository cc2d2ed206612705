import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  ListSecretsCommand,
  paginateListSecrets,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Filter, ListSecretsCommandInput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { awsError, manualClock, secretsClient, startTestSandbox } from './sandbox-harness';

const clock = manualClock(new Date('2026-05-01T08:00:00Z'));
let sandbox: SandboxHandle;
let client: SecretsManagerClient;

/** A fixed, known set of secrets (created one second apart, in this order) for the filter tests. */
const fixtures = [
  { Name: 'airflow/connections/orders_db', Description: 'Orders PostgreSQL replica', Tags: [{ Key: 'team', Value: 'commerce' }] },
  { Name: 'airflow/connections/warehouse', Description: 'snowflake warehouse', Tags: [{ Key: 'team', Value: 'data' }, { Key: 'tier', Value: 'gold' }] },
  { Name: 'airflow/variables/environment', Description: 'Environment name', Tags: [{ Key: 'team', Value: 'data' }] },
  { Name: 'airflow/config/sql_alchemy_conn', Description: 'Metadata DB', Tags: [] },
  { Name: 'Airflow/connections/capitalised', Description: 'wrong case prefix', Tags: [{ Key: 'owner', Value: 'commerce-ops' }] },
  { Name: 'billing/api_key', Tags: [{ Key: 'team', Value: 'billing' }] },
];

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: clock.now });
  client = secretsClient(sandbox);
  for (const fixture of fixtures) {
    await client.send(new CreateSecretCommand({ ...fixture, SecretString: `value of ${fixture.Name}` }));
    clock.advanceMs(1_000);
  }
});

afterAll(async () => {
  client.destroy();
  await sandbox.close();
});

async function namesFor(filters: Filter[], extra: Partial<ListSecretsCommandInput> = {}): Promise<string[]> {
  const result = await client.send(new ListSecretsCommand({ Filters: filters, ...extra }));
  return (result.SecretList ?? []).map((entry) => entry.Name ?? '');
}

describe('ListSecrets filters', () => {
  it('matches name as a case-sensitive prefix', async () => {
    expect(await namesFor([{ Key: 'name', Values: ['airflow/connections/'] }])).toEqual(['airflow/connections/orders_db', 'airflow/connections/warehouse']);
    expect(await namesFor([{ Key: 'name', Values: ['Airflow/'] }])).toEqual(['Airflow/connections/capitalised']);
  });

  it('matches description as a case-insensitive prefix', async () => {
    expect(await namesFor([{ Key: 'description', Values: ['SNOWFLAKE'] }])).toEqual(['airflow/connections/warehouse']);
    expect(await namesFor([{ Key: 'description', Values: ['postgres'] }])).toEqual([]);
  });

  it('matches tag keys and tag values', async () => {
    expect(await namesFor([{ Key: 'tag-key', Values: ['tier'] }])).toEqual(['airflow/connections/warehouse']);
    expect(await namesFor([{ Key: 'tag-value', Values: ['commerce'] }])).toEqual(['airflow/connections/orders_db', 'Airflow/connections/capitalised']);
  });

  it('ORs the values of one filter and ANDs separate filters', async () => {
    expect(await namesFor([{ Key: 'name', Values: ['airflow/variables/', 'airflow/config/'] }])).toEqual([
      'airflow/variables/environment',
      'airflow/config/sql_alchemy_conn',
    ]);
    expect(await namesFor([{ Key: 'name', Values: ['airflow/'] }, { Key: 'tag-value', Values: ['data'] }])).toEqual([
      'airflow/connections/warehouse',
      'airflow/variables/environment',
    ]);
  });

  it('negates a value that starts with !', async () => {
    expect(await namesFor([{ Key: 'name', Values: ['!airflow/'] }])).toEqual(['Airflow/connections/capitalised', 'billing/api_key']);
    expect(await namesFor([{ Key: 'name', Values: ['airflow/'] }, { Key: 'name', Values: ['!airflow/connections/'] }])).toEqual([
      'airflow/variables/environment',
      'airflow/config/sql_alchemy_conn',
    ]);
    expect(await namesFor([{ Key: 'tag-key', Values: ['!team'] }])).toEqual(['airflow/config/sql_alchemy_conn', 'Airflow/connections/capitalised']);
  });

  it('searches words across name, description and tags with the all key', async () => {
    expect(await namesFor([{ Key: 'all', Values: ['postgresql'] }])).toEqual(['airflow/connections/orders_db']);
    expect(await namesFor([{ Key: 'all', Values: ['gold'] }])).toEqual(['airflow/connections/warehouse']);
    expect(await namesFor([{ Key: 'all', Values: ['billing'] }])).toEqual(['billing/api_key']);
    expect(await namesFor([{ Key: 'all', Values: ['SQL replica'] }])).toEqual(['airflow/connections/orders_db']);
  });

  it('validates filter keys, values and counts', async () => {
    const badValue = await awsError(client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['air*'] }] })));
    expect(badValue.name).toBe('ValidationException');
    const badKey = await awsError(client.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as Filter['Key'], Values: ['x'] }] })));
    expect(badKey.name).toBe('ValidationException');
    const tooMany = Array.from({ length: 11 }, () => ({ Key: 'name' as const, Values: ['a'] }));
    expect((await awsError(client.send(new ListSecretsCommand({ Filters: tooMany })))).name).toBe('ValidationException');
    const noValues = await awsError(client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [] }] })));
    expect(noValues.name).toBe('ValidationException');
  });
});

describe('ListSecrets sorting and entries', () => {
  it('sorts by name or creation date in either order', async () => {
    const byName = await namesFor([{ Key: 'name', Values: ['airflow/'] }], { SortBy: 'name', SortOrder: 'asc' });
    expect(byName).toEqual([...byName].sort());
    expect(byName).toHaveLength(4);
    const newestFirst = await namesFor([{ Key: 'name', Values: ['airflow/'] }], { SortBy: 'created-date', SortOrder: 'desc' });
    expect(newestFirst).toEqual(['airflow/config/sql_alchemy_conn', 'airflow/variables/environment', 'airflow/connections/warehouse', 'airflow/connections/orders_db']);
  });

  it('sorts by last-changed date, which a write moves forward', async () => {
    await client.send(new TagResourceCommand({ SecretId: 'airflow/variables/environment', Tags: [{ Key: 'reviewed', Value: 'yes' }] }));
    clock.advanceMs(1_000);
    const recentFirst = await namesFor([{ Key: 'name', Values: ['airflow/'] }], { SortBy: 'last-changed-date', SortOrder: 'desc' });
    expect(recentFirst[0]).toBe('airflow/variables/environment');
    expect(recentFirst).toHaveLength(4);
  });

  it('issue 12 item 8: the same query asked again after a write sees the write (sorted matches are reused only until the store changes)', async () => {
    const query: Filter[] = [{ Key: 'name', Values: ['airflow/'] }];
    const recentFirst = { SortBy: 'last-changed-date', SortOrder: 'desc' } as const;
    const before = await namesFor(query, recentFirst);
    expect(await namesFor(query, recentFirst), 'the same query, no write between').toEqual(before);
    for (const name of ['airflow/connections/warehouse', 'airflow/connections/orders_db']) {
      expect((await namesFor(query, recentFirst))[0]).not.toBe(name);
      await client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'reviewed', Value: 'yes' }] }));
      clock.advanceMs(1_000);
      const after = await namesFor(query, recentFirst);
      expect(after[0], `${name} was changed last`).toBe(name);
      expect([...after].sort()).toEqual([...before].sort());
    }
  });

  it('returns metadata and the version-to-stage map, never a value', async () => {
    const result = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['billing/'] }] }));
    const entry = result.SecretList?.[0];
    expect(entry?.SecretVersionsToStages).toBeDefined();
    expect(Object.values(entry?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    expect(entry?.CreatedDate).toBeInstanceOf(Date);
    expect(JSON.stringify(result)).not.toContain('value of');
  });

  it('rejects MaxResults outside 1-100', async () => {
    for (const max of [0, 101]) expect((await awsError(client.send(new ListSecretsCommand({ MaxResults: max })))).name).toBe('ValidationException');
  });
});

describe('ListSecrets pagination', () => {
  it('returns 250 secrets in pages of 100, 100 and 50 with an opaque NextToken', async () => {
    const otherSandbox = await startTestSandbox();
    const otherClient = secretsClient(otherSandbox);
    try {
      const created = new Set<string>();
      for (let i = 0; i < 250; i += 1) {
        const name = `bulk/secret-${String(i).padStart(3, '0')}`;
        await otherClient.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
        created.add(name);
      }
      const pageSizes: number[] = [];
      const seen: string[] = [];
      for await (const page of paginateListSecrets({ client: otherClient, pageSize: 100 }, {})) {
        pageSizes.push(page.SecretList?.length ?? 0);
        seen.push(...(page.SecretList ?? []).map((entry) => entry.Name ?? ''));
      }
      expect(pageSizes).toEqual([100, 100, 50]);
      expect(new Set(seen)).toEqual(created);
      expect(seen).toHaveLength(250);

      const first = await otherClient.send(new ListSecretsCommand({ MaxResults: 100 }));
      expect(first.NextToken).toEqual(expect.any(String));
      const last = await otherClient.send(new ListSecretsCommand({ MaxResults: 100, NextToken: first.NextToken }));
      const third = await otherClient.send(new ListSecretsCommand({ MaxResults: 100, NextToken: last.NextToken }));
      expect(third.NextToken).toBeUndefined();
    } finally {
      otherClient.destroy();
      await otherSandbox.close();
    }
  });

  it('does not skip or repeat entries when a secret is added between pages', async () => {
    const first = await client.send(new ListSecretsCommand({ MaxResults: 3 }));
    await client.send(new CreateSecretCommand({ Name: 'zz/late-arrival', SecretString: 'v' }));
    clock.advanceMs(1_000);
    const seen = (first.SecretList ?? []).map((entry) => entry.Name);
    let token = first.NextToken;
    while (token !== undefined) {
      const page = await client.send(new ListSecretsCommand({ MaxResults: 3, NextToken: token }));
      seen.push(...(page.SecretList ?? []).map((entry) => entry.Name));
      token = page.NextToken;
    }
    expect(seen).toEqual([...fixtures.map((fixture) => fixture.Name), 'zz/late-arrival']);
  });

  it('rejects a malformed NextToken and one from a different query', async () => {
    const garbage = await awsError(client.send(new ListSecretsCommand({ NextToken: 'bm90LWEtdG9rZW4' })));
    expect(garbage.name).toBe('InvalidNextTokenException');
    const page = await client.send(new ListSecretsCommand({ MaxResults: 1 }));
    const foreign = await awsError(client.send(new ListSecretsCommand({ MaxResults: 1, NextToken: page.NextToken, SortOrder: 'desc' })));
    expect(foreign.name).toBe('InvalidNextTokenException');
  });
});

describe('BatchGetSecretValue', () => {
  it('returns values by id and reports missing and scheduled secrets per entry', async () => {
    await client.send(new CreateSecretCommand({ Name: 'batch/scheduled', SecretString: 'v' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'batch/scheduled' }));
    const result = await client.send(
      new BatchGetSecretValueCommand({ SecretIdList: ['airflow/variables/environment', 'batch/missing', 'batch/scheduled', 'billing/api_key'] }),
    );
    expect(result.SecretValues?.map((value) => [value.Name, value.SecretString, value.VersionStages])).toEqual([
      ['airflow/variables/environment', 'value of airflow/variables/environment', ['AWSCURRENT']],
      ['billing/api_key', 'value of billing/api_key', ['AWSCURRENT']],
    ]);
    expect(result.Errors?.map((error) => [error.SecretId, error.ErrorCode])).toEqual([
      ['batch/missing', 'ResourceNotFoundException'],
      ['batch/scheduled', 'InvalidRequestException'],
    ]);
  });

  it('pages through secrets selected by filters', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const page = await client.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['airflow/'] }], MaxResults: 3, NextToken: token }));
      names.push(...(page.SecretValues ?? []).map((value) => value.Name ?? ''));
      token = page.NextToken;
      calls += 1;
    } while (token !== undefined);
    expect(calls).toBe(2);
    expect(names).toEqual(['airflow/connections/orders_db', 'airflow/connections/warehouse', 'airflow/variables/environment', 'airflow/config/sql_alchemy_conn']);
  });

  it('needs either SecretIdList (1-20 ids) or Filters, never both, and MaxResults only with Filters', async () => {
    const both = await awsError(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['a'], Filters: [{ Key: 'name', Values: ['a'] }] })));
    expect(both.name).toBe('InvalidParameterException');
    expect((await awsError(client.send(new BatchGetSecretValueCommand({})))).name).toBe('InvalidParameterException');
    const maxWithIds = await awsError(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['a'], MaxResults: 5 })));
    expect(maxWithIds.name).toBe('InvalidParameterException');
    const ids = Array.from({ length: 21 }, (_, index) => `id-${String(index)}`);
    expect((await awsError(client.send(new BatchGetSecretValueCommand({ SecretIdList: ids })))).name).toBe('ValidationException');
  });
});
