/**
 * Deploy plans waiting for the user's click, in memory only (they hold the values to deploy).
 * A plan is applied at most once and expires, so an old review screen cannot deploy.
 */
import type { DeployTarget } from '../../../shared/api/deploy';
import type { CurrentVariable, DesiredWithDigest, PlannedCall } from '../../../shared/deploy/plan';
import type { FileTargetPlan } from './file-targets';
import { createExpiringStore, type ExpiringStore } from '../expiring-store';

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

export type DeployPlanStore = ExpiringStore<StoredDeployPlan>;

export function createDeployPlanStore(options: { now: () => Date }): DeployPlanStore {
  return createExpiringStore<StoredDeployPlan>({ now: options.now, ttlMs: 30 * 60 * 1000, maxEntries: 10 });
}
