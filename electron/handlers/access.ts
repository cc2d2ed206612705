import type { DomainHandlers } from '../dispatch';
import type { AccessCheckService } from '../services/access';
import type { ProjectSummary } from '../../shared/api';

export interface AccessHandlerDeps {
  readonly access: AccessCheckService;
  /** The folder must still be an Astro project; its summary gives the path the project is known by. */
  readonly recogniseProject: (path: string) => Promise<ProjectSummary>;
}

export function createAccessHandlers(deps: AccessHandlerDeps): DomainHandlers<'access'> {
  return {
    'access.check': async ({ path, kwargsJson }) => deps.access.check({ path: (await deps.recogniseProject(path)).path, kwargsJson }),
  };
}
