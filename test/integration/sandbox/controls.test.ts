import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAccessKeys, sandboxDevAccountId } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { rawExchange, rawRequest } from '../raw-http';
import { iamCall } from './aws-wire';
import { postJson, startTestSandbox } from './sandbox-harness';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] };

describe('sandbox controls for IAM, KMS and example data', () => {
  it('issue 14 item 6: POST /_sandbox/iam creates roles in the account it names and answers their ARNs', async () => {
    const response = await postJson(`${sandbox.url}/_sandbox/iam`, { accountId: sandboxDevAccountId, roles: [{ name: 'seeded', path: '/team/', trustPolicy: trust }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accountId: sandboxDevAccountId, roles: [{ name: 'seeded', arn: `arn:aws:iam::${sandboxDevAccountId}:role/team/seeded` }] });
    const dev = { accessKeyId: sandboxAccessKeys.dev.accessKeyId, secretAccessKey: sandboxAccessKeys.dev.secretAccessKey };
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'seeded' }, { credentials: dev })).status).toBe(200);
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'seeded' })).status).toBe(404);
  });

  it('issue 14 item 6: a seed with a bad document or an unknown attached policy is refused whole (400) and stores nothing', async () => {
    const unknownPolicy = await postJson(`${sandbox.url}/_sandbox/iam`, {
      policies: [{ name: 'fine', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
      roles: [{ name: 'half', trustPolicy: trust, attachedPolicies: ['arn:aws:iam::000000000000:policy/missing'] }],
    });
    expect(unknownPolicy.status).toBe(400);
    expect(((await unknownPolicy.json()) as { error: string }).error).toContain('policy/missing');
    expect((await iamCall(sandbox, 'GetPolicy', { PolicyArn: 'arn:aws:iam::000000000000:policy/fine' })).status).toBe(404);
    const principalInIdentity = await postJson(`${sandbox.url}/_sandbox/iam`, {
      users: [{ name: 'bad', inlinePolicies: { p: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] } } }],
    });
    expect(principalInIdentity.status).toBe(400);
    expect(((await principalInIdentity.json()) as { error: string }).error).toContain('should not specify a principal');
    expect((await postJson(`${sandbox.url}/_sandbox/iam`, { roles: [{ name: 'x', trustPolicy: trust, unexpected: true }] })).status).toBe(400);
  });

  it('issue 14 item 6: the IAM and KMS controls refuse web pages like the other controls (Origin rule) and want JSON', async () => {
    const host = `127.0.0.1:${String(sandbox.port)}`;
    const body = JSON.stringify({ roles: [{ name: 'from-a-page', trustPolicy: trust }] });
    for (const path of ['/_sandbox/iam', '/_sandbox/kms', '/_sandbox/example-data']) {
      const crossSite = await rawExchange(sandbox.port, rawRequest(`POST ${path} HTTP/1.1`, [['Host', host], ['Origin', 'https://evil.example'], ['Content-Type', 'text/plain']], body));
      expect(crossSite.status, path).toBe(403);
      const notJson = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
      expect(notJson.status, path).toBe(415);
    }
    expect((await iamCall(sandbox, 'GetRole', { RoleName: 'from-a-page' })).status).toBe(404);
  });

  it('issue 13 item 7: GET /_sandbox/accounts lists the default account and the built-in environments with their keys', async () => {
    const accounts = (await (await fetch(`${sandbox.url}/_sandbox/accounts`)).json()) as { defaultAccountId: string; environments: { name: string; accountId: string; region: string }[] };
    expect(accounts.defaultAccountId).toBe('000000000000');
    expect(accounts.environments.map((environment) => [environment.name, environment.accountId, environment.region])).toEqual([
      ['dev', '111111111111', 'us-east-1'],
      ['prod', '222222222222', 'eu-west-1'],
    ]);
  });
});
