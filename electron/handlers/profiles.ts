/**
 * The `profiles.*` API: thin adapters over the session (electron/services/session.ts). Inputs are
 * already validated by the contract's schemas; results never carry a key, token or secret.
 */
import type { DomainHandlers } from '../dispatch';
import type { Session } from '../services/session';

export function createProfilesHandlers(deps: { session: Session }): DomainHandlers<'profiles'> {
  const { session } = deps;
  return {
    'profiles.list': () => session.list(),
    'profiles.reload': () => session.reload(),
    'profiles.select': ({ name, region, projectPath, fresh }) =>
      session.select(name, region, { ...(projectPath === undefined ? {} : { projectPath }), ...(fresh === undefined ? {} : { fresh }) }),
    'profiles.active': () => session.active(),
    'profiles.configLocations': () => session.configLocations(),
    'profiles.refreshIdentity': () => session.refreshIdentity(),
    'profiles.projectMemory': ({ projectPath }) => Promise.resolve(session.projectMemory(projectPath)),
    'profiles.ssoLogin': ({ name }) => session.ssoLogins.start(name),
    'profiles.ssoLoginStatus': ({ loginId }) => Promise.resolve(session.ssoLogins.status(loginId)),
    'profiles.cancelSsoLogin': ({ loginId }) => Promise.resolve({ cancelled: session.ssoLogins.cancel(loginId) }),
    'profiles.mfaPrompts': () => Promise.resolve(session.mfaPrompts.pending()),
    'profiles.answerMfa': ({ requestId, code }) => Promise.resolve({ accepted: session.mfaPrompts.answer(requestId, code) }),
    'profiles.appKeys': () => Promise.resolve(session.appKeys()),
    'profiles.saveAppKeys': ({ name, accessKeyId, secretAccessKey, sessionToken, region, endpoint }) =>
      session.saveAppKeys({
        name,
        accessKeyId,
        secretAccessKey,
        ...(sessionToken === undefined ? {} : { sessionToken }),
        region,
        endpoint: endpoint ?? null,
      }),
    'profiles.removeAppKeys': async ({ name }) => ({ removed: await session.removeAppKeys(name) }),
    'profiles.productionMarks': () => Promise.resolve(session.productionMarks()),
    'profiles.setProduction': ({ profile, account, production }) =>
      Promise.resolve(session.setProduction({ production, ...(profile === undefined ? {} : { profile }), ...(account === undefined ? {} : { account }) })),
  };
}
