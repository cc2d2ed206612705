/**
 * The scale bench's account: 10,000 secrets, 9,500 under Airflow's default prefixes (connections,
 * variables, config) and 500 elsewhere, created through the SDK with no injected latency.
 */
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { eachConcurrently, type SandboxControl } from './app-client';

const WORDS = ['analytics', 'billing', 'crm', 'etl', 'finance', 'growth', 'hr', 'ingest', 'ml', 'ops'] as const;
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
  await sandbox.faults({ latencyMs: 0, throttleRate: 0 });
  await eachConcurrently(names, 16, async (name) => {
    await sandbox.sdk.send(new CreateSecretCommand({ Name: name, SecretString: `value of ${name}` }));
  });
  return { airflow, elsewhere, connectionIds, variableKeys };
}
