/**
 * "Who changed this secret": CloudTrail's management events for one secret, read with
 * LookupEvents (reference/aws-access-and-audit.md). CloudTrail names a secret by ARN on most
 * events and by name on some, so both are looked up and merged by event id. Only writes are shown,
 * and no value ever comes back: Secrets Manager never records one.
 */
import type { CloudTrailClient, Event as CloudTrailEvent } from '@aws-sdk/client-cloudtrail';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { SecretsGateway } from '../secrets';
import type { SecretTrail, TrailActor, TrailEvent, TrailStatus, TrailTool } from '../../../shared/api';
import { nestsTooDeep } from '../../../shared/parse-limits';
import { isAppError } from '../../../shared/errors';
import { toAppError } from '../aws';

/** The Secrets Manager calls that change a secret (its value, labels, tags, policy or life). */
export const secretWriteEvents: ReadonlySet<string> = new Set([
  'CreateSecret',
  'PutSecretValue',
  'UpdateSecret',
  'DeleteSecret',
  'RestoreSecret',
  'UpdateSecretVersionStage',
  'TagResource',
  'UntagResource',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
  'RotateSecret',
  'CancelRotateSecret',
  'ReplicateSecretToRegions',
  'RemoveRegionsFromReplication',
]);

/** LookupEvents answers at most 50 events a page and 2 calls a second: a few pages cover a secret's recent life. */
const maxPagesPerLookup = 3;
const maxUserAgentLength = 160;

export interface TrailClients {
  readonly profile: string;
  readonly region: string;
  readonly cloudTrail: CloudTrailClient;
  /** Finds the secret's ARN when the caller does not know it (CloudTrail names most events by ARN). */
  readonly secrets: Pick<SecretsGateway, 'describe'>;
}

/** The ARN of the secret that has this name now; null when none does (deleted for good, or never made). */
async function currentArn(secrets: TrailClients['secrets'], name: string, signal: AbortSignal | undefined): Promise<string | null> {
  try {
    return (await secrets.describe(name, { signal })).ARN ?? null;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

interface Lookup {
  readonly events: CloudTrailEvent[];
  readonly more: boolean;
}

async function lookup(client: CloudTrailClient, resourceName: string, signal: AbortSignal | undefined): Promise<Lookup> {
  const events: CloudTrailEvent[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPagesPerLookup; page += 1) {
    const output = await client.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceName }], MaxResults: 50, NextToken: nextToken }),
      signal === undefined ? {} : { abortSignal: signal },
    );
    events.push(...(output.Events ?? []));
    nextToken = output.NextToken;
    if (nextToken === undefined) return { events, more: false };
  }
  return { events, more: true };
}

type RecordJson = Record<string, unknown>;

function asRecord(value: unknown): RecordJson | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordJson) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The event's whole record (a JSON string); a malformed or absurdly nested one reads as empty. */
function parseRecord(raw: string | undefined): RecordJson {
  if (raw === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (nestsTooDeep(parsed)) return {};
    return asRecord(parsed) ?? {};
  } catch {
    return {};
  }
}

/**
 * A person's name out of the identity: IAM Identity Center sessions are assumed roles named
 * `AWSReservedSSO_<permission set>_<hash>` whose session name is the user name.
 */
export function actorOf(record: RecordJson, event: Pick<CloudTrailEvent, 'Username' | 'AccessKeyId'>): TrailActor {
  const identity = asRecord(record.userIdentity) ?? {};
  const arn = text(identity.arn);
  const accessKeyId = text(identity.accessKeyId) ?? event.AccessKeyId ?? null;
  const type = text(identity.type);
  if (type === 'IAMUser') return { kind: 'iam-user', name: text(identity.userName) ?? event.Username ?? arn ?? 'IAM user', arn, accessKeyId };
  if (type === 'Root') return { kind: 'root', name: 'the account root user', arn, accessKeyId };
  if (type === 'AWSService') return { kind: 'aws-service', name: text(identity.invokedBy) ?? text(record.sourceIPAddress) ?? 'an AWS service', arn, accessKeyId };
  if (type === 'AssumedRole' && arn !== null) {
    const match = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const [, role, session] = match;
      const sso = /^AWSReservedSSO_(.+)_[0-9a-f]{8,}$/.exec(role);
      if (sso?.[1] !== undefined) return { kind: 'sso-user', name: `${session} (SSO, ${sso[1]})`, arn, accessKeyId };
      return { kind: 'assumed-role', name: `${role} (session ${session})`, arn, accessKeyId };
    }
  }
  return { kind: 'unknown', name: event.Username ?? arn ?? 'unknown', arn, accessKeyId };
}

