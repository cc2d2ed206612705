/**
 * Checks on the built app (`npm run test:e2e` builds before Playwright runs).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
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
