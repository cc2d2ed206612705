/** One CloudTrail management event as LookupEvents returns it; `record` is the CloudTrailEvent JSON. */
export interface StoredTrailEvent {
  /** Order of recording; newer events have higher numbers. */
  seq: number;
  eventId: string;
  eventName: string;
  eventTime: number;
  eventSource: string;
  username: string;
  accessKeyId: string;
  readOnly: boolean;
  resources: { type: string; name: string }[];
  record: string;
}
