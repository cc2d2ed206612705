/**
 * The fake `astro` itself, run directly: it must really have the traps the runner defends
 * against, or the runner's tests would prove nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeAstro, FakeCall } from '../../fakes/astro/fake-astro';
import { createFakeAstro, defaultWorkspace, environmentDeployments } from '../../fakes/astro/fake-astro';

const ws = defaultWorkspace.id;
const prod = 'clx1prod0000000000000000';

const fakes: FakeAstro[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.cleanup();
});

function newFake(options: Parameters<typeof createFakeAstro>[0] = {}) {
  const fake = createFakeAstro({
    deployments: [
      { id: prod, name: 'prod', workspaceId: ws, variables: [{ key: 'EXISTING', value: 'old' }, { key: 'TOKEN', value: 'tok-value-123', isSecret: true }] },
      { id: 'clx1dev00000000000000000', name: 'dev', workspaceId: ws },
    ],
    ...options,
  });
  fakes.push(fake);
  return fake;
}

function astro(fake: FakeAstro, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(fake.binaryPath, args, {
    env: { PATH: process.env.PATH, FAKE_ASTRO_STATE: fake.statePath, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    cwd: fake.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** How long a wait below may take before the test fails and says what it was waiting for. */
const deadlineMs = 10_000;

/**
 * Spawns the fake. Node's default stdio makes stdin a pipe the parent never closes; 'ignore' is
 * /dev/null, as the runner spawns it.
 */
function spawnFake(fake: FakeAstro, args: string[], stdin: 'pipe' | 'ignore' = 'pipe') {
  const stdio: StdioOptions = [stdin, 'pipe', 'pipe'];
  const child = spawn(fake.binaryPath, args, { env: { PATH: process.env.PATH, FAKE_ASTRO_STATE: fake.statePath, ASTRO_TELEMETRY_DISABLED: '1' }, cwd: fake.dir, stdio });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /** Resolves on the stdout chunk that completes `text`; fails at once if the fake exits first, or at the deadline. */
  const waitForStdout = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('close', onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = () => {
        if (stdout.includes(text)) done();
      };
      const onClose = (code: number | null) => done(new Error(`the fake astro exited (${String(code)}) without printing ${JSON.stringify(text)}; stdout: ${JSON.stringify(stdout)}; stderr: ${JSON.stringify(stderr)}`));
      const timer = setTimeout(() => done(new Error(`the fake astro did not print ${JSON.stringify(text)} within ${deadlineMs} ms; stdout: ${JSON.stringify(stdout)}`)), deadlineMs);
      child.stdout?.on('data', check);
      child.on('close', onClose);
      check();
    });
  return { child, exited, waitForStdout, output: () => ({ stdout, stderr }) };
}

/** Waits until the fake's latest invocation record says it is blocked on `what`, with a deadline. */
async function waitUntilWaitingFor(fake: FakeAstro, what: FakeCall['waitingFor']): Promise<FakeCall> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const call = fake.calls().at(-1);
    if (call?.waitingFor === what) return call;
    if (Date.now() > deadline) throw new Error(`the fake astro did not report waiting for ${String(what)} within ${deadlineMs} ms; last record: ${JSON.stringify(call)}`);
    await sleep(20);
  }
}

