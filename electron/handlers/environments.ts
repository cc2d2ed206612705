import type { DomainHandlers } from '../dispatch';
import type { EnvironmentMatrixService, EnvironmentsService, PromoteService } from '../services/environments';

export function createEnvironmentsHandlers({ environments, matrix, promote }: { environments: EnvironmentsService; matrix: EnvironmentMatrixService; promote: PromoteService }): DomainHandlers<'environments'> {
  return {
    'environments.list': ({ path, readDeployments }, ctx) => environments.list(path, { readDeployments, signal: ctx.signal }),
    'environments.matrix': ({ path, readDeployments }, ctx) => matrix.matrix(path, { readDeployments, signal: ctx.signal }),
    'environments.compareValues': ({ path, taskId, ids }, ctx) => matrix.compareValues(path, { taskId, ids }, ctx.signal),
    'environments.promotePlan': ({ path, kind, id, from, to }, ctx) => promote.plan(path, { kind, id, from, to }, ctx.signal),
    'environments.promoteApply': ({ planId, confirmations }) => promote.apply(planId, confirmations),
    'environments.put': ({ path, fingerprint, replacing, environment }, ctx) => environments.put(path, { fingerprint, replacing, environment }, ctx.signal),
    'environments.remove': ({ path, fingerprint, name }) => environments.remove(path, { fingerprint, name }),
    'environments.setMine': ({ path, name, profile }) => environments.setMine(path, name, profile),
  };
}
