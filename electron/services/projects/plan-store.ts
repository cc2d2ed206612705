/**
 * Plans waiting for the user's review, held in memory only (they can contain credentials).
 * A plan is applied at most once and expires after a while, so an old review screen cannot write.
 */
import type { StoredPlan } from './change-planner';

export interface PlanStore {
  put(plan: StoredPlan): void;
  get(id: string): StoredPlan | null;
  /** Removes and returns the plan. */
  take(id: string): StoredPlan | null;
}

export function createPlanStore(options: { now: () => Date; ttlMs?: number; maxPlans?: number }): PlanStore {
  const ttl = options.ttlMs ?? 30 * 60 * 1000;
  const max = options.maxPlans ?? 20;
  const plans = new Map<string, StoredPlan>();
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
    take(id) {
      prune();
      const plan = plans.get(id) ?? null;
      plans.delete(id);
      return plan;
    },
  };
}
