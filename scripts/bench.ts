/**
 * `npm run bench`: measures what users wait for and prints numbers (no pass/fail).
 *
 * - scale table (issue 12, first): the built app in browser mode against its sandbox with 50 ms
 *   latency a call and 10,000 secrets; see scripts/bench/scale.ts. `--scale` runs only it,
 *   `--quick` skips it; `--latency=MS` and `--runs=N` change its latency and medians, `--rows=dag,ui`
 *   picks row groups (listing, outside, dag, ui, import), BENCH_APP_NODE_OPTIONS profiles the app;
 *   the sandbox runs in its own process behind an `endpoint_url` profile, as AWS is a service
 *   elsewhere (`--sandbox-in-app` uses the app's built-in one, sharing the app's event loop);
 * - listing: ListSecrets calls and time to list N secrets under the Airflow prefixes, through the
 *   app's own listing service (`secrets.list`), against the local sandbox (real HTTP, real SDK);
 * - API: round trips through browser mode's HTTP adapter (auth, validation, dispatch);
 * - rules: Airflow connection parse/build and lossless Dockerfile/.env edits per second.
 *
 * Times are wall-clock on this machine; compare runs on the same machine only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startBrowserServer } from '../electron/server';
import { createEventHub } from '../electron/services/event-hub';
import { createLogger } from '../electron/services/log';
import { startSandbox } from '../electron/services/sandbox';
import { listAirflowSecrets } from '../electron/services/secrets';
import type { AwsClients } from '../electron/services/session';
import { STSClient } from '@aws-sdk/client-sts';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { Handlers } from '../electron/dispatch';
import { benchScale, defaultScaleOptions } from './bench/scale';
import { buildConnectionUri, parseConnectionSecret, type AirflowConnection } from '../shared/airflow';
import { readDotenv, setDockerfileEnv, setDotenv } from '../shared/project-files';

/** The scale table runs the built app (dist-electron/serve.js and its renderer). */
function buildApp(): void {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}${built.stderr}`);
}

function stats(samples: number[]): { median: number; p95: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? 0 };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function benchListing(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  const credentials = { accessKeyId: 'AKIABENCHMARK0000000', secretAccessKey: 'bench' };
  const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: sandbox.url, credentials });
  const clients: AwsClients = {
    profile: 'sandbox',
    region: 'us-east-1',
    secretsManager: client,
    sts: new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials }),
    cloudTrail: new CloudTrailClient({ region: 'us-east-1', endpoint: sandbox.url, credentials }),
    secretsManagerEndpoint: sandbox.url,
  };
  const deps = { clients: () => Promise.resolve(clients), clientsForWrite: () => Promise.resolve(clients) };
  try {
    let created = 0;
    for (const total of [100, 1000, 3000]) {
      for (; created < total; created += 1) {
        const kind = created % 3 === 0 ? 'variables' : 'connections';
        await client.send(new CreateSecretCommand({ Name: `airflow/${kind}/bench_${created}`, SecretString: `value-${created}` }));
      }
      const samples: number[] = [];
      let calls = 0;
      let listed = 0;
      for (let run = 0; run < 5; run += 1) {
        sandbox.resetStats();
        const started = performance.now();
        const listing = await listAirflowSecrets(deps, { kwargs: '' });
        samples.push(performance.now() - started);
        calls = sandbox.stats().requests.ListSecrets ?? 0;
        listed = listing.items.length;
        if ((sandbox.stats().requests.GetSecretValue ?? 0) > 0) throw new Error('listing read a secret value');
      }
      const s = stats(samples);
      console.log(`listing  ${String(listed).padStart(5)} secrets: ${calls} ListSecrets calls (ceil(N/100) = ${Math.ceil(listed / 100)}), median ${ms(s.median)}, p95 ${ms(s.p95)}, 0 GetSecretValue`);
    }
  } finally {
    client.destroy();
    clients.sts.destroy();
    await sandbox.close();
  }
}

async function benchApi(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'airlock-bench-'));
  const handlers = new Proxy({}, { get: () => () => Promise.resolve({ name: 'Airlock', version: 'bench', mode: 'browser', platform: process.platform }) }) as Handlers;
  const server = await startBrowserServer({ handlers, events: createEventHub(), log: createLogger({ level: 'error' }), staticDir: dir });
  try {
    const call = () => fetch(`${server.url}api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json());
    for (let i = 0; i < 50; i += 1) await call();
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 1000; i += 1) {
      const t = performance.now();
      await call();
      samples.push(performance.now() - t);
    }
    const elapsed = performance.now() - started;
    const s = stats(samples);
    console.log(`api      1000 sequential calls: ${(1000 / (elapsed / 1000)).toFixed(0)} calls/s, median ${ms(s.median)}, p95 ${ms(s.p95)}`);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function perSecond(label: string, iterations: number, work: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, iterations); i += 1) work(i);
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) work(i);
  const elapsed = performance.now() - started;
  console.log(`${label}: ${(iterations / (elapsed / 1000)).toFixed(0)} ops/s (${iterations} in ${ms(elapsed)})`);
}

