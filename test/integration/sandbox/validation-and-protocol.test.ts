import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { awsError, rawCall, secretsClient, startTestSandbox, uniqueName } from './sandbox-harness';

const fixedNow = new Date('2026-02-01T12:30:00.250Z');
let sandbox: SandboxHandle;
let client: SecretsManagerClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => fixedNow });
  client = secretsClient(sandbox);
});

afterAll(async () => {
  client.destroy();
  await sandbox.close();
});

describe('secret names', () => {
  it('accepts 1-512 ASCII letters, digits and /_+=.@- and rejects anything else with InvalidParameterException', async () => {
    await client.send(new CreateSecretCommand({ Name: 'a', SecretString: 'v' }));
    await client.send(new CreateSecretCommand({ Name: `names/${'x'.repeat(506)}`, SecretString: 'v' }));
    await client.send(new CreateSecretCommand({ Name: 'names/all+the=allowed.chars@here_-', SecretString: 'v' }));
    for (const bad of ['names/with space', 'names/colon:', 'names/émoji', `names/${'x'.repeat(507)}`, '']) {
      const error = await awsError(client.send(new CreateSecretCommand({ Name: bad, SecretString: 'v' })));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toMatch(/name/i);
    }
  });
});

describe('secret values', () => {
  it('accepts a 65,536-byte SecretString and rejects one byte more, counting UTF-8 bytes', async () => {
    const name = uniqueName('values/size');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'x'.repeat(65_536) }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toHaveLength(65_536);
    const tooBig = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'y'.repeat(65_537) })));
    expect(tooBig.name).toBe('ValidationException');
    expect(tooBig.message).not.toContain('yyyy');
    // 32,769 two-byte characters: fewer than 65,536 characters but 65,538 bytes.
    const multiByte = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'é'.repeat(32_769) })));
    expect(multiByte.name).toBe('ValidationException');
  });

  it('needs exactly one of SecretString and SecretBinary for a new value', async () => {
    const both = await awsError(
      client.send(new CreateSecretCommand({ Name: uniqueName('values/both'), SecretString: 'v', SecretBinary: new Uint8Array([1]) })),
    );
    expect(both.name).toBe('InvalidParameterException');
    const name = uniqueName('values/none');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    expect((await awsError(client.send(new PutSecretValueCommand({ SecretId: name })))).name).toBe('InvalidParameterException');
    const empty = await awsError(client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '' })));
    expect(empty.name).toBe('ValidationException');
  });

  it('limits Description to 2,048 characters', async () => {
    const name = uniqueName('values/description');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', Description: 'd'.repeat(2048) }));
    expect((await awsError(client.send(new UpdateSecretCommand({ SecretId: name, Description: 'd'.repeat(2049) })))).name).toBe('ValidationException');
  });
});

describe('the AWS JSON 1.1 protocol', () => {
  it('answers success with the JSON content type, a request id and epoch-second timestamps', async () => {
    const name = uniqueName('protocol/success');
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const response = await rawCall(sandbox, 'secretsmanager.DescribeSecret', JSON.stringify({ SecretId: name }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { Name: string; CreatedDate: number };
    expect(body.Name).toBe(name);
    // Epoch seconds (with the milliseconds as a fraction), not milliseconds.
    expect(body.CreatedDate).toBe(fixedNow.getTime() / 1000);
  });

  it('answers malformed JSON with SerializationException in body and header', async () => {
    const response = await rawCall(sandbox, 'secretsmanager.CreateSecret', '{"Name": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['__type', 'message']);
    expect(body.__type).toBe('SerializationException');
  });

  it('answers a member of the wrong JSON type with SerializationException', async () => {
    const response = await rawCall(sandbox, 'secretsmanager.CreateSecret', JSON.stringify({ Name: 42, SecretString: 'v' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('answers a missing required member with ValidationException', async () => {
    const response = await rawCall(sandbox, 'secretsmanager.GetSecretValue', '{}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('ValidationException');
    expect(body.message).toContain('secretId');
  });

  it('answers an unknown operation or a missing target like AWS', async () => {
    const unknown = await rawCall(sandbox, 'secretsmanager.RotateSecret', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await unknown.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const otherService = await rawCall(sandbox, 'DynamoDB_20120810.ListTables', '{}');
    expect(((await otherService.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const get = await fetch(`${sandbox.url}/`);
    expect(get.status).toBe(404);
    expect(get.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('treats an empty body as empty input', async () => {
    const response = await rawCall(sandbox, 'secretsmanager.ListSecrets', '');
    expect(response.status).toBe(200);
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding) and non-JSON control posts', async () => {
    const status = await new Promise<number>((resolveStatus, reject) => {
      const call = request(`${sandbox.url}/`, { method: 'POST', headers: { Host: 'attacker.example', 'X-Amz-Target': 'secretsmanager.ListSecrets' } }, (response) => {
        response.resume();
        resolveStatus(response.statusCode ?? 0);
      });
      call.on('error', reject);
      call.end('{}');
    });
    expect(status).toBe(403);
    const formPost = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"throttleRate":1}' });
    expect(formPost.status).toBe(415);
    expect(((await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()) as { throttleRate: number }).throttleRate).toBe(0);
  });
});
