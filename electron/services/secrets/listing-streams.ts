/**
 * The Secrets view's listing, streamed: `secrets.list` with `stream: true` answers at once with
 * what the inventory knows (or, the first time, with the first page), and a listing id; the
 * window then asks `secrets.listMore` for what followed (a long poll: it answers as soon as a
 * page arrived, or after a while with nothing), until the answer says `done`.
 *
 * Each answer carries only rows the window does not have yet (new or changed, by name); the last
 * one also names the rows to drop (they were in the cache but are gone, or were deleted). So the
 * window's list is exactly the listing's result once it is done, and it was useful all along.
 */
import { randomUUID } from 'node:crypto';
import { lookupKinds } from '../../../shared/airflow';
import type { ListingUpdate, OutsideSecret, SecretListing, SecretSummary } from '../../../shared/api';
import { AppError, type ApiError } from '../../../shared/errors';
import { listAirflowSecrets, listingFrame, listingHeads, listingRows } from './listing-service';
import { kwargsOrThrow, secretsTarget, type SecretsDeps } from './secrets-deps';

/** How long `listMore` waits for a page before it answers with nothing new. */
export const MORE_WAIT_MS = 15_000;
/** Finished listings are kept this long for a late `listMore`. */
const KEEP_FINISHED_MS = 60_000;
const MAX_STREAMS = 8;
/**
 * At most this many cached rows go in the first answer; the rest follow in the first `listMore`
 * answer. The first rows are on screen before the window parses (and the main process serializes)
 * the whole inventory, which is megabytes at 10,000 secrets (issue 12).
 */
export const FIRST_ANSWER_ROWS = 500;

interface Delta {
  readonly items: SecretSummary[];
  readonly notLookedUp: OutsideSecret[];
  readonly removed: string[];
  readonly done: boolean;
}

interface Stream {
  readonly id: string;
  readonly controller: AbortController;
  readonly deltas: Delta[];
  /** What the window has (or will have, from deltas not fetched yet): name -> the row's JSON. */
  readonly sent: Map<string, string>;
  readonly waiters: Set<() => void>;
  scanned: number;
  calls: number;
  listedAt: string | null;
  error: ApiError | null;
  finishedAt: number | null;
}

export interface ListingStreams {
  start(deps: SecretsDeps, input: { kwargs: string; taskId?: string | undefined }): Promise<SecretListing>;
  more(listingId: string, cursor: number, signal?: AbortSignal): Promise<ListingUpdate>;
  cancel(listingId: string): boolean;
}

type ListingRows = Pick<SecretListing, 'items' | 'notLookedUp'>;

/**
 * The cached rows split into what the first answer carries and the rest. Up to `limit` rows the
 * first answer has them all; past it, the first `limit` rows in the list's default order (by
 * section, then id), and the outside rows go with the rest.
 */
export function firstSlice(rows: ListingRows, limit: number): { first: ListingRows; rest: ListingRows } {
  if (rows.items.length + rows.notLookedUp.length <= limit) return { first: rows, rest: { items: [], notLookedUp: [] } };
  const section = (row: SecretSummary): number => lookupKinds.indexOf(row.kind);
  const ordered = [...rows.items].sort((a, b) => section(a) - section(b) || a.id.localeCompare(b.id) || a.name.localeCompare(b.name));
  return { first: { items: ordered.slice(0, limit), notLookedUp: [] }, rest: { items: ordered.slice(limit), notLookedUp: rows.notLookedUp } };
}