/** Which program made the call, from the user agent CloudTrail recorded. */
export function toolOf(userAgent: string | null): TrailTool {
  const agent = (userAgent ?? '').slice(0, maxUserAgentLength);
  const own = /(?:^|[\s(])airlock\/([\w.+-]+)/i.exec(agent);
  if (own?.[1] !== undefined) return { kind: 'airlock', label: `Airlock ${own[1]}`, userAgent: agent };
  if (/(^|\s)aws-cli\//i.test(agent)) return { kind: 'aws-cli', label: 'AWS CLI', userAgent: agent };
  if (/console\.amazonaws\.com|^AWS Internal|console\.aws\.amazon\.com/i.test(agent)) return { kind: 'console', label: 'AWS console', userAgent: agent };
  if (/Terraform/i.test(agent)) return { kind: 'terraform', label: 'Terraform', userAgent: agent };
  if (/Boto3\/|botocore\//i.test(agent)) return { kind: 'sdk', label: 'Python SDK (boto3)', userAgent: agent };
  if (/aws-sdk-js/i.test(agent)) return { kind: 'sdk', label: 'JavaScript SDK', userAgent: agent };
  if (/aws-sdk-(java|go|dotnet|ruby|php|rust)/i.test(agent)) return { kind: 'sdk', label: 'AWS SDK', userAgent: agent };
  return { kind: 'other', label: agent === '' ? 'unknown tool' : 'other tool', userAgent: agent };
}

/** What a stage move did, from its request parameters (names and version ids; never values). */
function detailOf(eventName: string, record: RecordJson): string | null {
  const request = asRecord(record.requestParameters);
  if (request === null) return null;
  if (eventName === 'UpdateSecretVersionStage') {
    const stage = text(request.versionStage);
    const to = text(request.moveToVersionId);
    const from = text(request.removeFromVersionId);
    if (stage === null) return null;
    return [`${stage}`, from === null ? null : `from ${from.slice(0, 8)}`, to === null ? null : `to ${to.slice(0, 8)}`].filter((part) => part !== null).join(' ');
  }
  if (eventName === 'DeleteSecret') {
    if (request.forceDeleteWithoutRecovery === true) return 'deleted without recovery';
    const days = request.recoveryWindowInDays;
    return typeof days === 'number' ? `scheduled for deletion in ${days} days` : 'scheduled for deletion';
  }
  if (eventName === 'TagResource' || eventName === 'UntagResource') {
    const keys = Array.isArray(request.tagKeys) ? request.tagKeys : Array.isArray(request.tags) ? request.tags.map((tag) => asRecord(tag)?.key) : [];
    const names = keys.filter((key): key is string => typeof key === 'string');
    return names.length === 0 ? null : `tags ${names.join(', ')}`;
  }
  return null;
}

export function toTrailEvent(event: CloudTrailEvent): TrailEvent | null {
  if (event.EventId === undefined || event.EventName === undefined || !secretWriteEvents.has(event.EventName)) return null;
  const record = parseRecord(event.CloudTrailEvent);
  return {
    eventId: event.EventId,
    eventName: event.EventName,
    time: (event.EventTime ?? new Date(0)).toISOString(),
    actor: actorOf(record, event),
    tool: toolOf(text(record.userAgent)),
    sourceIp: text(record.sourceIPAddress),
    errorCode: text(record.errorCode),
    detail: detailOf(event.EventName, record),
  };
}

/** Newest first, each event once, writes only. */
export function mergeTrail(lookups: readonly (readonly CloudTrailEvent[])[]): TrailEvent[] {
  const byId = new Map<string, TrailEvent>();
  for (const events of lookups) {
    for (const event of events) {
      const parsed = toTrailEvent(event);
      if (parsed !== null && !byId.has(parsed.eventId)) byId.set(parsed.eventId, parsed);
    }
  }
  return [...byId.values()].sort((a, b) => b.time.localeCompare(a.time) || a.eventId.localeCompare(b.eventId));
}

/**
 * The secret's writes as CloudTrail recorded them. A profile without `cloudtrail:LookupEvents`, or
 * CloudTrail's 2-calls-a-second limit outlasting the SDK's retries, is an answer (a status), not
 * an error: the History tab still shows the versions.
 */
export async function secretTrail(clients: TrailClients, input: { name: string; arn?: string | undefined }, signal?: AbortSignal): Promise<SecretTrail> {
  const lookups: Lookup[] = [];
  try {
    const arn = input.arn ?? (await currentArn(clients.secrets, input.name, signal));
    const keys = [...new Set([arn, input.name].filter((key): key is string => key !== null && key !== ''))];
    // One after the other: CloudTrail allows 2 lookups a second per account and region.
    for (const key of keys) lookups.push(await lookup(clients.cloudTrail, key, signal));
  } catch (error) {
    const appError = toAppError(error, { profile: clients.profile, region: clients.region });
    const status: TrailStatus | null =
      appError.code === 'ACCESS_DENIED'
        ? { kind: 'no-permission', message: `Profile "${clients.profile}" may not read CloudTrail (cloudtrail:LookupEvents), so Airlock cannot show who changed this secret. The versions above are still complete.` }
        : appError.code === 'THROTTLED'
          ? { kind: 'throttled', message: 'CloudTrail is limiting lookups (2 a second per account and region). Try again in a few seconds.' }
          : null;
    if (status === null) throw appError;
    return { name: input.name, region: clients.region, events: [], status };
  }
  const events = mergeTrail(lookups.map((found) => found.events));
  const status: TrailStatus = lookups.some((found) => found.more) ? { kind: 'truncated', shown: events.length } : { kind: 'complete' };
  return { name: input.name, region: clients.region, events, status };
}
