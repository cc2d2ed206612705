/**
 * The environments of a project (dev, staging, prod...), kept in the project's
 * `.astro/airlock.json` (shared/environments/environments-file.ts), with what this user's AWS
 * profiles and the Deployments say about each.
 */
import { z } from 'zod';
import type { DeploymentRef, EffectiveKwargs, Environment, ProfileMatch } from '../environments';
import { accountIdSchema, backendKwargsTextSchema, environmentNameSchema, regionSchema } from '../environments';
import { absolutePathSchema } from './common';
import { method } from './contract';

export type { DeploymentRef, EffectiveKwargs, KwargsSource, ProfileMatch, ProfileMatchStatus } from '../environments';

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
  /** The user's own profile for an environment (null: use the team's), kept in the user's settings. */
  'environments.setMine': method<EnvironmentsView>()(
    z.object({ path: absolutePathSchema, name: environmentNameSchema, profile: profileNameSchema.nullable() }).strict(),
    { invalidates: ['environments.list'] },
  ),
} as const;
