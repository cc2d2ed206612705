/**
 * Deploy: the astro CLI, Deployments, the plan and the one-click deploy.
 *
 * `deploy.plan` reads the Deployment (`astro deployment inspect -o json`) and the project's files
 * and computes one review for three targets: the Deployment's variables, the Dockerfile's ENV
 * lines and .env. The main process keeps the values (and the exact file bytes) under a plan id;
 * the renderer gets masked values and asks for one with `deploy.revealLine` (files:
 * `projects.revealPlanLine` with the file's own plan id). `deploy.apply` deploys the targets the
 * user ticked, refusing with CONFLICT when the Deployment changed since the plan, then reads each
 * target back and returns what it verified. The Astro API token is entered here and never comes
 * back: not in a result, an event, the settings, a log or a command line.
 */
import { z } from 'zod';
import type { DeploymentSnapshot, KwargsSource, PlannedCall, UntouchedVariable, VariableRow, VerificationCheck } from '../deploy';
import { environmentNameSchema } from '../environments';
import type { ApiError } from '../errors';
import { absolutePathSchema, astroPathSchema, kwargsJsonTextSchema, writeGuardFields } from './common';
import { event, method } from './contract';
import type { ChangePlan, HealthItem, ProjectSummary } from './projects';

export type { DeploymentSnapshot, PlannedCall, ShownValue, UntouchedVariable, VariableRow, VariableStatus, VerificationCheck } from '../deploy';

/** Where the astro binary comes from and whether it runs. */
export type AstroBinaryState =
  | { readonly found: true; readonly path: string; readonly version: string; readonly supported: boolean; readonly minimumVersion: string }
  | { readonly found: false; readonly error: ApiError };

export type AstroAuthState =
  | {
      readonly loggedIn: true;
      readonly method: 'api-token' | 'session';
      readonly organization: { readonly id: string; readonly name: string } | null;
      readonly workspace: { readonly id: string; readonly name: string } | null;
    }
  | { readonly loggedIn: false; readonly error: ApiError };

export interface AstroTokenState {
  /** 'app': a token entered in Airlock is used; 'none': the CLI's own login is used. */
  readonly source: 'app' | 'none';
  /** Whether a token entered here survives a restart (only with OS-protected storage). */
  readonly persistent: boolean;
  /** Why it does not, in one sentence; null when it does. */
  readonly notice: string | null;
}

export interface AstroStatus {
  /** The path set in Settings; null means "find astro on PATH". */
  readonly configuredPath: string | null;
  readonly binary: AstroBinaryState;
  /** Null when the binary could not be run (nothing to ask). */
  readonly auth: AstroAuthState | null;
  readonly token: AstroTokenState;
}

export interface AstroWorkspace {
  readonly id: string;
  readonly name: string;
  readonly isCurrent: boolean;
}

export interface AstroDeployment {
  readonly id: string;
  readonly name: string;
  readonly runtimeVersion: string | null;
  readonly airflowVersion: string | null;
  readonly region: string | null;
  readonly cloudProvider: string | null;
  readonly type: string | null;
}

/** The project-local, shareable target file: which Deployment (and AWS profile) the project deploys to. */
export interface DeployTarget {
  readonly workspaceId: string;
  readonly workspaceName: string | null;
  readonly deploymentId: string;
  readonly deploymentName: string;
  /** The AWS profile the team uses with this project, if set. */
  readonly awsProfile: string | null;
  /** Marked production: a deploy needs the Deployment's name typed. */
  readonly production: boolean;
}

/** The target file as read from disk (the project-local part of `DeployTargetFile`). */
export interface DeployTargetFile extends TargetFileRead {
  /** The project, named as the Projects view names it (`project.name`, else the folder). */
  readonly project: ProjectSummary;
}

export interface TargetFileRead {
  /** Project-relative path of the file (`.astro/airlock.json`). */
  readonly file: string;
  readonly exists: boolean;
  readonly target: DeployTarget | null;
  /** Why the file could not be used, if it exists but is not valid. */
  readonly problem: string | null;
}

export type DeployTargetId = 'deployment' | 'dockerfile' | 'dotenv';

