import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { specifierGuarantees } from '../../../../shared/pep440';
import { ensureRequirement, findRequirement, normalizeProjectName, parseRequirements, planRequirement } from '../../../../shared/project-files';
import { lineChanges, loadFixture, loadFixtures } from './fixtures';

const AMAZON = 'apache-airflow-providers-amazon';
const fixtures = loadFixtures('requirements');

describe('findRequirement', () => {
  it('matches PEP 503 normalised names and reads extras, specifiers, markers and comments', () => {
    const text = loadFixture('requirements', 'extras-markers.txt');
    const found = findRequirement(text, 'APACHE_AIRFLOW.PROVIDERS__AMAZON');
    expect(found.requirement).toMatchObject({
      name: AMAZON,
      extras: ['aiobotocore', 's3fs'],
      specifier: '>= 6.0',
      marker: 'python_version >= "3.8"',
      comment: '# S3 + async',
      line: 1,
    });
    expect(findRequirement(text, 'apache-airflow-providers-postgres').requirement).toMatchObject({ name: 'Apache_Airflow.Providers-Postgres', specifier: '>=5.6' });
    expect(findRequirement(text, 'dbt_core').requirement).toMatchObject({ specifier: '~=1.7.0', marker: 'platform_system != "Windows"' });
    expect(findRequirement(text, 'boto3')).toMatchObject({ requirement: null, matches: [] });
  });

  it('joins continuation lines and ignores comment lines that end in a backslash', () => {
    const parsed = parseRequirements(loadFixture('requirements', 'continuations.txt'));
    expect(parsed.requirements.map((entry) => [entry.name, entry.specifier, entry.marker, entry.line, entry.endLine])).toEqual([
      [AMAZON, '>=5.0.0', 'python_version > "3.8"', 1, 3],
      ['requests', '==2.31.0', null, 4, 4],
      ['boto3', '>=1.28', null, 6, 6],
    ]);
  });

  it('lists -r and -c files for the caller to follow, and options lines', () => {
    const found = findRequirement(loadFixture('requirements', 'includes.txt'), 'great_expectations');
    expect(found.requirement?.specifier).toBe('>=0.18');
    expect(found.includes).toEqual([
      { kind: 'requirements', path: 'base-requirements.txt', line: 1 },
      { kind: 'requirements', path: 'dev-requirements.txt', line: 2 },
      { kind: 'constraints', path: 'constraints.txt', line: 3 },
    ]);
    const editable = findRequirement(loadFixture('requirements', 'includes.txt'), 'acme-airflow-plugins').requirement;
    expect(editable).toMatchObject({ editable: true, url: 'git+https://github.com/acme/airflow-plugins.git@v1.2.0#egg=acme_airflow_plugins' });
    expect(parseRequirements(loadFixture('requirements', 'includes.txt')).options.map((option) => option.option)).toEqual([
      '-r',
      '--requirement',
      '-c',
      '--index-url',
      '--extra-index-url',
      '-e',
      '--trusted-host',
    ]);
  });

  it('reads hashes and direct references', () => {
    const hashes = parseRequirements(loadFixture('requirements', 'hashes.txt'));
    expect(hashes.hashCheckingMode).toBe(true);
    expect(hashes.requirements[0]).toMatchObject({ name: AMAZON, specifier: '==8.19.0', line: 4, endLine: 6 });
    expect(hashes.requirements[0]?.hashes).toHaveLength(2);
    const urls = parseRequirements(loadFixture('requirements', 'urls-vcs.txt'));
    expect(urls.requirements.map((entry) => [entry.name, entry.url !== null])).toEqual([
      [AMAZON, true],
      ['acme_hooks', true],
      [null, true],
      ['requests', false],
    ]);
  });

  it('reports invalid specifiers and duplicates as problems', () => {
    const parsed = parseRequirements('pkg>=1.0\nPKG==banana\n');
    expect(parsed.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['invalid-specifier', 2],
      ['duplicate-requirement', 2],
    ]);
  });

  it('normalises names per PEP 503', () => {
    expect(normalizeProjectName('Apache_Airflow.Providers--Amazon')).toBe(AMAZON);
  });
});

describe('ensureRequirement over the fixture corpus', () => {
  it.each(fixtures)('$name: the result guarantees the minimum and changes at most one line (or appends one)', ({ text }) => {
    const plan = planRequirement(text, AMAZON, '>=5.1.0');
    if (!plan.ok) {
      expect(plan.problems.map((problem) => problem.code)).toEqual(['hash-checking-mode']);
      return;
    }
    const { removed, added } = lineChanges(text, plan.text);
    if (plan.action === 'unchanged' || plan.action === 'unverifiable') {
      expect(plan.text).toBe(text);
      return;
    }
    const after = findRequirement(plan.text, AMAZON);
    expect(specifierGuarantees(after.matches.map((entry) => entry.specifier).join(','), '>=5.1.0')).toBe('yes');
    const before = parseRequirements(text).requirements.filter((entry) => entry.normalizedName !== AMAZON);
    expect(parseRequirements(plan.text).requirements.filter((entry) => entry.normalizedName !== AMAZON)).toEqual(before);
    const ownLine = (line: number): boolean => after.matches.some((entry) => line >= entry.line && line <= entry.endLine);
    const gainedBreak = (text: string): boolean => removed.some((old) => old.text.replace(/\r?\n$/, '') === text.replace(/\r?\n$/, ''));
    expect(added.every((line) => ownLine(line.line) || gainedBreak(line.text))).toBe(true);
    expect(removed.length).toBeLessThanOrEqual(1);
    expect(ensureRequirement(plan.text, AMAZON, '>=5.1.0')).toBe(plan.text);
  });
});

