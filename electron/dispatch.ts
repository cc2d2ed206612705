/**
 * The handler table and the one place that runs a call: validate, invoke, turn errors into data.
 *
 * Both transports (Electron IPC and the browser-mode HTTP server) go through `dispatch`, so
 * input validation and error shaping behave identically in both.
 */
import { isMethodName, methods, type MethodName, type MethodParams, type MethodResult } from '../shared/api';
import { isAppError, type ApiError, type ApiResult } from '../shared/errors';
import { isStackOverflow, TOO_DEEP_PHRASE } from '../shared/parse-limits';
import type { Logger } from './services/log';
import { redact, redactValue } from './services/redact';

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
    // Each message is redacted alone: `token: Too small` as a whole would read as a credential.
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: redact(issue.message) }));
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
      const apiError = redactApiError(error.toApiError());
      if (error.code === 'INTERNAL') log.error(`${name} failed`, { message: apiError.message });
      return { ok: false, error: apiError };
    }
    // Every parser of outside input is bounded (shared/parse-limits.ts); a stack overflow that
    // still happens comes from input nested deeper than some code can follow: the input's fault.
    if (isStackOverflow(error)) {
      log.warn(`${name} refused input nested too deeply`);
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Airlock cannot read this input: it ${TOO_DEEP_PHRASE}.`, retryable: false } };
    }
    // Unknown errors may carry anything in their message: the window gets a generic sentence, the
    // log gets the message through the logger, which redacts every line.
    log.error(`${name} failed unexpectedly`, { name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Airlock. Try again; if it keeps happening, restart the app.', retryable: true } };
  }
}

/**
 * Every error that leaves for the window passes the redaction rule here, so a service that puts
 * outside text (an AWS message, CLI output, a file's line) into an error cannot leak a credential
 * through it, even if it forgot to redact.
 */
function redactApiError(error: ApiError): ApiError {
  const message = redact(error.message);
  if (error.details === undefined) return { ...error, message };
  // Redaction masks strings and keeps the shape, so the details still fit their code.
  return { ...error, message, details: redactValue(error.details) } as ApiError;
}
