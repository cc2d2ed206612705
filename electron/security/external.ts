/**
 * The only place that opens anything outside the app: the running SSO login's own sign-in page
 * (electron/security/external-url.ts), in the system browser. Everything else is refused.
 */
import { shell } from 'electron';
import { AppError } from '../../shared/errors';
import type { SsoSignIn } from '../services/aws';
import { isSsoSignInPage } from './external-url';

export async function openExternalSafe(url: string, signIn: SsoSignIn): Promise<void> {
  if (!isSsoSignInPage(url, signIn)) throw new AppError('INVALID_INPUT', "Airlock only opens the AWS sign-in page of the SSO login it started, and this is not it.");
  await shell.openExternal(url, { activate: true });
}
