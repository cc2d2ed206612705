import type { DomainHandlers } from '../dispatch';
import type { EnvironmentMatrixService, EnvironmentsService, DeleteAcrossService, PromoteService } from '../services/environments';

export function createEnvironmentsHandlers({ environments, matrix, promote, deleteAcross }: { environments: EnvironmentsService; matrix: EnvironmentMatrixService; promote: PromoteService; deleteAcross: DeleteAcrossService }): DomainHandlers<'environments'> {
  return {
    'environments.list': ({ path, readDeployments }, ctx) => environments.list(path, { readDeployments, signal: ctx.signal }),
    'environments.matrix': ({ path, readDeployments }, ctx) => matrix.matrix(path, { readDeployments, signal: ctx.signal }),
    'environments.compareValues': ({ path, taskId, ids }, ctx) => matrix.compareValues(path, { taskId, ids }, ctx.signal),
    'environments.promotePlan': ({ path, kind, id, from, to, value }, ctx) => promote.plan(path, { kind, id, from, to, value }, ctx.signal),
    'environments.promoteTemplate': ({ path, id, from }, ctx) => promote.template(path, { id, from }, ctx.signal),
    'environments.deletePlan': ({ path, kind, id, in: environmentNames, recoveryWindowDays }, ctx) => deleteAcross.plan(path, { kind, id, in: environmentNames, recoveryWindowDays }, ctx.signal),
    'environments.deleteApply': ({ planId, confirmations }) => deleteAcross.apply(planId, confirmations),
    'environments.promoteApply': ({ planId, confirmations }) => promote.apply(planId, confirmations),
    'environments.put': ({ path, fingerprint, replacing, environment }, ctx) => environments.put(path, { fingerprint, replacing, environment }, ctx.signal),
    'environments.remove': ({ path, fingerprint, name }) => environments.remove(path, { fingerprint, name }),
    'environments.setMine': ({ path, name, profile }) => environments.setMine(path, name, profile),
  };
}
