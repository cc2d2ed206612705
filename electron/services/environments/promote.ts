/**
 * Promote (issue 13 item 5): copy one id from one environment to others, either exactly or as a
 * template. A template is the source connection's structure and non-secret fields with every
 * secret emptied (shared/secrets/sensitive-keys.ts); the user completes it in the connection form
 * and the completed value comes back to the plan. The plan reads every target's current value
 * (batched), and the review shows per target its account, region, the fields that change (names
 * only) and the equivalent `aws secretsmanager` command; the values stay here, in the plan.
 * Applying writes one target after another, each production target only with its account id
 * typed, and says which environments got it. Plain Node.
 */
import { randomUUID } from 'node:crypto';
import type { EnvironmentsService } from './environments-service';
import type { EnvironmentView, PromotePlan, PromoteResult, PromoteTarget, PromoteTemplate } from '../../../shared/api';
import { connectionTypeSpec, parseConnectionSecret } from '../../../shared/airflow';
import { compareAsAirflowReads, type MatrixRow } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { connectionTemplate, secretKinds, secretNameFor, storedConnectionString } from '../../../shared/secrets';
import type { Logger } from '../log';
import { readCurrentStates } from '../secrets';
import type { SecretsGateway } from '../secrets';
import { connectEnvironment, type ConnectedEnvironment, type EnvironmentMatrixDeps } from './environment-matrix';
import { createPlanStore, environmentsNamed, failureMessage, requireProductionConfirmations, summaryOf, type TargetOutcome } from './cross-environment';

export interface PromoteDeps extends Pick<EnvironmentMatrixDeps, 'profiles' | 'access' | 'log'> {
  readonly environments: Pick<EnvironmentsService, 'list'>;
  readonly newToken?: () => string;
  readonly log: Logger;
}

export interface PromoteInput {
  readonly kind: MatrixRow['kind'];
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  /** Template mode: the connection the user completed; the source's value is then not used. */
  readonly value?: string | undefined;
}

