/**
 * The environments of a project (dev, staging, prod...), kept in the project's
 * `.astro/airlock.json` (shared/environments/environments-file.ts), with what this user's AWS
 * profiles and the Deployments say about each.
 */
import { z } from 'zod';
import { lookupKinds } from '../airflow';
import type { DeploymentRef, EffectiveKwargs, Environment, MatrixComparison, MatrixRow, ProfileMatch } from '../environments';
import { accountIdSchema, backendKwargsTextSchema, environmentNameSchema, regionSchema } from '../environments';
import { absolutePathSchema } from './common';
import { method } from './contract';

export type { DeploymentRef, EffectiveKwargs, KwargsSource, ProfileMatch, ProfileMatchStatus } from '../environments';
export type { MatrixCell, MatrixCellState, MatrixComparison, MatrixFilter, MatrixRow } from '../environments';

/** One environment as the window sees it: the file's fields, then what Airlock found. */
export interface EnvironmentView extends Pick<Environment, 'name' | 'awsProfile' | 'accountId' | 'region' | 'backendKwargs' | 'production'> {
  readonly deployment: DeploymentRef | null;
  /** The profile the user picked for it (their settings), or null to use the team's. */
  readonly myProfile: string | null;
  readonly profile: ProfileMatch;
  readonly kwargs: EffectiveKwargs;
  /** Why the Deployment could not be read, when it was asked for. */
  readonly deploymentError: string | null;
}

export interface EnvironmentsView {
  readonly projectPath: string;
  /** Project-relative path of the file. */
  readonly file: string;
  readonly exists: boolean;
  /** Pass back on a change: a file changed on disk since is not overwritten. */
  readonly fingerprint: string;
  /** 1 when the file still holds a single deploy target, shown here as one environment (written as version 2 on the first change). */
  readonly migratedFrom: 1 | null;
  /** Why the file cannot be used; nothing is written over it until it is fixed. */
  readonly problem: string | null;
  readonly environments: readonly EnvironmentView[];
  readonly deployEnvironment: string | null;
}

/** One environment's column of the matrix: who was asked, and why nothing could be read when so. */
export interface MatrixColumn {
  readonly name: string;
  readonly production: boolean;
  /** The profile Airlock read it with (the user's pick, else the team's). */
  readonly profile: string | null;
  /** The account the profile reached (STS), or null when it could not tell. */
  readonly account: string | null;
  readonly region: string | null;
  readonly kwargsSource: EffectiveKwargs['source'];
  /** The prefixes its Airflow reads, for the column's header (null: that kind is not looked up). */
  readonly prefixes: { readonly connection: string | null; readonly variable: string | null; readonly config: string | null } | null;
  /** Secrets listed (names only). */
  readonly listed: number;
  /** Why the environment could not be listed; its cells are then `unknown`. */
  readonly error: string | null;
}

/** Names and states only: no value of any secret ever reaches the window through the matrix. */
export interface EnvironmentMatrix {
  readonly projectPath: string;
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
  /** Why the DAG scan failed, when it did (the rows then show no DAG use). */
  readonly dagScanError: string | null;
  /** The environments file's problem, when it cannot be read. */
  readonly problem: string | null;
}

export interface MatrixComparisons {
  readonly rows: readonly { readonly kind: MatrixRow['kind']; readonly id: string; readonly comparison: MatrixComparison }[];
  /** BatchGetSecretValue calls made, all environments together. */
  readonly batchCalls: number;
}

/** One target of a promote, as the review shows it: where, what changes (field names only), and the AWS CLI command. */
export interface PromoteTarget {
  readonly environment: string;
  readonly profile: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly production: boolean;
  /** The secret name that environment's Airflow reads the id from. */
  readonly secretName: string | null;
  /** `absent`: a delete target that has no such secret (nothing to delete there). */
  readonly action: 'create' | 'update' | 'delete' | 'unchanged' | 'absent' | 'blocked';
  /** The fields that change, as Airflow reads them (`value` for variables); never a value. */
  readonly changedFields: readonly string[];
  /** The equivalent command, the value passed as a file so it is on no command line. */
  readonly command: string | null;
  /** Why this target cannot be written (its profile, account or kwargs). */
  readonly problem: string | null;
}

export interface PromotePlan {
  readonly planId: string;
  /** `copy`: the source's exact value; `template`: the value the user completed from the source's template. */
  readonly mode: 'copy' | 'template';
  readonly kind: MatrixRow['kind'];
  readonly id: string;
  readonly from: string;
  readonly targets: readonly PromoteTarget[];
}

export interface PromoteResult {
  readonly results: readonly { readonly environment: string; readonly outcome: 'written' | 'deleted' | 'unchanged' | 'failed' | 'not-sent'; readonly message: string | null }[];
  /** One sentence naming which environments got it and which did not. */
  readonly summary: string;
}

/**
 * A connection of one environment as a template for others: its structure and non-secret fields,
 * with the password and every secret extra empty (shared/secrets/sensitive-keys.ts). None of the
 * source's secret values is in it.
 */
export interface PromoteTemplate {
  readonly from: string;
  readonly id: string;
  /** The template as stored (the source's format), secrets empty. */
  readonly value: string;
  readonly format: 'json' | 'uri';
  /** What was emptied and is to be filled in: `password`, `extra.private_key`, ... */
  readonly emptied: readonly string[];
}

/** Deleting one id in several environments: per target its account, region and `aws secretsmanager delete-secret` command. */
export interface DeleteAcrossPlan {
  readonly planId: string;
  readonly kind: MatrixRow['kind'];
  readonly id: string;
  readonly recoveryWindowDays: number;
  readonly targets: readonly PromoteTarget[];
}