export interface DeploymentSection {
  /** False when this target cannot be deployed (see `unavailable`). */
  readonly available: boolean;
  readonly unavailable: string | null;
  readonly deployment: {
    readonly id: string;
    readonly name: string;
    readonly workspaceId: string;
    readonly workspaceName: string | null;
    readonly status: string | null;
    readonly runtimeVersion: string | null;
    readonly airflowVersion: string | null;
    readonly url: string | null;
  };
  readonly rows: readonly VariableRow[];
  readonly untouched: readonly UntouchedVariable[];
  readonly calls: readonly PlannedCall[];
  /** The exact commands, one per call; values live only in the private `--load` file. */
  readonly commands: readonly string[];
  /** The Deployment as read for this plan; applying refuses when it changed since. */
  readonly snapshot: DeploymentSnapshot;
  readonly production: boolean;
}

export interface FileSection {
  readonly file: 'Dockerfile' | '.env';
  readonly available: boolean;
  readonly unavailable: string | null;
  /** The projects planner's plan for this file alone (reveal lines with `projects.revealPlanLine`). */
  readonly plan: ChangePlan | null;
  /** What this target writes, one phrase per key. */
  readonly purpose: string;
  readonly notes: readonly string[];
}

export interface DeployPlan {
  readonly planId: string;
  readonly projectPath: string;
  readonly createdAt: string;
  readonly kwargs: { readonly source: KwargsSource };
  /**
   * The Health checklist's errors and warnings about the backend as this deploy leaves it (the
   * provider in requirements.txt, the backend class, the kwargs for that provider), each with its
   * fix: the deploy itself does not fix them, and a deployed backend with them fails or reads
   * something else.
   */
  readonly health: readonly HealthItem[];
  readonly includeAwsCredentials: boolean;
  readonly deployment: DeploymentSection;
  readonly dockerfile: FileSection;
  readonly dotenv: FileSection;
  /** Targets with something to change. Empty means "nothing to change". */
  readonly changedTargets: readonly DeployTargetId[];
}

/** One environment's section of "Review all environments": its Deployment's own plan, or why it has none. */
export interface EnvironmentPlanSection {
  readonly environment: string;
  readonly deploymentName: string;
  /** Marked production: deploying it needs its Deployment's name typed, in its own section. */
  readonly production: boolean;
  readonly accountId: string | null;
  readonly region: string | null;
  /** A Deployment-only plan (the project's files are reviewed one environment at a time). */
  readonly plan: DeployPlan | null;
  readonly error: ApiError | null;
}

export interface EnvironmentPlans {
  readonly projectPath: string;
  readonly sections: readonly EnvironmentPlanSection[];
}

export type TargetOutcome = 'applied' | 'unchanged' | 'failed' | 'skipped' | 'cancelled';

export interface TargetResult {
  readonly target: DeployTargetId;
  readonly outcome: TargetOutcome;
  /** One sentence: what happened. */
  readonly message: string;
  readonly error: ApiError | null;
  /** Deployment: the keys Astro reported as applied, and the planned ones it did not apply. */
  readonly appliedKeys: readonly string[];
  readonly notAppliedKeys: readonly string[];
  /** Deployment: CLI update calls made (each restarted the Deployment). */
  readonly calls: number;
  /** What reading the target back showed. */
  readonly checks: readonly VerificationCheck[];
  /** true: read back as planned; false: not; null: not verified (skipped, or the read failed). */
  readonly verified: boolean | null;
}

export interface DeployResult {
  readonly outcome: 'deployed' | 'nothing-to-change' | 'partial' | 'failed' | 'cancelled';
  readonly targets: readonly TargetResult[];
}

/** One line the astro CLI printed during a deploy (ANSI stripped, secret values masked). */
export interface DeployOutputLine {
  readonly taskId: string;
  readonly line: string;
  readonly stream: 'stdout' | 'stderr';
}

const astroIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'Not an Astro id');
const taskIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Not a task id');
const planIdSchema = z.string().min(1).max(100);
export const deployTargetIdSchema = z.enum(['deployment', 'dockerfile', 'dotenv']);

