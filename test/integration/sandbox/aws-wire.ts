/**
 * Raw AWS calls to the sandbox, signed and shaped as the SDK's IAM, KMS and CloudTrail clients
 * send them (those clients are not installed; the Secrets Manager and STS ones are used directly
 * elsewhere): SigV4 with the service's signing name and region, the Query protocol's form body
 * for IAM, JSON 1.1 with X-Amz-Target for KMS and CloudTrail. Answers are read with the SDK's own
 * XML parser.
 */
import { parseXML } from '@aws-sdk/xml-builder';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { createHash, createHmac } from 'node:crypto';
import type { Hash, Hmac } from 'node:crypto';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { testCredentials } from './sandbox-harness';

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape SignatureV4 expects. */
class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  private readonly secret: SourceData | undefined;

  constructor(secret?: SourceData) {
    this.secret = secret;
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

export interface CallOptions {
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
  /** The SDK puts `customUserAgent` (e.g. `airlock/0.2.0`) at the end of the User-Agent header. */
  readonly userAgent?: string;
}

async function signedPost(sandbox: SandboxHandle, service: string, headers: Record<string, string>, body: string, options: CallOptions): Promise<Response> {
  const url = new URL(sandbox.url);
  const signer = new SignatureV4({ service, region: options.region ?? 'us-east-1', credentials: options.credentials ?? testCredentials, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { host: url.host, ...headers },
    body,
  });
  const sent = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
  return fetch(`${sandbox.url}/`, { method: 'POST', headers: { ...sent, 'user-agent': options.userAgent ?? 'aws-sdk-js/3.0.0 ua/2.1 os/linux lang/js md/nodejs#20' }, body });
}

/** The Query protocol's encoding of lists (`Name.member.N`) and structures (`Name.member.N.Field`). */
export type QueryParams = Readonly<Record<string, string | number | readonly string[] | readonly Readonly<Record<string, string | readonly string[]>>[] | undefined>>;

function flatten(params: QueryParams): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') {
      pairs.push([name, String(value)]);
      continue;
    }
    value.forEach((item, index) => {
      const prefix = `${name}.member.${String(index + 1)}`;
      if (typeof item === 'string') {
        pairs.push([prefix, item]);
        return;
      }
      for (const [field, inner] of Object.entries(item)) {
        if (typeof inner === 'string') pairs.push([`${prefix}.${field}`, inner]);
        else inner.forEach((entry, entryIndex) => pairs.push([`${prefix}.${field}.member.${String(entryIndex + 1)}`, entry]));
      }
    });
  }
  return pairs;
}

/** RFC 3986, as the SDK's Query serializer encodes. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface XmlAnswer {
  readonly status: number;
  readonly text: string;
  /** The `<Action>Result` element (or `Error` of an ErrorResponse), parsed by the SDK's XML parser. */
  readonly result: Record<string, unknown>;
  readonly error?: { readonly Type: string; readonly Code: string; readonly Message: string };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export async function iamCall(sandbox: SandboxHandle, action: string, params: QueryParams = {}, options: CallOptions = {}): Promise<XmlAnswer> {
  const body = flatten({ Action: action, Version: '2010-05-08', ...params })
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&');
  // IAM is global: the SDK signs it for us-east-1 whatever the client's region.
  const response = await signedPost(sandbox, 'iam', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body, { ...options, region: 'us-east-1' });
  const text = await response.text();
  const parsed = record(parseXML(text));
  const errorResponse = record(parsed.ErrorResponse);
  if ('Error' in errorResponse) return { status: response.status, text, result: {}, error: errorResponse.Error as XmlAnswer['error'] };
  return { status: response.status, text, result: record(record(parsed[`${action}Response`])[`${action}Result`]) };
}

/** A list member of a parsed XML answer: always an array. */
export function members(value: unknown): unknown[] {
  const member = record(value).member;
  if (member === undefined) return [];
  return Array.isArray(member) ? member : [member];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return record(value);
}

export interface JsonAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly errorType: string | null;
}

async function jsonCall(sandbox: SandboxHandle, service: string, target: string, input: unknown, options: CallOptions): Promise<JsonAnswer> {
  const response = await signedPost(sandbox, service, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, JSON.stringify(input), options);
  return { status: response.status, body: record(await response.json()), errorType: response.headers.get('x-amzn-errortype') };
}

export function kmsCall(sandbox: SandboxHandle, operation: string, input: unknown, options: CallOptions = {}): Promise<JsonAnswer> {
  return jsonCall(sandbox, 'kms', `TrentService.${operation}`, input, options);
}

export function lookupEvents(sandbox: SandboxHandle, input: unknown, options: CallOptions = {}): Promise<JsonAnswer> {
  return jsonCall(sandbox, 'cloudtrail', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents', input, options);
}

/** IAM returns policy documents URL-encoded inside the XML. */
export function decodePolicy(encoded: unknown): unknown {
  if (typeof encoded !== 'string') throw new Error(`Expected an encoded policy document, got ${JSON.stringify(encoded)}`);
  return JSON.parse(decodeURIComponent(encoded));
}
