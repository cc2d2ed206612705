import type { DomainHandlers } from '../dispatch';
import type { SandboxProfile } from '../services/sandbox-profile';

export function createSandboxHandlers(deps: { sandbox: SandboxProfile }): DomainHandlers<'sandbox'> {
  return {
    'sandbox.loadExampleData': async () => (await deps.sandbox.ensureStarted()).loadExampleData(),
  };
}
