/** A secret's tags as the editor compares and saves them. */
import type { SecretTag } from '../../../../shared/api';

/** Tags worth sending: no empty keys, each key once (the last row wins), keys trimmed. */
export function cleanTags(tags: readonly SecretTag[]): SecretTag[] {
  const byKey = new Map<string, string>();
  for (const tag of tags) if (tag.key.trim() !== '') byKey.set(tag.key.trim(), tag.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** Whether two tag lists save the same tags, in any order. */
export function sameTags(a: readonly SecretTag[], b: readonly SecretTag[]): boolean {
  const left = cleanTags(a);
  const right = cleanTags(b);
  return left.length === right.length && left.every((tag) => right.some((other) => other.key === tag.key && other.value === tag.value));
}
