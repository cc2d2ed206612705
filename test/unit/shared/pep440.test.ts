import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  formatVersion,
  isSpecifierSetSatisfiable,
  parseSpecifierSet,
  parseVersion,
  satisfies,
  specifierGuarantees,
} from '../../../shared/pep440';

describe('PEP 440 versions', () => {
  // Expected values are what Python's packaging 26.2 prints (str(Version(text))).
  it.each([
    ['1.0', '1.0'],
    ['v1.0', '1.0'],
    ['1.0.0', '1.0.0'],
    ['1.0-1', '1.0.post1'],
    ['1.0_RC_2', '1.0rc2'],
    ['01.002', '1.2'],
    ['1!1.0-dev3', '1!1.0.dev3'],
    ['1.0.POST2', '1.0.post2'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-preview2', '1.0rc2'],
    ['1.0c3', '1.0rc3'],
    ['2.0+Ubuntu-1.01', '2.0+ubuntu.1.1'],
  ])('normalises %s to %s', (text, normal) => {
    const version = parseVersion(text);
    expect(version).not.toBeNull();
    if (version !== null) expect(formatVersion(version)).toBe(normal);
  });

  it.each(['', 'latest', '1.0.', '1..0', '1.0+', '1.0+local_', 'a1.0', '1.0 beta', '==1.0'])('rejects %j', (text) => {
    expect(parseVersion(text)).toBeNull();
  });

  // Expected orderings are what packaging 26.2 returns.
  it.each([
    ['1.0.dev0', '1.0a1', -1],
    ['1.0a1', '1.0b1', -1],
    ['1.0b1', '1.0rc1', -1],
    ['1.0rc1', '1.0', -1],
    ['1.0', '1.0.post1', -1],
    ['1.0.post1.dev1', '1.0.post1', -1],
    ['1.0', '1.0+local', -1],
    ['1.0+abc', '1.0+1', -1],
    ['1.0+abc.1', '1.0+abc.2', -1],
    ['1.0', '1.0.0', 0],
    ['2.0', '10.0', -1],
    ['1!0.1', '2.0', 1],
    ['1.0a1.dev1', '1.0a1', -1],
    ['1.0.post1', '1.0.1.dev0', -1],
    ['99999999999999999999.1', '99999999999999999999.0', 1],
  ])('compareVersions(%s, %s) = %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('throws a RangeError for text that is not a version', () => {
    expect(() => compareVersions('1.0', 'banana')).toThrow(RangeError);
  });
});

