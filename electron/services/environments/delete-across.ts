/**
 * Deleting one id in several environments (issue 13 item 5), under the same rule as promote: one
 * review lists every target with its account, region and the `aws secretsmanager delete-secret`
 * command (a recovery window of 7 to 30 days, as the Secrets view deletes); each production target
 * is confirmed with its account id before anything is sent; the result names where it was deleted
 * and where not. Only metadata is read (DescribeSecret), never a value. Plain Node.
 */
import type { DeleteAcrossPlan, EnvironmentView, PromoteResult, PromoteTarget } from '../../../shared/api';
import { secretsCliCommand } from '../../../shared/aws-cli-commands';
import type { MatrixRow } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { secretNameFor } from '../../../shared/secrets';
import type { Logger } from '../log';
import type { SecretsGateway } from '../secrets';
import type { EnvironmentsService } from './environments-service';
import { connectEnvironment, type EnvironmentMatrixDeps } from './environment-matrix';
import { createPlanStore, environmentsNamed, failureMessage, requireProductionConfirmations, summaryOf, type TargetOutcome } from './cross-environment';

export interface DeleteAcrossDeps extends Pick<EnvironmentMatrixDeps, 'profiles' | 'access' | 'log'> {
  readonly environments: Pick<EnvironmentsService, 'list'>;
  readonly log: Logger;
}

export interface DeleteAcrossService {
  plan(path: string, input: { kind: MatrixRow['kind']; id: string; in: readonly string[]; recoveryWindowDays: number }, signal?: AbortSignal): Promise<DeleteAcrossPlan>;
  apply(planId: string, confirmations: Readonly<Record<string, string>>): Promise<PromoteResult>;
}

interface PlannedDelete {
  readonly target: PromoteTarget;
  readonly gateway: SecretsGateway | null;
}

interface StoredPlan {
  readonly recoveryWindowDays: number;
  readonly deletes: readonly PlannedDelete[];
}

/** Whether the secret exists there, and whether it is already scheduled for deletion (DescribeSecret: no value). */
async function stateOf(gateway: SecretsGateway, name: string, signal: AbortSignal | undefined): Promise<'absent' | 'present' | 'scheduled'> {
  try {
    const described = await gateway.describe(name, { signal });
    return described.DeletedDate === undefined ? 'present' : 'scheduled';
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return 'absent';
    if (error instanceof AppError && error.code === 'SCHEDULED_FOR_DELETION') return 'scheduled';
    throw error;
  }
}

export function createDeleteAcrossService(deps: DeleteAcrossDeps): DeleteAcrossService {
  const plans = createPlanStore<StoredPlan>();

  async function planDelete(environment: EnvironmentView, input: { kind: MatrixRow['kind']; id: string; recoveryWindowDays: number }, signal: AbortSignal | undefined): Promise<PlannedDelete> {
    const connected = await connectEnvironment(deps, environment);
    const { column } = connected;
    const target = (action: PromoteTarget['action'], secretName: string | null, problem: string | null): PromoteTarget => ({
      environment: environment.name,
      profile: column.profile,
      account: column.account,
      region: column.region,
      production: column.production,
      secretName,
      action,
      changedFields: action === 'delete' ? ['(deleted)'] : [],
      command: action === 'delete' && secretName !== null ? secretsCliCommand({ op: 'delete-secret', secretId: secretName, recoveryWindowDays: input.recoveryWindowDays }, { profile: column.profile, region: column.region }) : null,
      problem,
    });
    if (connected.gateway === null || connected.use === null) return { target: target('blocked', null, column.error ?? 'It cannot be reached.'), gateway: null };
    const name = secretNameFor(connected.use, input.kind, input.id);
    if (!name.ok) return { target: target('blocked', null, `Its Airflow does not read this id: ${name.reason}`), gateway: null };
    let state: Awaited<ReturnType<typeof stateOf>>;
    try {
      state = await stateOf(connected.gateway, name.name, signal);
    } catch (error) {
      return { target: target('blocked', name.name, failureMessage(error, `${name.name} cannot be described there.`)), gateway: null };
    }
    if (state === 'absent') return { target: target('absent', name.name, null), gateway: null };
    if (state === 'scheduled') return { target: target('unchanged', name.name, null), gateway: null };
    return { target: target('delete', name.name, null), gateway: connected.gateway };
  }

  return {
    async plan(path, input, signal) {
      const view = await deps.environments.list(path, signal === undefined ? {} : { signal });
      const deletes = await Promise.all(environmentsNamed(view, input.in).map((environment) => planDelete(environment, input, signal)));
      const planId = plans.put({ recoveryWindowDays: input.recoveryWindowDays, deletes });
      return { planId, kind: input.kind, id: input.id, recoveryWindowDays: input.recoveryWindowDays, targets: deletes.map((entry) => entry.target) };
    },

    async apply(planId, confirmations) {
      const stored = plans.get(planId);
      requireProductionConfirmations(
        stored.deletes.map((entry) => entry.target),
        confirmations,
        'delete',
      );
      plans.drop(planId);
      const results: TargetOutcome[] = [];
      for (const { target, gateway } of stored.deletes) {
        if (target.action === 'absent' || target.action === 'unchanged') {
          results.push({ environment: target.environment, outcome: 'unchanged', message: target.action === 'absent' ? 'It has no such secret.' : 'Already scheduled for deletion.' });
          continue;
        }
        if (target.action !== 'delete' || gateway === null || target.secretName === null) {
          results.push({ environment: target.environment, outcome: 'not-sent', message: target.problem });
          continue;
        }
        try {
          await gateway.scheduleDeletion(target.secretName, stored.recoveryWindowDays);
          results.push({ environment: target.environment, outcome: 'deleted', message: null });
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') results.push({ environment: target.environment, outcome: 'unchanged', message: 'It was already gone.' });
          else results.push({ environment: target.environment, outcome: 'failed', message: failureMessage(error, 'The delete failed.') });
        }
      }
      const summary = summaryOf(results, { every: 'Deleted everywhere', got: 'Deleted in', none: 'Deleted nowhere', notGot: 'Not deleted in' });
      deps.log.info('delete across environments applied', { deleted: results.filter((result) => result.outcome === 'deleted').length, failed: results.filter((result) => result.outcome === 'failed' || result.outcome === 'not-sent').length });
      return { results, summary };
    },
  };
}
