import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidNextToken } from './service-error';

/**
 * Opaque NextTokens: a cursor plus the "scope" of the query that produced it, signed with a key
 * that lives as long as the server. A token that was tampered with, comes from another query or
 * from an earlier server run is rejected with InvalidNextTokenException, as AWS does for stale ones.
 */
export class PageTokenCodec {
  private readonly key = randomBytes(32);

  private sign(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }

  encode(scope: string, cursor: unknown): string {
    const body = Buffer.from(JSON.stringify({ s: scope, c: cursor }), 'utf8').toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** Returns the cursor, or throws InvalidNextTokenException. */
  decode(scope: string, token: string): unknown {
    const [body, signature, extra] = token.split('.');
    if (body === undefined || signature === undefined || extra !== undefined) throw invalidNextToken();
    const expected = this.sign(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidNextToken();
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null || !('s' in payload) || !('c' in payload) || payload.s !== scope) {
      throw invalidNextToken();
    }
    return payload.c;
  }
}

/** A short, stable fingerprint of the query parameters a token belongs to. */
export function queryScope(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * One page of an already sorted list. `resumeIndex` maps a decoded cursor to the index of the
 * first item after it (or undefined when the cursor does not fit this list).
 */
export function paginate<T>(
  sorted: readonly T[],
  options: {
    readonly maxResults: number;
    readonly nextToken: string | undefined;
    readonly scope: string;
    readonly codec: PageTokenCodec;
    readonly cursorOf: (item: T) => unknown;
    readonly resumeIndex: (cursor: unknown) => number | undefined;
  },
): Page<T> {
  let start = 0;
  if (options.nextToken !== undefined) {
    const index = options.resumeIndex(options.codec.decode(options.scope, options.nextToken));
    if (index === undefined) throw invalidNextToken();
    start = index;
  }
  const items = sorted.slice(start, start + options.maxResults);
  const last = items.at(-1);
  const more = start + items.length < sorted.length;
  return more && last !== undefined ? { items, nextToken: options.codec.encode(options.scope, options.cursorOf(last)) } : { items };
}

/** One page of a list whose items have unique keys; the cursor is the last key returned. */
export function paginateByKey<T>(
  items: readonly T[],
  options: { readonly maxResults: number; readonly nextToken: string | undefined; readonly scope: unknown; readonly codec: PageTokenCodec; readonly keyOf: (item: T) => string },
): Page<T> {
  return paginate(items, {
    maxResults: options.maxResults,
    nextToken: options.nextToken,
    scope: queryScope(options.scope),
    codec: options.codec,
    cursorOf: options.keyOf,
    resumeIndex: (cursor) => {
      const index = items.findIndex((item) => options.keyOf(item) === cursor);
      return index === -1 ? undefined : index + 1;
    },
  });
}
