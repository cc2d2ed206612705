import type { DomainHandlers } from '../dispatch';
import type { ProjectService } from '../services/projects';

/** `projects` is the one project service the deploy domain uses too: a plan made there is applied from the same store. */
export function createProjectsHandlers({ projects: service }: { projects: ProjectService }): DomainHandlers<'projects'> {
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
