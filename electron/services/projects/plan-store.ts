/**
 * Project file plans waiting for the user's review: the exact bytes to write (which can include
 * credentials for .env), for 30 minutes at most.
 */
import { createExpiringStore, type ExpiringStore } from '../expiring-store';
import type { StoredPlan } from './change-planner';

export type PlanStore = ExpiringStore<StoredPlan>;

export function createPlanStore(options: { now: () => Date }): PlanStore {
  return createExpiringStore<StoredPlan>({ now: options.now, ttlMs: 30 * 60 * 1000, maxEntries: 20 });
}
