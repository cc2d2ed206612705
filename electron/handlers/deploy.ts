import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';
import { sessionDeployGuard } from '../services/deploy/deploy-guard';
import { createDeployService } from '../services/deploy/deploy-service';
import { createSecretRecordsStore } from '../services/deploy/secret-records';
import { setDeploymentVariablesSource } from '../services/projects/health/deployment-check';

export function createDeployHandlers(core: CoreServices): DomainHandlers<'deploy'> {
  const { astro } = core;
  const service = createDeployService({
    astro,
    projects: core.projects,
    session: core.session,
    guard: sessionDeployGuard(core.session),
    records: createSecretRecordsStore({ directory: core.platform.dataDir }),
    onProgress: (progress) => core.events.emit('task.progress', progress),
    onOutput: (line) => core.events.emit('deploy.output', line),
    log: core.log,
    ...(core.platform.env?.HOME === undefined ? {} : { home: core.platform.env.HOME }),
  });
  // The projects checklist reads the Deployment through this domain's runner and records.
  setDeploymentVariablesSource(service.healthSource);

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
