/**
 * Deploy plans waiting for the user's click, in memory only (they hold the values to deploy).
 * A plan is applied at most once and expires, so an old review screen cannot deploy.
 */
import type { DeployTarget, DeployTargetId } from '../../../shared/api';
import type { CurrentVariable, DesiredWithDigest, PlannedCall } from '../../../shared/deploy';
import type { GuardedEnvironment } from './deploy-guard';
import type { FileTargetName, FileTargetPlan } from './file-targets';
import { MAX_ENVIRONMENTS } from '../../../shared/environments';
import { createExpiringStore, type ExpiringStore } from '../expiring-store';

export interface StoredDeployPlan {
  readonly id: string;
  readonly root: string;
  readonly createdAt: number;
  readonly target: DeployTarget;
  /** The environment this review was made for ("Review all environments"), or null for the project's deploy target. */
  readonly environment: GuardedEnvironment | null;
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

/** Room for one review per environment ("Review all environments") plus a few single ones. */
export function createDeployPlanStore(options: { now: () => Date }): DeployPlanStore {
  return createExpiringStore<StoredDeployPlan>({ now: options.now, ttlMs: 30 * 60 * 1000, maxEntries: MAX_ENVIRONMENTS + 10 });
}

/** Targets in the order they are applied: local files first (a conflict there stops the deploy before the Deployment restarts). */
export const TARGET_ORDER: readonly DeployTargetId[] = ['dockerfile', 'dotenv', 'deployment'];
export const FILE_OF: Readonly<Record<'dockerfile' | 'dotenv', FileTargetName>> = { dockerfile: 'Dockerfile', dotenv: '.env' };

/** Whether a file target's plan writes anything. */
export function fileChanged(plan: FileTargetPlan): boolean {
  return plan.section.available && plan.section.plan !== null && plan.section.plan.files.length > 0;
}
