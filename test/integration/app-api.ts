/**
 * Calls the app's handler table the way both transports do (through `dispatch`), recording every
 * result as JSON so tests can prove no secret crossed into what the window would receive.
 */
import type { Airlock } from '../../electron/airlock';
import { dispatch, type CallContext } from '../../electron/dispatch';
import type { Logger } from '../../electron/services/log';
import type { MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { ApiError } from '../../shared/errors';

export function appApi(options: { airlock: () => Airlock; log: Logger; seen: () => string[]; transport: CallContext['transport'] }) {
  const ctx: CallContext = { transport: options.transport, signal: new AbortController().signal };
  return {
    call: async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
      const result = await dispatch(options.airlock().handlers, method, input, ctx, options.log);
      options.seen().push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodResult<M>;
    },
    failure: async (method: string, input: unknown): Promise<ApiError> => {
      const result = await dispatch(options.airlock().handlers, method, input, ctx, options.log);
      options.seen().push(JSON.stringify(result));
      if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
      return result.error;
    },
  };
}
