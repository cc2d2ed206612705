import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { searchRequirements, specifierLowerBound } from '../../../../electron/services/projects/requirements-search';
import { maskFileText } from '../../../../electron/services/projects/masking';
import { kwargsToOneLine, planIgnoreEntry } from '../../../../shared/projects';
import { isPathIgnored } from '../../../../shared/ignore-files';
import { copyFixtureProject, type FixtureCopy } from './fixture-projects';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((item) => item.cleanup()));
});
async function copy(name: Parameters<typeof copyFixtureProject>[0]): Promise<FixtureCopy> {
  const made = await copyFixtureProject(name);
  copies.push(made);
  return made;
}

describe('following requirements includes', () => {
  it('follows -r relative to the including file and reads each file once, even in a cycle', async () => {
    const { root } = await copy('outdated');
    const search = await searchRequirements(root, 'apache-airflow-providers-amazon');
    expect(search.visits.map((visit) => [visit.file, visit.kind, visit.includedFrom])).toEqual([
      ['requirements.txt', 'requirements', null],
      ['requirements-base.txt', 'requirements', { file: 'requirements.txt', line: 1 }],
      ['constraints.txt', 'constraints', { file: 'requirements.txt', line: 2 }],
    ]);
    expect(search.matches.map((match) => [match.file, match.kind, match.entry.specifier, match.entry.extras])).toEqual([
      ['requirements-base.txt', 'requirements', '>= 7.0.0', ['s3fs']],
      ['constraints.txt', 'constraints', '<9', []],
    ]);
  });

  it('finds the package in a nested folder and matches names the way pip normalises them', async () => {
    const { root } = await copy('needs-setup');
    await writeFile(path.join(root, 'requirements', 'base.txt'), 'Apache_Airflow.Providers-Amazon==8.1.0 \\\n  --hash=sha256:abc\n');
    const search = await searchRequirements(root, 'apache-airflow-providers-amazon');
    expect(search.matches.map((match) => [match.file, match.entry.specifier, match.entry.line])).toEqual([['requirements/base.txt', '==8.1.0', 1]]);
  });

  it('does not leave the project, download URLs, or fail on a missing include, and says so', async () => {
    const { root, base } = await copy('needs-setup');
    await writeFile(path.join(base, 'outside.txt'), 'apache-airflow-providers-amazon==1.0\n');
    await mkdir(path.join(root, 'linked'));
    await symlink(path.join(base, 'outside.txt'), path.join(root, 'linked', 'escape.txt'));
    await writeFile(
      path.join(root, 'requirements.txt'),
      ['-r ../outside.txt', `-r ${path.join(base, 'outside.txt')}`, '-r https://example.com/reqs.txt', '-r linked/escape.txt', '-r missing.txt', ''].join('\n'),
    );
    const search = await searchRequirements(root, 'apache-airflow-providers-amazon');
    expect(search.matches).toEqual([]);
    const notes = search.notes.join('\n');
    expect(notes).toContain('Line 1 of requirements.txt includes ../outside.txt, which is outside the project');
    expect(notes).toContain('Line 2 of requirements.txt includes');
    expect(notes).toContain('Line 3 of requirements.txt includes https://example.com/reqs.txt, which Airlock does not download');
    expect(notes).toContain('points outside the project folder');
    expect(notes).toContain('missing.txt is included on line 5 of requirements.txt but does not exist');
  });

  it.each([
    ['>=7.3.0', [7, 3, 0]],
    ['>= 7.0.0,<9', [7, 0, 0]],
    ['==8.25.0', [8, 25, 0]],
    ['~=8.1', [8, 1, 0]],
    ['==9.*', [9, 0, 0]],
    ['>=7,>=8.2', [8, 2, 0]],
    ['<9', null],
    ['', null],
    ['!=7.0', null],
  ] as const)('reads the lower bound of %s', (specifier, expected) => {
    expect(specifierLowerBound(specifier)).toEqual(expected);
  });
});

describe('adding .env to an ignore file', () => {
  it.each([
    ['', '.env\n'],
    ['.astro\n', '.astro\n.env\n'],
    ['.astro', '.astro\n.env'],
    ['.astro\r\nlogs/\r\n', '.astro\r\nlogs/\r\n.env\r\n'],
    ['.env\n!.env\n', '.env\n!.env\n.env\n'],
  ])('appends one line to %j, keeping every other byte', (text, expected) => {
    const plan = planIgnoreEntry(text, '.env', 'git');
    expect(plan).toEqual({ ok: true, text: expected, action: 'added', line: expected.split(/\r?\n/).lastIndexOf('.env') + 1 });
    if (plan.ok) expect(isPathIgnored(plan.text, '.env', 'git').ignored).toBe(true);
  });

  it('leaves a file that already ignores .env unchanged, naming the deciding line', () => {
    expect(planIgnoreEntry('logs/\n*.env\n', '.env', 'git')).toEqual({ ok: true, text: 'logs/\n*.env\n', action: 'unchanged', line: 2 });
    expect(planIgnoreEntry('**/.env\n', '.env', 'docker')).toMatchObject({ action: 'unchanged', line: 1 });
  });

  it('refuses patterns that are not one plain line', () => {
    expect(planIgnoreEntry('', '.env', 'git', '!.env').ok).toBe(false);
    expect(planIgnoreEntry('', '.env', 'git', '.env\nx').ok).toBe(false);
  });
});

describe('masking project files for the window', () => {
  it('masks every .env value except the secrets-backend settings and the region, across multi-line values', () => {
    const text = 'AWS_DEFAULT_REGION=us-east-1\nexport PASSWORD="line one\nline two"\nAIRFLOW__SECRETS__BACKEND_KWARGS={"region_name": "us-east-1"}\nAIRFLOW__SECRETS__BACKEND_KWARGS={"aws_secret_access_key": "x"}\n# a comment\n';
    const masked = maskFileText('.env', text);
    expect(masked.lines).toEqual([
      'AWS_DEFAULT_REGION=us-east-1',
      'export PASSWORD=••••••••',
      '••••••••',
      'AIRFLOW__SECRETS__BACKEND_KWARGS={"region_name": "us-east-1"}',
      'AIRFLOW__SECRETS__BACKEND_KWARGS=••••••••',
      '# a comment',
    ]);
    expect([...masked.maskedLines]).toEqual([2, 3, 5]);
  });

  it('masks only secret-looking ENV values in a Dockerfile', () => {
    const masked = maskFileText('Dockerfile', 'FROM x\nENV STAGE=prod AWS_SECRET_ACCESS_KEY=abc\nENV AIRFLOW__SECRETS__BACKEND=a.b.C\n');
    expect(masked.lines).toEqual(['FROM x', 'ENV STAGE=prod AWS_SECRET_ACCESS_KEY=••••••••', 'ENV AIRFLOW__SECRETS__BACKEND=a.b.C']);
  });
});

describe('writing kwargs on one line', () => {
  it('keeps key order and nesting, and never produces a line break', () => {
    const kwargs = { connections_prefix: 'airflow/connections', extra_conn_words: { login: ['db_user'] }, sep: '\n', config_prefix: null };
    const line = kwargsToOneLine(kwargs);
    expect(line).toBe('{"connections_prefix": "airflow/connections", "extra_conn_words": {"login": ["db_user"]}, "sep": "\\n", "config_prefix": null}');
    expect(JSON.parse(line)).toEqual(kwargs);
  });
});
