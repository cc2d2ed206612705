/**
 * The openExternal gate (electron/security/external.ts) with a stand-in electron module: the
 * system browser is asked to open the running SSO login's own sign-in page and nothing else.
 */
import { describe, expect, it, vi } from 'vitest';
import { openExternalSafe } from '../../../electron/security/external';

const fake = vi.hoisted(() => {
  const opened: string[] = [];
  const module = { shell: { openExternal: (url: string) => Promise.resolve(void opened.push(url)) } };
  return { module, opened };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const corp = { ssoRegion: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' };

describe('openExternalSafe', () => {
  it('issue 9 item 11: opens the login\'s sign-in pages and refuses other AWS hosts without calling the shell', async () => {
    await openExternalSafe('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', corp);
    await openExternalSafe('https://corp.awsapps.com/start/#/device?user_code=ABCD-EFGH', corp);
    for (const hostile of [
      'https://evil-bucket.s3-website-us-east-1.amazonaws.com/',
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod/',
      'https://device.sso.us-east-1.amazonaws.com@evil.com/',
      'https://other.awsapps.com/start/#/device',
    ]) {
      await expect(openExternalSafe(hostile, corp)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(fake.opened).toEqual(['https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', 'https://corp.awsapps.com/start/#/device?user_code=ABCD-EFGH']);
  });
});
