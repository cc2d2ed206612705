/**
 * The checklist: each check is a function of the health context that returns one item, run in
 * order. Adding an item is adding a function to `healthChecks`. A check that throws becomes an
 * 'unknown' item with a safe message instead of failing the whole checklist.
 */
import type { HealthItem, HealthItemId, ProjectHealth, ProjectSummary } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import type { ProjectSession } from '../project-session';
import { projectFileFacts } from '../file-facts';
import { backendClassCheck, backendKwargsCheck } from './backend-checks';
import { conflictingDefinitionsCheck } from './conflicts-check';
import { localCredentialsCheck } from './credentials-check';
import { deploymentVariablesCheck, type DeploymentVariablesSource } from './deployment-check';
import { createSecretsManagerAccess, type SecretsManagerAccess } from '../../secrets';
import { buildHealthContext, createAwsAccess, noAwsAccess, type HealthContext } from './health-context';
import { dotenvIgnoredCheck } from './ignore-check';
import { providerCheck } from './provider-check';
import { secretsPresentCheck } from './secrets-check';

export interface HealthCheck {
  readonly id: HealthItemId;
  readonly title: string;
  readonly run: (ctx: HealthContext) => HealthItem | Promise<HealthItem>;
}

export const healthChecks: readonly HealthCheck[] = [
  { id: 'provider-package', title: 'Amazon provider in requirements.txt', run: providerCheck },
  { id: 'backend-class', title: 'Secrets backend in the Dockerfile', run: backendClassCheck },
  { id: 'backend-kwargs', title: 'Backend kwargs in the Dockerfile', run: backendKwargsCheck },
  { id: 'local-credentials', title: 'AWS credentials for local runs (.env)', run: localCredentialsCheck },
  { id: 'dotenv-ignored', title: '.env kept out of git and the image', run: dotenvIgnoredCheck },
  { id: 'secrets-present', title: 'Secrets under the prefixes', run: secretsPresentCheck },
  { id: 'conflicting-definitions', title: 'Conflicting definitions', run: conflictingDefinitionsCheck },
  { id: 'deployment-variables', title: "The Deployment's variables", run: deploymentVariablesCheck },
];

/** Runs checks in order on one context; a check that throws becomes an 'unknown' item instead of failing the rest. */
export async function runChecks(ctx: HealthContext, checks: readonly HealthCheck[], log: Logger): Promise<HealthItem[]> {
  const items: HealthItem[] = [];
  for (const check of checks) {
    try {
      items.push(await check.run(ctx));
    } catch (error) {
      log.warn('a project health check failed', { check: check.id, code: error instanceof AppError ? error.code : 'INTERNAL' });
      items.push({
        id: check.id,
        title: check.title,
        status: 'unknown',
        summary: 'This check could not run.',
        explanation: error instanceof AppError ? error.message : 'Something went wrong inside Airlock while checking this; try again.',
        evidence: [],
        problems: [],
        fix: null,
        action: null,
      });
    }
  }
  return items;
}

/**
 * The checklist items that decide whether a deployed backend works: the provider the image
 * installs, the backend class and the kwargs. The Deployment's variables override the
 * Dockerfile's ENV with the same values the deploy writes there, so these checks run on the
 * Dockerfile as the deploy leaves it.
 */
export const DEPLOYED_BACKEND_CHECKS: readonly HealthItemId[] = ['provider-package', 'backend-class', 'backend-kwargs'];

/**
 * What the Health checklist would flag (errors and warnings only) once a deploy has set
 * `dockerfileEnv`: the same check functions, so the deploy review and Health never disagree.
 * Makes no AWS or astro call.
 */
export async function deployedBackendProblems(
  root: string,
  project: ProjectSummary,
  dockerfileEnv: Readonly<Record<string, string | null>>,
  deps: { log: Logger; now: Date },
): Promise<HealthItem[]> {
  const ctx = await buildHealthContext(root, project, noAwsAccess('Not checked in a deploy review.'), deps.now, null, { dockerfileEnv });
  const items = await runChecks(ctx, healthChecks.filter((check) => DEPLOYED_BACKEND_CHECKS.includes(check.id)), deps.log);
  return items.filter((item) => item.status === 'error' || item.status === 'warning');
}

export async function runHealth(
  root: string,
  project: ProjectSummary,
  deps: { session: ProjectSession; access?: SecretsManagerAccess; log: Logger; now: () => Date; checks?: readonly HealthCheck[]; deployment?: DeploymentVariablesSource | null },
): Promise<ProjectHealth> {
  const aws = createAwsAccess(deps.session, deps.access ?? createSecretsManagerAccess());
  await aws.init();
  const ctx = await buildHealthContext(root, project, aws, deps.now(), deps.deployment ?? null);
  const items = await runChecks(ctx, deps.checks ?? healthChecks, deps.log);
  return {
    // Files that could not be read (a link out of the project, too large) are said once, up top.
    project: ctx.readNotes.length === 0 ? project : { ...project, notes: [...project.notes, ...ctx.readNotes] },
    items,
    backend: ctx.backend,
    provider: ctx.provider,
    providerMinimum: ctx.providerMinimum,
    files: projectFileFacts(ctx),
    profile: aws.profile,
  };
}
