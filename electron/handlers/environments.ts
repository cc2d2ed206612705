import type { DomainHandlers } from '../dispatch';
import type { EnvironmentsService } from '../services/environments/environments-service';

export function createEnvironmentsHandlers({ environments }: { environments: EnvironmentsService }): DomainHandlers<'environments'> {
  return {
    'environments.list': ({ path, readDeployments }, ctx) => environments.list(path, { readDeployments, signal: ctx.signal }),
    'environments.put': ({ path, fingerprint, replacing, environment }, ctx) => environments.put(path, { fingerprint, replacing, environment }, ctx.signal),
    'environments.remove': ({ path, fingerprint, name }) => environments.remove(path, { fingerprint, name }),
    'environments.setMine': ({ path, name, profile }) => environments.setMine(path, name, profile),
  };
}
