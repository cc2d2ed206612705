/**
 * The scale bench's account: 10,000 secrets, 9,500 under Airflow's default prefixes (connections,
 * variables, config) and 500 elsewhere, created through the sandbox's seeding control in chunks.
 */
import type { SandboxControl } from './app-client';

const WORDS = ['analytics', 'billing', 'crm', 'etl', 'finance', 'growth', 'hr', 'ingest', 'ml', 'ops'] as const;
/** Secrets a seeding request: well under the sandbox's 1 MiB request body. */
const SEED_CHUNK = 2_000;
export const AIRFLOW_PREFIXES = ['airflow/connections/', 'airflow/variables/', 'airflow/config/'] as const;

export interface SeededAccount {
  readonly airflow: number;
  readonly elsewhere: number;
  readonly connectionIds: readonly string[];
  readonly variableKeys: readonly string[];
}

export function airflowId(i: number): string {
  return `${WORDS[Math.floor(i / 7) % WORDS.length] ?? 'x'}_${String(i).padStart(5, '0')}`;
}

export async function seedAccount(sandbox: SandboxControl, airflow: number, elsewhere: number): Promise<SeededAccount> {
  const connectionIds: string[] = [];
  const variableKeys: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < airflow; i += 1) {
    const id = airflowId(i);
    const kind = i % 10 < 6 ? 'connections' : i % 10 < 9 ? 'variables' : 'config';
    if (kind === 'connections') connectionIds.push(id);
    if (kind === 'variables') variableKeys.push(id);
    names.push(`airflow/${kind}/${id}`);
  }
  for (let i = 0; i < elsewhere; i += 1) names.push(`apps/service-${i % 20}/setting_${String(i).padStart(4, '0')}`);
  // Through the sandbox's seeding control: CreateSecret for each, made durable with one fsync a
  // chunk (one SDK call each would fsync 10,000 times and dominate the bench's run time).
  for (let start = 0; start < names.length; start += SEED_CHUNK) {
    await sandbox.seed(names.slice(start, start + SEED_CHUNK).map((name) => ({ name, value: `value of ${name}` })));
  }
  return { airflow, elsewhere, connectionIds, variableKeys };
}
