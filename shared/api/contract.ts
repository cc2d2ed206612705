/**
 * How an API method is declared: its zod input schema and (as a type only) its result.
 *
 * The same declaration drives the Electron IPC adapter, the browser-mode HTTP adapter, the
 * preload's per-method functions and the renderer's typed client, so a method exists in exactly
 * one place.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, R> {
  readonly input: I;
  /** Type carrier for the result; never set at run time. */
  readonly resultType?: { readonly value: R };
}

/** Declares a method: `method<Result>()(inputSchema)`. */
export function method<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input });
}

export interface EventSpec<P> {
  /** Type carrier for the payload; never set at run time. */
  readonly payloadType?: { readonly value: P };
}

/** Declares a main -> renderer event with payload type P. */
export function event<P>(): EventSpec<P> {
  return {};
}
