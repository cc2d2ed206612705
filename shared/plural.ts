/**
 * Counts in words: the one place where Airlock chooses between "1 file" and "2 files", for the
 * window and for the messages of the main process alike. English plural rules come from
 * Intl.PluralRules, so 0 takes the plural ("0 files") and 1 the singular.
 */
const englishRules = new Intl.PluralRules('en');

/** `one` for a count English reads as singular, else `other` (by default `one` + "s"). */
export function pluralWord(count: number, one: string, other = `${one}s`): string {
  return englishRules.select(count) === 'one' ? one : other;
}

/** The count and its noun: `plural(1, 'file')` is "1 file", `plural(3, 'match', 'matches')` is "3 matches". */
export function plural(count: number, one: string, other?: string): string {
  return `${count} ${pluralWord(count, one, other)}`;
}
