/**
 * Browser mode: the same handler table served over HTTP on 127.0.0.1.
 *
 * This is a real, secured mode, not a test hack. A fresh random token per launch travels in the
 * URL fragment (never sent to the server by the browser) and then as a bearer header; the Host
 * check defeats DNS rebinding, the Origin and Sec-Fetch-Site checks defeat cross-site requests
 * (electron/services/loopback-http.ts, shared with the sandbox), and no CORS headers are ever
 * sent, so no other web page can call the API. Nothing a client sends can stop the process: a
 * malformed request is answered 400, and any failure inside a request is answered 500 and logged.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isMethodName } from '../shared/api';
import type { SessionRefusal, SessionRefusalBody } from '../shared/browser-session';
import { CONTENT_SECURITY_POLICY } from '../shared/security';
import { dispatch, type Handlers } from './dispatch';
import { createBrowserSession, type LaunchCode } from './services/browser-session';
import { stringifyInSlices } from './services/json-in-slices';
import type { EventHub } from './services/event-hub';
import type { Logger } from './services/log';
import { answerClientErrors, decodePathPart, refuseRequest, requestPath, type LoopbackRequestRule } from './services/loopback-http';

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
  /** The clock for launch-code lifetimes (milliseconds since the epoch); tests move it. */
  readonly now?: () => number;
  /**
   * Told the new token after a used launch code was claimed again and the old token revoked.
   * The caller prints the new address to the user's own terminal.
   */
  readonly onTokenReplaced?: (token: string) => void;
}

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  /** The token in force now (it changes when a used launch code is claimed again). */
  readonly token: string;
  /**
   * A fresh single-use code that the page exchanges for the token (`POST /auth/claim`), so that
   * a browser can be opened without the token on its command line.
   */
  issueLaunchCode(): LaunchCode;
  close(): Promise<void>;
}

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
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  const session = createBrowserSession({
    ...(options.token === undefined ? {} : { token: options.token }),
    now: options.now ?? Date.now,
    onTokenReplaced: (token) => {
      // Pages holding the revoked token lose their event stream now and get 401 on their next call.
      for (const stream of streams) stream.end();
      options.log.warn('A used launch code was claimed a second time: another program may have tried to take over this session. The session token was revoked and a new one issued; only the terminal shows it.');
      options.onTokenReplaced?.(token);
    },
  });

  const rule: LoopbackRequestRule = {
    isAllowedHost: (host) => host === `127.0.0.1:${port}` || host === `localhost:${port}`,
    // Opening the app from the launch page (a file:// page) is a cross-site navigation; static
    // pages hold nothing, and everything that does (the API, the claim) stays same-origin only.
    allowsCrossSiteNavigation: (requestedPath) => !requestedPath.startsWith('/api/') && requestedPath !== '/auth/claim',
  };

  /** Every failure in the request path ends here: one redacted log line, and an answer if none went out yet. */
  const failRequest = (res: ServerResponse, error: unknown): void => {
    options.log.error('Browser mode could not answer a request', { error: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
    if (!res.headersSent) sendText(res, 500, 'Airlock could not answer this request.');
    else res.destroy();
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const pathname = requestPath(req.url);
    if (pathname === null || decodePathPart(pathname) === null) return sendBadRequest(res, 'Bad request target');
    const refusal = refuseRequest(req, pathname, rule);
    if (refusal !== null) return refusal.status === 400 ? sendBadRequest(res, refusal.message) : sendText(res, refusal.status, refusal.message);

    if (pathname === '/auth/claim') {
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      claimLaunchCode(req, res).catch((error: unknown) => failRequest(res, error));
      return;
    }
    if (pathname.startsWith('/api/')) {
      const authorization = session.authorize(req.headers.authorization);
      if (!authorization.ok) return sendRefusal(res, authorization.refusal);
      if (pathname === '/api/events') {
        if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed');
        return openEventStream(res);
      }
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      const name = decodePathPart(pathname.slice('/api/'.length));
      if (name === null) return sendBadRequest(res, 'Bad request target');
      if (!isMethodName(name)) return sendText(res, 404, 'Unknown API method');
      handleCall(req, res, name).catch((error: unknown) => failRequest(res, error));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    serveStatic(res, pathname, req.method === 'HEAD').catch((error: unknown) => failRequest(res, error));
  };

  const server: Server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      failRequest(res, error);
    }
  });
  answerClientErrors(server, (code) => options.log.warn('Browser mode refused a malformed HTTP request', { code }));

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
    if (res.destroyed) return;
    // A large answer (a DAG scan's rows) is encoded in slices, so other calls are not held behind it.
    const text = await stringifyInSlices(result);
    if (!res.destroyed) sendJsonText(res, 200, text ?? 'null');
  }

  async function claimLaunchCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let code: unknown;
    try {
      const parsed: unknown = JSON.parse(await readBody(req, 1024));
      code = typeof parsed === 'object' && parsed !== null && 'code' in parsed ? parsed.code : undefined;
    } catch {
      return sendText(res, 400, 'Bad request');
    }
    if (typeof code !== 'string') return sendText(res, 400, 'Bad request');
    const outcome = session.claim(code);
    if (!outcome.ok) return sendRefusal(res, outcome.refusal);
    sendJson(res, 200, { token: outcome.token });
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
    get token() {
      return session.token;
    },
    issueLaunchCode: () => session.issueLaunchCode(),
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

/** A request Airlock cannot read: answered, and the connection closed (its next bytes are suspect too). */
function sendBadRequest(res: ServerResponse, text: string): void {
  res.setHeader('Connection', 'close');
  sendText(res, 400, text);
}

/** A 401 that says why, so the page can tell the user what happened and what to do. */
function sendRefusal(res: ServerResponse, refusal: SessionRefusal): void {
  const body: SessionRefusalBody = { refusal };
  sendJson(res, 401, body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  // Serialise first: a value JSON cannot carry then fails before any header is out, and the
  // caller can still answer 500.
  sendJsonText(res, status, JSON.stringify(value));
}

function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
