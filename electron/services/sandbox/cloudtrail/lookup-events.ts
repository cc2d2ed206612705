import type { InputReader } from '../input-reader';
import { paginate, queryScope } from '../page-token';
import type { PageTokenCodec } from '../page-token';
import type { WireObject } from '../secret-views';
import { epochSeconds } from '../secret-views';
import { ServiceError } from '../service-error';
import type { StoredTrailEvent } from './trail-model';
import type { TrailRegion } from './trail-region';
import { eventRetentionMs } from './trail-region';

/**
 * CloudTrail over JSON 1.1. The AWS SDK for JavaScript v3 sends `X-Amz-Target:
 * CloudTrail_20131101.LookupEvents` (checked against @aws-sdk/client-cloudtrail); the fully
 * qualified shape name some documents show is accepted too.
 */
export const cloudTrailTargets: ReadonlySet<string> = new Set([
  'CloudTrail_20131101.LookupEvents',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
]);

export interface TrailContext {
  readonly trail: TrailRegion;
  readonly nowMs: number;
  readonly pageTokens: PageTokenCodec;
}

const attributeKeys = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;
type AttributeKey = (typeof attributeKeys)[number];

function matches(event: StoredTrailEvent, key: AttributeKey, value: string): boolean {
  switch (key) {
    case 'EventId':
      return event.eventId === value;
    case 'EventName':
      return event.eventName === value;
    case 'ReadOnly':
      return String(event.readOnly) === value.toLowerCase();
    case 'Username':
      return event.username === value;
    case 'ResourceType':
      return event.resources.some((resource) => resource.type === value);
    case 'ResourceName':
      return event.resources.some((resource) => resource.name === value);
    case 'EventSource':
      return event.eventSource === value;
    case 'AccessKeyId':
      return event.accessKeyId === value;
  }
}

/** Epoch seconds, as the SDK sends timestamps in JSON 1.1. */
function readTime(input: InputReader, member: string): number | undefined {
  if (!input.has(member)) return undefined;
  const seconds = input.optionalNumber(member);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * Newest first; at most one lookup attribute; StartTime/EndTime inclusive; 90 days of history;
 * MaxResults up to 50; an opaque NextToken tied to the query that produced it.
 */
export function lookupEvents(input: InputReader, context: TrailContext): WireObject {
  const attributes = input.optionalObjectList('LookupAttributes') ?? [];
  if (attributes.length > 1) throw new ServiceError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  const attribute = attributes[0];
  const key = attribute?.optionalEnum('AttributeKey', attributeKeys);
  const value = attribute?.optionalString('AttributeValue', { min: 1, max: 2000 });
  if (attribute !== undefined && (key === undefined || value === undefined)) {
    throw new ServiceError('InvalidLookupAttributesException', 'A lookup attribute needs both AttributeKey and AttributeValue.');
  }
  const maxResults = input.optionalInteger('MaxResults') ?? 50;
  if (maxResults < 1 || maxResults > 50) throw new ServiceError('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
  const start = readTime(input, 'StartTime') ?? context.nowMs - eventRetentionMs;
  const end = readTime(input, 'EndTime') ?? context.nowMs;
  if (start > end) throw new ServiceError('InvalidTimeRangeException', 'StartTime must be before EndTime.');
  const nextToken = input.optionalString('NextToken', { min: 1, max: 4096 });
  const oldest = context.nowMs - eventRetentionMs;

  const events = context.trail
    .newestFirst()
    .filter((event) => event.eventTime >= Math.max(start, oldest) && event.eventTime <= end)
    .filter((event) => key === undefined || value === undefined || matches(event, key, value));
  const page = paginate(events, {
    maxResults,
    nextToken,
    scope: queryScope(['LookupEvents', key ?? null, value ?? null, input.has('StartTime') ? start : null, input.has('EndTime') ? end : null]),
    codec: context.pageTokens,
    cursorOf: (event) => event.seq,
    resumeIndex: (cursor) => {
      if (typeof cursor !== 'number') return undefined;
      const index = events.findIndex((event) => event.seq < cursor);
      return index === -1 ? events.length : index;
    },
  });
  const output: WireObject = {
    Events: page.items.map((event) => ({
      EventId: event.eventId,
      EventName: event.eventName,
      ReadOnly: String(event.readOnly),
      AccessKeyId: event.accessKeyId,
      EventTime: epochSeconds(event.eventTime),
      EventSource: event.eventSource,
      Username: event.username,
      Resources: event.resources.map((resource) => ({ ResourceType: resource.type, ResourceName: resource.name })),
      CloudTrailEvent: event.record,
    })),
  };
  if (page.nextToken !== undefined) output.NextToken = page.nextToken;
  return output;
}
