/**
 * PEP 440 versions and specifier sets, as Python's `packaging` (and so pip) reads them.
 *
 * Numbers are kept as digit strings, so arbitrarily large components compare correctly and every
 * result stays JSON-safe. Specifier matching follows `packaging` 26: `<V` excludes pre-releases of
 * V, `>V` excludes post-releases and local versions of V, `==V` matches V's local versions, and a
 * single pre-release is accepted unless `prereleases: false` is asked for.
 *
 * Why not `@renovatebot/pep440`: it is inexact against packaging, as these tests in
 * test/unit/shared/pep440.test.ts show when run against it: "1.0+local in "==1.0+other"",
 * "1.0a1 in "<1.0a2"", "1.0.post2 in ">1.0.post1"", "1.0.dev1 in ">1.0.dev0"", "parses
 * "==1.0a1.*"", the "issue 11 item 12" rows marked `renovate` (numbers past 2^53 included) and
 * "issue 11 item 12: orders versions past 2^53 exactly". It also has no set algebra, and
 * `isSpecifierSetSatisfiable` and `specifierGuarantees` need this module's ordering keys anyway.
 */

export type PreReleaseLabel = 'a' | 'b' | 'rc';

export interface Pep440Version {
  /** Digit strings without leading zeros. */
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: { readonly label: PreReleaseLabel; readonly number: string } | null;
  readonly post: string | null;
  readonly dev: string | null;
  /** Local segments, lower-cased; numeric ones without leading zeros. */
  readonly local: readonly string[] | null;
}

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface VersionSpecifier {
  readonly operator: SpecifierOperator;
  /** The version text as written (without surrounding whitespace), e.g. `7.*` or `2.0+local`. */
  readonly version: string;
}

export type SpecifierSetParse = { readonly ok: true; readonly specifiers: readonly VersionSpecifier[] } | { readonly ok: false; readonly error: string };

/** Does every version a specifier set allows also satisfy the minimum? (see `specifierGuarantees`) */
export type Guarantee = 'yes' | 'no' | 'unknown';

const VERSION_PATTERN =
  /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

function digits(value: string): string {
  const stripped = value.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function preLabel(text: string): PreReleaseLabel {
  const lower = text.toLowerCase();
  if (lower === 'a' || lower === 'alpha') return 'a';
  if (lower === 'b' || lower === 'beta') return 'b';
  return 'rc';
}

/** Parses a PEP 440 version; null when it is not one. */
export function parseVersion(text: string): Pep440Version | null {
  const match = VERSION_PATTERN.exec(text);
  if (match === null) return null;
  const [, epoch, release, preL, preN, postImplicit, postL, postN, devL, devN, local] = match;
  return {
    epoch: digits(epoch ?? '0'),
    release: (release ?? '0').split('.').map(digits),
    pre: preL === undefined ? null : { label: preLabel(preL), number: digits(preN ?? '0') },
    post: postImplicit !== undefined ? digits(postImplicit) : postL !== undefined ? digits(postN ?? '0') : null,
    dev: devL === undefined ? null : digits(devN ?? '0'),
    local: local === undefined ? null : local.split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? digits(part) : part.toLowerCase())),
  };
}

/** The normalized form `packaging` prints, e.g. `1!2.0rc1.post0.dev3+abc.5`. */
export function formatVersion(version: Pep440Version): string {
  let text = version.epoch === '0' ? '' : `${version.epoch}!`;
  text += version.release.join('.');
  if (version.pre !== null) text += `${version.pre.label}${version.pre.number}`;
  if (version.post !== null) text += `.post${version.post}`;
  if (version.dev !== null) text += `.dev${version.dev}`;
  if (version.local !== null) text += `+${version.local.join('.')}`;
  return text;
}

export function isPrerelease(version: Pep440Version): boolean {
  return version.pre !== null || version.dev !== null;
}

// --- Ordering -------------------------------------------------------------------------------
// A version's sort key mirrors packaging's `_cmpkey`. Slots can also hold MAX, which sorts after
// every real value of that slot: that is how the points "just after V's local versions" and "just
// after V's post-releases" (needed for `<=V`, `==V`, `>V`) are expressed without a real version.

type Slot<T> = { readonly rank: 0 } | { readonly rank: 1; readonly value: T } | { readonly rank: 2 } | { readonly rank: 3 };
const NEG = { rank: 0 } as const;
const POS = { rank: 2 } as const;
const MAX = { rank: 3 } as const;

interface VersionKey {
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: Slot<{ readonly label: PreReleaseLabel; readonly number: string }>;
  readonly post: Slot<string>;
  readonly dev: Slot<string>;
  readonly local: Slot<readonly string[]>;
}