function benchRules(): void {
  const connection: AirflowConnection = {
    conn_type: 'postgres', host: 'db.internal.example.com', login: 'airflow', password: 'p@ss/w:rd#1', schema: 'analytics', port: 5432,
    extra: { sslmode: 'require', application_name: 'airlock' },
  };
  perSecond('rules    connection build+parse (URI)', 20_000, (i) => {
    const uri = buildConnectionUri({ ...connection, login: `user${i}` });
    const parsed = parseConnectionSecret(uri);
    if (!parsed.ok) throw new Error('round trip failed');
  });
  const dockerfile = ['FROM astrocrpublic.azurecr.io/runtime:3.1-12', 'ENV A=1 B="two words"', 'ENV AIRFLOW__CORE__LOAD_EXAMPLES=False', ...Array.from({ length: 40 }, (_, i) => `RUN echo step ${i}`)].join('\n') + '\n';
  perSecond('rules    Dockerfile ENV edit (45 lines)', 5_000, (i) => {
    setDockerfileEnv(dockerfile, { AIRFLOW__SECRETS__BACKEND_KWARGS: JSON.stringify({ connections_prefix: `airflow/connections${i}`, variables_prefix: 'airflow/variables' }) });
  });
  const dotenv = Array.from({ length: 60 }, (_, i) => `KEY_${i}="value ${i}"`).join('\n') + '\n';
  perSecond('rules    .env read+edit (60 lines)', 5_000, (i) => {
    readDotenv(setDotenv(dotenv, { AWS_ACCESS_KEY_ID: `AKIA${String(i).padStart(16, '0')}` }));
  });
}

/** `--name=value` as a positive integer, or the default. */
function numberFlag(name: string, fallback: number): number {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not ${raw}`);
  return value;
}

// The SDK's Node 20 deprecation notice would interleave with the numbers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
console.log(`Airlock benchmarks on node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
if (!process.argv.includes('--quick')) {
  buildApp();
  const rows = process.argv.find((arg) => arg.startsWith('--rows='))?.slice('--rows='.length).split(',');
  await benchScale({
    ...defaultScaleOptions,
    latencyMs: numberFlag('latency', defaultScaleOptions.latencyMs),
    runs: Math.max(1, numberFlag('runs', defaultScaleOptions.runs)),
    rows: rows === undefined ? defaultScaleOptions.rows : new Set(rows),
    appNodeOptions: process.env.BENCH_APP_NODE_OPTIONS,
    sandbox: process.argv.includes('--sandbox-in-app') ? 'in-app' : 'process',
  });
}
if (!process.argv.includes('--scale')) {
  await benchListing();
  await benchApi();
  benchRules();
}
