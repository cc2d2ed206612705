/** Suggests the known name a typo was probably meant to be. */

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate, if close enough to be a plausible typo (or a shortened name). */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  const lower = input.toLowerCase().replaceAll('-', '_');
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = lower.length <= 6 ? 1 : lower.length <= 12 ? 2 : 3;
  if (best !== null && bestDistance <= limit) return best;
  // `region` for `region_name`, `role` for `role_arn`: a name the user shortened.
  const shortened = candidates.find((c) => lower.length >= 4 && c.toLowerCase().startsWith(`${lower}_`));
  return shortened ?? null;
}
