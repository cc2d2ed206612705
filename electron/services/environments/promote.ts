/**
 * Promote (issue 13 item 5): copy one id's value from one environment to others, exactly. The plan
 * reads the source and every target's current value (batched), and the review shows per target
 * its account, region, the fields that change (names only) and the equivalent `aws secretsmanager`
 * command; the values stay here, in the plan. Applying writes one target after another, each
 * production target only with its account id typed, and says which environments got it.
 * Plain Node.
 */
import { randomUUID } from 'node:crypto';
import type { EnvironmentsService } from './environments-service';
import type { EnvironmentView, PromotePlan, PromoteResult, PromoteTarget } from '../../../shared/api';
import { compareAsAirflowReads, type MatrixRow } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { secretNameFor } from '../../../shared/secrets';
import type { Logger } from '../log';
import { readCurrentStates } from '../secrets';
import type { SecretsGateway } from '../secrets';
import { connectEnvironment, type EnvironmentMatrixDeps } from './environment-matrix';

export interface PromoteDeps extends Pick<EnvironmentMatrixDeps, 'profiles' | 'access' | 'log'> {
  readonly environments: Pick<EnvironmentsService, 'list'>;
  readonly newToken?: () => string;
  readonly log: Logger;
}

export interface PromoteService {
  plan(path: string, input: { kind: MatrixRow['kind']; id: string; from: string; to: readonly string[] }, signal?: AbortSignal): Promise<PromotePlan>;
  apply(planId: string, confirmations: Readonly<Record<string, string>>): Promise<PromoteResult>;
}

interface PlannedWrite {
  readonly target: PromoteTarget;
  readonly gateway: SecretsGateway | null;
}

interface StoredPlan {
  readonly value: string;
  readonly writes: readonly PlannedWrite[];
}

/** Plans live this long: a review left open longer is read again. */
const PLAN_LIFETIME_MS = 15 * 60 * 1000;

