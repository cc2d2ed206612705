/**
 * ListSecrets entries as the API shows them. Only metadata: a list entry never holds a value.
 */
import type { SecretListEntry, Tag } from '@aws-sdk/client-secrets-manager';
import type { OutsideSecret, SecretSummary, SecretTag } from '../../../shared/api';
import type { Placement } from '../../../shared/secrets/secret-placement';
import { isoDate } from './secrets-deps';

export function tagsOf(tags: readonly Tag[] | undefined): SecretTag[] {
  return (tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
}

export function insideSummary(entry: SecretListEntry & { Name: string; ARN: string }, placement: Extract<Placement, { where: 'inside' }>): SecretSummary {
  return {
    name: entry.Name,
    arn: entry.ARN,
    kind: placement.kind,
    id: placement.id,
    description: entry.Description ?? null,
    lastChangedAt: isoDate(entry.LastChangedDate),
    createdAt: isoDate(entry.CreatedDate),
    deletedAt: isoDate(entry.DeletedDate),
    tags: tagsOf(entry.Tags),
  };
}

export function outsideSummary(entry: SecretListEntry & { Name: string; ARN: string }, placement: Extract<Placement, { where: 'outside' }>): OutsideSecret {
  return {
    name: entry.Name,
    arn: entry.ARN,
    description: entry.Description ?? null,
    lastChangedAt: isoDate(entry.LastChangedDate),
    deletedAt: isoDate(entry.DeletedDate),
    tags: tagsOf(entry.Tags),
    reason: placement.reason,
    message: placement.message,
    kind: placement.kind,
    id: placement.id,
    suggestedName: placement.suggestedName,
  };
}

/** Entries with a name and an ARN, each once (overlapping listings return some twice). */
export function uniqueEntries(entries: readonly SecretListEntry[]): (SecretListEntry & { Name: string; ARN: string })[] {
  const seen = new Set<string>();
  const out: (SecretListEntry & { Name: string; ARN: string })[] = [];
  for (const entry of entries) {
    if (entry.Name === undefined || entry.ARN === undefined || seen.has(entry.ARN)) continue;
    seen.add(entry.ARN);
    out.push(entry as SecretListEntry & { Name: string; ARN: string });
  }
  return out;
}
