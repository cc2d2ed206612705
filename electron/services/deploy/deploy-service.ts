/**
 * The deploy domain in the main process, as the handlers see it: targets (deploy-targets.ts), the
 * review (deploy-plan.ts) and the one-click apply (deploy-apply.ts), sharing one store of reviewed
 * plans. The Deployment reader (deployment-reader.ts) is made by the composition root, which also
 * hands it to the projects checklist. Plain Node; electron/handlers/deploy.ts only adapts it to the API.
 */
import type { DeployOutputLine, TaskProgress } from '../../../shared/api';
import type { Logger } from '../log';
import type { ProjectService, ProjectSession } from '../projects';
import type { AstroAccess } from './astro-access';
import { createDeployApplier, type DeployApplier } from './deploy-apply';
import type { DeployGuard } from './deploy-guard';
import { createDeployPlanner, type DeployPlanner } from './deploy-plan';
import { createDeployPlanStore } from './deploy-plan-store';
import { createDeployTargets, type DeployTargets } from './deploy-targets';
import type { DeploymentReader } from './deployment-reader';
import type { SecretRecordsStore } from './secret-records';

export type { ApplyInput } from './deploy-apply';
export type { PlanInput } from './deploy-plan';
export type { SetTargetInput } from './deploy-targets';

export interface DeployServiceDeps {
  readonly astro: Pick<AstroAccess, 'runner'>;
  /** The Deployment reader the composition root also hands to the health checklist. */
  readonly reader: DeploymentReader;
  readonly projects: Pick<ProjectService, 'planChanges' | 'applyChanges'>;
  /** The active AWS profile: its keys for .env (and, when asked, the Deployment) and its region. */
  readonly session: ProjectSession;
  readonly guard: DeployGuard;
  readonly records: SecretRecordsStore;
  readonly onProgress?: (progress: TaskProgress) => void;
  readonly onOutput?: (line: DeployOutputLine) => void;
  readonly log: Logger;
  readonly home?: string;
  readonly now?: () => Date;
}

export type DeployService = DeployTargets & DeployPlanner & DeployApplier;

export function createDeployService(deps: DeployServiceDeps): DeployService {
  const now = deps.now ?? (() => new Date());
  const plans = createDeployPlanStore({ now });
  const targets = createDeployTargets({ astro: deps.astro, log: deps.log, home: deps.home });
  const planner = createDeployPlanner({ reader: deps.reader, projects: deps.projects, session: deps.session, records: deps.records, plans, log: deps.log, home: deps.home, now });
  const applier = createDeployApplier({
    astro: deps.astro,
    reader: deps.reader,
    projects: deps.projects,
    guard: deps.guard,
    records: deps.records,
    plans,
    onProgress: deps.onProgress,
    onOutput: deps.onOutput,
    log: deps.log,
    now,
  });
  // Each part is a plain object of closures (no `this`), so spreading them is safe.
  return { ...targets, ...planner, ...applier };
}
