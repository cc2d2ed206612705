/**
 * Server-side AWS Signature Version 4 checks for the fakes: who signed a request (the Credential
 * part of the Authorization header) and whether the signature matches that key's secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FakeRequest } from './fake-http-server';

export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const authorizationPattern = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): SigV4Authorization | null {
  const match = header === undefined ? null : authorizationPattern.exec(header);
  if (match === null) return null;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  if (accessKeyId === undefined || date === undefined || region === undefined || service === undefined || signedHeaders === undefined || signature === undefined) return null;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const rfc3986 = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function headerValue(request: FakeRequest, name: string): string {
  const value = request.headers[name];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

/** True when the request was signed with `secretAccessKey` (recomputes the signature from the request). */
export function verifySignature(request: FakeRequest, secretAccessKey: string): boolean {
  const auth = parseAuthorization(headerValue(request, 'authorization') || undefined);
  if (auth === null) return false;
  const query = [...request.query.entries()]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${headerValue(request, name)}\n`).join('');
  const payloadHash = headerValue(request, 'x-amz-content-sha256') || sha256(request.body);
  const canonicalRequest = [request.method, request.path, query, canonicalHeaders, auth.signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', headerValue(request, 'x-amz-date'), scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, auth.date), auth.region), auth.service), 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex'));
  const actual = Buffer.from(auth.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
