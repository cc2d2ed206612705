import { describe, expect, it } from 'vitest';
import { isPathIgnored } from '../../../shared/ignore-files';
import { loadFixture } from './project-files/fixtures';

const astroGit = loadFixture('ignore', 'astro.gitignore');
const astroDocker = loadFixture('ignore', 'astro.dockerignore');
const customGit = loadFixture('ignore', 'custom.gitignore');
const customDocker = loadFixture('ignore', 'custom.dockerignore');

describe('isPathIgnored (git)', () => {
  it('ignores .env at any depth in the Astro template, deciding on line 2', () => {
    expect(isPathIgnored(astroGit, '.env', 'git')).toMatchObject({ ignored: true, line: 2, pattern: '.env', negated: false });
    expect(isPathIgnored(astroGit, 'dags/.env', 'git')).toMatchObject({ ignored: true, line: 2 });
    expect(isPathIgnored(astroGit, 'airflow_settings.yaml', 'git')).toMatchObject({ ignored: true, line: 4 });
    expect(isPathIgnored(astroGit, 'requirements.txt', 'git')).toMatchObject({ ignored: false, line: null });
  });

  it('treats "# ..." after a pattern as part of the pattern, as git does', () => {
    expect(isPathIgnored(astroGit, '.DS_Store', 'git')).toMatchObject({ ignored: false, line: null });
  });

  it('matches directory-only patterns against directories and their contents', () => {
    expect(isPathIgnored(astroGit, 'dags/__pycache__/x.cpython-311.pyc', 'git')).toMatchObject({ ignored: true, line: 5, excludedParent: 'dags/__pycache__' });
    expect(isPathIgnored(astroGit, '__pycache__', 'git')).toMatchObject({ ignored: false });
    expect(isPathIgnored(astroGit, '__pycache__/', 'git')).toMatchObject({ ignored: true });
    expect(isPathIgnored(astroGit, '__pycache__', 'git', { isDirectory: true })).toMatchObject({ ignored: true });
  });

  it.each([
    ['.env', true, 2],
    ['config/prod.env', true, 2],
    ['example.env', false, 3],
    ['build/out.txt', true, 4],
    ['src/build/out.txt', false, null],
    ['logs/a.log', true, 5],
    ['logs/keep.log', false, 6],
    ['docs/a.tmp', true, 7],
    ['docs/x/y/a.tmp', true, 7],
    ['#literal-hash', true, 8],
    ['trailing-space ', true, 9],
    ['trailing-space', false, null],
    ['Temp/file', true, 10],
    ['temp/file', true, 10],
    ['secrets/key.pem', true, 11],
    // A file inside an excluded directory cannot be re-included.
    ['secrets/readme.md', true, 11],
  ])('%s: ignored=%s, decided by line %s', (path, ignored, line) => {
    expect(isPathIgnored(customGit, path, 'git')).toMatchObject({ ignored, line });
  });

  it('accepts Windows separators and leading ./ in the path', () => {
    expect(isPathIgnored(customGit, '.\\config\\prod.env', 'git')).toMatchObject({ ignored: true, line: 2 });
  });
});

describe('isPathIgnored (docker)', () => {
  it('ignores only the top-level .env in the Astro template: patterns are relative to the context', () => {
    expect(isPathIgnored(astroDocker, '.env', 'docker')).toMatchObject({ ignored: true, line: 3 });
    expect(isPathIgnored(astroDocker, 'dags/.env', 'docker')).toMatchObject({ ignored: false, line: null });
    expect(isPathIgnored(astroDocker, 'logs/scheduler/latest.log', 'docker')).toMatchObject({ ignored: true, line: 5 });
  });

  it.each([
    ['.env', true, 2],
    ['Dockerfile', true, 2],
    ['dags/etl.py', false, 3],
    ['dags/.env', true, 8],
    ['include/.env.example', false, 4],
    ['include/data.csv', false, 4],
    ['requirements.txt', false, 5],
    ['plugins/hook.py', true, 2],
  ])('%s: ignored=%s, decided by line %s', (path, ignored, line) => {
    expect(isPathIgnored(customDocker, path, 'docker')).toMatchObject({ ignored, line });
  });

  it('reads "#" as a comment only in the first column', () => {
    const text = ' #.env\n';
    expect(isPathIgnored(text, '#.env', 'docker')).toMatchObject({ ignored: true, line: 1 });
    expect(isPathIgnored('#.env\n', '#.env', 'docker')).toMatchObject({ ignored: false, line: null });
  });

  it('re-includes files inside an excluded directory, unlike git', () => {
    const text = 'secrets\n!secrets/readme.md\n';
    expect(isPathIgnored(text, 'secrets/readme.md', 'docker')).toMatchObject({ ignored: false, line: 2, negated: true });
    expect(isPathIgnored(text, 'secrets/readme.md', 'git')).toMatchObject({ ignored: true, line: 1 });
  });

  it('cleans patterns like paths and handles ** forms', () => {
    expect(isPathIgnored('/dags/../.env/\n', '.env', 'docker')).toMatchObject({ ignored: true, line: 1 });
    expect(isPathIgnored('**/.env\n', '.env', 'docker')).toMatchObject({ ignored: true });
    expect(isPathIgnored('**/*.env\n', 'a/b/c.env', 'docker')).toMatchObject({ ignored: true });
    expect(isPathIgnored('dags/**\n', 'dags/a/b.py', 'docker')).toMatchObject({ ignored: true });
    expect(isPathIgnored('*.env\n', 'dags/x.env', 'docker')).toMatchObject({ ignored: false });
  });

  it('reports a lone "!" that makes Docker reject the file', () => {
    expect(isPathIgnored('.env\n!\n', '.env', 'docker').problems).toEqual([{ line: 2, severity: 'error', message: 'A "!" without a pattern makes Docker reject the .dockerignore file.' }]);
  });
});

