/**
 * The scale table (issue 12): Airlock's browser mode as a child process, its sandbox with
 * injected latency (50 ms a call by default) and 10,000 secrets, and one row per goal.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchProfile, sandboxOf, startAirlock, startSandboxProcess } from './app-client';
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
  /** Which groups of rows to measure (all by default): listing, outside, dag, ui, import. */
  readonly rows: ReadonlySet<string>;
  /** NODE_OPTIONS for the app's process (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it). */
  readonly appNodeOptions: string | undefined;
  /** `process`: the sandbox runs as its own process behind an `endpoint_url` profile; `in-app`: the app's built-in one. */
  readonly sandbox: 'process' | 'in-app';
}

export const defaultScaleOptions: ScaleOptions = { latencyMs: 50, runs: 5, airflow: 9_500, elsewhere: 500, dagFiles: 2_000, importCount: 500, rows: new Set(['listing', 'outside', 'dag', 'ui', 'import']), appNodeOptions: undefined, sandbox: 'process' };

const step = (label: string, started: number) => console.log(`  ${label} (${ms(performance.now() - started)} in)`);

export async function benchScale(options: ScaleOptions): Promise<void> {
  const started = performance.now();
  console.log(`scale table: ${options.airflow + options.elsewhere} secrets, ${options.latencyMs} ms latency a call, sandbox ${options.sandbox === 'process' ? 'in its own process' : 'inside the app'}, ${os.cpus().length} cores`);
  const sandboxProcess = options.sandbox === 'process' ? await startSandboxProcess() : null;
  const { app, stop } = await startAirlock({
    ...(options.appNodeOptions === undefined ? {} : { env: { NODE_OPTIONS: options.appNodeOptions } }),
    ...(sandboxProcess === null ? {} : { prepareHome: sandboxProcess.writeProfile }),
  });
  const rows: ScaleRow[] = [];
  try {
    const sandbox = await sandboxOf(app, sandboxProcess === null ? 'sandbox' : benchProfile);
    const account = await seedAccount(sandbox, options.airflow, options.elsewhere);
    step(`seeded ${options.airflow + options.elsewhere} secrets`, started);
    await sandbox.faults({ latencyMs: options.latencyMs, throttleRate: 0 });
    const measure = async (group: string, work: () => Promise<ScaleRow[]>) => {
      if (!options.rows.has(group)) return;
      const measured = await work();
      rows.push(...measured);
      step(group, started);
      // Printed as they come too, so a long run shows its numbers early.
      for (const row of measured) console.log(`    ${row.metric}: ${row.measured}`);
    };
    await measure('listing', () => listingRows(app, sandbox, options.runs, options.airflow));
    await measure('outside', async () => [await outsideRow(app, sandbox, Math.min(3, options.runs), options.elsewhere)]);
    await measure('dag', async () => [await dagScanRow(app, sandbox, account, options.dagFiles)]);
    await measure('ui', () => uiRows(app, options.airflow));
    await measure('import', async () => [
      await importRow(app, sandbox, options.importCount, 0, options.latencyMs),
      await importRow(app, sandbox, options.importCount, 0.1, options.latencyMs),
    ]);
    sandbox.sdk.destroy();
  } finally {
    await stop();
    await sandboxProcess?.stop();
  }
  console.log(`\n${formatScaleTable(rows)}\n\n${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}; whole run ${ms(performance.now() - started)}\n`);
}
