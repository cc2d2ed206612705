import { randomUUID } from 'node:crypto';
import type { Caller } from '../caller';
import type { JsonObject } from '../input-reader';
import type { WireObject } from '../secret-views';
import type { NewTrailEvent } from './trail-region';

export const secretsManagerEventSource = 'secretsmanager.amazonaws.com';
export const secretResourceType = 'AWS::SecretsManager::Secret';

/** Request members that are secret values: CloudTrail never records them. */
const neverRecorded = new Set(['SecretString', 'SecretBinary']);

function lowerCamel(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** CloudTrail writes request and response members in lowerCamelCase. */
function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCased);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [lowerCamel(key), camelCased(inner)]));
  }
  return value;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function userIdentity(caller: Caller, nowMs: number): Record<string, unknown> {
  const { principal } = caller;
  const base = { principalId: principal.principalId, arn: principal.arn, accountId: principal.accountId, accessKeyId: principal.accessKeyId };
  if (principal.entityKind === 'user') return { type: 'IAMUser', ...base, userName: principal.entityName };
  return {
    type: 'AssumedRole',
    ...base,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: principal.principalId.split(':')[0], arn: principal.entityArn, accountId: principal.accountId, userName: principal.entityName },
      attributes: { creationDate: isoSeconds(nowMs - 60 * 60 * 1000), mfaAuthenticated: 'false' },
    },
  };
}

export interface ApiCallRecord {
  readonly caller: Caller;
  readonly eventName: string;
  readonly eventSource: string;
  readonly nowMs: number;
  readonly request: JsonObject;
  /** The operation's output, or the error it answered. */
  readonly outcome: { readonly output: WireObject } | { readonly errorCode: string; readonly errorMessage: string };
  readonly resources: readonly { readonly type: string; readonly name: string }[];
  readonly readOnly: boolean;
}

/** One management event, shaped as CloudTrail records an API call (values never included). */
export function apiCallEvent(call: ApiCallRecord): NewTrailEvent {
  const { caller, nowMs } = call;
  const eventId = randomUUID();
  const requestParameters = camelCased(Object.fromEntries(Object.entries(call.request).filter(([key]) => !neverRecorded.has(key))));
  const record = {
    eventVersion: '1.09',
    userIdentity: userIdentity(caller, nowMs),
    eventTime: isoSeconds(nowMs),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: caller.region,
    sourceIPAddress: caller.sourceIp,
    userAgent: caller.userAgent,
    requestParameters,
    responseElements: 'output' in call.outcome ? camelCased(call.outcome.output) : null,
    ...('errorCode' in call.outcome ? { errorCode: call.outcome.errorCode, errorMessage: call.outcome.errorMessage } : {}),
    requestID: caller.requestId,
    eventID: eventId,
    readOnly: call.readOnly,
    resources: call.resources.map((resource) => ({ accountId: caller.principal.accountId, type: resource.type, ARN: resource.name })),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: caller.principal.accountId,
    eventCategory: 'Management',
  };
  return {
    eventId,
    eventName: call.eventName,
    eventTime: nowMs,
    eventSource: call.eventSource,
    username: caller.principal.username,
    accessKeyId: caller.principal.accessKeyId,
    readOnly: call.readOnly,
    resources: call.resources.map((resource) => ({ type: resource.type, name: resource.name })),
    record: JSON.stringify(record),
  };
}
