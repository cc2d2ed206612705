/**
 * The sandbox has no token (the AWS SDK reaches it as it reaches AWS), so what a web page in the
 * user's browser can make it do rests on the shared loopback rule: a page's request carries an
 * Origin or Sec-Fetch-Site header and is refused; the SDK and the CLI send neither. Raw sockets,
 * because fetch would normalise or drop these headers.
 */
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { rawExchange, rawRequest } from '../raw-http';
import { secretsClient, startTestSandbox, testCredentials } from './sandbox-harness';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

const host = () => `127.0.0.1:${sandbox.port}`;
const stsForm = 'Action=GetCallerIdentity&Version=2011-06-15';

/** What a `<form method=post>` on another site makes the browser send (a CORS "simple" request). */
function crossSitePost(path: string, contentType: string, body: string, pageHeaders: readonly (readonly [string, string])[]): string {
  return rawRequest(`POST ${path} HTTP/1.1`, [['Host', host()], ['Content-Type', contentType], ...pageHeaders], body);
}

const webPages: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  ['a page on another site', [['Origin', 'https://evil.example'], ['Sec-Fetch-Site', 'cross-site'], ['Sec-Fetch-Mode', 'navigate']]],
  ['a sandboxed page (Origin: null)', [['Origin', 'null']]],
  ['another local server\'s page', [['Origin', 'http://127.0.0.1:3000'], ['Sec-Fetch-Site', 'same-site']]],
  ['a browser that sends only Sec-Fetch-Site', [['Sec-Fetch-Site', 'cross-site']]],
];

describe('web pages cannot drive the sandbox', () => {
  it('issue 9 item 13: a cross-site simple POST for STS GetCallerIdentity is refused 403', async () => {
    for (const [label, headers] of webPages) {
      const res = await rawExchange(sandbox.port, crossSitePost('/', 'application/x-www-form-urlencoded', stsForm, headers));
      expect(res.status, label).toBe(403);
      expect(res.text, label).not.toContain('<Account>');
    }
    expect(sandbox.stats().requests.GetCallerIdentity, 'GetCallerIdentity calls that reached the emulator').toBeUndefined();
  });

  it('issue 9 item 13: a cross-site POST to /_sandbox/stats/reset is refused 403 and resets nothing', async () => {
    const sdk = secretsClient(sandbox);
    await sdk.send(new ListSecretsCommand({}));
    sdk.destroy();
    const before = sandbox.stats();
    expect(before.total).toBeGreaterThan(0);
    for (const [label, headers] of webPages) {
      const res = await rawExchange(sandbox.port, crossSitePost('/_sandbox/stats/reset', 'text/plain', '', headers));
      expect(res.status, label).toBe(403);
    }
    expect(sandbox.stats()).toEqual(before);
  });

  it('still answers the real SDK clients and its own page-less controls', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: testCredentials, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe(sandbox.accountId);
    const sameOrigin = await rawExchange(sandbox.port, rawRequest('POST /_sandbox/stats/reset HTTP/1.1', [['Host', host()], ['Origin', `http://${host()}`], ['Content-Type', 'application/json']], '{}'));
    expect(sameOrigin.status).toBe(200);
    expect(sandbox.stats().total).toBe(0);
  });

  it('issue 9 item 7: the sandbox answers a malformed request target 400 and keeps serving', async () => {
    const res = await rawExchange(sandbox.port, `GET //[ HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 400 /);
    const broken = await rawExchange(sandbox.port, `GET / HTTP/1.1\r\nHost: ${host()}\r\nno colon\r\n\r\n`);
    expect(broken.status).toBe(400);
    const sdk = secretsClient(sandbox);
    await expect(sdk.send(new ListSecretsCommand({}))).resolves.toHaveProperty('SecretList');
    sdk.destroy();
  });
});
