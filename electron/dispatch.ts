/**
 * The handler table and the one place that runs a call: validate, invoke, turn errors into data.
 *
 * Both transports (Electron IPC and the browser-mode HTTP server) go through `dispatch`, so
 * input validation and error shaping behave identically in both.
 */
import { isMethodName, methods, type MethodName, type MethodParams, type MethodResult } from '../shared/api';
import { isAppError, type ApiResult } from '../shared/errors';
import { isStackOverflow, TOO_DEEP_PHRASE } from '../shared/parse-limits';
import type { Logger } from './services/log';

export interface CallContext {
  readonly transport: 'ipc' | 'http';
  /** Aborted when the caller goes away (HTTP client disconnects). */
  readonly signal: AbortSignal;
}

export type Handler<M extends MethodName> = (params: MethodParams<M>, ctx: CallContext) => Promise<MethodResult<M>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };
/** The handlers of one domain, e.g. `DomainHandlers<'secrets'>` for every `secrets.*` method. */
export type DomainHandlers<D extends string> = { readonly [M in MethodName as M extends `${D}.${string}` ? M : never]: Handler<M> };

export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  ctx: CallContext,
  log: Logger,
): Promise<ApiResult<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API method named "${name.slice(0, 80)}".`, retryable: false } };
  }
  const parsed = methods[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Invalid input for ${name}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
        retryable: false,
        details: { issues },
      },
    };
  }
  try {
    // The table is keyed by method name; the cast pairs a method's handler with its own params.
    const handler = handlers[name] as Handler<MethodName>;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === 'INTERNAL') log.error(`${name} failed`, { message: error.message });
      return { ok: false, error: error.toApiError() };
    }
    // Every parser of outside input is bounded (shared/parse-limits.ts); a stack overflow that
    // still happens comes from input nested deeper than some code can follow: the input's fault.
    if (isStackOverflow(error)) {
      log.warn(`${name} refused input nested too deeply`);
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Airlock cannot read this input: it ${TOO_DEEP_PHRASE}.`, retryable: false } };
    }
    // Unknown errors may carry anything in their message; log the kind, show a generic sentence.
    log.error(`${name} failed unexpectedly`, { name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Airlock. Try again; if it keeps happening, restart the app.', retryable: true } };
  }
}
