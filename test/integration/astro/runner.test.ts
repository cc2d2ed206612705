/**
 * The runner against the fake `astro`, spawned as a real child process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroRunnerOptions } from '../../../electron/services/astro/runner';
import { createAstroRunner } from '../../../electron/services/astro/runner';
import type { FakeAstro, FakeAstroOptions } from '../../fakes/astro/fake-astro';
import { createFakeAstro, defaultWorkspace } from '../../fakes/astro/fake-astro';

const ws = defaultWorkspace.id;
const prod = 'clx1prod0000000000000000';
const dev = 'clx1dev00000000000000000';
const datadogSecret = 'dd-secret-9f8e7d6c5b4a';

const standardDeployments: FakeAstroOptions['deployments'] = [
  {
    id: prod,
    name: 'prod',
    workspaceId: ws,
    variables: [
      { key: 'AIRFLOW__CORE__PARALLELISM', value: '12' },
      { key: 'DATADOG_API_KEY', value: datadogSecret, isSecret: true },
      { key: 'ENV_TYPE', value: 'dev' },
    ],
  },
  { id: dev, name: 'dev', workspaceId: ws },
];

const fakes: FakeAstro[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.cleanup();
});

function setup(options: FakeAstroOptions = {}, runnerOptions: Partial<AstroRunnerOptions> = {}) {
  const fake = createFakeAstro({ deployments: standardDeployments, ...options });
  fakes.push(fake);
  const tempRoot = join(fake.dir, 'tmp');
  mkdirSync(tempRoot);
  const runner = createAstroRunner({
    env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir },
    searchDirs: [],
    tempRoot,
    ...runnerOptions,
  });
  return { fake, runner, tempRoot };
}

/** Whether a process with this id is still there (signal 0 only checks). */
function processExists(pid: number | undefined): boolean {
  if (pid === undefined) throw new Error('the fake astro recorded no process id');
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function updateCalls(fake: FakeAstro) {
  return fake.calls().filter((call) => call.command === 'deployment variable update');
}

describe('finding and checking the CLI', () => {
  it('resolves astro on PATH to an absolute path and reads its version', async () => {
    const { fake, runner } = setup({ version: '1.45.0' });
    expect(await runner.resolveBinary()).toBe(fake.binaryPath);
    expect(await runner.version()).toEqual({ raw: '1.45.0', semver: { major: 1, minor: 45, patch: 0 } });
  });

  it('runs the CLI with stdin ignored, no shell, telemetry and colour off', async () => {
    const { fake, runner } = setup();
    await runner.listWorkspaces();
    const calls = fake.calls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.stdin).toBe('null-device');
      expect(call.telemetryDisabled).toBe(true);
      expect(call.clicolor).toBe('0');
      expect(call.cwd).toBe(fake.dir);
    }
  });

  it('spawns without a shell and with stdin ignored', async () => {
    const seen: { shell: unknown; stdio: unknown }[] = [];
    const { fake } = setup();
    const runner = createAstroRunner({
      env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir },
      searchDirs: [],
      spawnImpl: (command, args, options) => {
        seen.push({ shell: options.shell, stdio: options.stdio });
        return spawn(command, args, options);
      },
    });
    await runner.listWorkspaces();
    expect(seen).toHaveLength(2);
    for (const options of seen) expect(options).toEqual({ shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it('masks the values of keys that are already secret, even in a plain (no --secret) call', async () => {
    const { fake } = setup();
    // A CLI build that echoes the loaded file, as an older or debug build could.
    const echo = `const fs=require('fs');const a=process.argv.slice(1);const f=a[a.indexOf('--env')+1];` +
      `for (const line of fs.readFileSync(f,'utf8').split('\\n').filter(Boolean)) console.log('loaded '+line);`;
    const runner = createAstroRunner({
      env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir },
      searchDirs: [],
      spawnImpl: (command, args, options) =>
        args[0] === 'version' ? spawn(command, args, options) : spawn(process.execPath, ['-e', echo, ...args], options),
    });
    const lines: string[] = [];
    await runner.updateVariables({
      deploymentId: prod,
      workspaceId: defaultWorkspace.id,
      variables: [{ key: 'PLAIN', value: 'visible-plain-value' }, { key: 'KWARGS', value: '{"role_arn": "arn:aws:iam::123456789012:role/x"}' }],
      secret: false,
      maskKeys: ['KWARGS'],
      onOutput: (line) => lines.push(line),
    });
    const output = lines.join('\n');
    expect(output).toContain('visible-plain-value');
    expect(output).toContain('KWARGS=');
    expect(output).not.toContain('role_arn');
  });

  it('checks the version once, before the first real command', async () => {
    const { fake, runner } = setup();
    await runner.listWorkspaces();
    await runner.listOrganizations();
    expect(fake.calls().map((call) => call.command)).toEqual(['version', 'workspace list', 'organization list']);
  });

  it('refuses a CLI too old for JSON output, but still reports its version', async () => {
    const { runner } = setup({ version: '1.30.0' });
    await expect(runner.listWorkspaces()).rejects.toMatchObject({ code: 'TOOL_MISSING', details: { found: '1.30.0', required: '1.42.0' } });
    expect((await runner.version()).raw).toBe('1.30.0');
  });

  it('says the CLI is missing when it is not on PATH', async () => {
    const { fake } = setup();
    const runner = createAstroRunner({ env: { PATH: join(fake.dir, 'tmp'), HOME: fake.dir }, searchDirs: [] });
    const error = await runner.version().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TOOL_MISSING' });
    expect((error as Error).message).toMatch(/install/i);
  });

  it('says the CLI is missing when the configured path does not exist, and refuses a relative path', async () => {
    const { fake } = setup();
    await expect(createAstroRunner({ binaryPath: join(fake.dir, 'nope', 'astro'), env: { HOME: fake.dir } }).version()).rejects.toMatchObject({ code: 'TOOL_MISSING' });
    await expect(createAstroRunner({ binaryPath: 'astro', env: { HOME: fake.dir } }).version()).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('uses a configured absolute path without searching PATH', async () => {
    const { fake } = setup();
    const runner = createAstroRunner({ binaryPath: fake.binaryPath, env: { PATH: process.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir }, searchDirs: [] });
    expect((await runner.version()).raw).toBe('1.45.0');
  });
});

describe('reading', () => {
  it('lists workspaces, organizations and deployments', async () => {
    const { runner } = setup();
    expect(await runner.listWorkspaces()).toEqual([{ id: ws, name: 'Data Team', isCurrent: true }]);
    expect((await runner.listOrganizations()).map((org) => org.name)).toEqual(['Acme']);
    const deployments = await runner.listDeployments(ws);
    // The CLI sorts by name, descending.
    expect(deployments.map((d) => [d.name, d.id])).toEqual([
      ['prod', prod],
      ['dev', dev],
    ]);
  });

  it('says who the CLI acts as', async () => {
    const { runner } = setup();
    expect(await runner.whoAmI()).toEqual({
      authMethod: 'session',
      organization: { id: 'clorg0000000000000000001', name: 'Acme', isCurrent: true },
      workspace: { id: ws, name: 'Data Team', isCurrent: true },
      workspaces: [{ id: ws, name: 'Data Team', isCurrent: true }],
    });
  });

  it('inspects a deployment: plain values, secrets as null, updated_at', async () => {
    const { runner } = setup();
    const info = await runner.inspectDeployment(prod, ws);
    expect(info).toMatchObject({ id: prod, name: 'prod', workspaceId: ws, workspaceName: 'Data Team' });
    expect(info.variables).toEqual([
      { key: 'AIRFLOW__CORE__PARALLELISM', value: '12', isSecret: false, updatedAt: '2026-08-01T10:00:00Z' },
      { key: 'DATADOG_API_KEY', value: null, isSecret: true, updatedAt: '2026-08-01T10:00:00Z' },
      { key: 'ENV_TYPE', value: 'dev', isSecret: false, updatedAt: '2026-08-01T10:00:00Z' },
    ]);
  });

  it('lists variables from the table', async () => {
    const { runner } = setup();
    expect(await runner.listVariables(prod, ws)).toEqual([
      { key: 'AIRFLOW__CORE__PARALLELISM', value: '12', isSecret: false },
      { key: 'DATADOG_API_KEY', value: null, isSecret: true },
      { key: 'ENV_TYPE', value: 'dev', isSecret: false },
    ]);
  });

  it('reports a deployment that is not in the workspace, and an empty workspace, as NOT_FOUND', async () => {
    const { runner } = setup();
    await expect(runner.inspectDeployment('clx1gone0000000000000000', ws)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const empty = setup({ deployments: [] });
    await expect(empty.runner.inspectDeployment(prod, ws)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await empty.runner.listDeployments(ws)).toEqual([]);
  });
});

describe('authentication', () => {
  it('reports a CLI that was never logged in as NOT_LOGGED_IN', async () => {
    const { runner } = setup({ loggedIn: false });
    await expect(runner.listWorkspaces()).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    await expect(runner.inspectDeployment(prod, ws)).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
  });

  it('issue 9 item 14: an expired session answers NOT_LOGGED_IN as soon as the login prompt appears, and the CLI is stopped', async () => {
    // The CLI would wait 300 s for a browser login. The runner's own timeout is well under the
    // test's and would answer ENDPOINT_UNREACHABLE: NOT_LOGGED_IN proves the prompt stopped it.
    const { fake, runner } = setup({ loggedIn: 'expired' }, { timeoutMs: 15_000 });
    const error = await runner.inspectDeployment(prod, ws).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_LOGGED_IN', details: { reason: 'session-expired' } });
    const inspect = fake.calls().find((call) => call.command === 'deployment inspect');
    expect(inspect?.stdin).toBe('null-device');
    // It never finished on its own, and it is gone: the runner killed it before answering.
    expect(inspect?.exitCode).toBeNull();
    expect(processExists(inspect?.pid)).toBe(false);
  });

  it('issue 9 item 14: a write whose CLI asks to log in is stopped before anything is sent', async () => {
    const { fake, runner, tempRoot } = setup({ loggedIn: 'expired' }, { writeTimeoutMs: 15_000 });
    const error = await runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'A', value: '1' }], secret: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_LOGGED_IN', details: { reason: 'session-expired' } });
    const [call] = updateCalls(fake);
    expect(call?.exitCode).toBeNull();
    expect(processExists(call?.pid)).toBe(false);
    expect(fake.deployment(prod).restarts).toBe(0);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('also answers NOT_LOGGED_IN when the login flow gives up at EOF and the command fails at the API', async () => {
    const { fake, runner } = setup({ loggedIn: 'expired', expiredLogin: 'fails-at-eof' });
    const error = await runner.inspectDeployment(prod, ws).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_LOGGED_IN', details: { reason: 'session-expired' } });
    expect(fake.calls().find((call) => call.command === 'deployment inspect')?.stdin).toBe('null-device');
  });

  it('does not mistake a variable value that reads like the login prompt for one', async () => {
    const { runner } = setup({
      deployments: [{ id: prod, name: 'prod', workspaceId: ws, variables: [{ key: 'GREETING', value: 'Welcome to the Astro CLI 🚀' }] }],
    });
    expect((await runner.inspectDeployment(prod, ws)).variables).toMatchObject([{ key: 'GREETING', value: 'Welcome to the Astro CLI 🚀' }]);
    expect(await runner.listVariables(prod, ws)).toEqual([{ key: 'GREETING', value: 'Welcome to the Astro CLI 🚀', isSecret: false }]);
  });

  it('passes an API token only in the environment, with a private ASTRO_HOME that receives the saved token', async () => {
    const token = 'astro-api-token-0123456789abcdef';
    const { fake, runner } = setup({ tokenWorkspaceId: ws }, {});
    const astroHome = join(fake.dir, 'airlock-astro-home');
    const tokenRunner = createAstroRunner({
      env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir },
      searchDirs: [],
      astroHome,
      apiToken: () => token,
    });
    const seen: string[] = [];
    const deployments = await tokenRunner.listDeployments(ws, { onOutput: (line) => seen.push(line) });
    expect(deployments).toHaveLength(2);
    expect(seen).toContain('Using an Astro API Token');
    expect((await tokenRunner.whoAmI()).authMethod).toBe('api-token');

    for (const call of fake.calls().filter((c) => c.command !== 'version')) {
      expect(call.envNames).toContain('ASTRO_API_TOKEN');
      expect(call.astroHome).toBe(astroHome);
      expect(call.cwd).toBe(astroHome);
      expect(call.argvContainsSecret).toBe(false);
    }
    // The CLI saves the token in its config: it must land in the private folder, not the user's home.
    expect(readFileSync(join(astroHome, '.astro', 'config.yaml'), 'utf8')).toContain(token);
    const userConfig = join(fake.dir, 'default-home', '.astro', 'config.yaml');
    expect(existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : '').not.toContain(token);
    // The session runner of the same setup never sends a token.
    await runner.listWorkspaces();
    expect(fake.calls().at(-1)?.envNames).not.toContain('ASTRO_API_TOKEN');
  });

  it('drops an ASTRO_API_TOKEN inherited from the environment unless one is configured', async () => {
    const { fake } = setup();
    const runner = createAstroRunner({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir, ASTRO_API_TOKEN: 'inherited' }, searchDirs: [] });
    await runner.listWorkspaces();
    for (const call of fake.calls()) expect(call.envNames).not.toContain('ASTRO_API_TOKEN');
  });

  it('reports an expired API token and a malformed one as NOT_LOGGED_IN with the reason', async () => {
    for (const [apiTokenValid, reason] of [
      ['expired', 'token-expired'],
      [false, 'token-invalid'],
    ] as const) {
      const { fake } = setup({ apiTokenValid });
      const runner = createAstroRunner({
        env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.statePath, HOME: fake.dir },
        searchDirs: [],
        astroHome: join(fake.dir, 'home'),
        apiToken: () => 'some-token-value',
      });
      const error = await runner.inspectDeployment(prod, ws).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NOT_LOGGED_IN', details: { reason } });
      expect((error as Error).message).not.toContain('some-token-value');
    }
  });

  it('refuses to be created with a token source but no private ASTRO_HOME', () => {
    expect(() => createAstroRunner({ apiToken: () => 'x' })).toThrow();
  });
});

describe('updating variables', () => {
  it('upserts through a private --load file that is deleted afterwards, with no value on argv', async () => {
    const { fake, runner, tempRoot } = setup();
    const values = {
      ENV_TYPE: 'production-eu',
      NEW_PLAIN: 'a=b # not a comment, "inner quotes" and héllo 🚀',
    };
    const result = await runner.updateVariables({
      deploymentId: prod,
      workspaceId: ws,
      variables: Object.entries(values).map(([key, value]) => ({ key, value })),
      secret: false,
    });
    expect(result.applied).toEqual(['ENV_TYPE', 'NEW_PLAIN']);
    expect(result.report.outcomes).toEqual([
      { key: 'ENV_TYPE', outcome: 'updated' },
      { key: 'NEW_PLAIN', outcome: 'added' },
    ]);

    const [call, ...more] = updateCalls(fake);
    expect(more).toEqual([]);
    expect(call?.positionalValueCount).toBe(0);
    expect(call?.argvContainsSecret).toBe(false);
    expect(call?.argvContainsLoadedValue).toBe(false);
    expect(call?.loadFile).toMatchObject({ mode: 0o600, dirMode: 0o700 });
    expect(call?.argv).toEqual(expect.arrayContaining(['--deployment-id', prod, '--workspace-id', ws, '--load', '--env']));
    expect(existsSync(call?.loadFile?.path ?? '')).toBe(false);
    expect(readdirSync(tempRoot)).toEqual([]);

    // The values arrive exactly, and the secret nobody touched keeps its value.
    const stored = fake.deployment(prod);
    expect(Object.fromEntries(stored.variables.map((v) => [v.key, v.value]))).toEqual({
      AIRFLOW__CORE__PARALLELISM: '12',
      DATADOG_API_KEY: datadogSecret,
      ENV_TYPE: 'production-eu',
      NEW_PLAIN: values.NEW_PLAIN,
    });
    expect(stored.restarts).toBe(1);
    const inspected = await runner.inspectDeployment(prod, ws);
    expect(inspected.variables.find((v) => v.key === 'NEW_PLAIN')?.value).toBe(values.NEW_PLAIN);
  });

  it('writes secrets with --secret and never shows their values in streamed output', async () => {
    const { fake, runner } = setup();
    const secretValue = 'sm-kwargs-{"connections_prefix": "airflow/connections"}';
    const lines: string[] = [];
    await runner.updateVariables({
      deploymentId: prod,
      workspaceId: ws,
      variables: [{ key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: secretValue }],
      secret: true,
      onOutput: (line) => lines.push(line),
    });
    expect(lines.some((line) => line.includes('adding variable AIRFLOW__SECRETS__BACKEND_KWARGS'))).toBe(true);
    expect(lines.join('\n')).not.toContain(secretValue);
    const [call] = updateCalls(fake);
    expect(call?.argv).toContain('--secret');
    const stored = fake.deployment(prod).variables.find((v) => v.key === 'AIRFLOW__SECRETS__BACKEND_KWARGS');
    expect(stored).toMatchObject({ value: secretValue, isSecret: true });
    const inspected = await runner.inspectDeployment(prod, ws);
    expect(inspected.variables.find((v) => v.key === 'AIRFLOW__SECRETS__BACKEND_KWARGS')).toMatchObject({ value: null, isSecret: true });
  });

  it('moves updated_at on a write, so drift can be detected', async () => {
    const { runner } = setup();
    const before = await runner.inspectDeployment(prod, ws);
    await runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'ENV_TYPE', value: 'staging' }], secret: false });
    const after = await runner.inspectDeployment(prod, ws);
    expect(after.updatedAt).not.toBe(before.updatedAt);
    expect(after.variables.find((v) => v.key === 'ENV_TYPE')?.updatedAt).not.toBe(before.variables.find((v) => v.key === 'ENV_TYPE')?.updatedAt);
    expect(after.variables.find((v) => v.key === 'AIRFLOW__CORE__PARALLELISM')?.updatedAt).toBe(before.variables.find((v) => v.key === 'AIRFLOW__CORE__PARALLELISM')?.updatedAt);
  });

  it('refuses values --load cannot carry exactly, without calling the CLI', async () => {
    const { fake, runner } = setup();
    for (const value of ['', ' padded', '"quoted"', 'two\nlines']) {
      await expect(runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'X', value }], secret: false })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(updateCalls(fake)).toEqual([]);
  });

  it('reports which keys were applied when the CLI applies some and fails the rest', async () => {
    const { fake, runner } = setup({ failNextUpdate: { kind: 'reject-keys', keys: ['B'] } });
    const error = await runner
      .updateVariables({
        deploymentId: prod,
        workspaceId: ws,
        variables: [
          { key: 'A', value: '1' },
          { key: 'B', value: '2' },
          { key: 'C', value: '3' },
        ],
        secret: false,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PARTIAL_FAILURE', details: { appliedKeys: ['A', 'C'], notAppliedKeys: ['B'] } });
    const stored = fake.deployment(prod);
    expect(stored.variables.map((v) => v.key)).toEqual(['AIRFLOW__CORE__PARALLELISM', 'DATADOG_API_KEY', 'ENV_TYPE', 'A', 'C']);
    expect(stored.restarts).toBe(1);
  });

  it('reports a failed update call without claiming anything was applied', async () => {
    const { fake, runner } = setup({ failNextUpdate: { kind: 'api-error', message: 'failed to perform request, status 500' } });
    const error = await runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'A', value: '1' }], secret: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).toContain('status 500');
    expect(fake.deployment(prod).restarts).toBe(0);
  });

  it('serialises concurrent writes so neither is lost to the whole-list replace', async () => {
    const { fake, runner } = setup();
    await Promise.all([
      runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'FIRST', value: '1' }], secret: false }),
      runner.updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'SECOND', value: '2' }], secret: false }),
    ]);
    const keys = fake.deployment(prod).variables.map((v) => v.key);
    expect(keys).toEqual(expect.arrayContaining(['FIRST', 'SECOND']));
    expect(fake.deployment(prod).restarts).toBe(2);
  });

  it('reports a missing deployment as NOT_FOUND and deletes the temp file', async () => {
    const { runner, tempRoot } = setup();
    await expect(
      runner.updateVariables({ deploymentId: 'clx1gone0000000000000000', workspaceId: ws, variables: [{ key: 'A', value: '1' }], secret: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(readdirSync(tempRoot)).toEqual([]);
  });
});

describe('cancellation and timeouts', () => {
  it('kills the CLI when the caller aborts, and cleans up the temp file', async () => {
    const { fake, runner, tempRoot } = setup({ failNextUpdate: { kind: 'hang' } });
    const controller = new AbortController();
    const error = await runner
      .updateVariables({
        deploymentId: prod,
        workspaceId: ws,
        variables: [{ key: 'A', value: '1' }],
        secret: false,
        signal: controller.signal,
        // The fake prints its per-variable messages, then hangs before the write.
        onOutput: (line) => {
          if (line.includes('adding variable A')) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    const [call] = updateCalls(fake);
    expect(call?.exitCode).toBeNull();
    expect(fake.deployment(prod).restarts).toBe(0);
    expect(readdirSync(tempRoot)).toEqual([]);
  });

  it('does not start the CLI when the signal is already aborted', async () => {
    const { fake, runner } = setup();
    await runner.version();
    const before = fake.calls().length;
    const controller = new AbortController();
    controller.abort();
    await expect(runner.inspectDeployment(prod, ws, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fake.calls()).toHaveLength(before);
  });

  it('stops a CLI that does not answer in time', async () => {
    const { fake, runner } = setup({ failNextUpdate: { kind: 'hang' } });
    const error = await runner
      .updateVariables({ deploymentId: prod, workspaceId: ws, variables: [{ key: 'A', value: '1' }], secret: false, timeoutMs: 1500 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENDPOINT_UNREACHABLE', details: { timedOut: true } });
    expect((error as Error).message).toMatch(/may or may not have been applied/);
    expect(fake.deployment(prod).restarts).toBe(0);
  });
});
