/**
 * Deploy plans waiting for the user's click, in memory only (they hold the values to deploy).
 * A plan is applied at most once and expires, so an old review screen cannot deploy.
 */
import type { DeployTarget } from '../../../shared/api/deploy';
import type { CurrentVariable, DesiredWithDigest, PlannedCall } from '../../../shared/deploy/plan';
import type { FileTargetPlan } from './file-targets';

export interface StoredDeployPlan {
  readonly id: string;
  readonly root: string;
  readonly createdAt: number;
  readonly target: DeployTarget;
  readonly desired: readonly DesiredWithDigest[];
  /** The Deployment's variables when the plan was made (plain values included). */
  readonly before: { readonly updatedAt: string | null; readonly variables: readonly CurrentVariable[] };
  readonly calls: readonly PlannedCall[];
  /** Why the Deployment target cannot be deployed, or null. */
  readonly deploymentUnavailable: string | null;
  readonly dockerfile: FileTargetPlan;
  readonly dotenv: FileTargetPlan;
}

export interface DeployPlanStore {
  put(plan: StoredDeployPlan): void;
  get(id: string): StoredDeployPlan | null;
  delete(id: string): void;
}

export function createDeployPlanStore(options: { now: () => Date; ttlMs?: number; maxPlans?: number }): DeployPlanStore {
  const ttl = options.ttlMs ?? 30 * 60 * 1000;
  const max = options.maxPlans ?? 10;
  const plans = new Map<string, StoredDeployPlan>();
  const prune = (): void => {
    const now = options.now().getTime();
    for (const [id, plan] of plans) if (now - plan.createdAt > ttl) plans.delete(id);
    while (plans.size > max) {
      const oldest = plans.keys().next().value;
      if (oldest === undefined) break;
      plans.delete(oldest);
    }
  };
  return {
    put(plan) {
      plans.set(plan.id, plan);
      prune();
    },
    get(id) {
      prune();
      return plans.get(id) ?? null;
    },
    delete(id) {
      plans.delete(id);
    },
  };
}
