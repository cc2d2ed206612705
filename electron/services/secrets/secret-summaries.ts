/**
 * ListSecrets entries as the API shows them. Only metadata: a list entry never holds a value.
 */
import type { Tag } from '@aws-sdk/client-secrets-manager';
import type { OutsideSecret, SecretSummary, SecretTag } from '../../../shared/api';
import type { KwargsInUse } from '../../../shared/secrets';
import { placeSecretName, type Placement } from '../../../shared/secrets';
import type { InventoryEntry } from './inventory-store';
import type { ListedEntry } from './range-listing';
import { isoDate } from './secrets-deps';

export function tagsOf(tags: readonly Tag[] | undefined): SecretTag[] {
  return (tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
}

/** The metadata Airlock keeps of a list entry (the inventory's row). */
export function metadataOf(entry: ListedEntry): InventoryEntry {
  return {
    name: entry.Name,
    arn: entry.ARN,
    description: entry.Description ?? null,
    lastChangedAt: isoDate(entry.LastChangedDate),
    createdAt: isoDate(entry.CreatedDate),
    deletedAt: isoDate(entry.DeletedDate),
    tags: tagsOf(entry.Tags),
  };
}

export function insideSummary(entry: InventoryEntry, placement: Extract<Placement, { where: 'inside' }>): SecretSummary {
  return {
    name: entry.name,
    arn: entry.arn,
    kind: placement.kind,
    id: placement.id,
    description: entry.description,
    lastChangedAt: entry.lastChangedAt,
    createdAt: entry.createdAt,
    deletedAt: entry.deletedAt,
    tags: entry.tags,
  };
}

export function outsideSummary(entry: InventoryEntry, placement: Extract<Placement, { where: 'outside' }>): OutsideSecret {
  return {
    name: entry.name,
    arn: entry.arn,
    description: entry.description,
    lastChangedAt: entry.lastChangedAt,
    deletedAt: entry.deletedAt,
    tags: entry.tags,
    reason: placement.reason,
    message: placement.message,
    kind: placement.kind,
    id: placement.id,
    suggestedName: placement.suggestedName,
  };
}

/**
 * Rows of the main listing: the secrets Airflow reads, and those under the prefixes it still never
 * reads (a lookup pattern skips them, or the name is a prefix alone).
 */
export function placeListed(use: KwargsInUse, entries: readonly InventoryEntry[]): { items: SecretSummary[]; notLookedUp: OutsideSecret[] } {
  const items: SecretSummary[] = [];
  const notLookedUp: OutsideSecret[] = [];
  for (const entry of entries) {
    const placement = placeSecretName(use, entry.name);
    if (placement?.where === 'inside') items.push(insideSummary(entry, placement));
    else if (placement?.where === 'outside') notLookedUp.push(outsideSummary(entry, placement));
  }
  return { items, notLookedUp };
}

export const byName = (a: { readonly name: string }, b: { readonly name: string }): number => a.name.localeCompare(b.name);
