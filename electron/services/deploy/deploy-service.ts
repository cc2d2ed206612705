/**
 * The deploy domain in the main process: targets, the plan for the Deployment and the two files,
 * the one-click apply with its read-back, progress and cancellation, and the health item's reader.
 * Plain Node; electron/handlers/deploy.ts only adapts it to the API.
 *
 * What a user afraid of breaking production can rely on:
 * - Values reach the CLI only through the runner's private `--load` file; a value that file cannot
 *   carry exactly is refused in the plan, before anything runs.
 * - Only the variables Airlock owns are sent; every other variable is re-sent as it was by the CLI
 *   (an upsert), so nothing is removed or blanked.
 * - The plan is re-checked against a fresh read of the Deployment just before the first write; any
 *   change since the review refuses the deploy with CONFLICT and nothing is written.
 * - A failure stops the targets after it; the result says exactly which variables Astro applied.
 */
import { randomUUID } from 'node:crypto';
import type { TaskProgress } from '../../../shared/api';
import type {
  AstroDeployment,
  AstroWorkspace,
  DeployOutputLine,
  DeployPlan,
  DeployResult,
  DeployTarget,
  DeployTargetFile,
  DeployTargetId,
  TargetResult,
} from '../../../shared/api/deploy';
import { BACKEND_KWARGS_ENV, type ProjectSummary } from '../../../shared/api/projects';
import { awsCredentialVariables, backendVariables, resolveDeployKwargs } from '../../../shared/deploy/desired';
import {
  deploymentDrift,
  planDeploymentVariables,
  snapshotOf,
  type CurrentVariable,
  type DesiredVariable,
  type DesiredWithDigest,
} from '../../../shared/deploy/plan';
import { verifyDeploymentVariables, type VerificationCheck } from '../../../shared/deploy/verify';
import { AppError, isAppError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';
import { readDockerfileEnv } from '../../../shared/project-files';
import { describeCommand } from '../astro/commands';
import { loadFilePreviewPath, loadFileProblem } from '../astro/load-file';
import type { DeploymentInfo } from '../astro/types';
import type { Logger } from '../log';
import type { DeploymentCheckResult, DeploymentVariablesSource } from '../projects/health/deployment-check';
import { deployedBackendProblems } from '../projects/health/run-health';
import { resolveLocalCredentials, type LocalCredentials } from '../projects/local-credentials';
import type { ProjectService } from '../projects/project-service';
import type { ProjectSession } from '../projects/project-session';
import { readProjectFile } from '../projects/project-fs';
import { recogniseProject } from '../projects/project-recognition';
import type { AstroAccess } from './astro-access';
import { assertDeploymentConfirmed, type DeployGuard } from './deploy-guard';
import { createDeployPlanStore, type StoredDeployPlan } from './deploy-plan-store';
import { dockerfileBackendVars, planDockerfileTarget, planDotenvTarget, verifyFileTarget, type FileTargetName, type FileTargetPlan } from './file-targets';
import type { SecretRecordsStore } from './secret-records';
import { readTargetFile, writeTargetFile } from './target-file';

export interface DeployServiceDeps {
  readonly astro: Pick<AstroAccess, 'runner'>;
  readonly projects: Pick<ProjectService, 'planChanges' | 'applyChanges'>;
  /** The active AWS profile: its keys for .env (and, when asked, the Deployment) and its region. */
  readonly session: ProjectSession;
  readonly guard: DeployGuard;
  readonly records: SecretRecordsStore;
  readonly onProgress?: (progress: TaskProgress) => void;
  readonly onOutput?: (line: DeployOutputLine) => void;
  readonly log: Logger;
  readonly home?: string;
  readonly now?: () => Date;
  /** How long the health item may reuse a read of a Deployment. */
  readonly healthCacheMs?: number;
}

export interface SetTargetInput {
  readonly workspaceId: string;
  readonly deploymentId: string;
  readonly awsProfile?: string | null | undefined;
  readonly production?: boolean | undefined;
}

export interface PlanInput {
  readonly kwargsJson?: string | undefined;
  readonly includeAwsCredentials: boolean;
}

export interface ApplyInput {
  readonly planId: string;
  readonly targets: readonly DeployTargetId[];
  readonly taskId: string;
  readonly deploymentConfirmation?: string | undefined;
  readonly productionConfirmation?: string | undefined;
}

export interface DeployService {
  workspaces(signal?: AbortSignal): Promise<AstroWorkspace[]>;
  deployments(workspaceId: string, signal?: AbortSignal): Promise<AstroDeployment[]>;
  target(path: string): Promise<DeployTargetFile>;
  setTarget(path: string, input: SetTargetInput, signal?: AbortSignal): Promise<DeployTargetFile>;
  plan(path: string, input: PlanInput, signal?: AbortSignal): Promise<DeployPlan>;
  revealLine(planId: string, key: string, side: 'current' | 'desired'): string;
  apply(input: ApplyInput): Promise<DeployResult>;
  cancel(taskId: string): boolean;
  /** The health item's reader (registered with the projects checklist). */
  readonly healthSource: DeploymentVariablesSource;
}

/** Targets in the order they are applied: local files first (a conflict there stops the deploy before the Deployment restarts). */
const ORDER: readonly DeployTargetId[] = ['dockerfile', 'dotenv', 'deployment'];
const FILE_OF: Readonly<Record<'dockerfile' | 'dotenv', FileTargetName>> = { dockerfile: 'Dockerfile', dotenv: '.env' };
/** What the command preview shows for the runner's private file (its folder name is random). */
const LOAD_FILE_PREVIEW = loadFilePreviewPath();

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong inside Airlock during the deploy. Check the targets before trying again.');
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function fileChanged(plan: FileTargetPlan): boolean {
  return plan.section.available && plan.section.plan !== null && plan.section.plan.files.length > 0;
}

function resultOf(target: DeployTargetId, outcome: TargetResult['outcome'], message: string, extra: Partial<TargetResult> = {}): TargetResult {
  return { target, outcome, message, error: null, appliedKeys: [], notAppliedKeys: [], calls: 0, checks: [], verified: null, ...extra };
}

export function createDeployService(deps: DeployServiceDeps): DeployService {
  const now = deps.now ?? (() => new Date());
  const plans = createDeployPlanStore({ now });
  const running = new Map<string, AbortController>();
  const healthCache = new Map<string, { at: number; info: DeploymentInfo }>();
  const healthCacheMs = deps.healthCacheMs ?? 60_000;

  /** Every deploy call starts here: the folder must still be an Astro project (its summary names it as Projects does). */
  const openProject = (projectPath: string): Promise<ProjectSummary> => recogniseProject(projectPath, deps.home, { suggest: false });

  const localCredentials = async (): Promise<{ value: LocalCredentials | null; error: string | null }> => {
    try {
      return { value: await resolveLocalCredentials(deps.session), error: null };
    } catch (error) {
      return { value: null, error: error instanceof AppError ? error.message : 'The active profile\'s AWS keys could not be read.' };
    }
  };

  const requireTarget = async (root: string): Promise<DeployTarget> => {
    const file = await readTargetFile(root);
    if (file.target === null) throw new AppError('INVALID_INPUT', file.problem ?? 'Choose the Astro Deployment this project deploys to first.');
    return file.target;
  };

  /** The Dockerfile's kwargs, used when the window gives none. */
  const dockerfileKwargs = async (root: string, given: string | undefined): Promise<string | null> => {
    if (given !== undefined && given.trim() !== '') return null;
    const read = await readProjectFile(root, 'Dockerfile');
    if (!read.exists) return null;
    const entry = readDockerfileEnv(read.text).entries[BACKEND_KWARGS_ENV];
    if (entry === undefined) return null;
    // What the image gets depends on something this file does not set: deploying the text as written would be a guess.
    if (!entry.valueKnown) {
      throw new AppError('INVALID_INPUT', `The Dockerfile's ${BACKEND_KWARGS_ENV} refers to $${entry.unresolvedVariables.join(', $')}, which the Dockerfile does not set, so Airlock cannot tell what to deploy. Write the JSON out in the Dockerfile (Projects → Backend kwargs).`);
    }
    return entry.value;
  };

  const withDigests = (deploymentId: string, desired: readonly DesiredVariable[]): Promise<DesiredWithDigest[]> =>
    Promise.all(desired.map(async (want) => ({ ...want, digest: await deps.records.digest(deploymentId, want.key, want.value) })));

  const progress = (taskId: string, label: string, done: number, total: number): void => deps.onProgress?.({ taskId, label, done, total });

  const plan = async (projectPath: string, input: PlanInput, signal?: AbortSignal): Promise<DeployPlan> => {
    const project = await openProject(projectPath);
    const root = project.path;
    const target = await requireTarget(root);
    const credentials = await localCredentials();
    const kwargs = resolveDeployKwargs({ given: input.kwargsJson, dockerfile: await dockerfileKwargs(root, input.kwargsJson), defaultRegion: credentials.value?.region ?? null });
    if (!kwargs.ok) throw new AppError('INVALID_INPUT', kwargs.message);

    let deploymentUnavailable: string | null = null;
    const desired: DesiredVariable[] = backendVariables(kwargs.json);
    if (input.includeAwsCredentials) {
      if (credentials.value === null) {
        deploymentUnavailable = `The AWS keys cannot be included: ${credentials.error ?? 'no AWS profile is active.'} Untick "Include AWS keys" or choose a profile.`;
      } else if (credentials.value.sessionToken !== null) {
        deploymentUnavailable = `The keys of "${credentials.value.profile}" are temporary, so the Deployment would lose access to Secrets Manager when they expire. Use an IAM user's long-lived keys, or leave the keys out and give the backend a role (role_arn) instead.`;
      } else {
        desired.push(...awsCredentialVariables(credentials.value, kwargs.kwargs));
      }
    }

    const info = await deps.astro.runner().inspectDeployment(target.deploymentId, target.workspaceId, { signal });
    healthCache.set(info.id, { at: now().getTime(), info });
    const digested = await withDigests(target.deploymentId, desired);
    const variables = planDeploymentVariables({ desired: digested, current: info.variables, records: await deps.records.recordsFor(target.deploymentId) });
    if (deploymentUnavailable === null) {
      const sent = new Set(variables.calls.flatMap((call) => call.keys));
      // Refused here, so that no call ever starts with a value the --load file would alter.
      const problem = digested.filter((want) => sent.has(want.key)).map((want) => loadFileProblem(want.key, want.value)).find((found) => found !== null);
      if (problem !== undefined && problem !== null) deploymentUnavailable = `${problem.message} Nothing can be deployed to the Deployment until then.`;
    }
    const commands = variables.calls.map((call) =>
      describeCommand({ kind: 'variable-update', deploymentId: target.deploymentId, workspaceId: target.workspaceId, envFile: LOAD_FILE_PREVIEW, secret: call.secret }),
    );

    const dockerfile = await planDockerfileTarget(deps.projects, root, kwargs.json);
    // What the Health checklist would flag once these settings are deployed (a missing provider,
    // kwargs the provider ignores...): the deploy does not fix those, so the review says them first.
    const health = await deployedBackendProblems(root, project, dockerfileBackendVars(kwargs.json), { log: deps.log, now: now() });
    const dotenv = await planDotenvTarget(deps.projects, root, kwargs.json, credentials, now());

    const id = randomUUID();
    const stored: StoredDeployPlan = {
      id,
      root,
      createdAt: now().getTime(),
      target,
      desired: digested,
      before: { updatedAt: info.updatedAt, variables: info.variables },
      calls: variables.calls,
      deploymentUnavailable,
      dockerfile,
      dotenv,
    };
    plans.put(stored);
    const changedTargets = ORDER.filter((name) => {
      if (name === 'deployment') return deploymentUnavailable === null && variables.calls.length > 0;
      return fileChanged(name === 'dockerfile' ? dockerfile : dotenv);
    });
    return {
      planId: id,
      projectPath: root,
      createdAt: now().toISOString(),
      kwargs: { source: kwargs.source },
      health,
      includeAwsCredentials: input.includeAwsCredentials,
      deployment: {
        available: deploymentUnavailable === null,
        unavailable: deploymentUnavailable,
        deployment: {
          id: info.id,
          name: info.name,
          workspaceId: info.workspaceId,
          workspaceName: info.workspaceName,
          status: info.status,
          runtimeVersion: info.runtimeVersion,
          airflowVersion: info.airflowVersion,
          url: info.deploymentUrl,
        },
        rows: variables.rows,
        untouched: variables.untouched,
        calls: variables.calls,
        commands,
        snapshot: snapshotOf(info),
        production: target.production,
      },
      dockerfile: dockerfile.section,
      dotenv: dotenv.section,
      changedTargets,
    };
  };

  const describeAction = (stored: StoredDeployPlan, selected: readonly DeployTargetId[]): string => {
    const parts: string[] = [];
    const files = selected.flatMap((name) => (name === 'deployment' ? [] : [FILE_OF[name]]));
    if (selected.includes('deployment')) parts.push(`deploy ${plural(stored.calls.flatMap((call) => call.keys).length, 'variable')} to the Astro Deployment "${stored.target.deploymentName}"`);
    if (files.length > 0) parts.push(`write ${files.join(' and ')}`);
    return parts.join(' and ');
  };

  const checkBeforeWriting = async (stored: StoredDeployPlan, signal: AbortSignal): Promise<void> => {
    for (const call of stored.calls) {
      for (const key of call.keys) {
        const value = stored.desired.find((want) => want.key === key)?.value ?? '';
        const problem = loadFileProblem(key, value);
        if (problem !== null) throw new AppError('INVALID_INPUT', problem.message, { details: { key } });
      }
    }
    const current = await deps.astro.runner().inspectDeployment(stored.target.deploymentId, stored.target.workspaceId, { signal });
    const drift = deploymentDrift(stored.before, current);
    if (drift.length > 0) {
      plans.delete(stored.id);
      const shown = drift.slice(0, 4).join(', ');
      throw new AppError('CONFLICT', `The Deployment "${stored.target.deploymentName}" changed since this review (${shown}${drift.length > 4 ? ', …' : ''}). Nothing was deployed: review the changes again.`, {
        details: { drift },
      });
    }
  };

  const applyFile = async (stored: StoredDeployPlan, name: 'dockerfile' | 'dotenv', signal: AbortSignal): Promise<TargetResult> => {
    const file = FILE_OF[name];
    const planned = stored[name];
    const changePlan = planned.section.plan;
    if (changePlan === null || changePlan.files.length === 0) return resultOf(name, 'unchanged', `${file} already has these settings.`);
    if (signal.aborted) return resultOf(name, 'cancelled', `${file} was not written: the deploy was cancelled.`);
    try {
      await deps.projects.applyChanges(stored.root, changePlan.planId, changePlan.files.map((item) => ({ file: item.file, fingerprint: item.fingerprint })));
      return resultOf(name, 'applied', `${file} was written.`);
    } catch (error) {
      const appError = asAppError(error);
      return resultOf(name, 'failed', `${file} was not written: ${appError.message}`, { error: appError.toApiError() });
    }
  };

  const verifyFile = async (stored: StoredDeployPlan, result: TargetResult): Promise<TargetResult> => {
    if (result.outcome !== 'applied' && result.outcome !== 'unchanged') return result;
    const name = result.target as 'dockerfile' | 'dotenv';
    try {
      const checks = await verifyFileTarget(stored.root, FILE_OF[name], stored[name]);
      return { ...result, checks, verified: checks.every((check) => check.ok !== false) };
    } catch (error) {
      return { ...result, checks: [{ key: null, ok: null, detail: `Could not read ${FILE_OF[name]} back: ${asAppError(error).message}` }], verified: null };
    }
  };

  const applyDeployment = async (stored: StoredDeployPlan, taskId: string, signal: AbortSignal, step: (label: string) => void): Promise<TargetResult> => {
    const { target } = stored;
    const runner = deps.astro.runner();
    const valueOf = new Map(stored.desired.map((want) => [want.key, want.value]));
    const secretKeys = stored.desired.filter((want) => want.secret).map((want) => want.key);
    const planned = stored.calls.flatMap((call) => call.keys);
    const applied: string[] = [];
    const sent: string[] = [];
    let calls = 0;
    let error: AppError | null = null;

    for (const call of stored.calls) {
      if (signal.aborted) {
        error = new AppError('CANCELLED', 'The deploy was cancelled before the next call.');
        break;
      }
      step(`Updating ${plural(call.keys.length, call.secret ? 'secret variable' : 'variable')} on "${target.deploymentName}" (the Deployment restarts)`);
      try {
        const done = await runner.updateVariables({
          deploymentId: target.deploymentId,
          workspaceId: target.workspaceId,
          variables: call.keys.map((key) => ({ key, value: valueOf.get(key) ?? '' })),
          secret: call.secret,
          maskKeys: secretKeys,
          signal,
          onOutput: (line, stream) => deps.onOutput?.({ taskId, line, stream }),
        });
        calls += 1;
        applied.push(...done.applied);
        // Only a call that succeeded counts as having sent its keys (the read-back says so per key).
        sent.push(...call.keys);
      } catch (caught) {
        error = asAppError(caught);
        if (isAppError(error, 'PARTIAL_FAILURE')) {
          const details = error.details;
          const reached = stringList(details !== undefined && 'appliedKeys' in details ? details.appliedKeys : undefined);
          applied.push(...reached);
          sent.push(...reached);
          if (details !== undefined && 'writeReached' in details && details.writeReached) calls += 1;
        }
        break;
      }
    }

    step(`Reading "${target.deploymentName}" back`);
    let checks: VerificationCheck[];
    let verified: boolean | null;
    let after: DeploymentInfo | null = null;
    try {
      // Not tied to the cancel signal: after a cancel, the user needs to know what Astro has.
      after = await runner.inspectDeployment(target.deploymentId, target.workspaceId);
      healthCache.set(after.id, { at: now().getTime(), info: after });
      const verification = verifyDeploymentVariables({ desired: stored.desired, setKeys: sent, notAppliedKeys: planned.filter((key) => !sent.includes(key)), before: stored.before.variables, after: after.variables });
      checks = [...verification.checks];
      verified = verification.verified;
    } catch (caught) {
      checks = [{ key: null, ok: null, detail: `Could not read the Deployment back: ${asAppError(caught).message}` }];
      verified = null;
    }
    if (after !== null) await rememberDeployed(stored, applied, after);

    const notApplied = planned.filter((key) => !applied.includes(key));
    const extra = { appliedKeys: applied, notAppliedKeys: notApplied, calls, checks, verified };
    if (error === null) {
      return calls === 0
        ? resultOf('deployment', 'unchanged', `"${target.deploymentName}" already has these variables: no CLI call was made and it did not restart.`, extra)
        : resultOf('deployment', 'applied', `Deployed ${plural(applied.length, 'variable')} to "${target.deploymentName}" in ${plural(calls, 'call')}; it restarts to pick them up.`, extra);
    }
    const appliedText = applied.length === 0 ? 'No variable was applied' : `Applied: ${applied.join(', ')}`;
    const notAppliedText = notApplied.length === 0 ? '' : `; not applied: ${notApplied.join(', ')}`;
    const outcome = error.code === 'CANCELLED' ? 'cancelled' : 'failed';
    return resultOf('deployment', outcome, `${error.message} ${appliedText}${notAppliedText}.`, { ...extra, error: error.toApiError() });
  };

  /**
   * Records what Airlock deployed, for the next plan. Each applied key that is secret now gets the
   * digest of the value sent and the `updated_at` Astro reports. A recorded key Airlock did not
   * send this time but whose timestamp moved gets the new timestamp: the read just before the
   * first call showed no change, so the move came from Airlock's own whole-list update.
   */
  const rememberDeployed = async (stored: StoredDeployPlan, applied: readonly string[], after: DeploymentInfo): Promise<void> => {
    const afterByKey = new Map(after.variables.map((variable) => [variable.key, variable]));
    const beforeByKey = new Map(stored.before.variables.map((variable) => [variable.key, variable]));
    const existing = await deps.records.recordsFor(stored.target.deploymentId);
    const updates = stored.desired.flatMap((want) => {
      const now = afterByKey.get(want.key);
      if (now?.isSecret !== true) return [];
      if (applied.includes(want.key)) return [{ key: want.key, digest: want.digest, updatedAt: now.updatedAt }];
      const record = existing[want.key];
      const moved = record !== undefined && applied.length > 0 && beforeByKey.get(want.key)?.updatedAt !== now.updatedAt;
      return moved ? [{ key: want.key, digest: record.digest, updatedAt: now.updatedAt }] : [];
    });
    try {
      await deps.records.save(stored.target.deploymentId, updates, now());
    } catch (error) {
      deps.log.warn('could not save the deploy records', { code: asAppError(error).code });
    }
  };

  const overall = (results: readonly TargetResult[]): DeployResult['outcome'] => {
    if (results.some((result) => result.outcome === 'cancelled')) return 'cancelled';
    const applied = results.some((result) => result.outcome === 'applied');
    if (results.some((result) => result.outcome === 'failed' || result.outcome === 'skipped')) return applied ? 'partial' : 'failed';
    if (!applied) return 'nothing-to-change';
    return results.some((result) => result.verified === false) ? 'partial' : 'deployed';
  };

  const apply = async (input: ApplyInput): Promise<DeployResult> => {
    const stored = plans.get(input.planId);
    if (stored === null) throw new AppError('NOT_FOUND', 'This review has expired or was already deployed. Review the changes again.');
    const selected = ORDER.filter((name) => input.targets.includes(name));
    for (const name of selected) {
      const why = name === 'deployment' ? stored.deploymentUnavailable : stored[name].section.unavailable;
      if (why !== null) throw new AppError('INVALID_INPUT', `${name === 'deployment' ? 'The Deployment' : FILE_OF[name]} cannot be deployed: ${why}`);
    }
    await deps.guard(describeAction(stored, selected), input.productionConfirmation);
    if (selected.includes('deployment') && stored.target.production) assertDeploymentConfirmed(stored.target.deploymentName, input.deploymentConfirmation);
    if (running.size > 0) throw new AppError('CONFLICT', 'Another deploy is still running. Wait for it to finish (or cancel it) first.');

    const controller = new AbortController();
    running.set(input.taskId, controller);
    const signal = controller.signal;
    const fileSteps = selected.filter((name) => name !== 'deployment' && fileChanged(stored[name])).length;
    const total = 1 + fileSteps + (selected.includes('deployment') ? stored.calls.length + 1 : 0);
    let done = 0;
    const step = (label: string): void => {
      progress(input.taskId, label, done, total);
      done += 1;
    };
    try {
      step('Checking that nothing changed since the review');
      if (selected.includes('deployment')) await checkBeforeWriting(stored, signal);
      // From here on the plan is spent: a second click cannot deploy it again.
      plans.delete(stored.id);

      const results: TargetResult[] = [];
      let stopped: 'failed' | 'cancelled' | null = null;
      for (const name of selected) {
        if (stopped !== null) {
          results.push(resultOf(name, stopped === 'cancelled' ? 'cancelled' : 'skipped', stopped === 'cancelled' ? 'Not deployed: the deploy was cancelled.' : 'Not deployed: an earlier target failed, so the deploy stopped.'));
          continue;
        }
        let result: TargetResult;
        if (name === 'deployment') {
          result = await applyDeployment(stored, input.taskId, signal, step);
        } else {
          if (fileChanged(stored[name])) step(`Writing ${FILE_OF[name]}`);
          result = await verifyFile(stored, await applyFile(stored, name, signal));
        }
        results.push(result);
        if (result.outcome === 'failed') stopped = 'failed';
        if (result.outcome === 'cancelled') stopped = 'cancelled';
      }
      progress(input.taskId, 'Done', total, total);
      const outcome = overall(results);
      deps.log.info('deploy finished', {
        deployment: stored.target.deploymentId,
        outcome,
        targets: results.map((result) => ({ target: result.target, outcome: result.outcome, calls: result.calls, applied: result.appliedKeys })),
      });
      return { outcome, targets: results };
    } finally {
      running.delete(input.taskId);
    }
  };

  const healthSource: DeploymentVariablesSource = {
    async check(root, kwargsJson, signal): Promise<DeploymentCheckResult> {
      const file = await readTargetFile(root);
      if (file.target === null) return { kind: 'no-target', problem: file.problem };
      const target = file.target;
      const kwargs = resolveDeployKwargs({ dockerfile: kwargsJson, defaultRegion: null });
      const desired = kwargs.ok ? backendVariables(kwargs.json) : backendVariables('').slice(0, 1);
      let info: DeploymentInfo;
      const cached = healthCache.get(target.deploymentId);
      if (cached !== undefined && now().getTime() - cached.at < healthCacheMs) {
        info = cached.info;
      } else {
        try {
          info = await deps.astro.runner().inspectDeployment(target.deploymentId, target.workspaceId, { signal });
        } catch (error) {
          return { kind: 'unavailable', deploymentName: target.deploymentName, message: asAppError(error).message };
        }
        healthCache.set(info.id, { at: now().getTime(), info });
      }
      const digested = await withDigests(target.deploymentId, desired);
      const variables = planDeploymentVariables({ desired: digested, current: info.variables, records: await deps.records.recordsFor(target.deploymentId) });
      const note = kwargs.ok ? (kwargsJson === null ? 'The Dockerfile has no kwargs; the comparison uses the kwargs Airlock would deploy.' : null) : 'The Dockerfile\'s kwargs are not valid JSON, so only the backend class was compared.';
      return { kind: 'compared', deploymentName: info.name, rows: variables.rows, note };
    },
  };

  return {
    async workspaces(signal) {
      return (await deps.astro.runner().listWorkspaces({ signal })).map((ws) => ({ id: ws.id, name: ws.name, isCurrent: ws.isCurrent }));
    },
    async deployments(workspaceId, signal) {
      const list = await deps.astro.runner().listDeployments(workspaceId, { signal });
      return list
        .map((d) => ({ id: d.id, name: d.name, runtimeVersion: d.runtimeVersion, airflowVersion: d.airflowVersion, region: d.region, cloudProvider: d.cloudProvider, type: d.type }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async target(projectPath) {
      const project = await openProject(projectPath);
      return { ...(await readTargetFile(project.path)), project };
    },
    async setTarget(projectPath, input, signal) {
      const project = await openProject(projectPath);
      const root = project.path;
      const previous = (await readTargetFile(root)).target;
      // Confirms the Deployment exists in that workspace and takes its real name.
      const info = await deps.astro.runner().inspectDeployment(input.deploymentId, input.workspaceId, { signal });
      const same = previous?.deploymentId === info.id;
      const target: DeployTarget = {
        workspaceId: info.workspaceId,
        workspaceName: info.workspaceName,
        deploymentId: info.id,
        deploymentName: info.name,
        awsProfile: input.awsProfile === undefined ? (previous?.awsProfile ?? null) : input.awsProfile,
        production: input.production ?? (same ? previous.production : false),
      };
      const written = await writeTargetFile(root, target);
      deps.log.info('deploy target set', { deployment: info.id, workspace: info.workspaceId });
      return { ...written, project };
    },
    plan,
    revealLine(planId, key, side) {
      const stored = plans.get(planId);
      if (stored === null) throw new AppError('NOT_FOUND', 'This review has expired or was already deployed. Review the changes again.');
      if (side === 'desired') {
        const want = stored.desired.find((item) => item.key === key);
        if (want === undefined) throw new AppError('NOT_FOUND', `${key} is not part of this review.`);
        return want.value;
      }
      const current: CurrentVariable | undefined = stored.before.variables.find((item) => item.key === key);
      if (current === undefined || current.value === null || current.isSecret) throw new AppError('NOT_FOUND', `Astro never shows the value of a secret variable, so ${key} cannot be revealed.`);
      return current.value;
    },
    apply,
    cancel(taskId) {
      const controller = running.get(taskId);
      if (controller === undefined) return false;
      controller.abort();
      return true;
    },
    healthSource,
  };
}
