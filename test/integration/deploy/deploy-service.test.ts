/**
 * The deploy service against the fake `astro`, spawned as a real child process: the plan, the
 * one-click apply with the fewest CLI calls, the read-back, the records that make the second deploy
 * a no-op, and the ways it refuses or fails.
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployPlan, DeployResult, TargetResult } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { createHarness, DATADOG_SECRET, PROD, WS, type Harness, type HarnessOptions } from './deploy-harness';

const CLASS = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
const HEALTHY_KWARGS = '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "region_name": "us-east-1"}';
const PROFILE_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.cleanup();
});

async function setup(options: HarnessOptions = {}): Promise<Harness> {
  const harness = await createHarness(options);
  harnesses.push(harness);
  return harness;
}

async function withTarget(options: HarnessOptions = {}): Promise<Harness> {
  const harness = await setup(options);
  await harness.service.setTarget(harness.project.root, { workspaceId: WS, deploymentId: PROD, awsProfile: 'dev' });
  return harness;
}

let tasks = 0;
const taskId = () => `task-${String(++tasks).padStart(8, '0')}`;

function apply(harness: Harness, plan: DeployPlan, targets: TargetResult['target'][] = ['deployment']): Promise<DeployResult> {
  return harness.service.apply({ planId: plan.planId, targets, taskId: taskId() });
}

function target(result: DeployResult, name: TargetResult['target']): TargetResult {
  const found = result.targets.find((item) => item.target === name);
  if (found === undefined) throw new Error(`no result for ${name}`);
  return found;
}

function statuses(plan: DeployPlan): Record<string, string> {
  return Object.fromEntries(plan.deployment.rows.map((row) => [row.key, row.status]));
}

function storedVariables(harness: Harness) {
  return Object.fromEntries(harness.fake.deployment(PROD).variables.map((v) => [v.key, { value: v.value, isSecret: v.isSecret }]));
}

describe('the target file', () => {
  it('remembers the Deployment (checked against Astro) and the AWS profile in .astro/airlock.json, with no secret in it', async () => {
    const harness = await setup();
    expect((await harness.service.target(harness.project.root)).exists).toBe(false);
    const written = await harness.service.setTarget(harness.project.root, { workspaceId: WS, deploymentId: PROD, awsProfile: 'dev' });
    expect(written.target).toEqual({ workspaceId: WS, workspaceName: 'Data Team', deploymentId: PROD, deploymentName: 'prod', awsProfile: 'dev', production: false });
    const text = await readFile(join(harness.project.root, '.astro', 'airlock.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ version: 1, deploymentId: PROD, deploymentName: 'prod', awsProfile: 'dev' });
    expect(text).toMatch(/safe to commit/);
    expect((await harness.service.target(harness.project.root)).target?.deploymentName).toBe('prod');
  });

  it('refuses a Deployment that is not in the workspace and writes nothing', async () => {
    const harness = await setup();
    await expect(harness.service.setTarget(harness.project.root, { workspaceId: WS, deploymentId: 'clx1gone0000000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await harness.service.target(harness.project.root)).exists).toBe(false);
  });

  it('plans nothing without a target', async () => {
    const harness = await setup();
    await expect(harness.service.plan(harness.project.root, { includeAwsCredentials: false })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the first deploy', () => {
  it('plans the two backend variables, leaves the others untouched, and shows masked commands', async () => {
    const harness = await withTarget();
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(statuses(plan)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'added', AIRFLOW__SECRETS__BACKEND_KWARGS: 'added' });
    expect(plan.deployment.untouched.map((v) => v.key)).toEqual(['AIRFLOW__CORE__PARALLELISM', 'DATADOG_API_KEY', 'ENV_TYPE']);
    expect(plan.deployment.calls.map((call) => call.secret)).toEqual([false, true]);
    expect(plan.deployment.commands).toHaveLength(2);
    expect(plan.deployment.commands[1]).toMatch(/^astro deployment variable update --deployment-id clx1prod0+ --workspace-id \S+ --load --env \S+variables\.env --secret$/);
    // The healthy fixture's Dockerfile and .env already hold what a deploy writes.
    expect(plan.changedTargets).toEqual(['deployment']);
    expect(plan.kwargs.source).toBe('dockerfile');
    expect(JSON.stringify(plan)).not.toContain('"connections_prefix"');
    expect(JSON.stringify(plan)).not.toContain(PROFILE_KEYS.secretAccessKey);
    expect(harness.service.revealLine(plan.planId, 'AIRFLOW__SECRETS__BACKEND_KWARGS', 'desired')).toBe(HEALTHY_KWARGS);
  });

  it('deploys exactly the planned variables in the fewest calls, values only in a private file, then verifies', async () => {
    const harness = await withTarget();
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    const result = await apply(harness, plan);

    expect(result.outcome).toBe('deployed');
    const deployment = target(result, 'deployment');
    expect(deployment).toMatchObject({ outcome: 'applied', calls: 2, verified: true, notAppliedKeys: [] });
    expect([...deployment.appliedKeys].sort()).toEqual(['AIRFLOW__SECRETS__BACKEND', 'AIRFLOW__SECRETS__BACKEND_KWARGS']);
    expect(deployment.checks.every((check) => check.ok === true)).toBe(true);

    const calls = harness.updateCalls();
    expect(calls).toHaveLength(2);
    expect(harness.fake.deployment(PROD).restarts).toBe(2);
    for (const call of calls) {
      expect(call.argvContainsSecret).toBe(false);
      expect(call.argvContainsLoadedValue).toBe(false);
      expect(call.positionalValueCount).toBe(0);
      expect(call.stdin).toBe('null-device');
      expect(call.loadFile).toMatchObject({ mode: 0o600, dirMode: 0o700 });
      expect(call.argv).toEqual(expect.arrayContaining(['--deployment-id', PROD, '--workspace-id', WS]));
    }
    expect(calls.map((call) => call.argv.includes('--secret'))).toEqual([false, true]);
    expect(harness.tempEntries()).toEqual([]);

    expect(storedVariables(harness)).toEqual({
      AIRFLOW__CORE__PARALLELISM: { value: '12', isSecret: false },
      DATADOG_API_KEY: { value: DATADOG_SECRET, isSecret: true },
      ENV_TYPE: { value: 'dev', isSecret: false },
      AIRFLOW__SECRETS__BACKEND: { value: CLASS, isSecret: false },
      AIRFLOW__SECRETS__BACKEND_KWARGS: { value: HEALTHY_KWARGS, isSecret: true },
    });
    // Progress went from the check to done; the CLI's output was streamed without the secret value.
    expect(harness.progress.at(-1)).toMatchObject({ label: 'Done' });
    expect(harness.progress.some((item) => item.label.includes('restarts'))).toBe(true);
    expect(harness.output.some((line) => line.line.includes('adding variable AIRFLOW__SECRETS__BACKEND_KWARGS'))).toBe(true);
    expect(JSON.stringify([harness.output, harness.progress, result, harness.logLines])).not.toContain('"connections_prefix"');
  });

  it('deploys a second time as a no-op: the plan says nothing to change and no CLI write is made', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    const second = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(statuses(second)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'unchanged', AIRFLOW__SECRETS__BACKEND_KWARGS: 'unchanged' });
    expect(second.deployment.rows.find((row) => row.secretAfter)?.note).toMatch(/since Airlock deployed it/);
    expect(second.deployment.calls).toEqual([]);
    expect(second.changedTargets).toEqual([]);

    const result = await apply(harness, second);
    expect(result.outcome).toBe('nothing-to-change');
    expect(target(result, 'deployment')).toMatchObject({ outcome: 'unchanged', calls: 0, verified: true });
    expect(harness.updateCalls()).toHaveLength(2);
    expect(harness.fake.deployment(PROD).restarts).toBe(2);
  });

  it('says "changed outside Airlock" when the secret kwargs were edited elsewhere after Airlock deployed them', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    harness.fake.updateState((state) => {
      const variable = state.deployments[0]?.variables.find((v) => v.key === 'AIRFLOW__SECRETS__BACKEND_KWARGS');
      if (variable === undefined) throw new Error('missing');
      variable.value = '{"connections_prefix": "edited/in/the/ui"}';
      variable.updatedAt = '2026-08-02T08:00:00Z';
    });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(statuses(plan)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'unchanged', AIRFLOW__SECRETS__BACKEND_KWARGS: 'changed-outside' });
    expect(plan.deployment.calls).toEqual([expect.objectContaining({ secret: true, keys: ['AIRFLOW__SECRETS__BACKEND_KWARGS'] })]);
  });

  it('deploys the AWS keys as secrets when asked, in one --secret call when the plain variables already match', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: true });
    expect(statuses(plan)).toMatchObject({ AWS_ACCESS_KEY_ID: 'added', AWS_SECRET_ACCESS_KEY: 'added' });
    expect(plan.deployment.calls.map((call) => [call.secret, call.keys])).toEqual([[true, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']]]);
    await apply(harness, plan);
    expect(storedVariables(harness)).toMatchObject({
      AWS_ACCESS_KEY_ID: { value: PROFILE_KEYS.accessKeyId, isSecret: true },
      AWS_SECRET_ACCESS_KEY: { value: PROFILE_KEYS.secretAccessKey, isSecret: true },
    });
    for (const call of harness.updateCalls()) expect(call.argvContainsSecret).toBe(false);
  });
});

describe('the variables Airlock leaves alone', () => {
  it('issue 9 item 20: a Deployment that already holds the variables Airlock owns lists only the others as untouched', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    // Now the Deployment holds both owned variables, plus the three others; kwargs change so one is sent again.
    const plan = await harness.service.plan(harness.project.root, { kwargsJson: '{"connections_prefix": "team/connections"}', includeAwsCredentials: false });
    expect(statuses(plan)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'unchanged', AIRFLOW__SECRETS__BACKEND_KWARGS: 'changed' });
    expect(plan.deployment.untouched.map((v) => v.key)).toEqual(['AIRFLOW__CORE__PARALLELISM', 'DATADOG_API_KEY', 'ENV_TYPE']);
    const result = await apply(harness, plan);
    expect(target(result, 'deployment').checks.find((check) => check.key === null)).toEqual({ key: null, ok: true, detail: '3 other variables kept exactly as they were.' });
  });
});

describe('the kwargs deployed', () => {
  it('uses the kwargs in use in the window over the Dockerfile, and plans the Dockerfile line to match', async () => {
    const harness = await withTarget();
    const given = '{"connections_prefix": "team/connections", "region_name": "eu-west-1"}';
    const plan = await harness.service.plan(harness.project.root, { kwargsJson: given, includeAwsCredentials: false });
    expect(plan.kwargs.source).toBe('given');
    expect(harness.service.revealLine(plan.planId, 'AIRFLOW__SECRETS__BACKEND_KWARGS', 'desired')).toBe(given);
    expect(plan.changedTargets).toEqual(['dockerfile', 'deployment']);
    expect(plan.dockerfile.plan?.files[0]?.summary).toEqual(['AIRFLOW__SECRETS__BACKEND_KWARGS: replaced (line 4)']);
  });

  it('refuses kwargs that are not JSON, before reading the Deployment', async () => {
    const harness = await withTarget();
    const before = harness.fake.calls().length;
    await expect(harness.service.plan(harness.project.root, { kwargsJson: "{'connections_prefix': 'x',}", includeAwsCredentials: false })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(harness.fake.calls()).toHaveLength(before);
  });
});

describe('refusals before anything runs', () => {
  it('refuses a stale plan when the Deployment changed behind it, and deploys nothing', async () => {
    const harness = await withTarget();
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    harness.fake.updateState((state) => {
      const variable = state.deployments[0]?.variables.find((v) => v.key === 'ENV_TYPE');
      if (variable === undefined) throw new Error('missing');
      variable.value = 'production';
      variable.updatedAt = '2026-08-01T11:00:00Z';
    });
    const error = await apply(harness, plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { drift: ['ENV_TYPE changed'] } });
    expect(harness.updateCalls()).toEqual([]);
    expect(harness.fake.deployment(PROD).restarts).toBe(0);
    // The stale review cannot be retried: it is gone.
    await expect(apply(harness, plan)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a value the --load file cannot carry exactly, in the plan and on apply, without a CLI write', async () => {
    const harness = await withTarget({ profile: { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'ends-with-a-quote"' } } });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: true });
    expect(plan.deployment.available).toBe(false);
    expect(plan.deployment.unavailable).toMatch(/AWS_SECRET_ACCESS_KEY.*quote/);
    expect(plan.deployment.unavailable).not.toContain('ends-with-a-quote');
    expect(plan.changedTargets).not.toContain('deployment');
    await expect(apply(harness, plan)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(harness.updateCalls()).toEqual([]);
  });

  it('refuses temporary AWS keys for the Deployment (they would expire there)', async () => {
    const harness = await withTarget({ profile: { credentials: { ...PROFILE_KEYS, sessionToken: 'FwoGZXIvYXdzEtemporary' } } });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: true });
    expect(plan.deployment.unavailable).toMatch(/temporary/);
  });

  it('asks for the production confirmation before any call', async () => {
    const seen: string[] = [];
    const harness = await withTarget({
      guard: (action, confirmation) => {
        seen.push(action);
        return confirmation === '123456789012' ? Promise.resolve() : Promise.reject(new AppError('CONFIRMATION_REQUIRED', 'Confirm.', { details: { account: '123456789012', profile: 'prod', expected: '123456789012', action } }));
      },
    });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    await expect(apply(harness, plan)).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(seen[0]).toBe('deploy 2 variables to the Astro Deployment "prod"');
    expect(harness.fake.calls().filter((call) => call.command !== 'deployment inspect' && call.command !== 'version')).toEqual([]);
    const result = await harness.service.apply({ planId: plan.planId, targets: ['deployment'], taskId: taskId(), productionConfirmation: '123456789012' });
    expect(result.outcome).toBe('deployed');
  });

  it('needs the name typed for a Deployment marked production in the target file', async () => {
    const harness = await setup();
    await harness.service.setTarget(harness.project.root, { workspaceId: WS, deploymentId: PROD, production: true });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(plan.deployment.production).toBe(true);
    await expect(harness.service.apply({ planId: plan.planId, targets: ['deployment'], taskId: taskId(), deploymentConfirmation: 'pro' })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(harness.updateCalls()).toEqual([]);
    const result = await harness.service.apply({ planId: plan.planId, targets: ['deployment'], taskId: taskId(), deploymentConfirmation: 'prod' });
    expect(result.outcome).toBe('deployed');
  });
});

describe('failures during the deploy', () => {
  it('reports exactly which variables Astro applied when it applies some and refuses others', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    harness.fake.updateState((state) => {
      state.failNextUpdate = { kind: 'reject-keys', keys: ['AWS_ACCESS_KEY_ID'] };
    });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: true });
    const result = await apply(harness, plan);

    expect(result.outcome).toBe('failed');
    const deployment = target(result, 'deployment');
    expect(deployment).toMatchObject({ outcome: 'failed', appliedKeys: ['AWS_SECRET_ACCESS_KEY'], notAppliedKeys: ['AWS_ACCESS_KEY_ID'], calls: 1, verified: false });
    expect(deployment.error?.code).toBe('PARTIAL_FAILURE');
    expect(deployment.message).toMatch(/Applied: AWS_SECRET_ACCESS_KEY; not applied: AWS_ACCESS_KEY_ID/);
    expect(deployment.checks.find((check) => check.key === 'AWS_ACCESS_KEY_ID')).toMatchObject({ ok: false });
    expect(storedVariables(harness).AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(storedVariables(harness).DATADOG_API_KEY).toEqual({ value: DATADOG_SECRET, isSecret: true });

    // Only what was applied is recorded: the next plan sends just the missing key.
    const next = await harness.service.plan(harness.project.root, { includeAwsCredentials: true });
    expect(statuses(next)).toEqual({
      AIRFLOW__SECRETS__BACKEND: 'unchanged',
      AIRFLOW__SECRETS__BACKEND_KWARGS: 'unchanged',
      AWS_ACCESS_KEY_ID: 'added',
      AWS_SECRET_ACCESS_KEY: 'unchanged',
    });
  });

  it('issue 9 item 16: keys of a failed --secret call are reported as not applied by the read-back too, never as sent', async () => {
    const harness = await withTarget();
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    // The kwargs are secret on the Deployment already and change: one --secret call carries them, and it fails.
    const plan = await harness.service.plan(harness.project.root, { kwargsJson: '{"connections_prefix": "team/connections"}', includeAwsCredentials: false });
    expect(plan.deployment.calls.map((call) => [call.secret, call.keys])).toEqual([[true, ['AIRFLOW__SECRETS__BACKEND_KWARGS']]]);
    harness.fake.updateState((state) => {
      state.failNextUpdate = { kind: 'api-error', message: 'failed to perform request, status 500' };
    });
    const deployment = target(await apply(harness, plan), 'deployment');

    expect(deployment).toMatchObject({ outcome: 'failed', appliedKeys: [], notAppliedKeys: ['AIRFLOW__SECRETS__BACKEND_KWARGS'], verified: false });
    const check = deployment.checks.find((item) => item.key === 'AIRFLOW__SECRETS__BACKEND_KWARGS');
    expect(check).toEqual({ key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', ok: false, detail: 'Not applied: the call that carried it failed, and Astro reports no change.' });
    expect(deployment.checks.map((item) => item.detail).join(' ')).not.toMatch(/\bsent\b/);
    // The key that needed no call is still reported as left alone.
    expect(deployment.checks.find((item) => item.key === 'AIRFLOW__SECRETS__BACKEND')).toMatchObject({ ok: true });
  });

  it('stops after a failed call: the secret call is not made when the plain one fails', async () => {
    const harness = await withTarget({ fake: { failNextUpdate: { kind: 'api-error', message: 'failed to perform request, status 500' } } });
    const result = await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    expect(target(result, 'deployment')).toMatchObject({ outcome: 'failed', appliedKeys: [], calls: 0 });
    expect(harness.updateCalls()).toHaveLength(1);
    expect(harness.fake.deployment(PROD).restarts).toBe(0);
  });

  it('cancels a running deploy: the CLI is stopped, the temp file is gone, and the result says so', async () => {
    const harness = await withTarget({
      fake: { failNextUpdate: { kind: 'hang' } },
      onOutput: (line, service) => {
        if (line.line.includes('adding variable AIRFLOW__SECRETS__BACKEND')) service.cancel(line.taskId);
      },
    });
    const result = await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    expect(result.outcome).toBe('cancelled');
    expect(target(result, 'deployment')).toMatchObject({ outcome: 'cancelled', appliedKeys: [], calls: 0 });
    expect(harness.updateCalls()).toHaveLength(1);
    expect(harness.fake.deployment(PROD).restarts).toBe(0);
    expect(harness.tempEntries()).toEqual([]);
  });

  it('says the CLI is not logged in', async () => {
    const harness = await setup({ fake: { loggedIn: false } });
    await writeFile(join(harness.project.root, '.astro', 'airlock.json'), JSON.stringify({ version: 1, workspaceId: WS, deploymentId: PROD, deploymentName: 'prod' }));
    await expect(harness.service.plan(harness.project.root, { includeAwsCredentials: false })).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    const status = await harness.astro.status();
    expect(status.auth).toMatchObject({ loggedIn: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('says the CLI is missing', async () => {
    const harness = await setup({ path: '/nonexistent-bin' });
    await writeFile(join(harness.project.root, '.astro', 'airlock.json'), JSON.stringify({ version: 1, workspaceId: WS, deploymentId: PROD, deploymentName: 'prod' }));
    await expect(harness.service.plan(harness.project.root, { includeAwsCredentials: false })).rejects.toMatchObject({ code: 'TOOL_MISSING' });
    const status = await harness.astro.status();
    expect(status.binary).toMatchObject({ found: false, error: { code: 'TOOL_MISSING' } });
    expect(status.auth).toBeNull();
  });
});

describe('the file targets', () => {
  it('writes the Dockerfile ENV lines and the .env keys it showed, then reads them back', async () => {
    const harness = await withTarget({ fixture: 'needs-setup' });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(plan.changedTargets).toEqual(['dockerfile', 'dotenv', 'deployment']);
    expect(plan.dockerfile.plan?.files.map((file) => file.file)).toEqual(['Dockerfile']);
    expect(plan.dotenv.plan?.files.find((file) => file.file === '.env')?.masked).toBe(true);
    expect(JSON.stringify(plan.dotenv)).not.toContain(PROFILE_KEYS.secretAccessKey);

    const result = await apply(harness, plan, ['deployment', 'dockerfile', 'dotenv']);
    expect(result.outcome).toBe('deployed');
    expect(result.targets.map((item) => [item.target, item.outcome, item.verified])).toEqual([
      ['dockerfile', 'applied', true],
      ['dotenv', 'applied', true],
      ['deployment', 'applied', true],
    ]);
    const dockerfile = await readFile(join(harness.project.root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ENV AIRFLOW__SECRETS__BACKEND=${CLASS}\r\n`);
    const dotenv = await readFile(join(harness.project.root, '.env'), 'utf8');
    expect(dotenv).toContain(`AWS_SECRET_ACCESS_KEY=${PROFILE_KEYS.secretAccessKey}`);
    expect(JSON.stringify(result)).not.toContain(PROFILE_KEYS.secretAccessKey);

    const again = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(again.changedTargets).toEqual([]);
  });

  it('issue 9 item 2: the .env target carries the .gitignore entry in the same reviewed change, ticked with it, and the read-back verifies it', async () => {
    const harness = await withTarget({ fixture: 'needs-setup' });
    const dotenvPath = join(harness.project.root, '.env');
    await chmod(dotenvPath, 0o644);
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(plan.changedTargets).toContain('dotenv');
    const files = plan.dotenv.plan?.files ?? [];
    expect(files.map((file) => file.file)).toEqual(['.gitignore', '.env']);
    expect(files[0]?.lines.filter((line) => line.kind === 'add').map((line) => line.text)).toEqual(['.env']);
    expect(files[0]?.requiredBy).toContain('a commit does not take it along');
    // issue 9 item 3: the review says the file becomes private.
    expect(files[1]).toMatchObject({ addsSecret: true, mode: { before: 0o644, after: 0o600 } });
    expect(plan.dotenv.notes).toContain('.env will hold secret values, so Airlock writes it readable by you only (mode 0600; it is 0644 now).');

    const result = await apply(harness, plan, ['dotenv']);
    const dotenv = target(result, 'dotenv');
    expect(dotenv).toMatchObject({ outcome: 'applied', verified: true });
    expect(dotenv.checks).toEqual(
      expect.arrayContaining([
        { key: null, ok: true, detail: '.env is git-ignored and docker-ignored.' },
        { key: null, ok: true, detail: '.env is readable by you only (mode 0600).' },
      ]),
    );
    expect(await readFile(join(harness.project.root, '.gitignore'), 'utf8')).toMatch(/\n\.env\n$/);
    if (process.platform !== 'win32') expect((await stat(dotenvPath)).mode & 0o777).toBe(0o600);
  });

  it('issue 9 item 2: refuses the .env target when .gitignore stopped ignoring .env after the review, with the way out', async () => {
    const harness = await withTarget({ profile: { credentials: { accessKeyId: 'AKIAOTHERKEY00000001', secretAccessKey: 'other/secret+key' } } });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    expect(plan.dotenv.plan?.files.map((file) => file.file)).toEqual(['.env']);
    const before = await readFile(join(harness.project.root, '.env'), 'utf8');
    await writeFile(join(harness.project.root, '.gitignore'), 'astro\n');
    const result = await apply(harness, plan, ['dotenv', 'deployment']);
    expect(target(result, 'dotenv')).toMatchObject({ outcome: 'failed', error: { code: 'CONFLICT' } });
    expect(target(result, 'dotenv').message).toContain('Review the changes again: the new review adds .env to .gitignore.');
    expect(target(result, 'deployment').outcome).toBe('skipped');
    expect(await readFile(join(harness.project.root, '.env'), 'utf8')).toBe(before);
    expect(harness.updateCalls()).toEqual([]);
  });

  it('refuses with CONFLICT when a file changed after the review, before the Deployment is touched', async () => {
    const harness = await withTarget({ fixture: 'needs-setup' });
    const plan = await harness.service.plan(harness.project.root, { includeAwsCredentials: false });
    await writeFile(join(harness.project.root, 'Dockerfile'), 'FROM quay.io/astronomer/astro-runtime:12.2.0\n');
    const result = await apply(harness, plan, ['dockerfile', 'deployment']);
    expect(result.outcome).toBe('failed');
    expect(target(result, 'dockerfile')).toMatchObject({ outcome: 'failed', error: { code: 'CONFLICT' } });
    expect(target(result, 'deployment').outcome).toBe('skipped');
    expect(harness.updateCalls()).toEqual([]);
  });
});

describe('the health item', () => {
  it('compares the Deployment with the Dockerfile once a target is set', async () => {
    const harness = await setup();
    const signal = new AbortController().signal;
    expect(await harness.healthSource.check(harness.project.root, HEALTHY_KWARGS, signal)).toMatchObject({ kind: 'no-target' });
    await harness.service.setTarget(harness.project.root, { workspaceId: WS, deploymentId: PROD });
    const before = await harness.healthSource.check(harness.project.root, HEALTHY_KWARGS, signal);
    expect(before).toMatchObject({ kind: 'compared', deploymentName: 'prod' });
    expect(before.kind === 'compared' && before.rows.map((row) => row.status)).toEqual(['added', 'added']);
    await apply(harness, await harness.service.plan(harness.project.root, { includeAwsCredentials: false }));
    const after = await harness.healthSource.check(harness.project.root, HEALTHY_KWARGS, signal);
    expect(after.kind === 'compared' && after.rows.map((row) => row.status)).toEqual(['unchanged', 'unchanged']);
  });
});
