/**
 * Import rows: 500 new variables through `secrets.importRun` (a variables JSON text), with no
 * throttling and with 10% of calls throttled, then a check with the SDK that each of the 500
 * exists exactly once with exactly one version (none lost, none written twice).
 */
import { ListSecretVersionIdsCommand, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { performance } from 'node:perf_hooks';
import type { ImportRunResult } from '../../shared/api';
import { callAirlock, eachConcurrently, type AirlockProcess, type SandboxControl } from './app-client';
import { ms, type ScaleRow } from './scale-table';

const WRITE_GOAL_PER_S = 40;

/** Names listed under `prefix` (distinct), and how many of them do not have exactly one version. */
async function verifyOnce(sandbox: SandboxControl, prefix: string): Promise<{ found: number; notOneVersion: number }> {
  await sandbox.faults({ latencyMs: 0, throttleRate: 0 });
  const names: string[] = [];
  for await (const page of paginateListSecrets({ client: sandbox.sdk, pageSize: 100 }, { Filters: [{ Key: 'name', Values: [prefix] }] })) {
    for (const secret of page.SecretList ?? []) if (secret.Name !== undefined) names.push(secret.Name);
  }
  let notOneVersion = 0;
  await eachConcurrently(names, 16, async (name) => {
    const versions = await sandbox.sdk.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
    if ((versions.Versions?.length ?? 0) !== 1) notOneVersion += 1;
  });
  return { found: new Set(names).size, notOneVersion };
}

export async function importRow(app: AirlockProcess, sandbox: SandboxControl, count: number, throttleRate: number, latencyMs: number): Promise<ScaleRow> {
  const tag = `bench_import_${Math.round(throttleRate * 100)}pct_${Date.now().toString(36)}`;
  const variables = Object.fromEntries(Array.from({ length: count }, (_, i) => [`${tag}_${String(i).padStart(4, '0')}`, `value ${i}`]));
  await sandbox.faults({ latencyMs, throttleRate });
  await sandbox.resetStats();
  const started = performance.now();
  const result = await callAirlock<ImportRunResult>(app, 'secrets.importRun', {
    kwargs: '',
    source: { kind: 'text', text: JSON.stringify(variables), fileName: 'variables.json' },
    format: 'variables-json',
    policy: 'skip',
  });
  const elapsed = performance.now() - started;
  const throttled = (await sandbox.stats()).throttled;
  const verified = await verifyOnce(sandbox, `airflow/variables/${tag}_`);
  await sandbox.faults({ latencyMs, throttleRate: 0 });
  const perSecond = count / (elapsed / 1000);
  const lost = count - verified.found;
  return {
    metric: `import ${count} new variables, ${Math.round(throttleRate * 100)}% throttling`,
    measured: `${perSecond.toFixed(1)} writes/s (${ms(elapsed)}); created ${result.counts.created}, found ${verified.found}, lost ${lost}, with != 1 version ${verified.notOneVersion}`,
    limit: `>= ${WRITE_GOAL_PER_S} writes/s; 0 lost, 0 duplicated`,
    ratio: lost !== 0 || verified.notOneVersion !== 0 ? Number.POSITIVE_INFINITY : WRITE_GOAL_PER_S / perSecond,
    note: `${throttled} calls throttled`,
  };
}
