/**
 * Issue 12 at test scale: the gateway's call counts, the range listing, the streamed listing and
 * its inventory, batch reads, and bulk writes, all against the sandbox over HTTP. Nothing here is
 * timed: the sandbox counts the calls, and the outcomes are checked item by item.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, ListSecretVersionIdsCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { SECRETS_MANAGER_MAX_ATTEMPTS } from '../../../electron/services/aws/sdk-clients';
import { runImport } from '../../../electron/services/secrets/import-service';
import { createSecretInventory, INVENTORY_FOLDER } from '../../../electron/services/secrets/inventory-store';
import { createListingStreams } from '../../../electron/services/secrets/listing-streams';
import { checkConnectionValues, listAirflowSecrets, listOutsideSecrets } from '../../../electron/services/secrets/listing-service';
import { createSecretsManagerAccess, type SecretsManagerAccess } from '../../../electron/services/secrets/secrets-gateway';
import { createSecret, restoreSecrets } from '../../../electron/services/secrets/write-service';
import { newToken, startHarness, type Harness } from './secrets-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Seeds many secrets quickly (50 at a time, through the other client). */
async function seedMany(secrets: readonly { name: string; value: string }[]): Promise<void> {
  for (let start = 0; start < secrets.length; start += 50) {
    await Promise.all(secrets.slice(start, start + 50).map((secret) => h.other.send(new CreateSecretCommand({ Name: secret.name, SecretString: secret.value }))));
  }
}

/** Names spread like real ones: a few big families and many small ones. */
function airflowNames(count: number, tag: string): string[] {
  const families = ['postgres', 'mysql', 'http', 'aws', 'slack', 'snowflake', 's3', 'kafka'];
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 4 === 0 ? 'variables' : 'connections';
    return `airflow/${kind}/${families[(i * 7) % families.length] ?? 'x'}_${tag}_${i}`;
  });
}

/** An access whose gateways count the ListSecrets queries started (each range is one). */
function countingAccess(): { access: SecretsManagerAccess; queries: () => number } {
  const inner = createSecretsManagerAccess();
  let queries = 0;
  return {
    access: {
      gateway(target) {
        const gateway = inner.gateway(target);
        return {
          ...gateway,
          listPages(query, options) {
            queries += 1;
            return gateway.listPages(query, options);
          },
        };
      },
    },
    queries: () => queries,
  };
}