describe('specifier sets', () => {
  // [version, specifier set, contains(), contains(prereleases=False)] from packaging 26.2.
  it.each([
  ['1.0', '==1.0', true, true],
  ['1.0.0', '==1.0', true, true],
  ['1.0+local', '==1.0', true, true],
  ['1.0+local', '==1.0+other', false, false],
  ['1.0.post1', '==1.0', false, false],
  ['1.0', '!=1.0', false, false],
  ['1.0+abc', '!=1.0', false, false],
  ['1.1', '!=1.0', true, true],
  ['1.5', '==1.*', true, true],
  ['1.0.dev0', '==1.*', true, false],
  ['2.0', '==1.*', false, false],
  ['1.5', '!=1.*', false, false],
  ['1.9.9', '==1.9.*', true, true],
  ['1.10', '==1.9.*', false, false],
  ['1.0', '~=1.0', true, true],
  ['1.9', '~=1.0', true, true],
  ['2.0', '~=1.0', false, false],
  ['1.0.5', '~=1.0.0', true, true],
  ['1.1', '~=1.0.0', false, false],
  ['8.9.9', '~=8.1', true, true],
  ['9.0.dev0', '~=8.1', false, false],
  ['1.0', '<=1.0', true, true],
  ['1.0+local', '<=1.0', true, true],
  ['1.0.post1', '<=1.0', false, false],
  ['1.0a1', '<1.0', false, false],
  ['1.0.dev0', '<1.0', false, false],
  ['0.9', '<1.0', true, true],
  ['1.0a1', '<1.0a2', true, false],
  ['1.0.post1', '>1.0', false, false],
  ['1.0+local', '>1.0', false, false],
  ['1.0.1', '>1.0', true, true],
  ['1.0.post2', '>1.0.post1', true, true],
  ['1.0.dev1', '>1.0.dev0', true, false],
  ['1.0', '>=1.0', true, true],
  ['1.0rc1', '>=1.0', false, false],
  ['2.0a1', '>=1.0', true, false],
  ['7.3.0', '>=7.0,<9', true, true],
  ['9.0', '>=7.0,<9', false, false],
  ['9.0rc1', '>=7.0,<9', false, false],
  ['6.9', '>=7.0,<9', false, false],
  ['1.0', '===1.0', true, true],
  ['1.0.0', '===1.0', false, false],
  ['1!1.0', '>=2.0', true, true],
  ['1!1.0', '<2!0', true, true],
  ['1.0', '', true, true],
  ['1.0a1', '', true, false],
  ['v1.0', '==1.0', true, true],
  ['1.0-1', '==1.0.post1', true, true],
  ['1.0_RC_2', '==1.0rc2', true, false],
  ['01.002', '==1.2', true, true],
  ])('%s in %j: %s (pre-releases excluded: %s)', (version, specifier, expected, withoutPrereleases) => {
    expect(satisfies(version, specifier)).toBe(expected);
    expect(satisfies(version, specifier, { prereleases: false })).toBe(withoutPrereleases);
  });

  // Issue 11 item 12: tricky cases, each as packaging 26.2 answers [contains(), contains(prereleases=False)].
  // Rows marked "renovate" are answered differently by @renovatebot/pep440 4.2.4, which is why this
  // module stays ours (as are the rows above for "==1.0+other", "<1.0a2", ">1.0.post1", ">1.0.dev0").
  it.each([
    ['1.4.5', '~=1.4.2', true, true],
    ['1.5.0', '~=1.4.2', false, false],
    ['1.4.7', '~=1.4.5,!=1.4.7', false, false],
    ['1.0+local', '===1.0+local', true, true],
    ['1.10', '!=1.1.*', true, true],
    ['1.1.post1', '!=1.1.*', false, false],
    ['1.1a1', '==1.1.*', true, false],
    ['1!1.1', '==1.1.*', false, false],
    ['2.0a1', '<2.0', false, false],
    ['2.0a1', '<=2.0', true, false],
    ['2.0a1', '<2.0a2', true, false], // renovate: [false, false]
    ['2.0.post2', '>2.0.post1', true, true], // renovate: [false, false]
    ['2.0.dev1', '>2.0.dev0', true, false], // renovate: [false, false]
    ['1!2rc1.post1+1', '>1!2rc0.post1', true, false], // renovate: [false, false]
    ['1!0.2c1.post1.dev0+1', '!=1!0.2.0.*', false, false], // renovate: [true, false]
    ['1.0+local', '!=1.0+local', false, false],
    ['1.0', '<1!0', true, true],
    // Numbers past 2^53: renovate reads them as floats and answers all three the other way.
    ['9007199254740993', '==9007199254740992', false, false],
    ['9007199254740993', '!=9007199254740992', true, true],
    ['9007199254740992', '>=9007199254740993', false, false],
  ])('issue 11 item 12: %s in %j as packaging says: %s (pre-releases excluded: %s)', (version, specifier, expected, withoutPrereleases) => {
    expect(satisfies(version, specifier)).toBe(expected);
    expect(satisfies(version, specifier, { prereleases: false })).toBe(withoutPrereleases);
  });

  it('issue 11 item 12: orders versions past 2^53 exactly, as packaging does (renovate says they are equal)', () => {
    expect(compareVersions('9007199254740993', '9007199254740992')).toBe(1);
  });

  it.each([
    ['>=1.0,<2', true],
    [' == 1.0 ', true],
    ['~=1.4.5, !=1.4.7', true],
    ['==1.0.*', true],
    ['===foobar', true],
    ['~=1', false],
    ['>=1.*', false],
    ['<=1.0+local', false],
    ['>>1', false],
    ['1.0', false],
    ['==1.0a1.*', false],
  ])('parses %j: %s', (text, valid) => {
    expect(parseSpecifierSet(text).ok).toBe(valid);
  });

  it('knows when a set cannot be satisfied', () => {
    expect(isSpecifierSetSatisfiable('>=2,<1')).toBe(false);
    expect(isSpecifierSetSatisfiable('==1.0,!=1.0')).toBe(false);
    expect(isSpecifierSetSatisfiable('>=1.0,<1.0.dev0')).toBe(false);
    expect(isSpecifierSetSatisfiable('>=7.3.0,<9')).toBe(true);
    expect(isSpecifierSetSatisfiable('===1.0,>=2')).toBe(false);
  });
});

