import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCliTimestamp, ssoTokenFilePath, ssoTokenStatus, type SsoTokenCacheEntry } from '../../../../electron/services/aws/sso-token-cache';

const now = new Date('2026-11-28T12:00:00.000Z');
const session = { sessionName: 'corp', startUrl: 'https://corp.awsapps.com/start' };
const legacy = { sessionName: null, startUrl: 'https://legacy.awsapps.com/start' };
const entry = (overrides: Partial<SsoTokenCacheEntry>): SsoTokenCacheEntry => ({
  startUrl: session.startUrl, region: 'us-east-1', accessToken: 'token', expiresAt: '2026-11-28T20:00:00Z', ...overrides,
});

describe('SSO token cache', () => {
  it('formats timestamps like the AWS CLI (UTC, no milliseconds)', () => {
    expect(formatCliTimestamp(new Date('2026-11-28T20:00:00.789Z'))).toBe('2026-11-28T20:00:00Z');
  });

  it('names the file after the sha1 of the session name, or of the start URL for legacy profiles', () => {
    const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
    expect(ssoTokenFilePath(session)).toMatch(new RegExp(`[/\\\\]\\.aws[/\\\\]sso[/\\\\]cache[/\\\\]${sha1('corp')}\\.json$`));
    expect(ssoTokenFilePath(legacy)).toMatch(new RegExp(`${sha1('https://legacy.awsapps.com/start')}\\.json$`));
  });

  it('says missing, valid or expired, and whether the SDK can refresh it', () => {
    expect(ssoTokenStatus(session, null, now)).toEqual({ state: 'missing' });
    expect(ssoTokenStatus(session, entry({}), now)).toEqual({ state: 'valid', expiresAt: '2026-11-28T20:00:00Z', refreshable: false });
    const refreshable = entry({ expiresAt: '2026-11-28T11:00:00Z', refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2027-02-26T12:00:00Z' });
    expect(ssoTokenStatus(session, refreshable, now)).toEqual({ state: 'expired', expiresAt: '2026-11-28T11:00:00Z', refreshable: true });
    expect(ssoTokenStatus(session, { ...refreshable, registrationExpiresAt: '2026-11-01T00:00:00Z' }, now)).toMatchObject({ state: 'expired', refreshable: false });
    // Legacy tokens are never refreshed by the SDK.
    expect(ssoTokenStatus(legacy, refreshable, now)).toMatchObject({ refreshable: false });
  });
});
