/**
 * The SSO token cache shared with the AWS CLI and the SDK's `fromSSO`:
 * `~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL for legacy profiles>.json`.
 * The path comes from the SDK's own `getSSOTokenFilepath`, so the three always agree.
 */
import { readFile } from 'node:fs/promises';
import { getSSOTokenFilepath } from '@smithy/core/config';
import type { SsoTarget } from './profile-classification';
import { writeFileAtomic } from '../atomic-file';

/** One cache file, in the AWS CLI's field names and order. */
export interface SsoTokenCacheEntry {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  /** ISO UTC without fractional seconds, as the CLI writes it: `2026-11-28T20:00:00Z`. */
  readonly expiresAt: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: string;
  readonly refreshToken?: string;
}

export type SsoTokenStatus =
  | { readonly state: 'missing' }
  | { readonly state: 'valid'; readonly expiresAt: string; readonly refreshable: boolean }
  | { readonly state: 'expired'; readonly expiresAt: string; readonly refreshable: boolean };

export function ssoCacheKey(target: Pick<SsoTarget, 'sessionName' | 'startUrl'>): string {
  return target.sessionName ?? target.startUrl;
}

export function ssoTokenFilePath(target: Pick<SsoTarget, 'sessionName' | 'startUrl'>): string {
  return getSSOTokenFilepath(ssoCacheKey(target));
}

/** `2026-11-28T20:00:00Z`: the CLI's timestamp format (no milliseconds). */
export function formatCliTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The cached token, or null when the file is absent, unreadable or not a token. */
export async function readSsoToken(target: Pick<SsoTarget, 'sessionName' | 'startUrl'>): Promise<SsoTokenCacheEntry | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(ssoTokenFilePath(target), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const accessToken = optionalString(record, 'accessToken');
  const expiresAt = optionalString(record, 'expiresAt');
  if (accessToken === undefined || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) return null;
  const clientId = optionalString(record, 'clientId');
  const clientSecret = optionalString(record, 'clientSecret');
  const registrationExpiresAt = optionalString(record, 'registrationExpiresAt');
  const refreshToken = optionalString(record, 'refreshToken');
  return {
    startUrl: optionalString(record, 'startUrl') ?? target.startUrl,
    region: optionalString(record, 'region') ?? '',
    accessToken,
    expiresAt,
    ...(clientId === undefined ? {} : { clientId }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(registrationExpiresAt === undefined ? {} : { registrationExpiresAt }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
  };
}

export async function writeSsoToken(target: Pick<SsoTarget, 'sessionName' | 'startUrl'>, entry: SsoTokenCacheEntry): Promise<void> {
  await writeFileAtomic(ssoTokenFilePath(target), JSON.stringify(entry, null, 2), { mode: 0o600, dirMode: 0o700 });
}

/** Whether the SDK can renew the token by itself (sso-session tokens with a live client registration). */
export function isRefreshable(target: Pick<SsoTarget, 'sessionName'>, entry: SsoTokenCacheEntry, now: Date): boolean {
  if (target.sessionName === null) return false;
  if (entry.refreshToken === undefined || entry.clientId === undefined || entry.clientSecret === undefined) return false;
  return entry.registrationExpiresAt === undefined || Date.parse(entry.registrationExpiresAt) > now.getTime();
}

export function ssoTokenStatus(target: Pick<SsoTarget, 'sessionName'>, entry: SsoTokenCacheEntry | null, now: Date): SsoTokenStatus {
  if (entry === null) return { state: 'missing' };
  const refreshable = isRefreshable(target, entry, now);
  return Date.parse(entry.expiresAt) > now.getTime()
    ? { state: 'valid', expiresAt: entry.expiresAt, refreshable }
    : { state: 'expired', expiresAt: entry.expiresAt, refreshable };
}