function trimRelease(release: readonly string[]): readonly string[] {
  let end = release.length;
  while (end > 1 && release[end - 1] === '0') end -= 1;
  return release.slice(0, end);
}

function keyOf(version: Pep440Version): VersionKey {
  let pre: VersionKey['pre'];
  if (version.pre === null && version.post === null && version.dev !== null) pre = NEG;
  else if (version.pre === null) pre = POS;
  else pre = { rank: 1, value: version.pre };
  return {
    epoch: version.epoch,
    release: trimRelease(version.release),
    pre,
    post: version.post === null ? NEG : { rank: 1, value: version.post },
    dev: version.dev === null ? POS : { rank: 1, value: version.dev },
    local: version.local === null ? NEG : { rank: 1, value: version.local },
  };
}

function compareSlots<T>(a: Slot<T>, b: Slot<T>, compareValues: (x: T, y: T) => number): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.rank === 1 && b.rank === 1 ? compareValues(a.value, b.value) : 0;
}

function compareSequences<T>(a: readonly T[], b: readonly T[], compareItems: (x: T, y: T) => number): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) break;
    const result = compareItems(x, y);
    if (result !== 0) return result;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareLocalParts(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  // packaging: numeric local segments sort after alphanumeric ones.
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  if (aNumeric) return compareDigits(a, b);
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareKeys(a: VersionKey, b: VersionKey): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareSequences(a.release, b.release, compareDigits) ||
    compareSlots(a.pre, b.pre, (x, y) => (x.label === y.label ? compareDigits(x.number, y.number) : x.label < y.label ? -1 : 1)) ||
    compareSlots(a.post, b.post, compareDigits) ||
    compareSlots(a.dev, b.dev, compareDigits) ||
    compareSlots(a.local, b.local, (x, y) => compareSequences(x, y, compareLocalParts))
  );
}

function toVersion(version: string | Pep440Version): Pep440Version {
  if (typeof version !== 'string') return version;
  const parsed = parseVersion(version);
  if (parsed === null) throw new RangeError(`Not a PEP 440 version: ${JSON.stringify(version)}`);
  return parsed;
}

/** Orders two versions like pip (-1, 0 or 1). Throws RangeError for a string that is not a version. */
export function compareVersions(a: string | Pep440Version, b: string | Pep440Version): -1 | 0 | 1 {
  const result = compareKeys(keyOf(toVersion(a)), keyOf(toVersion(b)));
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

// --- Specifiers -----------------------------------------------------------------------------

const SPECIFIER_PATTERN = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(.*?)\s*$/;

function validateSpecifier(operator: SpecifierOperator, version: string): string | null {
  if (operator === '===') return /^[^\s;)]+$/.test(version) ? null : 'an arbitrary-equality version cannot be empty or hold spaces';
  if (version.endsWith('.*')) {
    if (operator !== '==' && operator !== '!=') return `"${operator}" cannot use a ".*" wildcard`;
    return /^v?(?:\d+!)?\d+(?:\.\d+)*\.\*$/i.test(version) ? null : `"${version}" is not a valid wildcard version`;
  }
  const parsed = parseVersion(version);
  if (parsed === null) return `"${version}" is not a PEP 440 version`;
  if (parsed.local !== null && operator !== '==' && operator !== '!=') return `"${operator}" cannot use a local version`;
  if (operator === '~=' && parsed.release.length < 2) return '"~=" needs a version with at least two parts, such as 1.4';
  return null;
}

/** Parses a comma-separated specifier set such as `>=7.0,<9`; an empty string is an empty set. */
export function parseSpecifierSet(text: string): SpecifierSetParse {
  const specifiers: VersionSpecifier[] = [];
  if (text.trim() === '') return { ok: true, specifiers };
  for (const part of text.split(',')) {
    const match = SPECIFIER_PATTERN.exec(part);
    const operator = match?.[1] as SpecifierOperator | undefined;
    const version = match?.[2] ?? '';
    if (operator === undefined) return { ok: false, error: `"${part.trim()}" is not a version specifier` };
    const error = validateSpecifier(operator, version);
    if (error !== null) return { ok: false, error };
    specifiers.push({ operator, version });
  }
  return { ok: true, specifiers };
}

interface Bound {
  /** null: unbounded. */
  readonly key: VersionKey | null;
  readonly inclusive: boolean;
}

interface Range {
  readonly lower: Bound;
  readonly upper: Bound;
}

const UNBOUNDED: Bound = { key: null, inclusive: false };
const FULL: readonly Range[] = [{ lower: UNBOUNDED, upper: UNBOUNDED }];

