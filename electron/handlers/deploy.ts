import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';

export function createDeployHandlers(core: CoreServices): DomainHandlers<'deploy'> {
  const { astro, deploy: service } = core;

  return {
    'deploy.astroStatus': (_input, ctx) => astro.status(ctx.signal),
    'deploy.setAstroPath': async ({ path }) => {
      await astro.ready();
      return astro.setPath(path);
    },
    'deploy.setApiToken': async ({ token }) => {
      await astro.ready();
      const state = await astro.tokens.set(token);
      core.log.info('Astro API token set', { persistent: state.persistent });
      return state;
    },
    'deploy.clearApiToken': async () => {
      await astro.ready();
      return astro.tokens.clear();
    },
    'deploy.workspaces': async (_input, ctx) => {
      await astro.ready();
      return service.workspaces(ctx.signal);
    },
    'deploy.deployments': async ({ workspaceId }, ctx) => {
      await astro.ready();
      return service.deployments(workspaceId, ctx.signal);
    },
    'deploy.target': ({ path }) => service.target(path),
    'deploy.setTarget': async ({ path, workspaceId, deploymentId, awsProfile, production }, ctx) => {
      await astro.ready();
      return service.setTarget(path, { workspaceId, deploymentId, awsProfile, production }, ctx.signal);
    },
    'deploy.plan': async ({ path, kwargsJson, includeAwsCredentials }, ctx) => {
      await astro.ready();
      return service.plan(path, { kwargsJson, includeAwsCredentials }, ctx.signal);
    },
    'deploy.revealLine': ({ planId, key, side }) => Promise.resolve({ text: service.revealLine(planId, key, side) }),
    // Not tied to the caller's signal: a page reload must not kill a write half-way. Cancel is explicit.
    'deploy.apply': async ({ planId, targets, taskId, deploymentConfirmation, productionConfirmation }) => {
      await astro.ready();
      return service.apply({ planId, targets, taskId, deploymentConfirmation, productionConfirmation });
    },
    'deploy.cancel': ({ taskId }) => Promise.resolve({ cancelled: service.cancel(taskId) }),
  };
}
