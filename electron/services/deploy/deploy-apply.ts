/**
 * The one-click deploy of a reviewed plan: the files first, then the Deployment's variables in
 * the fewest CLI calls, each target read back afterwards, with progress and cancellation.
 *
 * What a user afraid of breaking production can rely on:
 * - Only the variables Airlock owns are sent; every other variable is re-sent as it was by the CLI
 *   (an upsert), so nothing is removed or blanked.
 * - The plan is re-checked against a fresh read of the Deployment just before the first write; any
 *   change since the review refuses the deploy with CONFLICT and nothing is written.
 * - A failure stops the targets after it; the result says exactly which variables Astro applied.
 */
import type { DeployOutputLine, DeployResult, DeployTargetId, TargetResult, TaskProgress } from '../../../shared/api';
import { deploymentDrift, type VerificationCheck, verifyDeploymentVariables } from '../../../shared/deploy';
import { AppError, isAppError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';
import { loadFileProblem } from '../astro';
import type { DeploymentInfo } from '../astro';
import type { Logger } from '../log';
import type { ProjectService } from '../projects';
import type { AstroAccess } from './astro-access';
import { assertDeploymentConfirmed, assertEnvironmentConfirmed, type DeployGuard } from './deploy-guard';
import { EXPIRED_REVIEW } from './deploy-plan';
import { FILE_OF, fileChanged, TARGET_ORDER, type DeployPlanStore, type StoredDeployPlan } from './deploy-plan-store';
import { asAppError, type DeploymentReader } from './deployment-reader';
import { verifyFileTarget } from './file-targets';
import type { SecretRecordsStore } from './secret-records';

export interface ApplyInput {
  readonly planId: string;
  readonly targets: readonly DeployTargetId[];
  readonly taskId: string;
  readonly deploymentConfirmation?: string | undefined;
  readonly productionConfirmation?: string | undefined;
}

export interface DeployApplier {
  apply(input: ApplyInput): Promise<DeployResult>;
  cancel(taskId: string): boolean;
}

export interface DeployApplierDeps {
  readonly astro: Pick<AstroAccess, 'runner'>;
  readonly reader: Pick<DeploymentReader, 'remember'>;
  readonly projects: Pick<ProjectService, 'applyChanges'>;
  readonly guard: DeployGuard;
  readonly records: SecretRecordsStore;
  readonly plans: DeployPlanStore;
  readonly onProgress?: ((progress: TaskProgress) => void) | undefined;
  readonly onOutput?: ((line: DeployOutputLine) => void) | undefined;
  readonly log: Logger;
  readonly now: () => Date;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function resultOf(target: DeployTargetId, outcome: TargetResult['outcome'], message: string, extra: Partial<TargetResult> = {}): TargetResult {
  return { target, outcome, message, error: null, appliedKeys: [], notAppliedKeys: [], calls: 0, checks: [], verified: null, ...extra };
}

export function createDeployApplier(deps: DeployApplierDeps): DeployApplier {
  const { now, plans } = deps;
  const running = new Map<string, AbortController>();

  const progress = (taskId: string, label: string, done: number, total: number): void => deps.onProgress?.({ taskId, label, done, total });

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
      deps.reader.remember(after);
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
    if (stored === null) throw new AppError('NOT_FOUND', EXPIRED_REVIEW);
    const selected = TARGET_ORDER.filter((name) => input.targets.includes(name));
    for (const name of selected) {
      const why = name === 'deployment' ? stored.deploymentUnavailable : stored[name].section.unavailable;
      if (why !== null) throw new AppError('INVALID_INPUT', `${name === 'deployment' ? 'The Deployment' : FILE_OF[name]} cannot be deployed: ${why}`);
    }
    if (stored.environment !== null && stored.target.production && selected.includes('deployment')) assertEnvironmentConfirmed(stored.environment, describeAction(stored, selected), input.productionConfirmation);
    else await deps.guard(describeAction(stored, selected), input.productionConfirmation);
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

  return {
    apply,
    cancel(taskId) {
      const controller = running.get(taskId);
      if (controller === undefined) return false;
      controller.abort();
      return true;
    },
  };
}
