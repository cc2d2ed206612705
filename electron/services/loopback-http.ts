/**
 * The rules every HTTP server Airlock runs on 127.0.0.1 applies before it looks at a request:
 * browser mode's API server and the sandbox share them, so one rule decides for both.
 *
 * - The request target must parse (a malformed one is answered 400, never thrown).
 * - Security headers must appear once (a second Host, Origin or Authorization is refused).
 * - The Host header must name this server (a page on evil.example rebound to 127.0.0.1 still
 *   sends `Host: evil.example`: DNS rebinding).
 * - A browser names the page that sent a request: `Origin` must be this server itself, and
 *   `Sec-Fetch-Site` must be `same-origin` or `none`. Clients that are not browsers (the AWS SDK,
 *   the AWS CLI, curl) send neither header, so they pass. Cross-site top-level navigations are let
 *   through only where the caller allows them (browser mode's static pages, which hold nothing).
 */
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

export type RequestRefusal = { readonly status: 400 | 403; readonly message: string };

export interface LoopbackRequestRule {
  /** True when the Host header (or its absence, `undefined`) names this server. */
  readonly isAllowedHost: (host: string | undefined) => boolean;
  /** Whether a top-level navigation from another site may load this request (GET or HEAD only). */
  readonly allowsCrossSiteNavigation?: (path: string) => boolean;
}

/** Headers a request may carry only once: a second copy could make two readers disagree. */
const singleHeaders = ['host', 'origin', 'authorization', 'sec-fetch-site', 'sec-fetch-mode', 'content-type', 'x-amz-target'] as const;

const sameSiteValues = new Set(['same-origin', 'none']);

/**
 * The path of an origin-form request target (`/path?query`), still percent-encoded, or null for
 * anything else: `*`, `http://host/...`, a leading `//` (which URL parsers read as a host, so
 * `//[` throws), bytes outside printable ASCII, and a `%` that does not start an escape.
 */
export function requestPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  if (!/^[\x21-\x7e]*$/.test(target) || /%(?![0-9A-Fa-f]{2})/.test(target)) return null;
  try {
    return new URL(`http://request.invalid${target}`).pathname;
  } catch {
    return null;
  }
}

/** decodeURIComponent that answers null for a malformed escape (`%E0%A4%A`) instead of throwing. */
export function decodePathPart(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why the request must be refused, or null when it may go on to routing. */
export function refuseRequest(request: Pick<IncomingMessage, 'headers' | 'headersDistinct' | 'method'>, path: string, rule: LoopbackRequestRule): RequestRefusal | null {
  for (const name of singleHeaders) {
    if ((request.headersDistinct[name]?.length ?? 0) > 1) return { status: 400, message: `The ${name} header appears more than once.` };
  }
  const host = single(request.headers, 'host');
  if (!rule.isAllowedHost(host)) return { status: 403, message: 'Forbidden host: this server answers only requests addressed to itself.' };
  const origin = single(request.headers, 'origin');
  if (origin !== undefined && (host === undefined || origin !== `http://${host}`)) return { status: 403, message: 'Forbidden origin: only this server\'s own page may call it.' };
  const site = single(request.headers, 'sec-fetch-site');
  if (site !== undefined && !sameSiteValues.has(site) && !isAllowedNavigation(request, path, rule)) {
    return { status: 403, message: 'Forbidden origin: only this server\'s own page may call it.' };
  }
  return null;
}

function isAllowedNavigation(request: Pick<IncomingMessage, 'headers' | 'method'>, path: string, rule: LoopbackRequestRule): boolean {
  const isNavigation = single(request.headers, 'sec-fetch-mode') === 'navigate' && (request.method === 'GET' || request.method === 'HEAD');
  return isNavigation && rule.allowsCrossSiteNavigation?.(path) === true;
}

/**
 * Malformed HTTP (a bad request line, a bad header, an oversized head) never reaches the request
 * handler: Node reports it here. Answer 400 (431 for an oversized head) and close the socket;
 * a socket that is already gone is just destroyed.
 */
export function answerClientErrors(server: Server, onError: (code: string) => void): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const code = error.code ?? 'UNKNOWN';
    if (code !== 'ECONNRESET') onError(code);
    if (!socket.writable || code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n\r\nBad request\n`);
  });
}
