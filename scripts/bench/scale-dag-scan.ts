/**
 * The DAG reference scan at scale: a generated project with 2,000 DAG files, each referring to a
 * few connection ids and variable keys (most exist, some do not), scanned by
 * `projects.dagReferences` while another caller asks `app.info` every ~10 ms. The row reports the
 * worst wait of those calls: the scan must not hold the main process's event loop.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DagReferences } from '../../shared/api';
import { callAirlock, type AirlockProcess, type SandboxControl } from './app-client';
import { median, ms, type ScaleRow } from './scale-table';
import type { SeededAccount } from './seed';

const WAIT_GOAL_MS = 50;

function dagFile(i: number, account: SeededAccount): string {
  const connection = (k: number) => account.connectionIds[(i * 3 + k) % account.connectionIds.length] ?? 'x';
  const variable = (k: number) => account.variableKeys[(i * 2 + k) % account.variableKeys.length] ?? 'x';
  return [
    'from airflow.sdk import dag, task, Variable',
    'from airflow.hooks.base import BaseHook',
    'from airflow.providers.postgres.operators.postgres import PostgresOperator',
    '',
    `@dag(dag_id="generated_${i}", schedule=None)`,
    `def generated_${i}():`,
    `    load = PostgresOperator(task_id="load", postgres_conn_id="${connection(0)}", sql="select 1")`,
    '    @task',
    '    def work():',
    `        BaseHook.get_connection("${connection(1)}")`,
    `        BaseHook.get_connection("${i % 10 === 0 ? `missing_conn_${i}` : connection(2)}")`,
    `        Variable.get("${variable(0)}")`,
    `        return Variable.get("${i % 25 === 0 ? `missing_var_${i}` : variable(1)}")`,
    '    load >> work()',
    '',
    `generated_${i}()`,
    '',
  ].join('\n');
}

async function generateProject(files: number, account: SeededAccount): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'airlock-bench-project-'));
  await mkdir(path.join(root, 'dags'));
  await writeFile(path.join(root, 'Dockerfile'), 'FROM astrocrpublic.azurecr.io/runtime:3.1-12\n');
  for (let i = 0; i < files; i += 1) await writeFile(path.join(root, 'dags', `generated_${String(i).padStart(4, '0')}.py`), dagFile(i, account));
  return root;
}

/** Calls `app.info` every ~10 ms until `until` settles; returns each call's round trip. */
async function pollAppInfo(app: AirlockProcess, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const waits: number[] = [];
  while (!done) {
    const started = performance.now();
    await callAirlock(app, 'app.info');
    waits.push(performance.now() - started);
    await sleep(10);
  }
  return waits;
}

export async function dagScanRow(app: AirlockProcess, sandbox: SandboxControl, account: SeededAccount, files: number): Promise<ScaleRow> {
  const project = await generateProject(files, account);
  try {
    await callAirlock(app, 'projects.open', { path: project });
    // Idle first: the worst wait with nothing running is how much of the row is the machine, not the scan.
    const idle = await pollAppInfo(app, sleep(2_000));
    await sandbox.resetStats();
    const started = performance.now();
    const scan = callAirlock<DagReferences>(app, 'projects.dagReferences', { path: project });
    const [references, waits] = await Promise.all([scan, pollAppInfo(app, scan)]);
    const elapsed = performance.now() - started;
    if (references.scannedFiles !== files) throw new Error(`the scan read ${references.scannedFiles} files, not ${files}`);
    if (references.secretsError !== null) throw new Error(`the scan could not check secrets: ${references.secretsError}`);
    const worst = Math.max(...waits);
    return {
      metric: `DAG reference scan, ${files} DAG files, ${account.airflow + account.elsewhere} secrets: worst app.info wait during it`,
      measured: `${ms(worst)} (app.info median ${ms(median(waits))}; idle median ${ms(median(idle))}, idle worst ${ms(Math.max(...idle))}; ${waits.length} calls)`,
      limit: `no API call waits > ${WAIT_GOAL_MS} ms`,
      ratio: worst / WAIT_GOAL_MS,
      note: `scan ${ms(elapsed)}, ${references.rows.length} ids, ${references.listCalls} ListSecrets`,
    };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}
