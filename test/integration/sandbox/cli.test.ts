import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSecrets, exampleSecrets, sandboxEnvironments } from '../../../electron/services/sandbox';
import { testCredentials } from './sandbox-harness';

const root = resolve(import.meta.dirname, '../../..');
// The project's own tsx, which is what `npx tsx` resolves to; spawning it directly avoids npm's wrapper processes.
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'electron', 'sandbox-cli.ts');
const listeningLine = /^Sandbox Secrets Manager listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

interface RunningCli {
  readonly child: ChildProcess;
  readonly url: string;
  readonly hint: string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      resolveExit({ code, signal });
    });
  });
}

async function startCli(args: readonly string[]): Promise<RunningCli> {
  const child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = exitOf(child);
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const second = await iterator.next();
  const match = listeningLine.exec(typeof first.value === 'string' ? first.value : '');
  if (match === null) {
    child.kill('SIGKILL');
    throw new Error(`Unexpected first line from the sandbox CLI: ${String(first.value)}`);
  }
  return { child, url: match[1] ?? '', hint: typeof second.value === 'string' ? second.value : '', exit };
}

async function runToExit(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const { code } = await exitOf(child);
  return { code, stderr };
}

function clientFor(url: string): SecretsManagerClient {
  return new SecretsManagerClient({ region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1 });
}

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'airlock-sandbox-cli-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

// Each run starts a TypeScript loader in a fresh process, which is slow on a busy CI machine.
describe('npm run sandbox', { timeout: 60_000 }, () => {
  it('prints one listening line and an AWS CLI hint, serves the example data and stops cleanly on SIGTERM', async () => {
    const running = await startCli(['--port', '0', '--example-data']);
    expect(running.hint).toContain(`--endpoint-url ${running.url} secretsmanager list-secrets`);
    const client = clientFor(running.url);
    const listed = await client.send(new ListSecretsCommand({}));
    client.destroy();
    expect(listed.SecretList).toHaveLength(exampleSecrets.length);
    // The dev account's example data is there too, for the dev key.
    const dev = sandboxEnvironments.find((environment) => environment.name === 'dev');
    const devClient = new SecretsManagerClient({ region: dev?.region ?? '', endpoint: running.url, credentials: dev?.credentials ?? testCredentials, maxAttempts: 1 });
    expect((await devClient.send(new ListSecretsCommand({}))).SecretList).toHaveLength(devSecrets.length);
    devClient.destroy();
    running.child.kill('SIGTERM');
    expect(await running.exit).toEqual({ code: 0, signal: null });
  });

  it('keeps its state in --data across runs and stops cleanly on SIGINT', async () => {
    const dataFile = join(directory, 'state.json');
    const first = await startCli(['--data', dataFile]);
    const client = clientFor(first.url);
    await client.send(new CreateSecretCommand({ Name: 'cli/persisted', SecretString: 'kept' }));
    client.destroy();
    first.child.kill('SIGINT');
    expect((await first.exit).code).toBe(0);
    if (process.platform !== 'win32') expect(statSync(dataFile).mode & 0o777).toBe(0o600);

    const second = await startCli([`--data=${dataFile}`]);
    const again = clientFor(second.url);
    expect((await again.send(new GetSecretValueCommand({ SecretId: 'cli/persisted' }))).SecretString).toBe('kept');
    again.destroy();
    second.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
  });

  it('rejects an unknown flag or a bad port with a one-line usage error and exit code 2', async () => {
    const results = await Promise.all([['--verbose'], ['--port', 'abc'], ['--port'], ['--example-data=yes']].map(runToExit));
    for (const { code, stderr } of results) {
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('Usage: npm run sandbox --');
    }
  });
});
