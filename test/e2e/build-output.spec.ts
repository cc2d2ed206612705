/**
 * Checks on the built app (`npm run test:e2e` builds before Playwright runs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { resolveAppUrl } from '../../electron/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

test('the sandboxed preload bundle requires nothing but electron', () => {
  const preload = readFileSync('dist-electron/preload.cjs', 'utf8');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
  expect([...new Set(required)]).toEqual(['electron']);
});

test('the built page has no inline script and the same script/style rules as the served CSP', () => {
  const html = readFileSync('dist/renderer/index.html', 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style/);
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  for (const directive of ["script-src 'self'", "style-src 'self'", "default-src 'none'"]) {
    expect(meta).toContain(directive);
    expect(CONTENT_SECURITY_POLICY).toContain(directive);
  }
});

test('issue 12 item 4: the initial script leaves the code editor to a chunk of its own, and every chunk is a file the app:// resolver serves', () => {
  const root = path.resolve('dist/renderer');
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  // What the page loads before anything runs: the entry script and the modules it preloads.
  const initial = [...html.matchAll(/<(?:script type="module"[^>]*\bsrc|link rel="modulepreload"[^>]*\bhref)="\.\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  expect(initial.length, 'no entry script found in index.html').toBeGreaterThan(0);
  const chunks = readdirSync(path.join(root, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`);
  const editorChunks = chunks.filter((file) => readFileSync(path.join(root, file), 'utf8').includes('cm-editor'));
  expect(editorChunks, 'CodeMirror is in no chunk').not.toEqual([]);
  for (const file of editorChunks) expect(initial, `${file} (CodeMirror) loads with the first screen`).not.toContain(file);
  // Every module a chunk imports, statically or lazily, is a file the resolver maps to itself.
  for (const file of chunks) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
      const target = `assets/${match[1] ?? ''}`;
      expect(existsSync(path.join(root, target)), `${file} imports ${target}, which was not built`).toBe(true);
      expect(resolveAppUrl(root, `app://bundle/${target}`)).toBe(path.join(root, target));
    }
  }
});
