/**
 * toAppError on errors produced by the real SDK client from real HTTP answers (Secrets Manager's
 * JSON error shape) and real network failures.
 */
import { GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors';
import { createSdkClients } from '../../../electron/services/aws/sdk-clients';
import { toAppError } from '../../../electron/services/aws/aws-errors';
import { startFakeHttpServer } from '../../fakes/aws/fake-http-server';
import { secretsManagerError, startRequestRecorder, type RequestRecorder } from '../../fakes/aws/request-recorder';

const credentials = () => Promise.resolve({ accessKeyId: 'AKIAERRORMAPPING0001', secretAccessKey: 'errorMappingSecret00000000000000000001' });

/** Each secret id makes the fake answer with one Secrets Manager error. */
const scripted: Record<string, [number, string, string]> = {
  missing: [400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."],
  exists: [400, 'ResourceExistsException', 'The operation failed because the secret airflow/connections/x already exists.'],
  deleted: [400, 'InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion."],
  'bad-param': [400, 'InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!'],
  'too-big': [400, 'LimitExceededException', 'The secret value exceeds the maximum allowed size of 65536 bytes.'],
  denied: [400, 'AccessDeniedException', 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:airflow/variables/x-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action'],
  kms: [400, 'DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key."],
  kmsDenied: [400, 'AccessDeniedException', 'Access to KMS is not allowed'],
  expired: [400, 'ExpiredTokenException', 'The security token included in the request is expired'],
  unrecognized: [400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
  throttled: [400, 'ThrottlingException', 'Rate exceeded'],
  internal: [500, 'InternalServiceError', 'An error occurred on the server side.'],
};

let recorder: RequestRecorder;

beforeAll(async () => {
  recorder = await startRequestRecorder({
    respond: (request) => {
      const secretId = (JSON.parse(request.body || '{}') as { SecretId?: string }).SecretId ?? '';
      const [status, type, message] = scripted[secretId] ?? [400, 'ValidationException', 'unscripted'];
      return secretsManagerError(status, type, message);
    },
  });
});
afterAll(async () => {
  await recorder.close();
});

async function mapped(secretId: string, endpoint = recorder.url) {
  const clients = createSdkClients({ region: 'eu-west-1', secretsManagerEndpoint: endpoint, stsEndpoint: endpoint, credentials });
  try {
    await clients.secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    return toAppError(error, { profile: 'work', region: 'eu-west-1', endpoint, secretId });
  } finally {
    clients.destroy();
  }
  throw new Error('the call was expected to fail');
}

describe('Secrets Manager errors from the wire', () => {
  it.each<[string, ErrorCode, boolean]>([
    ['missing', 'NOT_FOUND', false],
    ['exists', 'ALREADY_EXISTS', false],
    ['deleted', 'SCHEDULED_FOR_DELETION', false],
    ['bad-param', 'INVALID_INPUT', false],
    ['too-big', 'TOO_LARGE', false],
    ['denied', 'ACCESS_DENIED', false],
    ['kms', 'KMS_ERROR', false],
    ['kmsDenied', 'KMS_ERROR', false],
    ['expired', 'CREDENTIALS_EXPIRED', false],
    ['unrecognized', 'CREDENTIALS_MISSING', false],
    ['throttled', 'THROTTLED', true],
    ['internal', 'INTERNAL', true],
  ])('%s -> %s', async (secretId, code, retryable) => {
    const error = await mapped(secretId);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.details).toMatchObject({ awsCode: scripted[secretId]?.[1] });
    expect(error.message).not.toMatch(/AKIA[A-Z0-9]{16}/);
  });

  it('an access denial names the action and the resource', async () => {
    const error = await mapped('denied');
    expect(error.details).toMatchObject({
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:airflow/variables/x-AbCdEf',
    });
    expect(error.message).toContain('secretsmanager:GetSecretValue');
  });

  it('messages name the secret and say what to do', async () => {
    expect((await mapped('missing')).message).toBe('Secret "missing" was not found in eu-west-1. It may have been deleted, or be in another region or account.');
    expect((await mapped('deleted')).message).toContain('Restore it first');
  });
});

describe('network failures', () => {
  it('a closed port is ENDPOINT_UNREACHABLE, retryable, naming the endpoint', async () => {
    const closed = await startFakeHttpServer(() => ({ status: 200, body: '' }));
    await closed.close();
    const error = await mapped('missing', closed.url);
    expect(error).toMatchObject({ code: 'ENDPOINT_UNREACHABLE', retryable: true });
    expect(error.message).toContain(closed.url);
  });

  it('an endpoint that answers something else than Secrets Manager is reported as such', async () => {
    const other = await startFakeHttpServer(() => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<html>not here</html>' }));
    try {
      const clients = createSdkClients({ region: 'eu-west-1', secretsManagerEndpoint: other.url, stsEndpoint: other.url, credentials });
      const error = await clients.secretsManager.send(new ListSecretsCommand({})).then(() => undefined, (caught: unknown) => toAppError(caught, { endpoint: other.url }));
      clients.destroy();
      expect(error?.code).toBe('ENDPOINT_UNREACHABLE');
    } finally {
      await other.close();
    }
  });
});