describe('specifierGuarantees', () => {
  it.each([
    ['>=7.0,<9', '>=7.3.0', 'no'],
    ['~=8.1', '>=7.3.0', 'yes'],
    ['', '>=7.3.0', 'unknown'],
    ['>=7.3', '>=7.3.0', 'yes'],
    ['>7.3.0', '>=7.3.0', 'yes'],
    ['==8.*', '>=5.1.0', 'yes'],
    ['==7.*', '>=7.3.0', 'no'],
    ['==7.3.0+local', '>=7.3.0', 'yes'],
    ['<=7.3.0', '>=7.3.0', 'no'],
    ['>=7.3.0rc1', '>=7.3.0', 'no'],
    ['==7.3.0.post1', '>7.3.0', 'no'],
    ['>=7.3.0,!=7.3.0', '>7.3.0', 'no'],
    ['>=8,<7', '>=1', 'no'],
    ['===8.0', '>=1', 'unknown'],
    ['not a specifier', '>=1', 'unknown'],
    ['>=9', '>=5.1.0,<10', 'no'],
    ['>=9,<9.5', '>=5.1.0,<10', 'yes'],
  ])('%j guarantees %j: %s', (set, minimum, expected) => {
    expect(specifierGuarantees(set, minimum)).toBe(expected);
  });

  const version = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }),
      fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), fc.integer({ min: 0, max: 2 })), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      fc.option(fc.constantFrom('local', '1', 'x.2'), { nil: undefined }),
    )
    .map(([release, pre, post, dev, local]) => {
      let text = release.join('.');
      if (pre !== undefined) text += `${pre[0]}${pre[1]}`;
      if (post !== undefined) text += `.post${post}`;
      if (dev !== undefined) text += `.dev${dev}`;
      if (local !== undefined) text += `+${local}`;
      return text;
    });
  const publicVersion = version.map((text) => text.replace(/\+.*$/, ''));
  const clause = fc.tuple(fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~='), publicVersion).map(([operator, text]) => {
    if (operator === '~=' && !text.includes('.')) return `~=${text}.0`;
    return `${operator}${text}`;
  });
  const set = fc.array(fc.oneof(clause, publicVersion.map((text) => `==${text.replace(/[a-z].*$/, '')}.*`)), { minLength: 1, maxLength: 3 }).map((clauses) => clauses.join(','));

  it('never says "yes" when some version allowed by the set misses the minimum', () => {
    fc.assert(
      fc.property(set, set, fc.array(version, { minLength: 1, maxLength: 20 }), (allowed, minimum, versions) => {
        if (specifierGuarantees(allowed, minimum) !== 'yes') return;
        for (const candidate of versions) {
          if (satisfies(candidate, allowed)) expect(satisfies(candidate, minimum)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('answers exactly for ranges of final releases: ">=a,<b" guarantees ">=m" iff a >= m', () => {
    const release = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(release, release, release, (low, high, minimum) => {
        if (compareVersions(low, high) >= 0) return;
        expect(specifierGuarantees(`>=${low},<${high}`, `>=${minimum}`)).toBe(compareVersions(low, minimum) >= 0 ? 'yes' : 'no');
      }),
      { numRuns: 1000 },
    );
  });
});
