/**
 * The scale table (issue 12): Airlock's browser mode as a child process, its sandbox with
 * injected latency (50 ms a call by default) and 10,000 secrets, and one row per goal.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sandboxOf, startAirlock } from './app-client';
import { dagScanRow } from './scale-dag-scan';
import { importRow } from './scale-import';
import { listingRows, outsideRow } from './scale-listing';
import { formatScaleTable, ms, type ScaleRow } from './scale-table';
import { uiRows } from './scale-ui';
import { seedAccount } from './seed';

export interface ScaleOptions {
  readonly latencyMs: number;
  readonly runs: number;
  readonly airflow: number;
  readonly elsewhere: number;
  readonly dagFiles: number;
  readonly importCount: number;
}

export const defaultScaleOptions: ScaleOptions = { latencyMs: 50, runs: 5, airflow: 9_500, elsewhere: 500, dagFiles: 2_000, importCount: 500 };

const step = (label: string, started: number) => console.log(`  ${label} (${ms(performance.now() - started)} in)`);

export async function benchScale(options: ScaleOptions): Promise<void> {
  const started = performance.now();
  console.log(`scale table: ${options.airflow + options.elsewhere} secrets, ${options.latencyMs} ms latency a call, ${os.cpus().length} cores`);
  const { app, stop } = await startAirlock();
  const rows: ScaleRow[] = [];
  try {
    const sandbox = await sandboxOf(app);
    const account = await seedAccount(sandbox, options.airflow, options.elsewhere);
    step(`seeded ${options.airflow + options.elsewhere} secrets`, started);
    await sandbox.faults({ latencyMs: options.latencyMs, throttleRate: 0 });
    rows.push(...(await listingRows(app, sandbox, options.runs, options.airflow)));
    step('listing', started);
    rows.push(await outsideRow(app, sandbox, Math.min(3, options.runs), options.elsewhere));
    step('outside the prefixes', started);
    rows.push(await dagScanRow(app, sandbox, account, options.dagFiles));
    step('DAG scan', started);
    rows.push(...(await uiRows(app, options.airflow)));
    step('UI', started);
    for (const rate of [0, 0.1]) rows.push(await importRow(app, sandbox, options.importCount, rate, options.latencyMs));
    step('import', started);
    sandbox.sdk.destroy();
  } finally {
    await stop();
  }
  console.log(`\n${formatScaleTable(rows)}\n\n${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}; whole run ${ms(performance.now() - started)}\n`);
}
