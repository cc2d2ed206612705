/**
 * How an API method is declared: its zod input schema, (as a type only) its result, and which
 * other methods' answers a successful call makes stale.
 *
 * The same declaration drives the Electron IPC adapter, the browser-mode HTTP adapter, the
 * preload's per-method functions and the renderer's typed client and query cache, so a method
 * exists in exactly one place.
 */
import type { z } from 'zod';

/**
 * The answers a successful call makes stale in the window's query cache, by method name: a list
 * of methods, or every method but a few (a profile switch changes what every read returns). The
 * names are checked against the contract where the methods are gathered (`invalidatedBy` in
 * shared/api/index.ts), since a domain file cannot name the whole contract's methods itself.
 */
export type Invalidation<Name extends string = string> = readonly Name[] | { readonly allExcept: readonly Name[] };

export interface MethodSpec<I extends z.ZodType, R, V extends Invalidation = Invalidation> {
  readonly input: I;
  /** Type carrier for the result; never set at run time. */
  readonly resultType?: { readonly value: R };
  /** What a successful call makes stale; `[]` for reads and for writes nothing shown depends on. */
  readonly invalidates: V;
}

export interface MethodEffects<V extends Invalidation> {
  readonly invalidates: V;
}

/**
 * Declares a method: `method<Result>()(inputSchema)`, or for a write
 * `method<Result>()(inputSchema, { invalidates: ['secrets.list'] })`.
 */
export function method<R>() {
  function declare<I extends z.ZodType>(input: I): MethodSpec<I, R, readonly []>;
  function declare<I extends z.ZodType, const V extends Invalidation>(input: I, effects: MethodEffects<V>): MethodSpec<I, R, V>;
  function declare(input: z.ZodType, effects?: MethodEffects<Invalidation>): MethodSpec<z.ZodType, R> {
    return { input, invalidates: effects?.invalidates ?? [] };
  }
  return declare;
}

export interface EventSpec<P> {
  /** Type carrier for the payload; never set at run time. */
  readonly payloadType?: { readonly value: P };
}

/** Declares a main -> renderer event with payload type P. */
export function event<P>(): EventSpec<P> {
  return {};
}
