/**
 * The checklist: each check is a function of the health context that returns one item, run in
 * order. Adding an item is adding a function to `healthChecks`. A check that throws becomes an
 * 'unknown' item with a safe message instead of failing the whole checklist.
 */
import type { HealthItem, HealthItemId, ProjectHealth, ProjectSummary } from '../../../../shared/api/projects';
import { AppError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import type { ProjectSession } from '../project-session';
import { projectFileFacts } from '../file-facts';
import { backendClassCheck, backendKwargsCheck } from './backend-checks';
import { conflictingDefinitionsCheck } from './conflicts-check';
import { localCredentialsCheck } from './credentials-check';
import { deploymentVariablesCheck, type DeploymentVariablesSource } from './deployment-check';
import { buildHealthContext, createAwsAccess, type HealthContext } from './health-context';
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

export async function runHealth(
  root: string,
  project: ProjectSummary,
  deps: { session: ProjectSession; log: Logger; now: () => Date; checks?: readonly HealthCheck[]; deployment?: DeploymentVariablesSource | null },
): Promise<ProjectHealth> {
  const aws = createAwsAccess(deps.session);
  await aws.init();
  const ctx = await buildHealthContext(root, project, aws, deps.now(), deps.deployment ?? null);
  const items: HealthItem[] = [];
  for (const check of deps.checks ?? healthChecks) {
    try {
      items.push(await check.run(ctx));
    } catch (error) {
      deps.log.warn('a project health check failed', { check: check.id, code: error instanceof AppError ? error.code : 'INTERNAL' });
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
