/**
 * Browser mode's HTTP adapter: every rejection the issue lists, checked with raw HTTP requests
 * (fetch cannot forge a Host header), against a real server on 127.0.0.1.
 */
import fc from 'fast-check';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../electron/dispatch';
import { MAX_BODY_BYTES, startBrowserServer, type BrowserServer } from '../../../electron/server';
import { LAUNCH_CODE_TTL_MS } from '../../../electron/services/browser-session';
import { createEventHub } from '../../../electron/services/event-hub';
import { createMemoryLogger } from '../../../electron/services/log';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import { rawExchange, rawRequest } from '../../integration/raw-http';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The status of a request whose answer may never end (the event stream): resolves on the status
 * line and closes the connection, so a wrong answer fails at once with the status in the message.
 */
function statusOf(port: number, options: { path: string; headers?: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: options.path, headers: options.headers }, (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    req.end();
  });
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
  const log = createMemoryLogger();
  const events = createEventHub();

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-static-'));
    await mkdir(path.join(staticDir, 'assets'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Airlock</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(os.tmpdir(), 'airlock-outside.txt'), 'outside');
    const handlers = new Proxy({}, {
      get: (_target, method) => () => {
        calls += 1;
        // A result JSON cannot carry: the answer fails after the handler ran, inside the request path.
        if (method === 'settings.get') return Promise.resolve({ size: 1n });
        return Promise.resolve({ name: 'Airlock', version: 'test', mode: 'browser', platform: 'linux' });
      },
    }) as Handlers;
    server = await startBrowserServer({ handlers, events, log, staticDir });
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
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(calls).toBe(before);
  });

  it('issue 9 item 19: the event stream answers 401 without a token, read from the status line alone', async () => {
    // An authorised stream never ends, so reading a whole answer would only fail by timing out.
    expect(await statusOf(server.port, { path: '/api/events', headers: { Host: host() } }), 'GET /api/events without a token').toBe(401);
    expect(await statusOf(server.port, { path: '/api/events', headers: { Host: host(), Authorization: 'Bearer not-the-token' } }), 'GET /api/events with a wrong token').toBe(401);
    expect(await statusOf(server.port, { path: '/api/events', headers: authed() }), 'GET /api/events with the token').toBe(200);
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

  it('issue 9 item 7: a malformed request target answers 400 without a token, and the server keeps answering', async () => {
    // The exact bytes of `printf 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n' | nc 127.0.0.1 PORT`.
    const res = await rawExchange(server.port, `GET //[ HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 400 /);
    for (const target of ['*', 'http://127.0.0.1/api/app.info', '//[::1', '/%', '/api/%']) {
      const other = await rawExchange(server.port, rawRequest(`GET ${target} HTTP/1.1`, [['Host', host()]]));
      expect(other.status, target).toBeGreaterThanOrEqual(400);
      expect(other.status, target).toBeLessThan(500);
    }
    await expectServerAlive();
  });

  it('issue 9 item 7: a malformed escape in an API method name answers 400, with the token', async () => {
    const res = await rawExchange(server.port, rawRequest('POST /api/%E0%A4%A HTTP/1.1', [['Host', host()], ['Authorization', `Bearer ${server.token}`], ['Content-Type', 'application/json']], '{}'));
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 400 /);
    await expectServerAlive();
  });

  it('issue 9 item 7: malformed HTTP answers 400 (431 for an oversized head) and the connection closes', async () => {
    const broken = [
      `GET / HTTP/1.1\r\nHost: ${host()}\r\nno colon here\r\n\r\n`,
      `GET / HTTP/9.9\r\nHost: ${host()}\r\n\r\n`,
      `GET /\u0000 HTTP/1.1\r\nHost: ${host()}\r\n\r\n`,
      `POST /api/app.info HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}`,
      `POST /api/app.info HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: -1\r\n\r\n`,
    ];
    for (const bytes of broken) {
      const res = await rawExchange(server.port, bytes);
      expect(res.status, JSON.stringify(bytes)).toBe(400);
      expect(res.text.toLowerCase(), JSON.stringify(bytes)).toContain('connection: close');
    }
    const oversized = await rawExchange(server.port, `GET / HTTP/1.1\r\nHost: ${host()}\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(oversized.status).toBe(431);
    await expectServerAlive();
  });

  it('issue 9 item 7: a second Host, Origin or Authorization header is refused, even next to good ones', async () => {
    const good: [string, string][] = [['Host', host()], ['Authorization', `Bearer ${server.token}`], ['Content-Type', 'application/json']];
    const abuses: [string, [string, string][]][] = [
      ['two Host headers', [...good, ['Host', 'evil.example']]],
      ['two Origin headers', [...good, ['Origin', `http://${host()}`], ['Origin', 'https://evil.example']]],
      ['two Authorization headers', [...good, ['Authorization', 'Bearer other']]],
      ['two Sec-Fetch-Site headers', [...good, ['Sec-Fetch-Site', 'same-origin'], ['Sec-Fetch-Site', 'cross-site']]],
    ];
    const before = calls;
    for (const [label, headers] of abuses) {
      const res = await rawExchange(server.port, rawRequest('POST /api/app.info HTTP/1.1', headers, '{}'));
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
    }
    expect(calls).toBe(before);
  });

  it('issue 9 item 7: a failure inside the request path answers 500, logs one redacted line, and the server lives on', async () => {
    const linesBefore = log.lines.length;
    const res = await rawExchange(server.port, rawRequest('POST /api/settings.get HTTP/1.1', Object.entries(authed()), '{}'));
    expect(res.status).toBe(500);
    const logged = log.lines.slice(linesBefore);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('could not answer a request');
    expect(logged.join('\n')).not.toContain(server.token);
    await expectServerAlive();
  });

  it('issue 9 item 7: fuzzed request lines never stop the server; a good request is answered after each', async () => {
    const methods = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', 'get', 'G\u00e9T', '');
    const targetChars = fc.constantFrom('/', '/', '%', '[', ']', '@', ':', '?', '#', '.', '\\', 'E0', 'A4', 'api', 'auth', 'claim', 'events', 'app.info', '\u00e9', '\u0000', ' ', '%00', '%2e', '//');
    const targets = fc.array(targetChars, { maxLength: 12 }).map((parts) => parts.join(''));
    const versions = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', '', 'http/1.1');
    await fc.assert(
      fc.asyncProperty(methods, targets, versions, fc.boolean(), async (method, target, version, withToken) => {
        const headers: [string, string][] = [['Host', host()], ['Content-Type', 'application/json']];
        if (withToken) headers.push(['Authorization', `Bearer ${server.token}`]);
        const res = await rawExchange(server.port, Buffer.from(rawRequest(`${method} ${target} ${version}`, headers, '{}'), 'latin1'));
        // Any refusal is fine; a 5xx would mean something threw inside the request path.
        expect(res.status, `${method} ${target} ${version}`).toBeLessThan(500);
        const alive = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed(), body: '{}' });
        expect(alive.status, `after ${method} ${target} ${version}`).toBe(200);
      }),
      { numRuns: 100 },
    );
  });

  async function expectServerAlive(): Promise<void> {
    const res = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: authed(), body: '{}' });
    expect(res.status, 'a good request after the bad one').toBe(200);
  }
});

