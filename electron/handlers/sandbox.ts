import type { DomainHandlers } from '../dispatch';
import type { Session } from '../services/session';
import { SANDBOX_ENVIRONMENT_PROFILES, type SandboxProfile } from '../services/sandbox-profile';

export function createSandboxHandlers(deps: { sandbox: SandboxProfile; session: Pick<Session, 'active'> }): DomainHandlers<'sandbox'> {
  return {
    // Into the account the user is looking at: the dev or prod sandbox profile gets its own (drifting) example data.
    'sandbox.loadExampleData': async () => {
      const handle = await deps.sandbox.ensureStarted();
      const active = await deps.session.active().catch(() => null);
      const account = SANDBOX_ENVIRONMENT_PROFILES.find((profile) => profile.name === active?.profile.name);
      return handle.loadExampleData(account === undefined ? {} : { accountId: account.accountId });
    },
  };
}
