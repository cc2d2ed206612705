/**
 * Browser mode: the same handler table served over HTTP on 127.0.0.1.
 *
 * This is a real, secured mode, not a test hack. A fresh random token per launch travels in the
 * URL fragment (never sent to the server by the browser) and then as a bearer header; the Host
 * check defeats DNS rebinding, the Origin check defeats cross-site requests, and no CORS headers
 * are ever sent, so no other web page can call the API.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isMethodName } from '../shared/api';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { dispatch, type Handlers } from './dispatch';
import type { EventHub } from './services/event-hub';
import type { Logger } from './services/log';

export const MAX_BODY_BYTES = 1024 * 1024;
const KEEPALIVE_MS = 15_000;

export interface BrowserServerOptions {
  readonly handlers: Handlers;
  readonly events: EventHub;
  readonly log: Logger;
  /** Directory holding the built renderer (index.html and assets). */
  readonly staticDir: string;
  /** 0 or undefined picks a random free port. */
  readonly port?: number;
  /** For tests only; production always generates a fresh token. */
  readonly token?: string;
}

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /**
   * A fresh single-use code that the page exchanges for the token (`POST /auth/claim`), so that
   * a browser can be opened without the token on its command line. Valid for two minutes.
   */
  issueLaunchCode(): string;
  close(): Promise<void>;
}

const LAUNCH_CODE_TTL_MS = 120_000;

const securityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  const launchCodes = new Map<string, number>();
  let port = 0;

  const isAuthorized = (req: IncomingMessage): boolean => {
    const header = Buffer.from(req.headers.authorization ?? '');
    return header.length === tokenBytes.length && timingSafeEqual(header, tokenBytes);
  };

  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
    if (!allowedHosts.includes(req.headers.host ?? '')) return sendText(res, 403, 'Forbidden host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) return sendText(res, 403, 'Forbidden origin');
    if (req.headers['sec-fetch-site'] === 'cross-site') return sendText(res, 403, 'Forbidden origin');

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/auth/claim') {
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      void claimLaunchCode(req, res);
      return;
    }
    if (url.pathname === '/api/events') {
      if (!isAuthorized(req)) return sendText(res, 401, 'Unauthorized');
      if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed');
      return openEventStream(res);
    }
    if (url.pathname.startsWith('/api/')) {
      if (!isAuthorized(req)) return sendText(res, 401, 'Unauthorized');
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      const name = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isMethodName(name)) return sendText(res, 404, 'Unknown API method');
      void handleCall(req, res, name);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    void serveStatic(res, url.pathname, req.method === 'HEAD');
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) return sendText(res, 415, 'Expected application/json');
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) return rejectTooLarge(req, res);
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return rejectTooLarge(req, res);
      return sendText(res, 400, 'Could not read the request body');
    }
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.', retryable: false } });
      }
    }
    const abort = new AbortController();
    res.on('close', () => { if (!res.writableFinished) abort.abort(); });
    const result = await dispatch(options.handlers, name, input, { transport: 'http', signal: abort.signal }, options.log);
    if (!res.destroyed) sendJson(res, 200, result);
  }

  async function claimLaunchCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let code: unknown;
    try {
      code = (JSON.parse(await readBody(req, 1024)) as { code?: unknown }).code;
    } catch {
      return sendText(res, 400, 'Bad request');
    }
    const expires = typeof code === 'string' ? launchCodes.get(code) : undefined;
    if (typeof code !== 'string' || expires === undefined || expires < Date.now()) return sendText(res, 401, 'Unauthorized');
    launchCodes.delete(code);
    sendJson(res, 200, { token });
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    res.on('close', () => {
      clearInterval(keepalive);
      streams.delete(res);
    });
  }

  const unsubscribe = options.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  async function serveStatic(res: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    const file = await resolveStaticFile(staticRoot, pathname);
    if (file === null) return sendText(res, 404, 'Not found');
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      'Content-Type': contentTypes[ext] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=3600',
    });
    if (headOnly) return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    issueLaunchCode() {
      const code = randomBytes(24).toString('base64url');
      launchCodes.set(code, Date.now() + LAUNCH_CODE_TTL_MS);
      return code;
    },
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Maps a URL path to a file under root, refusing traversal; unknown routes get index.html. */
export async function resolveStaticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const relative = path.relative(root, candidate);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const file = relative === '' ? path.join(root, 'index.html') : candidate;
  if (await isFile(file)) return file;
  // Client-side routes fall back to the app shell; missing assets stay 404.
  if (path.extname(decoded) === '') {
    const index = path.join(root, 'index.html');
    return (await isFile(index)) ? index : null;
  }
  return null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers 413 and closes the connection once the answer is out, without reading the rest. */
function rejectTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  res.on('finish', () => req.destroy());
  sendText(res, 413, 'Request body too large');
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}
