import type { InputReader } from './input-reader';
import type { StoredSecret } from './secret-model';
import { validationError } from './service-error';

export const filterKeys = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;
export type FilterKey = (typeof filterKeys)[number];

export interface SecretFilter {
  readonly key: FilterKey;
  readonly values: readonly string[];
}

// AWS's FilterValueStringType pattern: an optional leading `!`, then a restricted character set.
const filterValuePattern = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;

export function readFilters(input: InputReader): SecretFilter[] | undefined {
  const readers = input.optionalObjectList('Filters', { max: 10 });
  return readers?.map((reader) => {
    const key = reader.optionalEnum('Key', filterKeys);
    if (key === undefined) throw validationError("Value null at 'filters.member.key' failed to satisfy constraint: Member must not be null");
    const values = reader.requiredStringList('Values', { min: 1, max: 10, item: { min: 1, max: 512 } });
    for (const value of values) {
      if (!filterValuePattern.test(value)) {
        throw validationError(
          "Value at 'filters.member.values' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$",
        );
      }
    }
    return { key, values };
  });
}

const separators = /[\s/_+=.@:\-!]+/;

/**
 * Words of an attribute for the `all` search: split on separators, plus the pieces of camelCase
 * words (`orderDb` also yields `db`), so both `postgresql` and `sql` find `PostgreSQL`.
 */
function attributeWords(text: string): string[] {
  return text
    .split(separators)
    .flatMap((part) => [part, ...part.split(/(?<=[a-z0-9])(?=[A-Z])/).slice(1)])
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * The `all` key is a case-insensitive word search over name, description and tags: every word of
 * the value must begin some word of some attribute, or the value must begin a whole attribute.
 */
function matchesAllAttributes(secret: StoredSecret, value: string): boolean {
  const attributes = [secret.name, secret.description ?? '', ...secret.tags.flatMap((tag) => [tag.key, tag.value])];
  const lowered = value.toLowerCase();
  if (attributes.some((attribute) => attribute.toLowerCase().startsWith(lowered))) return true;
  const wanted = attributeWords(value);
  if (wanted.length === 0) return false;
  const available = attributes.flatMap(attributeWords);
  return wanted.every((word) => available.some((candidate) => candidate.startsWith(word)));
}

function attributeMatches(secret: StoredSecret, key: FilterKey, value: string): boolean {
  switch (key) {
    case 'name':
      return secret.name.startsWith(value);
    case 'description':
      return secret.description?.toLowerCase().startsWith(value.toLowerCase()) === true;
    case 'tag-key':
      return secret.tags.some((tag) => tag.key.startsWith(value));
    case 'tag-value':
      return secret.tags.some((tag) => tag.value.startsWith(value));
    case 'primary-region':
    case 'owning-service':
      // The sandbox has no replicas and no secrets owned by other services.
      return false;
    case 'all':
      return matchesAllAttributes(secret, value);
  }
}

/** A value starting with `!` matches the secrets the rest of it would not match. */
function matchesValue(secret: StoredSecret, key: FilterKey, value: string): boolean {
  return value.startsWith('!') ? !attributeMatches(secret, key, value.slice(1)) : attributeMatches(secret, key, value);
}

/** Values of one filter are OR-ed; filters are AND-ed. */
export function matchesFilters(secret: StoredSecret, filters: readonly SecretFilter[]): boolean {
  return filters.every((filter) => filter.values.some((value) => matchesValue(secret, filter.key, value)));
}