function compareLower(a: Bound, b: Bound): number {
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? -1 : 1;
  const result = compareKeys(a.key, b.key);
  if (result !== 0) return result;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

function compareUpper(a: Bound, b: Bound): number {
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
  const result = compareKeys(a.key, b.key);
  if (result !== 0) return result;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

function isEmptyRange(lower: Bound, upper: Bound): boolean {
  if (lower.key === null || upper.key === null) return false;
  const result = compareKeys(lower.key, upper.key);
  return result > 0 || (result === 0 && !(lower.inclusive && upper.inclusive));
}

function intersectRanges(left: readonly Range[], right: readonly Range[]): Range[] {
  const result: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i];
    const b = right[j];
    if (a === undefined || b === undefined) break;
    const lower = compareLower(a.lower, b.lower) >= 0 ? a.lower : b.lower;
    const upper = compareUpper(a.upper, b.upper) <= 0 ? a.upper : b.upper;
    if (!isEmptyRange(lower, upper)) result.push({ lower, upper });
    if (compareUpper(a.upper, b.upper) < 0) i += 1;
    else j += 1;
  }
  return result;
}

function complementRanges(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let lower: Bound | null = UNBOUNDED;
  for (const range of ranges) {
    if (lower !== null && range.lower.key !== null) {
      const upper: Bound = { key: range.lower.key, inclusive: !range.lower.inclusive };
      if (!isEmptyRange(lower, upper)) result.push({ lower, upper });
    }
    lower = range.upper.key === null ? null : { key: range.upper.key, inclusive: !range.upper.inclusive };
  }
  if (lower !== null) result.push({ lower, upper: UNBOUNDED });
  return result;
}

function withSlots(version: Pep440Version, slots: Partial<VersionKey>): VersionKey {
  return { ...keyOf(version), ...slots };
}

function plainVersion(epoch: string, release: readonly string[], dev: string | null): Pep440Version {
  return { epoch, release, pre: null, post: null, dev, local: null };
}

function incrementDigits(value: string): string {
  return (BigInt(value) + 1n).toString();
}

/** The smallest version of the next prefix: 1.2 -> 1.3.dev0. */
function nextPrefixDev0(epoch: string, release: readonly string[]): VersionKey {
  const last = release[release.length - 1] ?? '0';
  return keyOf(plainVersion(epoch, [...release.slice(0, -1), incrementDigits(last)], '0'));
}

const MIN_VERSION_KEY = keyOf(plainVersion('0', ['0'], '0'));

/** The versions one specifier allows, as sorted ranges (packaging's `_to_ranges`). */
function specifierRanges(specifier: VersionSpecifier): readonly Range[] | null {
  const { operator, version } = specifier;
  if (operator === '===') return null;
  if (version.endsWith('.*')) {
    const base = parseVersion(version.slice(0, -2));
    if (base === null) return null;
    const lower = keyOf(plainVersion(base.epoch, base.release, '0'));
    const upper = nextPrefixDev0(base.epoch, base.release);
    if (operator === '==') return [{ lower: { key: lower, inclusive: true }, upper: { key: upper, inclusive: false } }];
    return [
      { lower: UNBOUNDED, upper: { key: lower, inclusive: false } },
      { lower: { key: upper, inclusive: true }, upper: UNBOUNDED },
    ];
  }
  const v = parseVersion(version);
  if (v === null) return null;
  const afterLocals = withSlots(v, { local: MAX });
  switch (operator) {
    case '>=':
      return [{ lower: { key: keyOf(v), inclusive: true }, upper: UNBOUNDED }];
    case '<=':
      return [{ lower: UNBOUNDED, upper: { key: afterLocals, inclusive: true } }];
    case '>': {
      if (v.dev !== null) return [{ lower: { key: keyOf({ ...v, dev: incrementDigits(v.dev), local: null }), inclusive: true }, upper: UNBOUNDED }];
      if (v.post !== null) return [{ lower: { key: keyOf({ ...v, post: incrementDigits(v.post), dev: '0', local: null }), inclusive: true }, upper: UNBOUNDED }];
      return [{ lower: { key: withSlots(v, { post: MAX, dev: POS, local: NEG }), inclusive: false }, upper: UNBOUNDED }];
    }
    case '<': {
      const bound = isPrerelease(v) ? keyOf(v) : keyOf({ ...v, dev: '0', local: null });
      if (compareKeys(bound, MIN_VERSION_KEY) <= 0) return [];
      return [{ lower: UNBOUNDED, upper: { key: bound, inclusive: false } }];
    }
    case '==':
      return [{ lower: { key: keyOf(v), inclusive: true }, upper: { key: v.local === null ? afterLocals : keyOf(v), inclusive: true } }];
    case '!=':
      return [
        { lower: UNBOUNDED, upper: { key: keyOf(v), inclusive: false } },
        { lower: { key: v.local === null ? afterLocals : keyOf(v), inclusive: false }, upper: UNBOUNDED },
      ];
    case '~=': {
      const prefix = v.release.slice(0, -1);
      return [{ lower: { key: keyOf(v), inclusive: true }, upper: { key: nextPrefixDev0(v.epoch, prefix), inclusive: false } }];
    }
  }
}