function quote(text: string): string {
  return /^[A-Za-z0-9/_+=.@:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function awsCommand(action: 'create' | 'update', secretName: string, profile: string, region: string): string {
  const verb = action === 'create' ? `create-secret --name ${quote(secretName)}` : `put-secret-value --secret-id ${quote(secretName)}`;
  return `aws secretsmanager ${verb} --secret-string file://value.txt --profile ${quote(profile)} --region ${region}`;
}

export function createPromoteService(deps: PromoteDeps): PromoteService {
  const plans = new Map<string, StoredPlan & { expiresAt: number }>();

  return {
    async plan(path, input, signal) {
      if (input.to.includes(input.from)) throw new AppError('INVALID_INPUT', `"${input.from}" is the environment the value comes from; choose other targets.`);
      const view = await deps.environments.list(path, signal === undefined ? {} : { signal });
      const named = (name: string): EnvironmentView => {
        const found = view.environments.find((environment) => environment.name === name);
        if (found === undefined) throw new AppError('NOT_FOUND', `There is no environment named "${name}". Reload the list.`);
        return found;
      };
      [input.from, ...input.to].forEach(named);

      const source = await connectEnvironment(deps, named(input.from));
      if (source.gateway === null || source.use === null) throw new AppError('INVALID_INPUT', `${input.from} cannot be read: ${source.column.error ?? 'unknown reason'}`);
      const sourceName = secretNameFor(source.use, input.kind, input.id);
      if (!sourceName.ok) throw new AppError('INVALID_INPUT', `${input.from}'s Airflow does not read this id: ${sourceName.reason}`);
      const sourceState = (await readCurrentStates(source.gateway, [sourceName.name], { signal })).get(sourceName.name);
      if (sourceState?.value === null || sourceState?.value === undefined || sourceState.scheduledForDeletion) {
        throw new AppError('NOT_FOUND', `${input.from} has no readable ${input.kind} "${input.id}" (${sourceName.name}); there is nothing to copy.`);
      }
      const value = sourceState.value;

      const writes = await Promise.all(
        input.to.map(async (name): Promise<PlannedWrite> => {
          const connected = await connectEnvironment(deps, named(name));
          const { column } = connected;
          const blocked = (problem: string, secretName: string | null = null): PlannedWrite => ({
            target: { environment: name, profile: column.profile, account: column.account, region: column.region, production: column.production, secretName, action: 'blocked', changedFields: [], command: null, problem },
            gateway: null,
          });
          if (connected.gateway === null || connected.use === null) return blocked(column.error ?? 'It cannot be reached.');
          const targetName = secretNameFor(connected.use, input.kind, input.id);
          if (!targetName.ok) return blocked(`Its Airflow does not read this id: ${targetName.reason}`);
          const current = (await readCurrentStates(connected.gateway, [targetName.name], { signal })).get(targetName.name);
          if (current?.scheduledForDeletion === true) return blocked(`${targetName.name} is scheduled for deletion there; restore it first.`, targetName.name);
          if (current?.value === null) return blocked(current.readError ?? `${targetName.name} cannot be read there.`, targetName.name);
          const action = current === undefined ? 'create' : 'update';
          const comparison = current?.value == null ? null : compareAsAirflowReads(input.kind, [{ environment: input.from, value, kwargs: source.use?.kwargs ?? {} }, { environment: name, value: current.value, kwargs: connected.use.kwargs }]);
          const unchanged = comparison?.state === 'same' && current?.value === value;
          const changedFields = comparison === null ? ['(new secret)'] : comparison.state === 'differs' ? [...comparison.fields] : comparison.state === 'same' ? ['(format only)'] : ['(unreadable)'];
          return {
            target: {
              environment: name,
              profile: column.profile,
              account: column.account,
              region: column.region,
              production: column.production,
              secretName: targetName.name,
              action: unchanged ? 'unchanged' : action,
              changedFields: unchanged ? [] : changedFields,
              command: unchanged ? null : awsCommand(action, targetName.name, column.profile ?? '', column.region ?? ''),
              problem: null,
            },
            gateway: connected.gateway,
          };
        }),
      );
      const planId = randomUUID();
      const now = Date.now();
      for (const [id, stored] of plans) if (stored.expiresAt < now) plans.delete(id);
      plans.set(planId, { value, writes, expiresAt: now + PLAN_LIFETIME_MS });
      return { planId, kind: input.kind, id: input.id, from: input.from, targets: writes.map((write) => write.target) };
    },

    async apply(planId, confirmations) {
      const stored = plans.get(planId);
      if (stored === undefined || stored.expiresAt < Date.now()) throw new AppError('NOT_FOUND', 'This review is no longer current. Review the promote again.');
      // Every production target is confirmed before anything is sent to any environment.
      const unconfirmed = stored.writes.filter(({ target }) => target.production && (target.action === 'create' || target.action === 'update') && confirmations[target.environment]?.trim() !== (target.account ?? target.environment));
      const first = unconfirmed[0];
      if (first !== undefined) {
        throw new AppError('CONFIRMATION_REQUIRED', `Type the account id of each production environment to write there (${unconfirmed.map(({ target }) => `${target.environment}: ${target.account ?? 'account unknown, type its name'}`).join('; ')}). Nothing was written.`, {
          details: { account: first.target.account, profile: first.target.profile ?? '', expected: first.target.account ?? first.target.environment, action: `promote to ${first.target.environment}` },
        });
      }
      plans.delete(planId);
      const results: PromoteResult['results'][number][] = [];
      for (const { target, gateway } of stored.writes) {
        if (target.action === 'unchanged') {
          results.push({ environment: target.environment, outcome: 'unchanged', message: 'Already the same.' });
          continue;
        }
        if (target.action === 'blocked' || gateway === null || target.secretName === null) {
          results.push({ environment: target.environment, outcome: 'not-sent', message: target.problem });
          continue;
        }
        try {
          const token = deps.newToken?.() ?? randomUUID();
          if (target.action === 'create') await gateway.create({ Name: target.secretName, SecretString: stored.value, ClientRequestToken: token });
          else await gateway.putValue(target.secretName, stored.value, token);
          results.push({ environment: target.environment, outcome: 'written', message: null });
        } catch (error) {
          results.push({ environment: target.environment, outcome: 'failed', message: error instanceof AppError ? error.message : 'The write failed.' });
        }
      }
      const got = results.filter((result) => result.outcome === 'written' || result.outcome === 'unchanged').map((result) => result.environment);
      const notGot = results.filter((result) => result.outcome === 'failed' || result.outcome === 'not-sent').map((result) => result.environment);
      const summary = notGot.length === 0 ? `Every environment has it now: ${got.join(', ')}.` : `${got.length === 0 ? 'No environment got it' : `Got it: ${got.join(', ')}`}. Did not get it: ${notGot.join(', ')}.`;
      deps.log.info('promote applied', { written: got.length, failed: notGot.length });
      return { results, summary };
    },
  };
}
