import type { ChangeSet } from '../state-changes';
import type { StoredTrailEvent } from './trail-model';

/** CloudTrail's event history covers 90 days; the sandbox also bounds how many events it keeps. */
export const eventRetentionMs = 90 * 24 * 60 * 60 * 1000;
export const maxEventsPerRegion = 10_000;
// Trimming in batches keeps recording O(1) amortised.
const trimSlack = 1_000;

export type NewTrailEvent = Omit<StoredTrailEvent, 'seq'>;

/** One account's event history in one region, oldest first. */
export class TrailRegion {
  readonly accountId: string;
  readonly region: string;
  private events: StoredTrailEvent[];
  private nextSeq: number;
  private readonly changes: ChangeSet;

  constructor(accountId: string, region: string, events: StoredTrailEvent[], changes: ChangeSet) {
    this.accountId = accountId;
    this.region = region;
    this.events = events;
    this.changes = changes;
    this.nextSeq = (events.at(-1)?.seq ?? 0) + 1;
  }

  record(event: NewTrailEvent): StoredTrailEvent {
    const stored = { ...event, seq: this.nextSeq };
    this.add(stored);
    this.changes.note(`event:${stored.eventId}`, () => ({ t: 'event', a: this.accountId, r: this.region, e: stored }));
    return stored;
  }

  /** Adds a stored event (also used when replaying the journal), dropping the oldest beyond the bound. */
  add(event: StoredTrailEvent): void {
    this.events.push(event);
    this.nextSeq = Math.max(this.nextSeq, event.seq + 1);
    if (this.events.length > maxEventsPerRegion + trimSlack) this.events = this.events.slice(-maxEventsPerRegion);
  }

  /** Newest first. */
  newestFirst(): StoredTrailEvent[] {
    return [...this.events].reverse();
  }

  all(): StoredTrailEvent[] {
    return this.events;
  }

  get size(): number {
    return this.events.length;
  }
}
