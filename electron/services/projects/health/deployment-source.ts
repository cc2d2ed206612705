/**
 * What the deploy domain hands the checklist to read a Deployment's variables with (the composition
 * passes it in; see deployment-check.ts). Its own module so that the health context can name it
 * without importing the check that reads the context.
 */
import type { VariableRow } from '../../../../shared/deploy';

/** What one Deployment showed. */
export type SingleDeploymentResult =
  | { readonly kind: 'unavailable'; readonly deploymentName: string; readonly message: string }
  | { readonly kind: 'compared'; readonly deploymentName: string; readonly rows: readonly VariableRow[]; readonly note: string | null };

export type DeploymentCheckResult =
  | { readonly kind: 'no-target'; readonly problem: string | null }
  | SingleDeploymentResult
  /** A project with several environments: every environment's Deployment, each against its own kwargs. */
  | { readonly kind: 'environments'; readonly results: readonly { readonly environment: string; readonly result: SingleDeploymentResult }[] };

export interface DeploymentVariablesSource {
  check(root: string, dockerfileKwargs: string | null, signal: AbortSignal): Promise<DeploymentCheckResult>;
}