/** Ranges of a whole set; null when it holds `===`, whose meaning is a string comparison. */
function setRanges(specifiers: readonly VersionSpecifier[]): readonly Range[] | null {
  let ranges: readonly Range[] = FULL;
  for (const specifier of specifiers) {
    const own = specifierRanges(specifier);
    if (own === null) return null;
    ranges = intersectRanges(ranges, own);
  }
  return ranges;
}

function inRange(key: VersionKey, range: Range): boolean {
  const { lower, upper } = range;
  if (lower.key !== null) {
    const result = compareKeys(key, lower.key);
    if (result < 0 || (result === 0 && !lower.inclusive)) return false;
  }
  if (upper.key !== null) {
    const result = compareKeys(key, upper.key);
    if (result > 0 || (result === 0 && !upper.inclusive)) return false;
  }
  return true;
}

function toSpecifiers(specifierSet: string | readonly VersionSpecifier[]): readonly VersionSpecifier[] {
  if (typeof specifierSet !== 'string') return specifierSet;
  const parsed = parseSpecifierSet(specifierSet);
  if (!parsed.ok) throw new RangeError(`Not a PEP 440 specifier set: ${parsed.error}`);
  return parsed.specifiers;
}

export interface SatisfiesOptions {
  /** false: pre-releases never match. Default: they match like any version (packaging's single-item check). */
  readonly prereleases?: boolean;
}

/**
 * Does `version` satisfy every specifier in the set? An empty set allows everything. Throws
 * RangeError when `version` or `specifierSet` cannot be parsed.
 */
export function satisfies(version: string | Pep440Version, specifierSet: string | readonly VersionSpecifier[], options: SatisfiesOptions = {}): boolean {
  const parsed = toVersion(version);
  if (options.prereleases === false && isPrerelease(parsed)) return false;
  const key = keyOf(parsed);
  const raw = typeof version === 'string' ? version.trim() : formatVersion(version);
  return toSpecifiers(specifierSet).every((specifier) => {
    if (specifier.operator === '===') return raw.toLowerCase() === specifier.version.toLowerCase();
    return (specifierRanges(specifier) ?? []).some((range) => inRange(key, range));
  });
}

/** True when at least one version satisfies the set (e.g. `>=2,<1` is unsatisfiable). */
export function isSpecifierSetSatisfiable(specifierSet: string | readonly VersionSpecifier[]): boolean {
  const specifiers = toSpecifiers(specifierSet);
  const arbitrary = specifiers.filter((specifier) => specifier.operator === '===');
  if (arbitrary.length === 0) return (setRanges(specifiers) ?? []).length > 0;
  const first = arbitrary[0]?.version ?? '';
  if (!arbitrary.every((specifier) => specifier.version.toLowerCase() === first.toLowerCase())) return false;
  const others = specifiers.filter((specifier) => specifier.operator !== '===');
  if (others.length === 0) return true;
  return parseVersion(first) !== null && satisfies(first, others);
}

/**
 * Does every version allowed by `specifierSet` satisfy `minimum` (e.g. `>=7.3.0`)?
 * - `yes`: whatever pip picks within the set is fine (`~=8.1` for `>=7.3.0`).
 * - `no`: the set allows some version that fails the minimum (`>=7.0,<9` for `>=7.3.0`), or it is
 *   unsatisfiable, so pip cannot install it at all.
 * - `unknown`: the set is empty (pip installs whatever the index or the image's constraints give,
 *   usually the latest or the version preinstalled in the Astro runtime image), uses `===`, or
 *   cannot be parsed.
 * Pre-release filtering is not applied: a set that only admits a minimum-failing pre-release
 * still counts as `no`.
 */
export function specifierGuarantees(specifierSet: string, minimum: string): Guarantee {
  const set = parseSpecifierSet(specifierSet);
  const wanted = parseSpecifierSet(minimum);
  if (!set.ok || !wanted.ok || set.specifiers.length === 0) return 'unknown';
  const allowed = setRanges(set.specifiers);
  const required = setRanges(wanted.specifiers);
  if (allowed === null || required === null) return 'unknown';
  if (allowed.length === 0) return 'no';
  return intersectRanges(allowed, complementRanges(required)).length === 0 ? 'yes' : 'no';
}