/** The window's id for the value reading, so it can follow its progress. */
const taskIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Not a task id');
const matrixIdSchema = z.object({ kind: z.enum(lookupKinds), id: z.string().min(1).max(512) }).strict();

const astroIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'Not an Astro id');
const fingerprintSchema = z.string().min(1).max(128);
const profileNameSchema = z.string().trim().min(1).max(256);

export const environmentInputSchema = z
  .object({
    name: environmentNameSchema,
    /** Checked against Astro (it must exist in that workspace), which also gives its names. */
    deployment: z.object({ workspaceId: astroIdSchema, deploymentId: astroIdSchema }).strict().nullable(),
    awsProfile: profileNameSchema.nullable(),
    /** `123456789012`, `1234-5678-9012` and `1234 5678 9012` are all accepted. */
    accountId: z.string().transform((text) => text.replace(/[\s-]/g, '')).pipe(accountIdSchema).nullable(),
    region: regionSchema.nullable(),
    backendKwargs: backendKwargsTextSchema.nullable(),
    production: z.boolean(),
  })
  .strict();

export const environmentsMethods = {
  /** The project's environments; `readDeployments` also reads each Deployment through the astro CLI (for the kwargs Astro applies). */
  'environments.list': method<EnvironmentsView>()(z.object({ path: absolutePathSchema, readDeployments: z.boolean().default(false) }).strict()),
  /** Adds an environment, or replaces the one named `replacing` (written atomically; a file that changed or does not parse is not overwritten). */
  'environments.put': method<EnvironmentsView>()(
    z.object({ path: absolutePathSchema, fingerprint: fingerprintSchema, replacing: environmentNameSchema.nullable(), environment: environmentInputSchema }).strict(),
    { invalidates: ['environments.list', 'deploy.target'] },
  ),
  'environments.remove': method<EnvironmentsView>()(z.object({ path: absolutePathSchema, fingerprint: fingerprintSchema, name: environmentNameSchema }).strict(), {
    invalidates: ['environments.list', 'deploy.target'],
  }),
  /**
   * Every Airflow id under each environment's prefixes, one column per environment (listed at once,
   * each with its own profile), with the project's DAG references. Names and states only.
   */
  'environments.matrix': method<EnvironmentMatrix>()(z.object({ path: absolutePathSchema, readDeployments: z.boolean().default(false) }).strict()),
  /**
   * Reads the values of the ids present in two or more environments (BatchGetSecretValue, 20 a
   * call, progress on `task.progress` under `taskId`) and says, per id, whether Airflow reads them
   * the same and which fields differ. The values stay in the main process.
   */
  'environments.compareValues': method<MatrixComparisons>()(
    z.object({ path: absolutePathSchema, taskId: taskIdSchema, ids: z.array(matrixIdSchema).max(5000).optional() }).strict(),
  ),
  /**
   * Reviews copying one id from one environment to others (exact copy): per target its account,
   * region, the fields that change and the `aws secretsmanager` command. Values stay in the main process.
   */
  'environments.promotePlan': method<PromotePlan>()(
    z
      .object({
        path: absolutePathSchema,
        kind: matrixIdSchema.shape.kind,
        id: matrixIdSchema.shape.id,
        from: environmentNameSchema,
        to: z.array(environmentNameSchema).min(1).max(20),
        /** Template mode: the connection the user completed from `environments.promoteTemplate` (the source is then not copied). */
        value: z.string().min(1).max(65536).optional(),
      })
      .strict(),
  ),
  /** A connection of one environment as a template (structure and non-secret fields; secrets empty), for the connection form. */
  'environments.promoteTemplate': method<PromoteTemplate>()(z.object({ path: absolutePathSchema, id: matrixIdSchema.shape.id, from: environmentNameSchema }).strict()),
  /** Reviews deleting one id in several environments (as the Secrets view deletes: a recovery window of 7 to 30 days). */
  'environments.deletePlan': method<DeleteAcrossPlan>()(
    z
      .object({
        path: absolutePathSchema,
        kind: matrixIdSchema.shape.kind,
        id: matrixIdSchema.shape.id,
        in: z.array(environmentNameSchema).min(1).max(20),
        recoveryWindowDays: z.number().int().min(7).max(30).default(30),
      })
      .strict(),
  ),
  /** Schedules a reviewed delete, one environment after another; production targets as for promote. */
  'environments.deleteApply': method<PromoteResult>()(
    z.object({ planId: z.string().uuid(), confirmations: z.record(environmentNameSchema, z.string().max(64)).default({}) }).strict(),
    { invalidates: ['environments.matrix', 'secrets.list'] },
  ),
  /**
   * Writes a reviewed promote, one target after another. Each production target needs its account
   * id in `confirmations` (checked before anything is sent); a failure names who got it and who did not.
   */
  'environments.promoteApply': method<PromoteResult>()(
    z.object({ planId: z.string().uuid(), confirmations: z.record(environmentNameSchema, z.string().max(64)).default({}) }).strict(),
    { invalidates: ['environments.matrix', 'secrets.list'] },
  ),
  /** The user's own profile for an environment (null: use the team's), kept in the user's settings. */
  'environments.setMine': method<EnvironmentsView>()(
    z.object({ path: absolutePathSchema, name: environmentNameSchema, profile: profileNameSchema.nullable() }).strict(),
    { invalidates: ['environments.list'] },
  ),
} as const;