describe('ensureRequirement edits', () => {
  it('leaves a requirement that already guarantees the minimum untouched', () => {
    const text = 'apache-airflow-providers-amazon~=8.1\n';
    expect(planRequirement(text, AMAZON, '>=7.3.0')).toMatchObject({ ok: true, action: 'unchanged', before: 'yes', text });
  });

  it('rewrites only the specifier, keeping extras, markers and comments', () => {
    const text = loadFixture('requirements', 'extras-markers.txt');
    const after = ensureRequirement(text, AMAZON, '>=7.3.0');
    expect(lineChanges(text, after)).toEqual({
      removed: [{ line: 1, text: 'apache-airflow-providers-amazon[aiobotocore,s3fs] >= 6.0 ; python_version >= "3.8"  # S3 + async\n' }],
      added: [{ line: 1, text: 'apache-airflow-providers-amazon[aiobotocore,s3fs] >=7.3.0 ; python_version >= "3.8"  # S3 + async\n' }],
    });
  });

  it('keeps an upper bound that still allows the minimum, and drops one that does not', () => {
    expect(ensureRequirement(loadFixture('requirements', 'basic.txt'), AMAZON, '>=7.3.0').split('\n')[1]).toBe('apache-airflow-providers-amazon>=7.3.0,<9');
    expect(ensureRequirement('apache-airflow-providers-amazon<7,!=6.0.1\n', AMAZON, '>=7.3.0')).toBe('apache-airflow-providers-amazon>=7.3.0\n');
    expect(ensureRequirement('apache-airflow-providers-amazon==8.*\n', AMAZON, '>=5.1.0')).toBe('apache-airflow-providers-amazon==8.*\n');
  });

  it('adds a specifier to an unpinned requirement and inside parentheses', () => {
    expect(ensureRequirement('pandas\napache-airflow-providers-amazon  # latest please\n', AMAZON, '>=5.1.0')).toBe('pandas\napache-airflow-providers-amazon>=5.1.0  # latest please\n');
    expect(ensureRequirement('apache-airflow-providers-amazon (>=4)\n', AMAZON, '>=5.1.0')).toBe('apache-airflow-providers-amazon (>=5.1.0)\n');
    expect(ensureRequirement('apache-airflow-providers-amazon;python_version>"3.8"\n', AMAZON, '>=5.1.0')).toBe('apache-airflow-providers-amazon>=5.1.0;python_version>"3.8"\n');
  });

  it('rewrites a specifier split over continuation lines in place', () => {
    const text = loadFixture('requirements', 'continuations.txt');
    expect(ensureRequirement(text, AMAZON, '>=7.0').split('\n').slice(0, 3)).toEqual(['apache-airflow-providers-amazon \\', '    >=7.0 \\', '    ; python_version > "3.8"']);
  });

  it('appends when missing, keeping CRLF and a missing final newline', () => {
    expect(ensureRequirement(loadFixture('requirements', 'astro-init.txt'), AMAZON, '>=5.1.0')).toBe(`${loadFixture('requirements', 'astro-init.txt')}apache-airflow-providers-amazon>=5.1.0\n`);
    expect(ensureRequirement(loadFixture('requirements', 'crlf.txt'), 'boto3', '>=1.28')).toBe('apache-airflow-providers-amazon==7.1.0\r\nastronomer-cosmos>=1.3\r\nboto3>=1.28\r\n');
    expect(ensureRequirement(loadFixture('requirements', 'no-trailing-newline.txt'), AMAZON, '>=5.1.0')).toBe('astronomer-cosmos>=1.3\napache-airflow-providers-slack\napache-airflow-providers-amazon>=5.1.0');
    expect(ensureRequirement('pandas \\', AMAZON, '>=5.1.0')).toBe('pandas \\\n\napache-airflow-providers-amazon>=5.1.0');
    expect(ensureRequirement('', AMAZON, '>=5.1.0')).toBe('apache-airflow-providers-amazon>=5.1.0\n');
  });

  it('does not touch direct references and hash-pinned files', () => {
    const urls = loadFixture('requirements', 'urls-vcs.txt');
    expect(planRequirement(urls, AMAZON, '>=5.1.0')).toMatchObject({ ok: true, action: 'unverifiable', text: urls, line: 1 });
    const hashes = planRequirement(loadFixture('requirements', 'hashes.txt'), 'boto3', '>=1.35');
    expect(hashes.ok ? null : hashes.problems.map((problem) => problem.code)).toEqual(['hash-checking-mode']);
    expect(() => ensureRequirement(loadFixture('requirements', 'hashes.txt'), 'boto3', '>=1.35')).toThrow(AppError);
  });

  it('rejects invalid arguments', () => {
    expect(() => ensureRequirement('', 'not a name', '>=1')).toThrow(AppError);
    expect(() => ensureRequirement('', AMAZON, 'at least five')).toThrow(AppError);
    expect(() => ensureRequirement('', AMAZON, '')).toThrow(AppError);
  });
});