describe('the stdin trap', () => {
  it('issue 9 item 21: blocks on the deployment selection prompt while stdin is an open pipe, and fails at EOF', async () => {
    const fake = newFake();
    const run = spawnFake(fake, ['deployment', 'variable', 'list', '--workspace-id', ws]);
    try {
      await run.waitForStdout('\n> ');
      // Blocked in the stdin read, and only the end of stdin lets it go on (to its EOF error).
      expect((await waitUntilWaitingFor(fake, 'stdin')).stdin).toBe('pipe');
      expect(run.child.exitCode).toBeNull();
      run.child.stdin?.end();
      expect(await run.exited).toBe(1);
      expect(run.output().stderr).toContain('Error: invalid Deployment selected');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('issue 9 item 21: an expired session prompts on stdout without a newline, reads Enter, then waits for the browser login', async () => {
    const fake = newFake({ loggedIn: 'expired' });
    const run = spawnFake(fake, ['deployment', 'inspect', prod, '--workspace-id', ws, '--output', 'json']);
    try {
      await run.waitForStdout('Press Enter to open the browser to log in or ^C to quit…');
      expect(run.output().stdout).toBe('Welcome to the Astro CLI 🚀\nTo learn more about Astro, go to https://www.astronomer.io/docs\nPress Enter to open the browser to log in or ^C to quit…');
      await waitUntilWaitingFor(fake, 'stdin');
      run.child.stdin?.write('\n');
      await waitUntilWaitingFor(fake, 'browser-login');
      expect(run.child.exitCode).toBeNull();
      run.child.kill('SIGTERM');
      await run.exited;
      expect(fake.calls().at(-1)).toMatchObject({ stdin: 'pipe', exitCode: null });
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('issue 9 item 14: with stdin at /dev/null, an expired session still goes on to wait for the browser login', async () => {
    const fake = newFake({ loggedIn: 'expired' });
    const run = spawnFake(fake, ['deployment', 'inspect', prod, '--workspace-id', ws, '--output', 'json'], 'ignore');
    try {
      await run.waitForStdout('Press Enter to open the browser');
      expect((await waitUntilWaitingFor(fake, 'browser-login')).stdin).toBe('null-device');
      expect(run.child.exitCode).toBeNull();
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  });

  it('gives up at EOF and fails at the API in the fails-at-eof login mode', () => {
    const fake = newFake({ loggedIn: 'expired', expiredLogin: 'fails-at-eof' });
    const result = astro(fake, ['deployment', 'inspect', prod, '--workspace-id', ws, '--output', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Press Enter to open the browser');
    expect(result.stderr).toContain('status 401');
  });

  it('fails fast instead when stdin is /dev/null', () => {
    const fake = newFake();
    const result = astro(fake, ['deployment', 'variable', 'list', '--workspace-id', ws]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Select a Deployment');
    expect(result.stderr).toBe('Error: invalid Deployment selected\n');
  });
});

describe('reproduced CLI behaviour', () => {
  it('prints the API token banner before JSON, except for inspect', () => {
    const fake = newFake();
    const list = astro(fake, ['deployment', 'list', '--workspace-id', ws, '--json'], { ASTRO_API_TOKEN: 'tok' });
    expect(list.stdout.startsWith('Using an Astro API Token\n{\n  "deployments": [')).toBe(true);
    const inspect = astro(fake, ['deployment', 'inspect', prod, '--workspace-id', ws, '-o', 'json'], { ASTRO_API_TOKEN: 'tok' });
    expect(inspect.stdout.startsWith('{\n    "deployment": {')).toBe(true);
  });

  it('skips an existing key on create (exit 0 for arguments, exit 1 for --load) and upserts on update', () => {
    const fake = newFake();
    const positional = astro(fake, ['deployment', 'variable', 'create', '-d', prod, 'EXISTING=new']);
    expect(positional.code).toBe(0);
    expect(positional.stdout).toContain('key EXISTING already exists, skipping creation. Use the update command to update existing variables\n');
    const file = join(fake.dir, 'vars.env');
    writeFileSync(file, 'EXISTING=new\n');
    const loaded = astro(fake, ['deployment', 'variable', 'create', '-d', prod, '--load', '--env', file]);
    expect(loaded.code).toBe(1);
    expect(loaded.stdout).toContain('Cleaning quotes and whitespaces from variable EXISTINGkey EXISTING already exists skipping creation use the --update flag');
    expect(fake.deployment(prod).variables.find((v) => v.key === 'EXISTING')?.value).toBe('old');
    const updated = astro(fake, ['deployment', 'variable', 'update', '-d', prod, '--load', '--env', file]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('updating variable EXISTING \n');
    expect(fake.deployment(prod).variables.find((v) => v.key === 'EXISTING')?.value).toBe('new');
    // Every create/update call reached the deployment and restarted it.
    expect(fake.deployment(prod).restarts).toBe(3);
  });

  it('applies the --load quirks: quotes and spaces stripped, export kept in the key, comments and duplicates skipped', () => {
    const fake = newFake();
    const file = join(fake.dir, 'vars.env');
    writeFileSync(file, ['# comment', 'QUOTED="  spaced  "', 'export FOO=1', 'DUP=first', 'DUP=second', 'HASH=a # b', ''].join('\n'));
    const result = astro(fake, ['deployment', 'variable', 'update', '-d', prod, '--load', '--env', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: there was an error while creating or updating one or more of the environment variables');
    const stored = Object.fromEntries(fake.deployment(prod).variables.map((v) => [v.key, v.value]));
    expect(stored).toMatchObject({ QUOTED: 'spaced', 'export FOO': '1', DUP: 'first', HASH: 'a # b' });
  });

  it('keeps a secret that is re-sent without a value, and never turns a secret back into plain', () => {
    const fake = newFake();
    const file = join(fake.dir, 'vars.env');
    writeFileSync(file, 'TOKEN=rotated\n');
    astro(fake, ['deployment', 'variable', 'update', '-d', prod, '--load', '--env', file]);
    expect(fake.deployment(prod).variables.find((v) => v.key === 'TOKEN')).toMatchObject({ value: 'rotated', isSecret: true });
    writeFileSync(file, 'EXISTING=now-secret\n');
    astro(fake, ['deployment', 'variable', 'update', '-d', prod, '--load', '--env', file, '--secret']);
    expect(fake.deployment(prod).variables.find((v) => v.key === 'EXISTING')).toMatchObject({ isSecret: true });
    const table = astro(fake, ['deployment', 'variable', 'list', '-d', prod]);
    expect(table.stdout).not.toContain('rotated');
    expect(table.stdout).toContain('****');
  });

  it('records whether argv carried a secret value', () => {
    const fake = newFake();
    astro(fake, ['deployment', 'variable', 'update', '-d', prod, 'TOKEN=tok-value-123']);
    const call = fake.calls().at(-1);
    expect(call?.argvContainsSecret).toBe(true);
    expect(call?.positionalValueCount).toBe(1);
  });

  it('prints usage after a workspace error', () => {
    const fake = newFake({ currentWorkspaceId: null });
    const result = astro(fake, ['deployment', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: failed to find a valid workspace: .*current workspace context not set/);
    expect(result.stderr).toContain('Usage:');
  });
});

describe('a Deployment per environment', () => {
  it('issue 13 item 7: dev and prod are listed with their regions, and inspect shows dev\'s plain kwargs and prod\'s secret kwargs as null', () => {
    const fake = createFakeAstro({ deployments: [environmentDeployments.dev, environmentDeployments.prod] });
    fakes.push(fake);
    const list = astro(fake, ['deployment', 'list', '--workspace-id', ws, '--json']);
    expect(list.code).toBe(0);
    const listed = (JSON.parse(list.stdout) as { deployments: { name: string; region?: string }[] }).deployments;
    expect(listed.map((d) => [d.name, d.region]).sort()).toEqual([['airflow-dev', 'us-east-1'], ['airflow-prod', 'eu-west-1']]);

    const inspect = (id: string) => {
      const run = astro(fake, ['deployment', 'inspect', id, '--workspace-id', ws, '-o', 'json']);
      expect(run.code).toBe(0);
      const variables = (JSON.parse(run.stdout) as { deployment: { environment_variables: { key: string; value: string | null; is_secret: boolean }[] } }).deployment.environment_variables;
      return new Map(variables.map((v) => [v.key, v]));
    };
    const dev = inspect(environmentDeployments.dev.id).get('AIRFLOW__SECRETS__BACKEND_KWARGS');
    expect(dev).toMatchObject({ is_secret: false });
    expect(JSON.parse(dev?.value ?? 'null')).toMatchObject({ region_name: 'us-east-1' });
    expect(inspect(environmentDeployments.prod.id).get('AIRFLOW__SECRETS__BACKEND_KWARGS')).toEqual({ key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: null, is_secret: true, updated_at: expect.any(String) as unknown });
  });
});