export interface PromoteService {
  template(path: string, input: { id: string; from: string }, signal?: AbortSignal): Promise<PromoteTemplate>;
  plan(path: string, input: PromoteInput, signal?: AbortSignal): Promise<PromotePlan>;
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

function quote(text: string): string {
  return /^[A-Za-z0-9/_+=.@:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function awsCommand(action: 'create' | 'update', secretName: string, profile: string, region: string): string {
  const verb = action === 'create' ? `create-secret --name ${quote(secretName)}` : `put-secret-value --secret-id ${quote(secretName)}`;
  return `aws secretsmanager ${verb} --secret-string file://value.txt --profile ${quote(profile)} --region ${region}`;
}

export function createPromoteService(deps: PromoteDeps): PromoteService {
  const plans = createPlanStore<StoredPlan>();

  /** The source environment reached, and its current value of the id (never sent to the window). */
  async function readSource(path: string, input: { kind: MatrixRow['kind']; id: string; from: string }, signal: AbortSignal | undefined): Promise<{ source: ConnectedEnvironment; value: string }> {
    const view = await deps.environments.list(path, signal === undefined ? {} : { signal });
    const [from] = environmentsNamed(view, [input.from]);
    if (from === undefined) throw new AppError('NOT_FOUND', `There is no environment named "${input.from}".`);
    const source = await connectEnvironment(deps, from);
    if (source.gateway === null || source.use === null) throw new AppError('INVALID_INPUT', `${input.from} cannot be read: ${source.column.error ?? 'unknown reason'}`);
    const sourceName = secretNameFor(source.use, input.kind, input.id);
    if (!sourceName.ok) throw new AppError('INVALID_INPUT', `${input.from}'s Airflow does not read this id: ${sourceName.reason}`);
    const sourceState = (await readCurrentStates(source.gateway, [sourceName.name], { signal })).get(sourceName.name);
    if (sourceState?.value === null || sourceState?.value === undefined || sourceState.scheduledForDeletion) {
      throw new AppError('NOT_FOUND', `${input.from} has no readable ${input.kind} "${input.id}" (${sourceName.name}); there is nothing to copy.`);
    }
    return { source, value: sourceState.value };
  }

  async function planWrite(target: EnvironmentView, input: PromoteInput, value: string, sourceKwargs: ConnectedEnvironment['use'], signal: AbortSignal | undefined): Promise<PlannedWrite> {
    const connected = await connectEnvironment(deps, target);
    const { column } = connected;
    const name = target.name;
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
    const comparison = current?.value == null ? null : compareAsAirflowReads(input.kind, [{ environment: input.from, value, kwargs: sourceKwargs?.kwargs ?? connected.use.kwargs }, { environment: name, value: current.value, kwargs: connected.use.kwargs }]);
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
  }

  return {
    async template(path, input, signal) {
      const { source, value } = await readSource(path, { kind: 'connection', id: input.id, from: input.from }, signal);
      const parsed = parseConnectionSecret(value, source.use?.kwargs);
      if (!parsed.ok) throw new AppError('INVALID_INPUT', `${input.from}'s connection "${input.id}" is not one Airflow can read, so it cannot serve as a template; copy it exactly or fix it first.`);
      const template = connectionTemplate(parsed.connection, connectionTypeSpec(parsed.connection.conn_type));
      return { from: input.from, id: input.id, value: storedConnectionString(template.connection, parsed.format), format: parsed.format, emptied: template.emptied };
    },

    async plan(path, input, signal) {
      if (input.to.includes(input.from)) throw new AppError('INVALID_INPUT', `"${input.from}" is the environment the value comes from; choose other targets.`);
      const view = await deps.environments.list(path, signal === undefined ? {} : { signal });
      const targets = environmentsNamed(view, [input.from, ...input.to]).slice(1);

      let value: string;
      let sourceKwargs: ConnectedEnvironment['use'] = null;
      if (input.value === undefined) {
        const read = await readSource(path, input, signal);
        value = read.value;
        sourceKwargs = read.source.use;
      } else {
        if (secretKinds[input.kind].valueFormat !== 'connection') throw new AppError('INVALID_INPUT', 'Only a connection can be promoted as a template; copy variables and config values exactly.');
        const parsed = parseConnectionSecret(input.value);
        if (!parsed.ok) throw new AppError('INVALID_INPUT', `Airflow cannot read the completed connection: ${parsed.problems[0]?.message ?? 'it does not parse'} Fix it in the form, then review again.`);
        value = input.value;
      }

      const writes = await Promise.all(targets.map((target) => planWrite(target, input, value, sourceKwargs, signal)));
      const planId = plans.put({ value, writes });
      return { planId, mode: input.value === undefined ? 'copy' : 'template', kind: input.kind, id: input.id, from: input.from, targets: writes.map((write) => write.target) };
    },

    async apply(planId, confirmations) {
      const stored = plans.get(planId);
      requireProductionConfirmations(stored.writes.map((write) => write.target), confirmations, 'write');
      plans.drop(planId);
      const results: TargetOutcome[] = [];
      for (const { target, gateway } of stored.writes) {
        if (target.action === 'unchanged') {
          results.push({ environment: target.environment, outcome: 'unchanged', message: 'Already the same.' });
          continue;
        }
        if ((target.action !== 'create' && target.action !== 'update') || gateway === null || target.secretName === null) {
          results.push({ environment: target.environment, outcome: 'not-sent', message: target.problem });
          continue;
        }
        try {
          const token = deps.newToken?.() ?? randomUUID();
          if (target.action === 'create') await gateway.create({ Name: target.secretName, SecretString: stored.value, ClientRequestToken: token });
          else await gateway.putValue(target.secretName, stored.value, token);
          results.push({ environment: target.environment, outcome: 'written', message: null });
        } catch (error) {
          results.push({ environment: target.environment, outcome: 'failed', message: failureMessage(error, 'The write failed.') });
        }
      }
      const summary = summaryOf(results, { every: 'Every environment has it now', got: 'Got it', none: 'No environment got it', notGot: 'Did not get it' });
      deps.log.info('promote applied', { written: results.filter((result) => result.outcome === 'written').length, failed: results.filter((result) => result.outcome === 'failed' || result.outcome === 'not-sent').length });
      return { results, summary };
    },
  };
}
