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
