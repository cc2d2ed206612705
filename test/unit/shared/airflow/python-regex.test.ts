// Lookup patterns are Python regexes applied with re.match(p, id, re.IGNORECASE), sheet A.4.
// Validity and match results below were checked against CPython 3.11's re module.
import { describe, expect, it } from 'vitest';
import { analyzePythonRegex, pythonReMatch } from '../../../../shared/airflow';

describe('A.4 re.match semantics', () => {
  it.each<[string, string, boolean]>([
    ['conn', 'my_conn', false], // anchored at the start
    ['my', 'my_conn', true], // not a full match
    ['^m', 'MY_CONN', true], // case-insensitive
    ['a|b', 'bx', true],
    ['x$', 'x\n', true], // Python's $ also matches before a final newline
    ['x\\Z', 'x\n', false],
    ['(?x) a b  # comment', 'ab', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['a{,2}c', 'aac', true], // {,n} is a Python quantifier (literal text in JavaScript)
    ['\\w+_db', 'été_db', true], // \w is Unicode-aware in Python
    ['(?a)\\w', 'é', false],
    ['(a)\\1', 'aa', true],
    ['(?P<x>a)(?P=x)', 'AA', true],
    ['[]a]', ']', true], // ] first in a class is a literal
    ['(?#comment)aws', 'aws_default', true],
    ['(?i:aws)', 'AWS', true],
  ])('re.match(%j, %j) -> %s', (pattern, text, expected) => {
    expect(pythonReMatch(pattern, text)).toEqual({ kind: expected ? 'match' : 'no-match' });
  });
});

describe('A.4 patterns Python rejects', () => {
  it.each([
    ['(?<name>x)', 'unknown extension ?<n'],
    ['\\k<n>', 'bad escape \\k'],
    ['\\p{L}', 'bad escape \\p'],
    ['a(?i)b', 'global flags not at the start of the expression'],
    ['(?<=a|bc)d', 'look-behind requires fixed-width pattern'],
    ['a**', 'multiple repeat'],
    ['*a', 'nothing to repeat'],
    ['(a', 'missing ), unterminated subpattern'],
    ['a)', 'unbalanced parenthesis'],
    ['[z-a]', 'bad character range'],
    ['[]', 'unterminated character set'],
    ['x{3,1}', 'min repeat greater than max repeat'],
    ['(a)\\2', 'invalid group reference 2'],
    ['(a\\1)', 'cannot refer to an open group'],
    ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a'"],
    ['\\e', 'bad escape \\e'],
  ])('%j: %s', (pattern, message) => {
    const result = analyzePythonRegex(pattern);
    expect(result.status).toBe('python-error');
    if (result.status === 'python-error') expect(result.message).toContain(message);
  });

  it('offers the Python spelling for JavaScript named groups and backreferences', () => {
    const result = analyzePythonRegex('(?<env>prod|dev)_\\k<env>');
    expect(result.status === 'python-error' && result.fixPattern).toBe('(?P<env>prod|dev)_(?P=env)');
  });

  it('offers to drop a misplaced (?i) (matching is case-insensitive anyway)', () => {
    const result = analyzePythonRegex('aws_(?i)default');
    expect(result.status === 'python-error' && result.fixPattern).toBe('aws_default');
  });
});

describe('A.4 Python-only syntax', () => {
  it.each([
    ['(?P<team>data)_', '(data)_'],
    ['(a)(?P=x)'.replace('(a)', '(?P<x>a)'), '(a)(?:\\1)'],
    ['\\Aaws', '^aws'],
    ['aws\\Z', 'aws$'],
    ['(?i)aws', 'aws'],
    ['(?#only aws)aws', 'aws'],
    ['(?i:aws)_', '(?:aws)_'],
    ['a{,3}', 'a{0,3}'],
  ])('%j has the portable form %j', (pattern, portable) => {
    const result = analyzePythonRegex(pattern);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.portablePattern).toBe(portable);
    // the portable form means the same and is plain in both dialects
    const again = analyzePythonRegex(portable);
    expect(again.status === 'ok' && again.findings).toEqual([]);
  });

  it.each(['(?>a)b', 'a++', '(?-i:a)', '(a)(?(1)b|c)', '\\N{DIGIT ONE}'])('%j cannot be previewed', (pattern) => {
    expect(analyzePythonRegex(pattern).status).toBe('untranslatable');
  });

  it('plain patterns have no findings', () => {
    const result = analyzePythonRegex('^(aws|s3)_[a-z0-9_]+$');
    expect(result.status === 'ok' && result.findings).toEqual([]);
  });
});
