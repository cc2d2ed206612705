import { describe, expect, it, afterEach } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertLoadable, loadFileProblem, maxLoadFileLineBytes, removeStaleLoadFolders, renderLoadFile, withLoadFile } from '../../../../electron/services/astro/load-file';
import { createMemoryLogger } from '../../../../electron/services/log';

/**
 * What the Astro CLI's `--load` reader does to one `KEY=VALUE` line (reference/astro-cli.md §1.2):
 * split at the first `=`, strip `"` then `'` from both ends, then trim whitespace.
 */
function astroLoadClean(line: string): { key: string; value: string } | null {
  if (line.startsWith('#') || line === '' || !line.includes('=')) return null;
  const eq = line.indexOf('=');
  const value = line
    .slice(eq + 1)
    .replace(/^"+|"+$/g, '')
    .replace(/^'+|'+$/g, '')
    .replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
  return { key: line.slice(0, eq), value };
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('loadFileProblem: can this variable go through --load exactly?', () => {
  it('accepts values the CLI keeps as they are', () => {
    for (const value of ['dev', 'a=b=c', 'x # not a comment', 'say "hi" now', "it's", '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables"}', 'héllo wörld 🚀', 'a\tb', '#starts-with-hash']) {
      expect(loadFileProblem('KEY', value), value).toBeNull();
    }
  });

  it('refuses what the CLI would drop or change, saying why without showing the value', () => {
    const cases: [string, string][] = [
      ['', 'empty-value'],
      ['line1\nline2', 'line-break'],
      ['ends with CR\r', 'line-break'],
      ['"quoted"', 'edge-quote'],
      ["'single'", 'edge-quote'],
      ['trailing"', 'edge-quote'],
      [' leading space', 'edge-whitespace'],
      ['trailing tab\t', 'edge-whitespace'],
      ['nbsp\u00a0', 'edge-whitespace'],
      ['next-line\u0085', 'edge-whitespace'],
      ['nul\u0000inside', 'nul-character'],
      ['bad \ud800 surrogate', 'invalid-unicode'],
      ['x'.repeat(maxLoadFileLineBytes), 'too-long'],
    ];
    for (const [value, reason] of cases) {
      const problem = loadFileProblem('MY_VAR', value);
      expect(problem?.reason, JSON.stringify(value.slice(0, 20))).toBe(reason);
      expect(problem?.message).toContain('MY_VAR');
      if (value.trim().length > 2) expect(problem?.message).not.toContain(value.trim());
    }
  });

  it('refuses keys the CLI would keep verbatim but that are not variable names', () => {
    for (const key of ['', 'export FOO', ' FOO', '#FOO', 'A=B', '1ABC', 'FOO-BAR']) {
      expect(loadFileProblem(key, 'v')?.reason, JSON.stringify(key)).toBe('invalid-key');
    }
    expect(loadFileProblem('AIRFLOW__SECRETS__BACKEND_KWARGS', 'v')).toBeNull();
  });

  it('accepts only values that survive the CLI reader unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        if (loadFileProblem('KEY', value) !== null) return;
        const line = renderLoadFile([{ key: 'KEY', value }]).replace(/\n$/, '');
        expect(line.includes('\n')).toBe(false);
        expect(astroLoadClean(line)).toEqual({ key: 'KEY', value });
      }),
    );
  });

  it('accepts the long-but-legal boundary and refuses one byte more', () => {
    const room = maxLoadFileLineBytes - 'K='.length;
    expect(loadFileProblem('K', 'x'.repeat(room))).toBeNull();
    expect(loadFileProblem('K', 'x'.repeat(room + 1))?.reason).toBe('too-long');
  });
});

