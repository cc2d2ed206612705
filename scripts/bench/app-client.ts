/**
 * The bench's view of Airlock: browser mode as a child process (the e2e fixture's launcher), its
 * HTTP API with the launch token, and the control routes of the sandbox the app started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/** The AWS profile the bench writes for a sandbox in its own process. */
export const benchProfile = 'bench';

export interface SandboxProcess {
  readonly url: string;
  /** Writes `~/.aws/config` and `credentials` under `home` with the `bench` profile pointing at this sandbox. */
  readonly writeProfile: (home: string) => Promise<void>;
  readonly stop: () => Promise<void>;
}

/**
 * The sandbox as its own process (`npm run sandbox`), the way AWS is a service elsewhere: its
 * request handling then competes with the app for the cores, not for the app's event loop, so the
 * numbers are Airlock's and not the emulator's.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(path.join('node_modules', '.bin', 'tsx'), ['electron/sandbox-cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not print its URL:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the sandbox exited with ${String(code)}:\n${output}`)));
  });
  return {
    url,
    writeProfile: async (home) => {
      const aws = path.join(home, '.aws');
      await mkdir(aws, { recursive: true });
      await writeFile(path.join(aws, 'config'), `[profile ${benchProfile}]\nregion = us-east-1\nendpoint_url = ${url}\n`);
      await writeFile(path.join(aws, 'credentials'), `[${benchProfile}]\naws_access_key_id = AKIABENCHMARK0000002\naws_secret_access_key = bench\n`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Selects `profile` (the app's built-in `sandbox`, or `bench` for a sandbox process) and returns the controls of its sandbox. */
export async function sandboxOf(app: AirlockProcess, profile: string): Promise<SandboxControl> {
  await callAirlock(app, 'profiles.select', { name: profile });
  const profiles = await callAirlock<{ name: string; endpoint: string | null }[]>(app, 'profiles.list');
  const endpoint = profiles.find((p) => p.name === profile)?.endpoint ?? null;
  if (endpoint === null) throw new Error(`the profile ${profile} has no sandbox endpoint`);
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
