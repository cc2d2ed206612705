/**
 * The only place that opens anything outside the app: https URLs on the allowlist (SSO
 * verification pages, docs), in the system browser. Everything else is refused and logged.
 */
import { shell } from 'electron';
import { isAllowedExternalUrl } from '../../shared/security';
import { AppError } from '../../shared/errors';

export async function openExternalSafe(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) throw new AppError('INVALID_INPUT', 'Airlock only opens https pages of AWS sign-in and documentation in your browser.');
  await shell.openExternal(url, { activate: true });
}
