import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';
import { createProjectService } from '../services/projects/project-service';

export function createProjectsHandlers(core: CoreServices): DomainHandlers<'projects'> {
  const service = createProjectService({
    settings: core.settings,
    session: core.session,
    log: core.log,
    pickFolder: core.platform.pickFolder,
    ...(core.platform.env?.HOME === undefined ? {} : { home: core.platform.env.HOME }),
  });
  return {
    'projects.open': ({ path }) => service.open(path),
    'projects.pickFolder': async () => ({ path: await service.pickFolder() }),
    'projects.recent': () => service.recent(),
    'projects.forget': ({ path }) => service.forget(path),
    'projects.health': ({ path }) => service.health(path),
    'projects.planChanges': ({ path, changes }) => service.planChanges(path, changes),
    'projects.applyChanges': ({ path, planId, files }) => service.applyChanges(path, planId, files),
    'projects.revealPlanLine': ({ planId, file, side, line }) => Promise.resolve({ text: service.revealPlanLine(planId, file, side, line) }),
    'projects.secretStatus': ({ name }, ctx) => service.secretStatus(name, ctx.signal),
    'projects.secretNames': (_input, ctx) => service.secretNames(ctx.signal),
    'projects.dagReferences': ({ path, kwargsJson, providerVersion }, ctx) => service.dagReferences(path, { kwargsJson, providerVersion }, ctx.signal),
  };
}
