import type { DomainHandlers } from '../dispatch';
import type { AstroAccess, DeployService } from '../services/deploy';
import type { Logger } from '../services/log';

export interface DeployHandlerDeps {
  /** The astro CLI's location and the API token; it waits for a saved token itself before any CLI run. */
  readonly astro: Pick<AstroAccess, 'status' | 'setPath' | 'setToken' | 'clearToken'>;
  readonly deploy: DeployService;
  readonly log: Logger;
}

export function createDeployHandlers({ astro, deploy: service, log }: DeployHandlerDeps): DomainHandlers<'deploy'> {
  return {
    'deploy.astroStatus': (_input, ctx) => astro.status(ctx.signal),
    'deploy.setAstroPath': ({ path }) => astro.setPath(path),
    'deploy.setApiToken': async ({ token }) => {
      const state = await astro.setToken(token);
      log.info('Astro API token set', { persistent: state.persistent });
      return state;
    },
    'deploy.clearApiToken': () => astro.clearToken(),
    'deploy.workspaces': (_input, ctx) => service.workspaces(ctx.signal),
    'deploy.deployments': ({ workspaceId }, ctx) => service.deployments(workspaceId, ctx.signal),
    'deploy.target': ({ path }) => service.target(path),
    'deploy.setTarget': ({ path, workspaceId, deploymentId, awsProfile, production }, ctx) =>
      service.setTarget(path, { workspaceId, deploymentId, awsProfile, production }, ctx.signal),
    'deploy.plan': ({ path, kwargsJson, includeAwsCredentials, environment }, ctx) => service.plan(path, { kwargsJson, includeAwsCredentials, environment }, ctx.signal),
    'deploy.planAll': ({ path }, ctx) => service.planAll(path, ctx.signal),
    'deploy.revealLine': ({ planId, key, side }) => Promise.resolve({ text: service.revealLine(planId, key, side) }),
    // Not tied to the caller's signal: a page reload must not kill a write half-way. Cancel is explicit.
    'deploy.apply': ({ planId, targets, taskId, deploymentConfirmation, productionConfirmation }) =>
      service.apply({ planId, targets, taskId, deploymentConfirmation, productionConfirmation }),
    'deploy.cancel': ({ taskId }) => Promise.resolve({ cancelled: service.cancel(taskId) }),
  };
}
