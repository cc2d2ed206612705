/**
 * An HTTP endpoint that records what reaches it and answers like an empty Secrets Manager, to
 * prove which URL a configured client actually calls.
 */
import { startFakeHttpServer, type FakeResponse, type RunningFake } from './fake-http-server';
import { parseAuthorization } from './sigv4';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly target: string | undefined;
  /** Access key id from the SigV4 Credential, if signed. */
  readonly accessKeyId: string | undefined;
  readonly signingRegion: string | undefined;
  readonly body: string;
}

export interface RequestRecorder extends RunningFake {
  readonly requests: RecordedRequest[];
}

const emptySecretsManager: FakeResponse = { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ SecretList: [] }) };

/** Secrets Manager's JSON error shape (`__type` and `message`), for scripting failures. */
export function secretsManagerError(status: number, type: string, message: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake-request-id' }, body: JSON.stringify({ __type: type, message }) };
}

export async function startRequestRecorder(options: { respond?: (request: RecordedRequest) => FakeResponse } = {}): Promise<RequestRecorder> {
  const requests: RecordedRequest[] = [];
  const server = await startFakeHttpServer((request) => {
    const target = request.headers['x-amz-target'];
    const authorization = parseAuthorization(typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined);
    const recorded: RecordedRequest = {
      method: request.method,
      path: request.path,
      target: typeof target === 'string' ? target : undefined,
      accessKeyId: authorization?.accessKeyId,
      signingRegion: authorization?.region,
      body: request.body,
    };
    requests.push(recorded);
    return options.respond?.(recorded) ?? emptySecretsManager;
  });
  return { ...server, requests };
}
