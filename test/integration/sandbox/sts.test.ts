import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { startTestSandbox, testCredentials } from './sandbox-harness';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox({ accountId: '123456789012' });
});

afterAll(async () => {
  await sandbox.close();
});

describe('STS GetCallerIdentity', () => {
  it('answers the real STS client with the sandbox account and user', async () => {
    const sts = new STSClient({ region: 'eu-central-1', endpoint: sandbox.url, credentials: testCredentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sandbox');
    expect(identity.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
    expect(identity.$metadata.httpStatusCode).toBe(200);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown query action with an XML error', async () => {
    const response = await fetch(`${sandbox.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });
});
