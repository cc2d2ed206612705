/**
 * What promote and delete across environments share (issue 13 item 5): the environments named in a
 * request, the reviewed plans kept here (values never leave the main process), the one production
 * rule (every production target that would change is confirmed with its account id, or its name
 * when the account is unknown, before anything is sent anywhere) and the sentence that says which
 * environments got the change and which did not. Plain Node.
 */
import { randomUUID } from 'node:crypto';
import type { EnvironmentView, EnvironmentsView, PromoteTarget } from '../../../shared/api';
import { AppError } from '../../../shared/errors';

/** Plans live this long: a review left open longer is read again. */
const PLAN_LIFETIME_MS = 15 * 60 * 1000;

/** The environments named, in the order given; an unknown name is a clear error. */
export function environmentsNamed(view: EnvironmentsView, names: readonly string[]): EnvironmentView[] {
  return names.map((name) => {
    const found = view.environments.find((environment) => environment.name === name);
    if (found === undefined) throw new AppError('NOT_FOUND', `There is no environment named "${name}". Reload the list.`);
    return found;
  });
}

export interface PlanStore<T> {
  put(plan: T): string;
  /** The plan, still kept (a refused confirmation leaves it for the next try). */
  get(planId: string): T;
  drop(planId: string): void;
}

export function createPlanStore<T>(now: () => number = Date.now): PlanStore<T> {
  const plans = new Map<string, { plan: T; expiresAt: number }>();
  return {
    put(plan) {
      const planId = randomUUID();
      for (const [id, stored] of plans) if (stored.expiresAt < now()) plans.delete(id);
      plans.set(planId, { plan, expiresAt: now() + PLAN_LIFETIME_MS });
      return planId;
    },
    get(planId) {
      const stored = plans.get(planId);
      if (stored === undefined || stored.expiresAt < now()) throw new AppError('NOT_FOUND', 'This review is no longer current. Review it again.');
      return stored.plan;
    },
    drop(planId) {
      plans.delete(planId);
    },
  };
}

/** True when applying the plan would change this target. */
export function changes(target: PromoteTarget): boolean {
  return target.action === 'create' || target.action === 'update' || target.action === 'delete';
}

/** What the user types to confirm a production target: its account id, or its name when the account is unknown. */
export function confirmationFor(target: PromoteTarget): string {
  return target.account ?? target.environment;
}

/** Account ids may be typed `1234-5678-9012` or `1234 5678 9012`. */
const typedForm = (text: string): string => text.replace(/[\s-]/g, '');

/** Throws CONFIRMATION_REQUIRED unless every production target that would change is confirmed; nothing is sent before. */
export function requireProductionConfirmations(targets: readonly PromoteTarget[], confirmations: Readonly<Record<string, string>>, verb: 'write' | 'delete'): void {
  const unconfirmed = targets.filter((target) => target.production && changes(target) && typedForm(confirmations[target.environment] ?? '') !== typedForm(confirmationFor(target)));
  const first = unconfirmed[0];
  if (first === undefined) return;
  throw new AppError(
    'CONFIRMATION_REQUIRED',
    `Type the account id of each production environment to ${verb} there (${unconfirmed.map((target) => `${target.environment}: ${target.account ?? 'account unknown, type its name'}`).join('; ')}). Nothing was ${verb === 'write' ? 'written' : 'deleted'}.`,
    { details: { account: first.account, profile: first.profile ?? '', expected: confirmationFor(first), action: `${verb === 'write' ? 'promote to' : 'delete in'} ${first.environment}` } },
  );
}

export interface TargetOutcome {
  readonly environment: string;
  readonly outcome: 'written' | 'deleted' | 'unchanged' | 'failed' | 'not-sent';
  readonly message: string | null;
}

/** One sentence naming which environments got the change and which did not. */
export function summaryOf(results: readonly TargetOutcome[], words: { readonly got: string; readonly none: string; readonly every: string; readonly notGot: string }): string {
  const got = results.filter((result) => result.outcome === 'written' || result.outcome === 'deleted' || result.outcome === 'unchanged').map((result) => result.environment);
  const notGot = results.filter((result) => result.outcome === 'failed' || result.outcome === 'not-sent').map((result) => result.environment);
  if (notGot.length === 0) return `${words.every}: ${got.join(', ')}.`;
  return `${got.length === 0 ? words.none : `${words.got}: ${got.join(', ')}`}. ${words.notGot}: ${notGot.join(', ')}.`;
}

export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof AppError ? error.message : fallback;
}