export function createListingStreams(options: { waitMs?: number; now?: () => number; firstAnswerRows?: number } = {}): ListingStreams {
  const waitMs = options.waitMs ?? MORE_WAIT_MS;
  const firstAnswerRows = options.firstAnswerRows ?? FIRST_ANSWER_ROWS;
  const now = options.now ?? Date.now;
  const streams = new Map<string, Stream>();

  const prune = (): void => {
    for (const [id, stream] of streams) if (stream.finishedAt !== null && now() - stream.finishedAt > KEEP_FINISHED_MS) streams.delete(id);
    for (const [id, stream] of streams) {
      if (streams.size <= MAX_STREAMS) break;
      stream.controller.abort();
      streams.delete(id);
    }
  };

  const push = (stream: Stream, delta: Delta): void => {
    stream.deltas.push(delta);
    for (const wake of [...stream.waiters]) wake();
  };

  /** Rows the window does not have in this form yet, remembered as sent. */
  const fresh = <T extends { readonly name: string }>(stream: Stream, rows: readonly T[]): T[] =>
    rows.filter((row) => {
      const json = JSON.stringify(row);
      if (stream.sent.get(row.name) === json) return false;
      stream.sent.set(row.name, json);
      return true;
    });

  const finish = (stream: Stream, result: SecretListing | null, error: ApiError | null): void => {
    let delta: Delta = { items: [], notLookedUp: [], removed: [], done: true };
    if (result !== null) {
      const names = new Set([...result.items, ...result.notLookedUp].map((row) => row.name));
      const removed = [...stream.sent.keys()].filter((name) => !names.has(name));
      for (const name of removed) stream.sent.delete(name);
      delta = { items: fresh(stream, result.items), notLookedUp: fresh(stream, result.notLookedUp), removed, done: true };
      stream.calls = result.listCalls;
    }
    stream.error = error;
    stream.finishedAt = now();
    push(stream, delta);
  };

  const merged = (stream: Stream, from: number): Delta => {
    const pending = stream.deltas.slice(from);
    return {
      items: pending.flatMap((delta) => delta.items),
      notLookedUp: pending.flatMap((delta) => delta.notLookedUp),
      removed: pending.flatMap((delta) => delta.removed),
      done: pending.some((delta) => delta.done) || (pending.length === 0 && stream.finishedAt !== null),
    };
  };

  const update = (stream: Stream, cursor: number): ListingUpdate => {
    const delta = merged(stream, cursor);
    return {
      listingId: stream.id,
      ...delta,
      cursor: stream.deltas.length,
      scanned: stream.scanned,
      listCalls: stream.calls,
      listedAt: delta.done ? stream.listedAt : null,
      error: delta.done ? stream.error : null,
    };
  };

  return {
    async start(deps, input) {
      const use = kwargsOrThrow(input.kwargs);
      const heads = listingHeads(use);
      if (heads === null) return { ...listingFrame(use), items: [], notLookedUp: [], listCalls: 0 };
      prune();
      const target = await secretsTarget(deps, await deps.clients());
      const cached = (await deps.inventory?.snapshot(target.scope, heads)) ?? null;
      const stream: Stream = {
        id: randomUUID(),
        controller: new AbortController(),
        deltas: [],
        sent: new Map(),
        waiters: new Set(),
        scanned: 0,
        calls: 0,
        listedAt: null,
        error: null,
        finishedAt: null,
      };
      streams.set(stream.id, stream);
      const cachedRows = cached === null ? null : listingRows(use, cached.entries);
      const answer = cachedRows === null ? null : firstSlice(cachedRows, firstAnswerRows);
      if (cachedRows !== null && answer !== null) {
        // Every cached row counts as sent: those left out of the first answer are in the first delta.
        fresh(stream, cachedRows.items);
        fresh(stream, cachedRows.notLookedUp);
        // The cached rows the first answer leaves out: the first delta, so the first `listMore` has them at once.
        if (answer.rest.items.length > 0 || answer.rest.notLookedUp.length > 0) push(stream, { items: [...answer.rest.items], notLookedUp: [...answer.rest.notLookedUp], removed: [], done: false });
      }
      const startedAt = new Date().toISOString();
      const running = listAirflowSecrets(deps, { kwargs: input.kwargs, taskId: input.taskId ?? stream.id }, stream.controller.signal, (page) => {
        stream.scanned = page.scanned;
        stream.calls = page.calls;
        push(stream, { items: fresh(stream, page.items), notLookedUp: fresh(stream, page.notLookedUp), removed: [], done: false });
      }).then(
        (result) => {
          stream.listedAt = startedAt;
          finish(stream, result, null);
          return result;
        },
        (error: unknown) => {
          finish(stream, null, error instanceof AppError ? error.toApiError() : new AppError('INTERNAL', 'The listing failed unexpectedly. Refresh to try again.').toApiError());
          throw error;
        },
      );

      if (answer !== null) {
        running.catch(() => undefined);
        return { ...listingFrame(use), ...answer.first, listCalls: 0, stream: { listingId: stream.id, cursor: 0, listedAt: cached?.listedAt ?? null, fromCache: true } };
      }
      // Nothing known yet: answer with the first page (or the whole listing when it fits one).
      await new Promise<void>((resolve) => {
        if (stream.deltas.length > 0) resolve();
        else stream.waiters.add(resolve);
      });
      stream.waiters.clear();
      const first = update(stream, 0);
      if (first.done) {
        streams.delete(stream.id);
        // The whole listing, or its error, as a plain answer.
        return running;
      }
      running.catch(() => undefined);
      return { ...listingFrame(use), items: first.items, notLookedUp: first.notLookedUp, listCalls: first.listCalls, stream: { listingId: stream.id, cursor: first.cursor, listedAt: null, fromCache: false } };
    },

    async more(listingId, cursor, signal) {
      prune();
      const stream = streams.get(listingId);
      if (stream === undefined) throw new AppError('NOT_FOUND', 'This listing is over or was replaced by a newer one. Refresh the list.');
      if (cursor > stream.deltas.length || cursor < 0) throw new AppError('INVALID_INPUT', 'This listing position is not one Airlock gave out. Refresh the list.');
      if (stream.deltas.length === cursor && stream.finishedAt === null) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            stream.waiters.delete(done);
            signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, waitMs);
          stream.waiters.add(done);
          signal?.addEventListener('abort', done, { once: true });
        });
      }
      return update(stream, cursor);
    },

    cancel(listingId) {
      const stream = streams.get(listingId);
      if (stream === undefined) return false;
      stream.controller.abort();
      return true;
    },
  };
}
