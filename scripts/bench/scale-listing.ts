/**
 * Listing rows: the app's streamed listing (`secrets.list {stream:true}` + `secrets.listMore`)
 * next to a plain sequential SDK paginator with the same name filters, and "Outside the prefixes"
 * (`secrets.listOutside`), each with the ListSecrets calls the sandbox counted.
 */
import { paginateListSecrets, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { performance } from 'node:perf_hooks';
import type { ListingUpdate, OutsideListing, SecretListing } from '../../shared/api';
import { callAirlock, type AirlockProcess, type SandboxControl } from './app-client';
import { median, ms, type ScaleRow } from './scale-table';
import { AIRFLOW_PREFIXES } from './seed';

interface Run {
  readonly elapsed: number;
  readonly firstAnswer: number;
  readonly rows: number;
  readonly calls: number;
}

async function listCalls(sandbox: SandboxControl): Promise<number> {
  return (await sandbox.stats()).requests.ListSecrets ?? 0;
}

/** One listing through the app's API, driven like the Secrets view drives it. */
async function appListing(app: AirlockProcess, sandbox: SandboxControl): Promise<Run> {
  await sandbox.resetStats();
  const started = performance.now();
  const first = await callAirlock<SecretListing>(app, 'secrets.list', { kwargs: '', stream: true });
  const firstAnswer = performance.now() - started;
  const names = new Set(first.items.map((item) => item.name));
  const stream = first.stream;
  for (let cursor = stream?.cursor ?? 0, done = stream === undefined; !done && stream !== undefined; ) {
    const update: ListingUpdate = await callAirlock<ListingUpdate>(app, 'secrets.listMore', { listingId: stream.listingId, cursor });
    for (const item of update.items) names.add(item.name);
    for (const name of update.removed) names.delete(name);
    if (update.error !== null) throw new Error(`the listing stopped: ${update.error.message}`);
    ({ cursor, done } = update);
  }
  const elapsed = performance.now() - started;
  if (((await sandbox.stats()).requests.GetSecretValue ?? 0) > 0) throw new Error('the listing read a secret value');
  return { elapsed, firstAnswer, rows: names.size, calls: await listCalls(sandbox) };
}

/** The baseline: one ListSecrets call after the other, as the SDK's paginator makes them. */
async function sequentialPaginator(client: SecretsManagerClient, sandbox: SandboxControl): Promise<Run> {
  await sandbox.resetStats();
  const started = performance.now();
  let rows = 0;
  let firstAnswer = -1;
  const pages = paginateListSecrets({ client, pageSize: 100 }, { Filters: [{ Key: 'name', Values: [...AIRFLOW_PREFIXES] }], IncludePlannedDeletion: true });
  for await (const page of pages) {
    if (firstAnswer < 0) firstAnswer = performance.now() - started;
    rows += page.SecretList?.length ?? 0;
  }
  return { elapsed: performance.now() - started, firstAnswer, rows, calls: await listCalls(sandbox) };
}

export async function listingRows(app: AirlockProcess, sandbox: SandboxControl, runs: number, expected: number): Promise<ScaleRow[]> {
  const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'AKIABENCHMARK0000002', secretAccessKey: 'bench' } });
  const app5: Run[] = [];
  const sdk5: Run[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      app5.push(await appListing(app, sandbox));
      sdk5.push(await sequentialPaginator(client, sandbox));
    }
  } finally {
    client.destroy();
  }
  const each = (runs: readonly Run[]) => runs.map((run) => `${ms(run.elapsed)}/${run.calls}`).join(', ');
  console.log(`    each run (time/ListSecrets): app ${each(app5)}; paginator ${each(sdk5)}`);
  for (const run of [...app5, ...sdk5]) if (run.rows !== expected) throw new Error(`a listing found ${run.rows} secrets, not ${expected}`);
  const appTime = median(app5.map((r) => r.elapsed));
  const sdkTime = median(sdk5.map((r) => r.elapsed));
  const appCalls = median(app5.map((r) => r.calls));
  const callLimit = 1.5 * Math.ceil(expected / 100);
  return [
    {
      metric: `list ${expected} Airflow secrets: time to the whole list (median of ${runs})`,
      measured: `${ms(appTime)}; sequential SDK paginator ${ms(sdkTime)}`,
      limit: `<= 1/3 of the paginator (${ms(sdkTime / 3)})`,
      ratio: appTime / (sdkTime / 3),
      note: `first answer after ${ms(median(app5.map((r) => r.firstAnswer)))}, the paginator's first page after ${ms(median(sdk5.map((r) => r.firstAnswer)))}`,
    },
    {
      metric: `list ${expected} Airflow secrets: ListSecrets calls`,
      measured: `${appCalls}; paginator ${median(sdk5.map((r) => r.calls))}`,
      limit: `<= 1.5 x ceil(N/100) = ${callLimit}`,
      ratio: appCalls / callLimit,
    },
  ];
}

export async function outsideRow(app: AirlockProcess, sandbox: SandboxControl, runs: number, elsewhere: number): Promise<ScaleRow> {
  const samples: { elapsed: number; calls: number; found: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    await sandbox.resetStats();
    const started = performance.now();
    const outside = await callAirlock<OutsideListing>(app, 'secrets.listOutside', { kwargs: '' });
    samples.push({ elapsed: performance.now() - started, calls: await listCalls(sandbox), found: outside.items.length });
  }
  const calls = median(samples.map((s) => s.calls));
  // Negation filters list only the secrets outside the prefixes: ceil(elsewhere/100) pages, 1.5x for ranges.
  const callLimit = 1.5 * Math.ceil(elsewhere / 100);
  return {
    metric: `"Outside the prefixes" (${elsewhere} secrets elsewhere, median of ${runs})`,
    measured: `${ms(median(samples.map((s) => s.elapsed)))}, ${calls} ListSecrets, found ${samples[0]?.found ?? 0}`,
    limit: `negation filters: <= 1.5 x ceil(${elsewhere}/100) = ${callLimit} calls, never another full pass`,
    ratio: calls / callLimit,
  };
}
