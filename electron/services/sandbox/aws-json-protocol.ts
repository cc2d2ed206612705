import type { ServerResponse } from 'node:http';
import { isJsonObject } from './input-reader';
import type { JsonObject } from './input-reader';
import { serializationError } from './service-error';
import type { ServiceError } from './service-error';

export const jsonContentType = 'application/x-amz-json-1.1';
export const targetPrefix = 'secretsmanager.';

export interface CallerScope {
  readonly accessKeyId?: string;
  readonly region?: string;
  /** The SigV4 signing name: `secretsmanager`, `iam`, `sts`, `kms`, `cloudtrail`. */
  readonly service?: string;
}

// SigV4: `Credential=<access key id>/<yyyymmdd>/<region>/<service>/aws4_request`.
const credentialPattern = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
const regionPattern = /^[a-z0-9-]{1,32}$/;

/**
 * The sandbox accepts any signature; it only reads who and where the caller says they are: the
 * access key picks the account and identity, the credential scope's region the regional store.
 */
export function callerScope(authorization: string | undefined): CallerScope {
  const match = authorization === undefined ? null : credentialPattern.exec(authorization);
  if (match === null) return {};
  const [, accessKeyId, region = '', service] = match;
  return regionPattern.test(region) ? { accessKeyId, region, service } : { accessKeyId, service };
}

/** An empty body means an empty input, as with AWS; anything but a JSON object is a SerializationException. */
export function parseJsonBody(body: string): JsonObject {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw serializationError('The request body must be a JSON object.');
  return parsed;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = jsonContentType): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** AWS JSON 1.1 error: `__type` + `message` in the body and the code again in X-Amzn-ErrorType. */
export function sendJsonError(response: ServerResponse, error: ServiceError): void {
  response.setHeader('X-Amzn-ErrorType', error.code);
  sendJson(response, error.status, { __type: error.code, message: error.message });
}