// Differential tables for issue 11 item 12. Each expectation is what the real tool answered:
// git 2.39 `git -c core.ignorecase=false check-ignore -v --no-index` on a file at that path, and
// the docker 28.2 CLI's classic builder (moby/patternmatcher), read from the build context it sent.
describe('isPathIgnored against the real tools', () => {
  it.each([
    ['*.env\n!example.env\n', 'example.env', false, 2],
    ['secrets/\n!secrets/readme.md\n', 'secrets/readme.md', true, 1],
    ['**/x\n', 'a/b/x', true, 1],
    ['x/**\n', 'x/a/b', true, 1],
    ['x/**\n', 'x', false, null],
    ['a/**/b\n', 'a/b', true, 1],
    ['a/**/b\n', 'a/p/q/b', true, 1],
    // A run of asterisks filling a segment is a globstar; our own matcher missed this one.
    ['***/x\n', 'x', true, 1],
    ['d/\n', 'd', false, null],
    ['d/\n', 'd/e', true, 1],
    ['\\#h\n', '#h', true, 1],
    ['#c\n', '#c', false, null],
    ['\\!bang\n', '!bang', true, 1],
    ['*\n!\\!x\n', '!x', false, 2],
    ['/build\n', 'src/build', false, null],
    ['/build\n', 'build', true, 1],
    ['a/b\n', 'q/a/b', false, null],
    ['Foo\n', 'foo', false, null],
    // An unclosed bracket and a slash inside one never match in git; our own matcher matched both.
    ['a[\n', 'a[', false, null],
    ['x[/]y\n', 'x/y', false, null],
    ['[[:digit:]]z\n', '1z', true, 1],
    ['[!a]b\n', 'bb', true, 1],
    ['[!a]b\n', 'ab', false, null],
    ['a?c\n', 'a/c', false, null],
    ['sp  \n', 'sp', true, 1],
    ['a/*\n', 'a/b/c', true, 1],
    ['*\n!*/\n', 'd/e', true, 1],
    ['*\n!*/\n!*.py\n', 'd/e.py', false, 3],
    ['logs/*\n!logs/keep/\n', 'logs/keep/a', false, null],
    ['foo\\\n', 'foo', false, null],
  ])('issue 11 item 12: git flavour agrees with git check-ignore: %j on %j is ignored=%s by line %s', (text, path, ignored, line) => {
    expect(isPathIgnored(text, path, 'git')).toMatchObject({ ignored, line });
  });

  it.each([
    ['.env\n', 'dags/.env', false],
    ['**/.env\n', 'dags/.env', true],
    ['**/.env\n', '.env', true],
    ['/plugins/\n', 'plugins/hook.py', true],
    ['secrets\n!secrets/readme.md\n', 'secrets/readme.md', false],
    ['/dags/../.env/\n', '.env', true],
    // A leading ** is a suffix match in patternmatcher; @balena/dockerignore (moby 19.03) says false to both.
    ['**a\n', 'aa/x', true],
    ['**a\n', 'ba', true],
    ['a/**\n', 'a/b/c', true],
    ['a/**\n', 'a', false],
    ['Dags\n', 'dags/x', false],
    ['*.env\n', 'dags/x.env', false],
    ['a?\n', 'ab', true],
    ['[ab]\n', 'b', true],
    ['\\*\n', '*', true],
    [' #x\n', '#x', true],
    ['#x\n', '#x', false],
    ['a/b\n!a/b/c\n', 'a/b/c', false],
    ['a/b\n!a/b/c\n', 'a/b/d', true],
    ['*\n!dags\n', 'dags/etl.py', false],
    ['*/b\n', 'a/b/c', true],
    ['**/b/**\n', 'x/b/c', true],
    ['dags/\n', 'dags/x', true],
    ['!x\n', 'x', false],
  ])('issue 11 item 12: docker flavour agrees with the docker CLI: %j on %j is ignored=%s', (text, path, ignored) => {
    expect(isPathIgnored(text, path, 'docker').ignored).toBe(ignored);
  });
});
