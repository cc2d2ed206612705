import type { ServerResponse } from 'node:http';
import { validationError } from './service-error';

/**
 * The AWS Query protocol, which STS and IAM speak: a form-encoded request (`Action=...&
 * Version=...`, lists as `Name.member.N`, structures as `Name.member.N.Field`) and an XML answer,
 * `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...` or `<ErrorResponse>`.
 */
export class QueryInput {
  private readonly params: URLSearchParams;
  private readonly prefix: string;

  constructor(params: URLSearchParams, prefix = '') {
    this.params = params;
    this.prefix = prefix;
  }

  static parse(body: string): QueryInput {
    return new QueryInput(new URLSearchParams(body));
  }

  get action(): string {
    return this.params.get('Action') ?? '';
  }

  get version(): string {
    return this.params.get('Version') ?? '';
  }

  private path(member: string): string {
    return `${this.prefix}${member.charAt(0).toLowerCase()}${member.slice(1)}`;
  }

  optionalString(member: string, rule: { readonly min?: number; readonly max?: number } = {}): string | undefined {
    const value = this.params.get(this.prefix + member) ?? undefined;
    if (value === undefined) return undefined;
    if (rule.min !== undefined && value.length < rule.min) {
      throw validationError(`Value at '${this.path(member)}' failed to satisfy constraint: Member must have length greater than or equal to ${String(rule.min)}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw validationError(`Value at '${this.path(member)}' failed to satisfy constraint: Member must have length less than or equal to ${String(rule.max)}`);
    }
    return value;
  }

  requiredString(member: string, rule: { readonly min?: number; readonly max?: number } = {}): string {
    const value = this.optionalString(member, rule);
    if (value === undefined) throw validationError(`Value null at '${this.path(member)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  optionalInteger(member: string, rule: { readonly min: number; readonly max: number }): number | undefined {
    const raw = this.optionalString(member);
    if (raw === undefined) return undefined;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
      throw validationError(`Value '${raw}' at '${this.path(member)}' failed to satisfy constraint: Member must have value between ${String(rule.min)} and ${String(rule.max)}`);
    }
    return value;
  }

  private memberIndexes(member: string): number[] {
    const head = `${this.prefix}${member}.member.`;
    const indexes = new Set<number>();
    for (const key of this.params.keys()) {
      if (!key.startsWith(head)) continue;
      const index = Number(key.slice(head.length).split('.')[0]);
      if (Number.isInteger(index) && index > 0) indexes.add(index);
    }
    return [...indexes].sort((a, b) => a - b);
  }

  /** `Name.member.1=a&Name.member.2=b` -> ['a', 'b']; undefined when absent. */
  optionalList(member: string): string[] | undefined {
    const indexes = this.memberIndexes(member);
    if (indexes.length === 0) return undefined;
    return indexes.map((index) => this.params.get(`${this.prefix}${member}.member.${String(index)}`) ?? '');
  }

  /** `Name.member.1.Field=...` -> one reader per element. */
  structList(member: string): QueryInput[] {
    return this.memberIndexes(member).map((index) => new QueryInput(this.params, `${this.prefix}${member}.member.${String(index)}.`));
  }
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A map member (`<entry><key/><value/></entry>`), e.g. EvalDecisionDetails. */
export class XmlMap {
  readonly entries: readonly (readonly [string, string])[];

  constructor(entries: readonly (readonly [string, string])[]) {
    this.entries = entries;
  }
}

export type XmlValue = string | number | boolean | Date | XmlMap | undefined | readonly XmlValue[] | XmlObject;

/** An XML structure: members by name (an interface, because the type refers to itself). */
export interface XmlObject {
  readonly [member: string]: XmlValue;
}

/** Timestamps in Query answers are ISO 8601 in UTC. */
function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Members become elements; lists become `<member>` elements; absent members are left out. */
export function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return `<${name}>${isoTimestamp(value)}</${name}>`;
  if (value instanceof XmlMap) {
    const entries = value.entries.map(([key, inner]) => `<entry><key>${escapeXml(key)}</key><value>${escapeXml(inner)}</value></entry>`).join('');
    return `<${name}>${entries}</${name}>`;
  }
  if (Array.isArray(value)) return `<${name}>${(value as readonly XmlValue[]).map((item) => xmlElement('member', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    const members = Object.entries(value as XmlObject).map(([member, inner]) => xmlElement(member, inner)).join('');
    return `<${name}>${members}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function sendXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  response.end(xml);
}

export function sendQueryResult(response: ServerResponse, namespace: string, action: string, result: XmlObject, requestId: string): void {
  const xml =
    `<${action}Response xmlns="${namespace}">` +
    xmlElement(`${action}Result`, result) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  sendXml(response, 200, xml);
}

export function sendQueryError(response: ServerResponse, namespace: string, error: { readonly status: number; readonly code: string; readonly message: string }, requestId: string): void {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const xml =
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    '</ErrorResponse>';
  response.setHeader('X-Amzn-ErrorType', error.code);
  sendXml(response, error.status, xml);
}
