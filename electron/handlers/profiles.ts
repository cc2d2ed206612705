/**
 * The `profiles.*` API: thin adapters over the session (electron/services/session.ts), the SSO
 * logins and MFA prompts (electron/services/aws) and the production marks. Inputs are already
 * validated by the contract's schemas; results never carry a key, token or secret.
 */
import type { DomainHandlers } from '../dispatch';
import type { MfaPrompts, SsoLogins } from '../services/aws';
import type { ProductionMarksStore } from '../services/production-marks';
import type { Session } from '../services/session';

export interface ProfilesHandlerDeps {
  readonly session: Session;
  /** SSO device logins the UI starts and follows. */
  readonly ssoLogins: Pick<SsoLogins, 'start' | 'status' | 'cancel'>;
  /** MFA prompts waiting for the UI's answer. */
  readonly mfaPrompts: Pick<MfaPrompts, 'pending' | 'answer'>;
  readonly productionMarks: ProductionMarksStore;
}

export function createProfilesHandlers({ session, ssoLogins, mfaPrompts, productionMarks }: ProfilesHandlerDeps): DomainHandlers<'profiles'> {
  return {
    'profiles.list': () => session.list(),
    'profiles.reload': () => session.reload(),
    'profiles.select': ({ name, region, projectPath, fresh, environment }) =>
      session.select(name, region, {
        ...(projectPath === undefined ? {} : { projectPath }),
        ...(fresh === undefined ? {} : { fresh }),
        ...(environment === undefined ? {} : { environment }),
      }),
    'profiles.active': () => session.active(),
    'profiles.configLocations': () => session.configLocations(),
    'profiles.refreshIdentity': () => session.refreshIdentity(),
    'profiles.projectMemory': ({ projectPath }) => Promise.resolve(session.projectMemory(projectPath)),
    'profiles.ssoLogin': ({ name }) => ssoLogins.start(name),
    'profiles.ssoLoginStatus': ({ loginId }) => Promise.resolve(ssoLogins.status(loginId)),
    'profiles.cancelSsoLogin': ({ loginId }) => Promise.resolve({ cancelled: ssoLogins.cancel(loginId) }),
    'profiles.mfaPrompts': () => Promise.resolve(mfaPrompts.pending()),
    'profiles.answerMfa': ({ requestId, code }) => Promise.resolve({ accepted: mfaPrompts.answer(requestId, code) }),
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
    'profiles.productionMarks': () => Promise.resolve(productionMarks.view()),
    'profiles.setProduction': ({ profile, account, production }) =>
      Promise.resolve(productionMarks.set({ production, ...(profile === undefined ? {} : { profile }), ...(account === undefined ? {} : { account }) })),
  };
}
