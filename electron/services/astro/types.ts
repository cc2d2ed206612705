/**
 * What the Astro CLI runner hands back: typed views of the CLI's output.
 *
 * Ids are Astro's (cuid-like strings). Nothing here ever carries a secret variable's value: the
 * Astro API does not return it, so `value` is `null` for every secret variable.
 */

export interface AstroVersion {
  /** The text after `Astro CLI Version: `, e.g. `1.45.0` or `SNAPSHOT-abc123`. */
  readonly raw: string;
  /** Parsed semver, or null for local builds (`SNAPSHOT-<sha>`), which are accepted as new enough. */
  readonly semver: { readonly major: number; readonly minor: number; readonly patch: number } | null;
}

export interface OrganizationSummary {
  readonly id: string;
  readonly name: string;
  readonly isCurrent: boolean;
}

export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
  readonly isCurrent: boolean;
}

/** Who the CLI acts as. The CLI has no `whoami`; this is assembled from the org and workspace lists. */
export interface AstroIdentity {
  readonly authMethod: 'api-token' | 'session';
  readonly organization: OrganizationSummary | null;
  readonly workspace: WorkspaceSummary | null;
  readonly workspaces: readonly WorkspaceSummary[];
}

export interface DeploymentSummary {
  readonly id: string;
  readonly name: string;
  readonly workspaceName: string | null;
  readonly namespace: string | null;
  readonly cloudProvider: string | null;
  readonly region: string | null;
  readonly runtimeVersion: string | null;
  readonly airflowVersion: string | null;
  /** `STANDARD`, `DEDICATED` or `HYBRID`. */
  readonly type: string | null;
}

export interface DeploymentVariable {
  readonly key: string;
  /** The plain value; always null for a secret (the API never returns secret values). */
  readonly value: string | null;
  readonly isSecret: boolean;
  /** RFC 3339 UTC as the CLI printed it, or null when the CLI left it out. */
  readonly updatedAt: string | null;
}

export interface DeploymentInfo {
  readonly id: string;
  readonly name: string;
  readonly workspaceId: string;
  readonly workspaceName: string | null;
  readonly description: string | null;
  readonly type: string | null;
  readonly runtimeVersion: string | null;
  readonly airflowVersion: string | null;
  readonly status: string | null;
  readonly cloudProvider: string | null;
  readonly region: string | null;
  readonly deploymentUrl: string | null;
  /** The IAM role Astro runs the Deployment's pods as (AWS-hosted Deployments); null when Astro reports none. */
  readonly workloadIdentity: string | null;
  /** The deployment's own `updated_at`; it moves on every variable write (each write restarts it). */
  readonly updatedAt: string | null;
  readonly variables: readonly DeploymentVariable[];
}

/** One row of the `deployment variable list/update` table. Advisory: trailing spaces of values are lost. */
export interface VariableTableRow {
  readonly key: string;
  /** null for secrets (printed as `****`). */
  readonly value: string | null;
  readonly isSecret: boolean;
}

/** What the CLI said it did with one variable during `variable create/update`. */
export type VariableOutcomeKind =
  | 'added'
  | 'updated'
  /** `create` met an existing key and left it alone. */
  | 'skipped-existing'
  /** The key appeared twice in the `--load` file; the second one was ignored. */
  | 'skipped-duplicate'
  /** The CLI refused the value as empty. */
  | 'rejected-empty-value';

export interface VariableOutcome {
  readonly key: string;
  readonly outcome: VariableOutcomeKind;
}

export interface VariableCommandReport {
  readonly outcomes: readonly VariableOutcome[];
  /** Count of lines the CLI rejected without naming a key (malformed lines, blank keys). */
  readonly unnamedRejections: number;
  /** True when the CLI printed the post-update table (or `No variables for this Deployment`), i.e. the write ran. */
  readonly writeReached: boolean;
  /** The table printed after the write, or null if none was printed. */
  readonly table: readonly VariableTableRow[] | null;
}

export interface UpdateVariablesResult {
  /** Keys the CLI reported as added or updated, in its order. */
  readonly applied: readonly string[];
  readonly report: VariableCommandReport;
}
