/**
 * SSO device logins started from the UI, by id: starts the login through the credential service,
 * opens the verification page in the system browser where the platform can (Electron), remembers
 * how each login ended, and reports the end as an event so the UI can retry what needed the login.
 *
 * The renderer only ever sees the verification URL and the user code; the tokens go from AWS to
 * the CLI-compatible cache file without passing through here.
 */
import { randomUUID } from 'node:crypto';
import type { SsoLoginStarted, SsoLoginStatus } from '../../../shared/api';
import { AppError, isAppError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { CredentialService } from './credential-service';
import { toAppError } from './aws-errors';
import type { SsoSignIn } from './sso-login';

export interface SsoLoginsOptions {
  readonly credentials: Pick<CredentialService, 'startSsoLogin'>;
  /**
   * Opens the sign-in page in the system browser; absent in browser mode, where the UI shows a
   * link. `signIn` is this login's own SSO settings: the opener allows only the pages they name.
   */
  readonly openExternal?: (url: string, signIn: SsoSignIn) => Promise<void>;
  readonly onFinished: (status: SsoLoginStatus) => void;
  readonly log: Logger;
}

interface LoginEntry {
  status: SsoLoginStatus;
  readonly abort: AbortController;
}

/** Finished logins kept for status queries; older ones are dropped. */
const keptLogins = 20;

export interface SsoLogins {
  start(profile: string): Promise<SsoLoginStarted>;
  status(loginId: string): SsoLoginStatus;
  cancel(loginId: string): boolean;
  cancelAll(): void;
}

export function createSsoLogins(options: SsoLoginsOptions): SsoLogins {
  const logins = new Map<string, LoginEntry>();

  const finish = (entry: LoginEntry, outcome: Pick<SsoLoginStatus, 'state' | 'error' | 'tokenExpiresAt'>): void => {
    entry.status = { ...entry.status, ...outcome };
    options.log.info('SSO login finished', { profile: entry.status.profile, loginId: entry.status.loginId, state: outcome.state, code: outcome.error?.code ?? null });
    options.onFinished(entry.status);
  };

  const prune = (): void => {
    const finished = [...logins.entries()].filter(([, entry]) => entry.status.state !== 'pending');
    for (const [loginId] of finished.slice(0, Math.max(0, logins.size - keptLogins))) logins.delete(loginId);
  };

  const cancel = (loginId: string): boolean => {
    const entry = logins.get(loginId);
    if (entry?.status.state !== 'pending') return false;
    entry.abort.abort();
    return true;
  };

  return {
    async start(profile) {
      // A second click on "log in" replaces the first attempt instead of polling twice.
      for (const [loginId, entry] of logins) if (entry.status.profile === profile && entry.status.state === 'pending') cancel(loginId);

      const abort = new AbortController();
      const start = await options.credentials.startSsoLogin(profile, abort.signal);
      const loginId = randomUUID();
      const entry: LoginEntry = { abort, status: { loginId, profile, state: 'pending', error: null, tokenExpiresAt: null } };
      logins.set(loginId, entry);
      prune();

      start.done.then(
        (result) => finish(entry, { state: 'succeeded', error: null, tokenExpiresAt: result.tokenExpiresAt }),
        (error: unknown) => {
          const appError = isAppError(error) ? error : toAppError(error, { profile });
          finish(entry, { state: appError.code === 'CANCELLED' ? 'cancelled' : 'failed', error: appError.toApiError(), tokenExpiresAt: null });
        },
      );

      const page = start.verificationUriComplete ?? start.verificationUri;
      let openedInBrowser = false;
      if (options.openExternal !== undefined) {
        try {
          await options.openExternal(page, start.signIn);
          openedInBrowser = true;
        } catch (error) {
          // The dialog still shows the link, so a refused or failed open is not fatal.
          options.log.warn('could not open the SSO sign-in page', { profile, code: isAppError(error) ? error.code : 'INTERNAL' });
        }
      }
      options.log.info('SSO login started', { profile, loginId });
      return {
        loginId,
        profile,
        verificationUri: start.verificationUri,
        verificationUriComplete: start.verificationUriComplete,
        userCode: start.userCode,
        expiresAt: start.expiresAt,
        openedInBrowser,
      };
    },
    status(loginId) {
      const entry = logins.get(loginId);
      if (entry === undefined) throw new AppError('NOT_FOUND', 'This SSO login is no longer known. Start the login again.');
      return entry.status;
    },
    cancel,
    cancelAll() {
      for (const loginId of logins.keys()) cancel(loginId);
    },
  };
}
