/**
 * The `deploy.*` API as the app composes it (electron/airlock.ts), called through `dispatch` like
 * both transports do, against the fake `astro` on the app's PATH: the status card's answers, the
 * API token passed only in the CLI's environment (and never back out), progress events, and the
 * projects checklist reading the Deployment through the same runner.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { appApi } from '../app-api';
import type { EventName } from '../../../shared/api';
import { createFakeAstro, type FakeAstro } from '../../fakes/astro/fake-astro';
import { copyFixtureProject, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';
import { PROD, standardDeployment, WS } from './deploy-harness';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJwZXJtaXNzaW9ucyI6WyJvcmdhbml6YXRpb25JZDp4Il19.dG9rZW4tc2lnbmF0dXJl';

let fake: FakeAstro;
let project: FixtureCopy;
let dataDir: string;
let airlock: Airlock;
const log = createMemoryLogger();
let seen: string[];
let events: { name: EventName; payload: unknown }[];

beforeEach(async () => {
  fake = createFakeAstro({ deployments: [standardDeployment], tokenWorkspaceId: WS });
  project = await copyFixtureProject('healthy');
  dataDir = await mkdtemp(join(tmpdir(), 'airlock-deploy-api-'));
  seen = [];
  events = [];
  airlock = createAirlock({
    mode: 'browser',
    version: 'test',
    dataDir,
    log,
    env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir },
  });
  airlock.events.subscribe((name, payload) => {
    events.push({ name, payload });
    seen.push(JSON.stringify(payload));
  });
});
afterEach(async () => {
  await airlock.close();
  fake.cleanup();
  await project.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

describe('deploy.* through the app', () => {
  it('reports the CLI, its version and who it is logged in as', async () => {
    const status = await call('deploy.astroStatus', {});
    expect(status.binary).toMatchObject({ found: true, path: fake.binaryPath, version: '1.45.0', supported: true });
    expect(status.auth).toEqual({ loggedIn: true, method: 'session', organization: { id: 'clorg0000000000000000001', name: 'Acme' }, workspace: { id: WS, name: 'Data Team' } });
    // Browser mode has no OS keyring: a token would be kept in memory only, and the card says so.
    expect(status.token).toMatchObject({ source: 'none', persistent: false });
    expect(status.token.notice).toMatch(/memory/);
    expect(await call('deploy.workspaces', {})).toEqual([{ id: WS, name: 'Data Team', isCurrent: true }]);
    expect((await call('deploy.deployments', { workspaceId: WS })).map((d) => d.name)).toEqual(['prod']);
  });

  it('uses an API token only through the CLI environment with a private ASTRO_HOME, and never hands it back', async () => {
    const state = await call('deploy.setApiToken', { token: TOKEN });
    expect(state).toMatchObject({ source: 'app', persistent: false });
    const status = await call('deploy.astroStatus', {});
    expect(status.auth).toMatchObject({ loggedIn: true, method: 'api-token' });
    await call('deploy.deployments', { workspaceId: WS });

    const withToken = fake.calls().filter((item) => item.envNames.includes('ASTRO_API_TOKEN'));
    expect(withToken.length).toBeGreaterThan(0);
    for (const item of withToken) {
      expect(item.astroHome).toBe(join(dataDir, 'astro-home'));
      expect(item.argvContainsSecret).toBe(false);
    }
    expect(await call('deploy.clearApiToken', {})).toMatchObject({ source: 'none' });
    expect(JSON.stringify(await call('settings.get', {}))).not.toContain(TOKEN);
    expect(seen.join('\n')).not.toContain(TOKEN);
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });

  it('issue 9 item 4: clearing the token removes the copy the CLI wrote into the private ASTRO_HOME', async () => {
    await call('deploy.setApiToken', { token: TOKEN });
    await call('deploy.deployments', { workspaceId: WS });
    const config = join(dataDir, 'astro-home', '.astro', 'config.yaml');
    // The CLI (the fake does as the real one) saved the token it was given in its config file.
    expect(await readFile(config, 'utf8')).toContain(`Bearer ${TOKEN}`);

    expect(await call('deploy.clearApiToken', {})).toMatchObject({ source: 'none' });
    const left = existsSync(config) ? await readFile(config, 'utf8') : '';
    expect(left).not.toContain(TOKEN);
    // Without the token the CLI runs in the user's own ASTRO_HOME again, which Airlock never touches.
    await call('deploy.deployments', { workspaceId: WS });
    expect(fake.calls().at(-1)?.astroHome).toBeNull();
  });

  it('refuses a relative or missing astro path and keeps the working setting', async () => {
    expect((await failure('deploy.setAstroPath', { path: 'astro' })).code).toBe('INVALID_INPUT');
    expect((await failure('deploy.setAstroPath', { path: join(fake.dir, 'nope', 'astro') })).code).toBe('TOOL_MISSING');
    const status = await call('deploy.setAstroPath', { path: fake.binaryPath });
    expect(status).toMatchObject({ configuredPath: fake.binaryPath, binary: { found: true } });
    expect((await call('deploy.setAstroPath', { path: null })).configuredPath).toBeNull();
  });

  it('plans, deploys with progress events, and the projects checklist then sees the Deployment in line', async () => {
    await call('projects.open', { path: project.root });
    const beforeHealth = await call('projects.health', { path: project.root });
    expect(beforeHealth.items.find((item) => item.id === 'deployment-variables')).toMatchObject({ status: 'unknown', summary: 'No Deployment chosen for this project.' });

    await call('deploy.setTarget', { path: project.root, workspaceId: WS, deploymentId: PROD });
    const mid = await call('projects.health', { path: project.root });
    expect(mid.items.find((item) => item.id === 'deployment-variables')).toMatchObject({ status: 'warning' });

    const plan = await call('deploy.plan', { path: project.root, includeAwsCredentials: false });
    expect(plan.changedTargets).toEqual(['deployment']);
    const taskId = 'deploy-task-0001';
    const result = await call('deploy.apply', { planId: plan.planId, targets: ['deployment'], taskId });
    expect(result.outcome).toBe('deployed');
    const progress = events.filter((item) => item.name === 'task.progress').map((item) => item.payload as { taskId: string; label: string });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.every((item) => item.taskId === taskId)).toBe(true);
    expect(events.some((item) => item.name === 'deploy.output')).toBe(true);
    expect(seen.join('\n')).not.toContain('"connections_prefix"');

    const after = await call('projects.health', { path: project.root });
    expect(after.items.find((item) => item.id === 'deployment-variables')).toMatchObject({ status: 'ok' });
    // A review is single-use.
    expect((await failure('deploy.apply', { planId: plan.planId, targets: ['deployment'], taskId: 'deploy-task-0002' })).code).toBe('NOT_FOUND');
  });
});

describe('the project as the deploy review sees it', () => {
  it('issue 10 item 7: deploy.target names the project as projects.open does (project.name), not by its folder', async () => {
    const opened = await call('projects.open', { path: project.root });
    expect(opened).toMatchObject({ name: 'healthy-pipelines', nameSource: 'astro-config' });
    expect(basename(project.root)).toBe('healthy');
    expect((await call('deploy.target', { path: project.root })).project).toEqual(opened);
    const written = await call('deploy.setTarget', { path: project.root, workspaceId: WS, deploymentId: PROD });
    expect(written.project.name).toBe('healthy-pipelines');
    expect(written.target?.deploymentName).toBe('prod');
  });

  it('issue 10 item 10: a provider Health flags as missing from requirements.txt is in the deploy review, with the same fix', async () => {
    await writeFile(join(project.root, 'requirements.txt'), '# Astro Runtime includes the following pre-installed providers packages\n');
    await call('deploy.setTarget', { path: project.root, workspaceId: WS, deploymentId: PROD });
    const health = await call('projects.health', { path: project.root });
    const flagged = health.items.find((item) => item.id === 'provider-package');
    expect(flagged).toMatchObject({ status: 'error', summary: 'apache-airflow-providers-amazon is not required.' });

    const plan = await call('deploy.plan', { path: project.root, includeAwsCredentials: false });
    // One source of truth: the very item the checklist shows, fix included.
    expect(plan.health).toEqual([flagged]);
    expect(plan.health[0]?.fix?.label).toBe('Add apache-airflow-providers-amazon>=5.1.0 to requirements.txt');

    // Its fix goes through the projects review; the next plan no longer carries it.
    const fix = await call('projects.planChanges', { path: project.root, changes: [...(plan.health[0]?.fix?.changes ?? [])] });
    await call('projects.applyChanges', { path: project.root, planId: fix.planId, files: fix.files.map((file) => ({ file: file.file, fingerprint: file.fingerprint })) });
    expect((await call('deploy.plan', { path: project.root, includeAwsCredentials: false })).health).toEqual([]);
  });

  it('issue 10 item 10: the review checks the kwargs being deployed: a lookup pattern the pinned provider ignores, and a prefix with a leading /', async () => {
    await call('deploy.setTarget', { path: project.root, workspaceId: WS, deploymentId: PROD });
    // The Dockerfile's own kwargs are fine for its pin (>=8.0.0): Health has nothing to say about them.
    const health = await call('projects.health', { path: project.root });
    expect(health.items.filter((item) => ['provider-package', 'backend-class', 'backend-kwargs'].includes(item.id)).map((item) => item.status)).toEqual(['ok', 'ok', 'ok']);
    await writeFile(join(project.root, 'requirements.txt'), 'apache-airflow-providers-amazon>=7.0.0\n');

    const kwargsJson = '{"connections_prefix": "/airflow/connections", "variables_prefix": "airflow/variables", "connections_lookup_pattern": "^warehouse_", "region_name": "us-east-1"}';
    const plan = await call('deploy.plan', { path: project.root, kwargsJson, includeAwsCredentials: false });
    const byId = new Map(plan.health.map((item) => [item.id, item]));
    expect([...byId.keys()]).toEqual(['provider-package', 'backend-kwargs']);
    expect(byId.get('provider-package')).toMatchObject({ status: 'error', summary: '>=7.0.0 allows versions older than 7.3.0.', fix: { label: 'Require >=7.3.0' } });
    const kwargsProblems = byId.get('backend-kwargs')?.problems.map((problem) => problem.message).join('\n') ?? '';
    expect(kwargsProblems).toContain('/airflow/connections');
    // The review said it without writing anything, and without a window-side copy of the rules.
    expect(await readFile(join(project.root, 'Dockerfile'), 'utf8')).not.toContain('connections_lookup_pattern');
  });
});

describe('start-up housekeeping', () => {
  it('issue 11 item 2: after a restart, the first CLI call of any deploy method already runs with the saved token', async () => {
    // A keyring-backed stand-in for safeStorage (XOR), so the token is saved and read back at the next start.
    const cipher = {
      isAvailable: () => true,
      backend: () => 'gnome_libsecret',
      encrypt: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x3c)),
      decrypt: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x3c)).toString('utf8'),
    };
    const env = { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir };
    const first = createAirlock({ mode: 'electron', version: 'test', dataDir, log, env, cipher });
    expect(await appApi({ airlock: () => first, log, seen: () => seen, transport: 'ipc' }).call('deploy.setApiToken', { token: TOKEN })).toMatchObject({ persistent: true });
    await first.close();

    const firstCalls: Record<string, (api: ReturnType<typeof appApi>) => Promise<unknown>> = {
      'deploy.workspaces': (api) => api.call('deploy.workspaces', {}),
      'deploy.deployments': (api) => api.call('deploy.deployments', { workspaceId: WS }),
      'deploy.astroStatus': (api) => api.call('deploy.astroStatus', {}),
    };
    for (const [method, firstCall] of Object.entries(firstCalls)) {
      const restarted = createAirlock({ mode: 'electron', version: 'test', dataDir, log, env, cipher });
      const before = fake.calls().length;
      // Called at once: nobody waits for the saved token to be read first.
      await firstCall(appApi({ airlock: () => restarted, log, seen: () => seen, transport: 'ipc' }));
      const runs = fake.calls().slice(before);
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every((run) => run.envNames.includes('ASTRO_API_TOKEN')), `${method} ran without the saved token`).toBe(true);
      await restarted.close();
    }
  });

  it('issue 9 item 5: the app removes a crashed deploy\'s private --load folder from the temp folder when it starts, and logs its name', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'airlock-startup-temp-'));
    // A folder as the runner names it, made by a process that no longer runs (pid far above any pid_max).
    const leftover = 'airlock-astro-4294967-Zx81Qa';
    await mkdir(join(temp, leftover), { mode: 0o700 });
    await writeFile(join(temp, leftover, 'variables.env'), 'AWS_SECRET_ACCESS_KEY=left-by-a-crash-0123456789\n', { mode: 0o600 });
    const old = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(join(temp, leftover), old, old);
    const startLog = createMemoryLogger();
    vi.stubEnv('TMPDIR', temp);
    try {
      const started = createAirlock({ mode: 'browser', version: 'test', dataDir, log: startLog, env: { PATH: fake.env.PATH, HOME: fake.dir } });
      await started.housekeeping;
      await started.close();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await readdir(temp)).toEqual([]);
    expect(startLog.lines.join('\n')).toContain(leftover);
    expect(startLog.lines.join('\n')).not.toContain('left-by-a-crash');
    await rm(temp, { recursive: true, force: true });
  });
});