describe('issue 12: listing at scale', () => {
  it('issue 12 item 2: a listing planned from the names seen before fetches ranges at once, within 1.5 x ceil(N/100) calls, finds every secret once and reads no value', async () => {
    const seen = airflowNames(800, 'a');
    await seedMany(seen.map((name) => ({ name, value: `value-of-${name}` })));
    const counting = countingAccess();
    const deps = { ...h.deps, access: counting.access };
    const first = await listAirflowSecrets(deps, { kwargs: '' });
    expect(first.items).toHaveLength(800);
    expect(counting.queries()).toBe(1);

    // Names nobody has seen yet land in the ranges too, wherever they fall.
    const unseen = [...airflowNames(40, 'b'), 'airflow/connections/0', 'airflow/variables/zzz', 'airflow/config/parallelism', 'airflow/connections/'];
    await seedMany(unseen.map((name) => ({ name, value: 'v' })));
    h.sandbox.resetStats();
    const second = await listAirflowSecrets(deps, { kwargs: '' });

    const n = seen.length + unseen.length;
    // 8 pages seen: 4 ranges at once.
    expect(counting.queries() - 1).toBe(4);
    expect(new Set([...second.items, ...second.notLookedUp].map((item) => item.name))).toEqual(new Set([...seen, ...unseen]));
    expect(second.items.length + second.notLookedUp.length).toBe(n);
    const stats = h.sandbox.stats();
    expect(stats.requests.ListSecrets).toBe(second.listCalls);
    expect(second.listCalls).toBeLessThanOrEqual(1.5 * Math.ceil(n / 100));
    expect(stats.total).toBe(stats.requests.ListSecrets);
  });

  it('issue 12 item 2: "Outside the prefixes" costs two calls however many secrets are under the prefixes (negated name filters)', async () => {
    await seedMany([
      ...airflowNames(350, 'c').map((name) => ({ name, value: 'v' })),
      { name: '/airflow/variables/legacy', value: 'v' },
      { name: 'Airflow/Variables/cased', value: 'v' },
      { name: 'prod/connections/elsewhere', value: 'v' },
      { name: 'payments/stripe', value: 'v' },
    ]);
    h.sandbox.resetStats();
    const outside = await listOutsideSecrets(h.deps, { kwargs: '' });
    expect(outside.items.map((item) => item.name).sort()).toEqual(['/airflow/variables/legacy', 'Airflow/Variables/cased', 'prod/connections/elsewhere']);
    expect(h.sandbox.stats().requests).toEqual({ ListSecrets: 2 });
  });

  it('issue 12 item 5: every attempt of a write takes a slot of the write bucket, the SDK\'s retries of a throttled call included', async () => {
    const slots: string[] = [];
    const access = createSecretsManagerAccess({
      limiter: {
        acquire: (_key, apiClass) => {
          slots.push(apiClass);
          return Promise.resolve();
        },
      },
    });
    const gateway = access.gateway({ profile: 'sandbox', region: 'us-east-1', secretsManager: h.clients.secretsManager, secretsManagerEndpoint: h.sandbox.url });
    h.sandbox.setFaults({ throttleNext: 2 });
    h.sandbox.resetStats();
    await gateway.create({ Name: 'airflow/variables/paced', SecretString: 'v', ClientRequestToken: newToken() });
    expect(h.sandbox.stats().requests.CreateSecret).toBe(3);
    expect(slots).toEqual(['write', 'write', 'write']);
  });

  it('issue 12 item 1: throttling is retried by the SDK alone, and the error names the profile and region', async () => {
    await h.seed([{ name: 'airflow/variables/one', value: 'v' }]);
    h.sandbox.setFaults({ throttleRate: 1 });
    h.sandbox.resetStats();
    const error = await listAirflowSecrets(h.deps, { kwargs: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^ThrottlingException from Secrets Manager for profile "sandbox" in us-east-1: /);
    expect((error as AppError).retryable).toBe(true);
    // One retry policy: the SDK's attempts, not the SDK's attempts times an app loop.
    expect(h.sandbox.stats().requests.ListSecrets).toBe(SECRETS_MANAGER_MAX_ATTEMPTS);
  });
});

describe('issue 12: the streamed listing and its inventory', () => {
  it('issue 12 item 2: the first answer carries the first page, and the rest streams in until the rows are the whole listing', async () => {
    const names = airflowNames(260, 'd');
    await seedMany(names.map((name) => ({ name, value: 'v' })));
    const streams = createListingStreams();
    const first = await streams.start(h.deps, { kwargs: '' });
    expect(first.stream).toMatchObject({ fromCache: false, listedAt: null });
    expect(first.items).toHaveLength(100);
    const rows = new Map(first.items.map((item) => [item.name, item]));
    let cursor = first.stream?.cursor ?? 0;
    for (let answers = 0; ; answers += 1) {
      expect(answers, 'the listing never said it was done').toBeLessThan(50);
      const update = await streams.more(first.stream?.listingId ?? '', cursor);
      for (const item of update.items) rows.set(item.name, item);
      for (const name of update.removed) rows.delete(name);
      cursor = update.cursor;
      if (update.done) {
        expect(update.error).toBeNull();
        expect(update.listedAt).not.toBeNull();
        break;
      }
    }
    expect([...rows.keys()].sort()).toEqual([...names].sort());
  });

  it('issue 12 item 3: the next start shows the inventory at once (names and metadata only, on disk), revalidates it, and a write shows at once', async () => {
    const names = airflowNames(150, 'e');
    await seedMany(names.map((name) => ({ name, value: `value-of-${name}` })));
    await listAirflowSecrets(h.deps, { kwargs: '' });
    await h.inventory.flush();

    // The inventory on disk: the names, never a value.
    const folder = join(h.dataDir, INVENTORY_FOLDER);
    const files = await readdir(folder);
    expect(files).toHaveLength(1);
    const text = await readFile(join(folder, files[0] ?? ''), 'utf8');
    expect(text).toContain(names[0]);
    expect(text).not.toContain('value-of-');

    // A restart: a new inventory over the same data folder, and a slow Secrets Manager.
    const restarted = { ...h.deps, inventory: createSecretInventory({ directory: h.dataDir }) };
    await h.other.send(new DeleteSecretCommand({ SecretId: names[1], ForceDeleteWithoutRecovery: true }));
    h.sandbox.setFaults({ latencyMs: 300 });
    h.sandbox.resetStats();
    const streams = createListingStreams();
    const cached = await streams.start(restarted, { kwargs: '' });
    expect(cached.stream).toMatchObject({ fromCache: true });
    expect(cached.stream?.listedAt).not.toBeNull();
    expect(cached.items).toHaveLength(150);
    // Answered before the revalidation had its first page back.
    expect(h.sandbox.stats().total - (h.sandbox.stats().requests.ListSecrets ?? 0)).toBe(0);

    let update = await streams.more(cached.stream?.listingId ?? '', cached.stream?.cursor ?? 0);
    while (!update.done) update = await streams.more(update.listingId, update.cursor);
    expect(update.removed).toEqual([names[1]]);
    h.sandbox.setFaults({ latencyMs: 0 });

    // A write of Airlock's is in the inventory before ListSecrets is asked again.
    await createSecret(restarted, { kwargs: '', kind: 'variable', id: 'written_now', value: 'v', clientRequestToken: newToken() });
    const known = await restarted.inventory.knownNames({ profile: 'sandbox', account: null, region: 'us-east-1', endpoint: h.sandbox.url }, ['airflow/']);
    expect(known).toContain('airflow/variables/written_now');
    const againStreams = createListingStreams();
    const again = await againStreams.start(restarted, { kwargs: '' });
    expect(again.items.map((item) => item.name)).toContain('airflow/variables/written_now');
    // Let its revalidation end before the data folder goes.
    let last = await againStreams.more(again.stream?.listingId ?? '', again.stream?.cursor ?? 0);
    while (!last.done) last = await againStreams.more(last.listingId, last.cursor);
    await restarted.inventory.flush();
  });
});

describe('issue 12: the first answer with a warm inventory', () => {
  it('issue 12 item 4: with a warm inventory the first answer carries a bounded first slice in the list\'s order, and the first listMore brings the rest', async () => {
    const names = airflowNames(150, 'f');
    await seedMany(names.map((name) => ({ name, value: 'v' })));
    await listAirflowSecrets(h.deps, { kwargs: '' });
    // Slow enough that the revalidation has no page back when the first listMore answers.
    h.sandbox.setFaults({ latencyMs: 300 });
    const streams = createListingStreams({ firstAnswerRows: 40 });
    const first = await streams.start(h.deps, { kwargs: '' });
    expect(first.stream).toMatchObject({ fromCache: true, cursor: 0 });
    expect(first.stream?.listedAt).not.toBeNull();
    // The first rows the list shows: connections before variables, by id.
    const connectionIds = names.filter((name) => name.startsWith('airflow/connections/')).map((name) => name.slice('airflow/connections/'.length)).sort((a, b) => a.localeCompare(b));
    expect(first.items.map((item) => item.id)).toEqual(connectionIds.slice(0, 40));

    const rest = await streams.more(first.stream?.listingId ?? '', 0);
    expect(rest.done).toBe(false);
    expect(rest.items).toHaveLength(110);
    const rows = new Map([...first.items, ...rest.items].map((item) => [item.name, item]));
    expect([...rows.keys()].sort()).toEqual([...names].sort());

    let update = rest;
    while (!update.done) {
      update = await streams.more(update.listingId, update.cursor);
      for (const item of update.items) rows.set(item.name, item);
      for (const name of update.removed) rows.delete(name);
    }
    expect(update.error).toBeNull();
    expect(update.listedAt).not.toBeNull();
    // The revalidation found nothing new: the window's rows are the listing's.
    expect([...rows.keys()].sort()).toEqual([...names].sort());
    h.sandbox.setFaults({ latencyMs: 0 });
  });

  it('issue 12 item 4: a warm inventory within the first slice is answered whole, with nothing left for listMore but the revalidation', async () => {
    const names = airflowNames(30, 'g');
    await seedMany(names.map((name) => ({ name, value: 'v' })));
    await listAirflowSecrets(h.deps, { kwargs: '' });
    const streams = createListingStreams({ firstAnswerRows: 40 });
    const first = await streams.start(h.deps, { kwargs: '' });
    expect(first.stream).toMatchObject({ fromCache: true });
    expect(first.items.map((item) => item.name).sort()).toEqual([...names].sort());
    let update = await streams.more(first.stream?.listingId ?? '', first.stream?.cursor ?? 0);
    while (!update.done) update = await streams.more(update.listingId, update.cursor);
    expect(update.items).toEqual([]);
    expect(update.removed).toEqual([]);
  });
});

describe('issue 12: reading many values', () => {
  it('issue 12 item 6: "Check connection values" costs ceil(N/20) BatchGetSecretValue calls, with progress', async () => {
    const connections = Array.from({ length: 45 }, (_, i) => ({ name: `airflow/connections/c${i}`, value: i % 9 === 0 ? '{"just": "a variable"}' : 'postgres://u:p@h/db' }));
    await seedMany(connections);
    h.sandbox.resetStats();
    const checked = await checkConnectionValues(h.deps, { kwargs: '', taskId: 'check' });
    expect(checked.checked).toBe(45);
    expect(checked.items.map((item) => item.name).sort()).toEqual(['airflow/connections/c0', 'airflow/connections/c18', 'airflow/connections/c27', 'airflow/connections/c36', 'airflow/connections/c9']);
    expect(h.sandbox.stats().requests).toEqual({ ListSecrets: 1, BatchGetSecretValue: Math.ceil(45 / 20) });
    expect(h.progress.filter((p) => p.label === 'Checking connection values').at(-1)).toMatchObject({ done: 45, total: 45 });
  });

  it('issue 12 item 6: a cancelled check stops sending and says so', async () => {
    await seedMany(Array.from({ length: 400 }, (_, i) => ({ name: `airflow/connections/k${i}`, value: 'postgres://h' })));
    h.sandbox.setFaults({ latencyMs: 30 });
    h.sandbox.resetStats();
    const controller = new AbortController();
    const deps = { ...h.deps, progress: (p: { label: string }) => (p.label === 'Checking connection values' ? controller.abort() : undefined) };
    const error = await checkConnectionValues(deps, { kwargs: '', taskId: 'check' }, controller.signal).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(h.sandbox.stats().requests.BatchGetSecretValue ?? 0).toBeLessThan(20);
  });
});

describe('issue 12: bulk writes', () => {
  const variables = (count: number, tag: string) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${tag}_${i}`, `value ${i}`]));

  async function versionCount(name: string): Promise<number> {
    return (await h.other.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }))).Versions?.length ?? 0;
  }

  it('issue 12 item 5: an import under 10% throttling writes every item exactly once', async () => {
    const file = variables(150, 'throttled');
    h.sandbox.setFaults({ throttleRate: 0.1 });
    h.sandbox.resetStats();
    const result = await runImport(h.deps, { kwargs: '', source: { kind: 'text', text: JSON.stringify(file), fileName: 'variables.json' }, storage: 'json', policy: 'overwrite', dryRun: false, taskId: 'imp' });
    expect(h.sandbox.stats().throttled).toBeGreaterThan(10);
    h.sandbox.setFaults({ throttleRate: 0 });
    expect(result.counts.created).toBe(150);
    for (const key of Object.keys(file)) expect(await versionCount(`airflow/variables/${key}`), key).toBe(1);
    // Progress for every item.
    expect(h.progress.filter((p) => p.taskId === 'imp' && p.label === 'Importing').map((p) => p.done).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('issue 12 item 5: an import that fails mid-run, run again, writes every item exactly once', async () => {
    const file = variables(60, 'midrun');
    const source = { kind: 'text' as const, text: JSON.stringify(file), fileName: 'variables.json' };
    // Three creates are refused for good in the middle of the run.
    let armed = false;
    const deps = {
      ...h.deps,
      progress: (p: { label: string; done: number }) => {
        if (p.label === 'Importing' && p.done === 20 && !armed) {
          armed = true;
          h.sandbox.setFaults({ failNext: { operation: 'CreateSecret', count: 3, code: 'AccessDeniedException', status: 400 } });
        }
      },
    };
    const first = await runImport(deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false, taskId: 'midrun' });
    expect(first.counts).toMatchObject({ created: 57, failed: 3 });
    const failed = first.results.filter((item) => item.outcome === 'failed').map((item) => item.key);
    const retry = await runImport(h.deps, { kwargs: '', source, storage: 'json', policy: 'overwrite', dryRun: false });
    expect(retry.counts).toMatchObject({ created: 3, unchanged: 57, failed: 0 });
    expect(retry.results.filter((item) => item.outcome === 'created').map((item) => item.key).sort()).toEqual([...failed].sort());
    for (const key of Object.keys(file)) expect(await versionCount(`airflow/variables/${key}`), key).toBe(1);
  });

  it('issue 12 item 5: a bulk restore reports each item and a cancel leaves the items not started untouched', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `airflow/variables/restore_${i}`);
    await seedMany(names.map((name) => ({ name, value: 'v' })));
    for (const name of names) await h.other.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    const controller = new AbortController();
    const progress: number[] = [];
    const deps = {
      ...h.deps,
      bulkConcurrency: 4,
      progress: (p: { taskId: string; done: number }) => {
        progress.push(p.done);
        if (p.done === 10) controller.abort();
      },
    };
    const results = await restoreSecrets(deps, { names, taskId: 'restore', signal: controller.signal });
    expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const done = results.filter((result) => result.outcome === 'done').map((result) => result.name);
    const cancelled = results.filter((result) => result.error?.code === 'CANCELLED').map((result) => result.name);
    expect(done.length).toBeGreaterThanOrEqual(10);
    expect(done.length + cancelled.length).toBe(40);
    expect(cancelled.length).toBeGreaterThan(20);
    for (const name of names) {
      const described = await h.other.send(new DescribeSecretCommand({ SecretId: name }));
      expect(described.DeletedDate === undefined, name).toBe(done.includes(name));
    }
  });
});
