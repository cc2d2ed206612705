/**
 * How a secret value is shown in a review diff: JSON pretty-printed so that a changed field is
 * one changed line, everything else as stored. When two values differ only in formatting, the
 * exact strings are compared instead, so the diff never says "no changes" for a real write.
 */

function prettyJson(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

export function valuesForDiff(before: string, after: string): { before: string; after: string } {
  const prettyBefore = prettyJson(before) ?? before;
  const prettyAfter = prettyJson(after) ?? after;
  if (prettyBefore === prettyAfter && before !== after) return { before, after };
  return { before: prettyBefore, after: prettyAfter };
}