/** What the CLI answers differently once its login (an API token entered in Airlock) changes. */
const astroLoginAnswers = ['deploy.astroStatus', 'deploy.workspaces', 'deploy.deployments', 'deploy.plan', 'deploy.planAll'] as const;

export const deployMethods = {
  /** Is astro installed (and new enough), who is it logged in as, and where the token comes from. */
  'deploy.astroStatus': method<AstroStatus>()(z.object({}).strict()),
  /** Sets (absolute path) or clears (null: search PATH) the astro binary Airlock runs. */
  'deploy.setAstroPath': method<AstroStatus>()(z.object({ path: astroPathSchema.nullable() }).strict(), {
    // Its answer is the new deploy.astroStatus, which the settings view sets directly.
    invalidates: ['deploy.workspaces', 'deploy.deployments', 'settings.get'],
  }),
  /** Uses an Astro API token entered in Airlock (passed to the CLI in its environment only). */
  'deploy.setApiToken': method<AstroTokenState>()(z.object({ token: z.string().min(1).max(8192) }).strict(), { invalidates: astroLoginAnswers }),
  'deploy.clearApiToken': method<AstroTokenState>()(z.object({}).strict(), { invalidates: astroLoginAnswers }),
  'deploy.workspaces': method<readonly AstroWorkspace[]>()(z.object({}).strict()),
  'deploy.deployments': method<readonly AstroDeployment[]>()(z.object({ workspaceId: astroIdSchema }).strict()),
  /** The project's target file (`.astro/airlock.json`). */
  'deploy.target': method<DeployTargetFile>()(z.object({ path: absolutePathSchema }).strict()),
  /** Checks the Deployment exists, then writes the target file (atomically; no secrets in it). */
  'deploy.setTarget': method<DeployTargetFile>()(
    z.object({
      path: absolutePathSchema,
      workspaceId: astroIdSchema,
      deploymentId: astroIdSchema,
      awsProfile: z.string().min(1).max(256).nullable().optional(),
      production: z.boolean().optional(),
    }).strict(),
    // Its answer is the new deploy.target, which the target picker sets directly.
    { invalidates: ['deploy.plan', 'projects.health'] },
  ),
  /** Reads the Deployment and the files and plans all three targets. */
  'deploy.plan': method<DeployPlan>()(
    z.object({
      path: absolutePathSchema,
      kwargsJson: kwargsJsonTextSchema.optional(),
      includeAwsCredentials: z.boolean().default(false),
      /** Plan this environment's Deployment, with its recorded kwargs (default: the deploy environment's). */
      environment: environmentNameSchema.optional(),
    }).strict(),
  ),
  /** "Review all environments": one Deployment-only plan per environment with a Deployment, each applied (and confirmed) on its own. */
  'deploy.planAll': method<EnvironmentPlans>()(z.object({ path: absolutePathSchema }).strict()),
  /** The real value of one masked row of a plan (the desired value, or the current plain value). */
  'deploy.revealLine': method<{ readonly text: string }>()(
    z.object({ planId: planIdSchema, key: z.string().min(1).max(256), side: z.enum(['current', 'desired']) }).strict(),
  ),
  /** Deploys the chosen targets of a plan, then verifies each. Progress: `task.progress` and `deploy.output`. */
  'deploy.apply': method<DeployResult>()(
    z.object({
      planId: planIdSchema,
      targets: z.array(deployTargetIdSchema).min(1).max(3),
      taskId: taskIdSchema,
      /** The Deployment's name, typed, when the target file marks it production. */
      deploymentConfirmation: z.string().max(256).optional(),
      ...writeGuardFields,
    }).strict(),
    { invalidates: ['projects.health'] },
  ),
  /** Stops a running deploy (the CLI is stopped; what it already sent may have been applied). */
  'deploy.cancel': method<{ readonly cancelled: boolean }>()(z.object({ taskId: taskIdSchema }).strict()),
} as const;

export const deployEvents = {
  'deploy.output': event<DeployOutputLine>(),
} as const;

/** Where the target file lives in a project. */
export const DEPLOY_TARGET_FILE = '.astro/airlock.json';