describe('browser-mode launch codes and session tokens', () => {
  let server: BrowserServer;
  let staticDir: string;
  let clock = Date.parse('2026-03-01T09:00:00Z');
  const replacedTokens: string[] = [];
  const log = createMemoryLogger();

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-static-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Airlock</title>');
    const handlers = new Proxy({}, { get: () => () => Promise.resolve({ name: 'Airlock' }) }) as Handlers;
    server = await startBrowserServer({ handlers, events: createEventHub(), log, staticDir, now: () => clock, onTokenReplaced: (token) => replacedTokens.push(token) });
  });

  afterAll(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${server.port}`;
  const claim = (code: string, extra: Record<string, string> = {}) =>
    raw(server.port, { method: 'POST', path: '/auth/claim', headers: { Host: host(), 'Content-Type': 'application/json', ...extra }, body: JSON.stringify({ code }) });
  const callWith = (token: string) => raw(server.port, { method: 'POST', path: '/api/app.info', headers: { Host: host(), Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });

  it('exchanges a launch code for the token, refuses guesses and cross-site claims', async () => {
    const launch = server.issueLaunchCode();
    let claimed = 0;
    launch.onClaimed(() => { claimed += 1; });
    const first = await claim(launch.code);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ token: server.token });
    expect(claimed).toBe(1);
    const forged = await claim('guess');
    expect([forged.status, JSON.parse(forged.body)]).toEqual([401, { refusal: 'code-unknown' }]);
    expect((await claim(server.issueLaunchCode().code, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await claim(server.issueLaunchCode().code, { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' })).status).toBe(403);
  });

  it('issue 9 item 19: a launch code claimed after its lifetime answers 401 code-expired', async () => {
    const launch = server.issueLaunchCode();
    clock += LAUNCH_CODE_TTL_MS;
    const inTime = server.issueLaunchCode();
    clock += 1;
    const late = await claim(launch.code);
    expect(late.status, 'a code one millisecond past its lifetime').toBe(401);
    expect(JSON.parse(late.body)).toEqual({ refusal: 'code-expired' });
    expect((await claim(inTime.code)).status, 'a code one millisecond into its lifetime').toBe(200);
  });

  it('issue 9 item 8: a second claim of a used code revokes the token, says so, and issues a fresh one', async () => {
    const launch = server.issueLaunchCode();
    const first = await claim(launch.code);
    const oldToken = (JSON.parse(first.body) as { token: string }).token;
    expect((await callWith(oldToken)).status).toBe(200);
    const streamStatus = await statusOf(server.port, { path: '/api/events', headers: { Host: host(), Authorization: `Bearer ${oldToken}` } });
    expect(streamStatus).toBe(200);

    const linesBefore = log.lines.length;
    const second = await claim(launch.code);
    expect([second.status, JSON.parse(second.body)]).toEqual([401, { refusal: 'code-reused' }]);

    // The page of the first session is told why on its next call; the new token works.
    const oldSession = await callWith(oldToken);
    expect([oldSession.status, JSON.parse(oldSession.body)]).toEqual([401, { refusal: 'revoked' }]);
    expect(server.token).not.toBe(oldToken);
    expect(replacedTokens.at(-1)).toBe(server.token);
    expect((await callWith(server.token)).status).toBe(200);
    // The alarm is logged, without either token.
    const alarm = log.lines.slice(linesBefore).join('\n');
    expect(alarm).toMatch(/claimed a second time/);
    expect(alarm).not.toContain(oldToken);
    expect(alarm).not.toContain(server.token);
  });

  it('tells a tab from an earlier start of Airlock that its session ended', async () => {
    const res = await callWith('a-token-from-yesterday');
    expect([res.status, JSON.parse(res.body)]).toEqual([401, { refusal: 'ended' }]);
    const none = await raw(server.port, { method: 'POST', path: '/api/app.info', headers: { Host: host(), 'Content-Type': 'application/json' }, body: '{}' });
    expect([none.status, JSON.parse(none.body)]).toEqual([401, { refusal: 'no-token' }]);
  });

  it('lets the launch page (a file:// page) navigate to the app, but nothing else cross-site', async () => {
    const navigation = { Host: host(), 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await raw(server.port, { path: '/', headers: navigation })).status).toBe(200);
    expect((await raw(server.port, { path: '/', headers: { ...navigation, 'Sec-Fetch-Mode': 'no-cors' } })).status).toBe(403);
    expect((await raw(server.port, { path: '/api/events', headers: { ...navigation, Authorization: `Bearer ${server.token}` } })).status).toBe(403);
  });
});
