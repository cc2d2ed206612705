/**
 * The bench's view of Airlock: browser mode as a child process (the e2e fixture's launcher), its
 * HTTP API with the launch token, and the control routes of the sandbox the app started.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startAirlock, type AirlockProcess } from '../../test/e2e/airlock-fixture';
import { callAirlock } from '../../test/e2e/secrets-helpers';

export { startAirlock, callAirlock, type AirlockProcess };

export interface SandboxStats {
  readonly requests: Readonly<Record<string, number>>;
  readonly throttled: number;
}

export interface SandboxControl {
  readonly url: string;
  /** `{ latencyMs?, throttleRate? }`, merged into the sandbox's fault settings. */
  readonly faults: (settings: { latencyMs?: number; throttleRate?: number }) => Promise<void>;
  readonly resetStats: () => Promise<void>;
  readonly stats: () => Promise<SandboxStats>;
  /** Creates secrets in one request (`POST /_sandbox/secrets`: one fsync for all); how many it created. */
  readonly seed: (secrets: readonly { name: string; value: string }[]) => Promise<number>;
  /** An SDK client "someone else" uses: no retries, so seeding sees every failure. */
  readonly sdk: SecretsManagerClient;
}

async function control(url: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`_sandbox/${route}`, url), body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`sandbox ${route}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Selects the app's built-in sandbox profile and returns the controls of its sandbox. */
export async function sandboxOf(app: AirlockProcess): Promise<SandboxControl> {
  await callAirlock(app, 'profiles.select', { name: 'sandbox' });
  const profiles = await callAirlock<{ name: string; endpoint: string | null }[]>(app, 'profiles.list');
  const endpoint = profiles.find((p) => p.name === 'sandbox')?.endpoint ?? null;
  if (endpoint === null) throw new Error('the sandbox has not started');
  const url = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return {
    url,
    faults: async (settings) => {
      await control(url, 'faults', settings);
    },
    resetStats: async () => {
      await control(url, 'stats/reset', {});
    },
    stats: () => control(url, 'stats') as Promise<SandboxStats>,
    seed: async (secrets) => {
      const result = (await control(url, 'secrets', { secrets })) as { created: number; failed: { name: string; message: string }[] };
      const failure = result.failed[0];
      if (failure !== undefined) throw new Error(`the sandbox refused to seed ${failure.name}: ${failure.message}`);
      return result.created;
    },
    sdk: new SecretsManagerClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIABENCHMARK0000001', secretAccessKey: 'bench' }, maxAttempts: 1 }),
  };
}

/** Runs `work` over `items` with `concurrency` workers. */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