describe('assertLoadable', () => {
  it('refuses an empty batch and duplicate keys', () => {
    expect(thrownBy(() => assertLoadable([]))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      thrownBy(() =>
        assertLoadable([
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
        ]),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', details: { duplicateKeys: ['A'] } });
  });

  it('lists every problem in the details', () => {
    const error = thrownBy(() =>
      assertLoadable([
        { key: 'A', value: ' x' },
        { key: 'B', value: 'fine' },
        { key: 'C', value: '' },
      ]),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { problems: [expect.objectContaining({ key: 'A', reason: 'edge-whitespace' }), expect.objectContaining({ key: 'C', reason: 'empty-value' })] },
    });
  });
});

/** Temporary folders standing in for the OS temp folder, removed after each test. */
const roots: string[] = [];
const newRoot = (prefix = 'load-file-test-') => {
  const root = mkdtempSync(join(tmpdir(), prefix));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('withLoadFile', () => {

  it('writes a private file (0600 in a 0700 folder) that exists only while it is used', async () => {
    const root = newRoot();
    const variables = [
      { key: 'A', value: 'one' },
      { key: 'B', value: 'two=2 # not a comment' },
    ];
    let seenPath = '';
    const result = await withLoadFile(
      variables,
      (path) => {
        seenPath = path;
        expect(statSync(path).mode & 0o777).toBe(0o600);
        expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
        expect(readFileSync(path, 'utf8')).toBe('A=one\nB=two=2 # not a comment\n');
        return Promise.resolve('done');
      },
      { tempRoot: root },
    );
    expect(result).toBe('done');
    expect(existsSync(seenPath)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('deletes the file when the command fails', async () => {
    const root = newRoot();
    await expect(withLoadFile([{ key: 'A', value: 'x' }], () => Promise.reject(new Error('boom')), { tempRoot: root })).rejects.toThrow('boom');
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses unrepresentable values before writing anything', async () => {
    const root = newRoot();
    let called = false;
    await expect(
      withLoadFile(
        [{ key: 'A', value: 'multi\nline' }],
        () => {
          called = true;
          return Promise.resolve();
        },
        { tempRoot: root },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(called).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('removeStaleLoadFolders', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('issue 9 item 5: removes the private folder a deploy that crashed left behind, and logs its name, never what it held', async () => {
    const root = newRoot();
    // A real Airlock process writes its --load file and dies before its `finally` can delete it.
    const module = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../electron/services/astro/load-file.ts');
    const crash = `const { withLoadFile } = await import(${JSON.stringify(module)}); await withLoadFile([{ key: 'AWS_SECRET_ACCESS_KEY', value: ${JSON.stringify(SECRET)} }], () => process.exit(3), { tempRoot: ${JSON.stringify(root)} });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', crash], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(3);
    const [left] = readdirSync(root);
    expect(left).toMatch(new RegExp(`^airlock-astro-${child.pid}-[A-Za-z0-9]{6}$`));
    expect(readFileSync(join(root, left ?? '', 'variables.env'), 'utf8')).toContain(SECRET);

    const log = createMemoryLogger();
    expect(await removeStaleLoadFolders({ tempRoot: root, log })).toEqual({ removed: [left], kept: [] });
    expect(readdirSync(root)).toEqual([]);
    expect(log.lines.join('\n')).toContain(left);
    expect(log.lines.join('\n')).not.toContain(SECRET);
    expect(log.lines.join('\n')).not.toContain('variables.env');
  });

  it('leaves alone whatever is not a dead Airlock run\'s own folder: links, other users\' folders, running processes\' and recent unnamed ones', async () => {
    const root = newRoot();
    const outside = newRoot('load-file-outside-');
    writeFileSync(join(outside, 'variables.env'), 'KEEP=me\n');
    const make = (name: string, ageMs = 0): string => {
      const folder = join(root, name);
      mkdirSync(folder, { mode: 0o700 });
      writeFileSync(join(folder, 'variables.env'), `AWS_SECRET_ACCESS_KEY=${SECRET}\n`, { mode: 0o600 });
      const when = new Date(Date.parse('2026-08-01T12:00:00Z') - ageMs);
      utimesSync(folder, when, when);
      return folder;
    };
    const DEAD = 999_991;
    const RUNNING = 999_992;
    make(`airlock-astro-${DEAD}-aaaaaa`);
    make(`airlock-astro-${RUNNING}-bbbbbb`);
    make(`airlock-astro-${process.pid}-cccccc`);
    make('airlock-astro-Old123', 11 * 60 * 1000);
    make('airlock-astro-New123', 60 * 1000);
    make('airlock-astro-home');
    symlinkSync(outside, join(root, `airlock-astro-${DEAD}-linked`));
    const foreign = make(`airlock-astro-${DEAD}-dddddd`);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(foreign, 4242, 4242);

    const report = await removeStaleLoadFolders({ tempRoot: root, log: createMemoryLogger(), isRunning: (pid) => pid === RUNNING, now: () => new Date('2026-08-01T12:00:00Z') });
    expect([...report.removed].sort()).toEqual([`airlock-astro-${DEAD}-aaaaaa`, 'airlock-astro-Old123', ...(asRoot ? [] : [`airlock-astro-${DEAD}-dddddd`])].sort());
    expect(Object.fromEntries(report.kept.map((item) => [item.name, item.reason]))).toEqual({
      [`airlock-astro-${RUNNING}-bbbbbb`]: `made by a running process (${RUNNING}), perhaps another Airlock`,
      [`airlock-astro-${process.pid}-cccccc`]: `made by a running process (${process.pid}), perhaps another Airlock`,
      'airlock-astro-New123': 'recent, and made by an Airlock version that does not name its process: it may still be in use',
      [`airlock-astro-${DEAD}-linked`]: 'not a folder (a symbolic link is never followed)',
      ...(asRoot ? { [`airlock-astro-${DEAD}-dddddd`]: 'owned by another user' } : {}),
    });
    expect(readdirSync(root).sort()).toEqual(
      ['airlock-astro-home', `airlock-astro-${RUNNING}-bbbbbb`, `airlock-astro-${process.pid}-cccccc`, 'airlock-astro-New123', `airlock-astro-${DEAD}-linked`, ...(asRoot ? [`airlock-astro-${DEAD}-dddddd`] : [])].sort(),
    );
    expect(readFileSync(join(outside, 'variables.env'), 'utf8')).toBe('KEEP=me\n');
  });

  it('says nothing and removes nothing when the temp folder cannot be read', async () => {
    const log = createMemoryLogger();
    expect(await removeStaleLoadFolders({ tempRoot: join(newRoot(), 'missing'), log })).toEqual({ removed: [], kept: [] });
    expect(log.lines).toEqual([]);
  });
});
