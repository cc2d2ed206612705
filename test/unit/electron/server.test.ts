/**
 * Browser mode's HTTP adapter: every rejection the issue lists, checked with raw HTTP requests
 * (fetch cannot forge a Host header), against a real server on 127.0.0.1.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../electron/dispatch';
import { MAX_BODY_BYTES, startBrowserServer, type BrowserServer } from '../../../electron/server';
import { createEventHub } from '../../../electron/services/event-hub';
import { createMemoryLogger } from '../../../electron/services/log';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser-mode server', () => {
  let server: BrowserServer;
  let staticDir: string;
  let calls = 0;
  const events = createEventHub();

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-static-'));
    await mkdir(path.join(staticDir, 'assets'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Airlock</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(os.tmpdir(), 'airlock-outside.txt'), 'outside');
    const handlers = new Proxy({}, {
      get: () => () => {
        calls += 1;
        return Promise.resolve({ name: 'Airlock', version: 'test', mode: 'browser', platform: 'linux' });
      },
    }) as Handlers;
    server = await startBrowserServer({ handlers, events, log: createMemoryLogger(), staticDir });
  });

  afterAll(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${server.port}`;
  const authed = (extra: Record<string, string> = {}) => ({ Host: host(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...extra });

  it('binds to 127.0.0.1 on a random port and uses a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 200 with the API result when the token is right', async () => {
    const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Airlock' } });
  });

  it('answers 200 for localhost:PORT as Host too', async () => {
    const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Host: `localhost:${server.port}` }), body: '{}' });
    expect(res.status).toBe(200);
  });

  it('answers 401 without a token or with a wrong one, before running anything', async () => {
    const before = calls;
    const none = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: { Host: host(), 'Content-Type': 'application/json' }, body: '{}' });
    const wrong = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Authorization: `Bearer ${server.token.slice(0, -1)}x` }), body: '{}' });
    const events401 = await raw(server.port, { path: '/api/events', headers: { Host: host() } });
    expect([none.status, wrong.status, events401.status]).toEqual([401, 401, 401]);
    expect(calls).toBe(before);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const badHost of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Host: badHost }), body: '{}' });
      expect(res.status, badHost).toBe(403);
    }
    const page = await raw(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('answers 403 to a cross-site Origin, even with the token', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Origin: origin }), body: '{}' });
      expect(res.status, origin).toBe(403);
    }
    const sameOrigin = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Origin: `http://${host()}` }), body: '{}' });
    expect(sameOrigin.status).toBe(200);
    const fetchMeta = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ 'Sec-Fetch-Site': 'cross-site' }), body: '{}' });
    expect(fetchMeta.status).toBe(403);
  });

  it('never sends CORS headers, also not to a preflight', async () => {
    const preflight = await raw(server.port, { method: 'OPTIONS', path: '/api/app.info', headers: { Host: host(), Origin: `http://${host()}`, 'Access-Control-Request-Method': 'POST' } });
    const call = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ Origin: `http://${host()}` }), body: '{}' });
    for (const res of [preflight, call]) {
      expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(preflight.status).not.toBe(200);
  });

  it('answers 413 to a body over 1 MiB, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const declared = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ 'Content-Length': String(big.length) }), body: big });
    expect(declared.status).toBe(413);
    const chunked = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ 'Transfer-Encoding': 'chunked' }), body: big });
    expect(chunked.status).toBe(413);
  });

  it('answers 404 to an unknown method, 405 to GET on a method, 415 to a non-JSON body', async () => {
    expect((await raw(server.port, { method: 'POST', path: '/api/secrets.explode', headers: authed(), body: '{}' })).status).toBe(404);
    expect((await raw(server.port, { path: '/api/app.info', headers: authed() })).status).toBe(405);
    expect((await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed({ 'Content-Type': 'text/plain' }), body: '{}' })).status).toBe(415);
  });

  it('answers malformed JSON with INVALID_INPUT data', async () => {
    const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed(), body: '{not json' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves static files with the strict CSP, falls back to index.html for routes, refuses traversal', async () => {
    const index = await raw(server.port, { path: '/', headers: { Host: host() } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const asset = await raw(server.port, { path: '/assets/app.js', headers: { Host: host() } });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await raw(server.port, { path: '/secrets', headers: { Host: host() } })).body).toContain('<title>Airlock');
    for (const attack of ['/../airlock-outside.txt', '/%2e%2e/airlock-outside.txt', '/assets/..%2f..%2fairlock-outside.txt', '/%5c..%5cairlock-outside.txt']) {
      const res = await raw(server.port, { path: attack, headers: { Host: host() } });
      expect(res.body, attack).not.toContain('outside');
    }
    expect((await raw(server.port, { path: '/assets/missing.js', headers: { Host: host() } })).status).toBe(404);
  });

  it('streams events over SSE to an authorised client', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: authed() }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) events.emit('task.progress', { taskId: 't1', label: 'Listing', done: 1, total: 2 });
          if (text.includes('event: task.progress')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    expect(text).toContain('data: {"taskId":"t1","label":"Listing","done":1,"total":2}');
  });

  it('exchanges a launch code for the token exactly once', async () => {
    const code = server.issueLaunchCode();
    const claim = () => raw(server.port, { method: 'POST', path: '/auth/claim', headers: { Host: host(), 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await claim();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ token: server.token });
    expect((await claim()).status).toBe(401);
    const forged = await raw(server.port, { method: 'POST', path: '/auth/claim', headers: { Host: host(), 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'guess' }) });
    expect(forged.status).toBe(401);
    const crossSite = await raw(server.port, { method: 'POST', path: '/auth/claim', headers: { Host: host(), Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: JSON.stringify({ code: server.issueLaunchCode() }) });
    expect(crossSite.status).toBe(403);
  });
});
