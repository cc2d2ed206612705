/**
 * The typed API client and its React bindings (TanStack Query for server state): `useApiQuery`
 * for every read, `useApiMutation` for every write.
 *
 * `call` resolves with the method's typed result or rejects with `ApiCallError` carrying the
 * API's error data, which is what TanStack Query expects of a query function.
 */
import { createContext, useCallback, useContext, useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import { invalidatedBy, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodResult } from '../../../shared/api';
import type { ApiError, ApiResult } from '../../../shared/errors';
import { ProductionConfirmationContext, type AskForConfirmation } from './production-confirmation';
import type { Transport } from './transport';

export class ApiCallError extends Error {
  readonly apiError: ApiError;
  constructor(apiError: ApiError) {
    super(apiError.message);
    this.name = 'ApiCallError';
    this.apiError = apiError;
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  result<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ApiResult<MethodResult<M>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  const result = async <M extends MethodName>(method: M, input: MethodInput<M>) =>
    (await transport.call(method, input)) as ApiResult<MethodResult<M>>;
  return {
    result,
    async call(method, input) {
      const outcome = await result(method, input);
      if (!outcome.ok) throw new ApiCallError(outcome.error);
      return outcome.value;
    },
    subscribe: (name, listener) => transport.subscribe(name, listener),
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) throw new Error('useApi needs an <ApiContext.Provider>');
  return client;
}

/** The query cache key of a method's answer; without `input`, the key of all its answers. */
export function apiQueryKey<M extends MethodName>(method: M, input?: MethodInput<M>): readonly unknown[] {
  return input === undefined ? [method] : [method, input];
}

/** A read as the query cache knows it: its key and how to fetch it. */
function apiRead<M extends MethodName>(api: ApiClient, method: M, input: MethodInput<M>) {
  return { queryKey: apiQueryKey(method, input), queryFn: () => api.call(method, input) };
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: Omit<UseQueryOptions<MethodResult<M>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  return useQuery<MethodResult<M>, ApiCallError>({ ...apiRead(api, method, input), ...options });
}

/**
 * A read made once, outside render (the value after a roll back, say), through the same cache
 * entry `useApiQuery` would use. Rejects with `ApiCallError`.
 */
export function useApiFetch() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useCallback(
    <M extends MethodName>(method: M, input: MethodInput<M>, options: { readonly staleTime?: number; readonly gcTime?: number } = {}) =>
      queryClient.fetchQuery<MethodResult<M>, ApiCallError>({ ...apiRead(api, method, input), ...options }),
    [api, queryClient],
  );
}

/**
 * Calls a write. Under a production profile the API first answers CONFIRMATION_REQUIRED: the
 * user is asked (ProductionConfirmProvider) and the write is retried once with what they typed.
 * Nothing is retried without it; a decline rejects with CANCELLED. Outside the provider the
 * CONFIRMATION_REQUIRED error itself is the answer.
 */
async function callConfirmed<M extends MethodName>(api: ApiClient, ask: AskForConfirmation | null, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const first = await api.result(method, input);
  if (first.ok) return first.value;
  const error = first.error;
  if (error.code !== 'CONFIRMATION_REQUIRED' || error.details === undefined || ask === null) throw new ApiCallError(error);
  const typed = await ask(error.details);
  if (typed === null) throw new ApiCallError({ code: 'CANCELLED', message: 'You cancelled the change; nothing was written.', retryable: false });
  return api.call(method, { ...input, productionConfirmation: typed });
}

/**
 * Marks stale what the contract says a successful call of `method` invalidates. The refetches run
 * in the background: a write never waits for them (a profile switch would otherwise wait for
 * every view's data, the astro CLI's included).
 */
function invalidateAfter(queryClient: QueryClient, method: MethodName): void {
  const declared = invalidatedBy(method);
  if ('allExcept' in declared) {
    const kept = new Set<unknown>(declared.allExcept);
    void queryClient.invalidateQueries({ predicate: (query) => !kept.has(query.queryKey[0]) });
    return;
  }
  for (const name of declared) void queryClient.invalidateQueries({ queryKey: apiQueryKey(name) });
}

type ApiMutationOptions<M extends MethodName> = Omit<UseMutationOptions<MethodResult<M>, ApiCallError, MethodInput<M>>, 'mutationFn'>;

/**
 * The one way the window writes (and runs any call on the user's request, such as a reveal or a
 * file dialog): the production confirmation, the invalidations declared beside the method's
 * contract entry, and busy and failure state (`isPending`, `error`) in one hook. A caller's own
 * `onSuccess` runs after the invalidations have started.
 */
export function useApiMutation<M extends MethodName>(method: M, options: ApiMutationOptions<M> = {}) {
  const api = useApi();
  const ask = useContext(ProductionConfirmationContext);
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = options;
  return useMutation<MethodResult<M>, ApiCallError, MethodInput<M>>({
    mutationKey: apiQueryKey(method),
    mutationFn: (input) => callConfirmed(api, ask, method, input),
    ...rest,
    onSuccess: (...args) => {
      invalidateAfter(queryClient, method);
      return onSuccess?.(...args);
    },
  });
}

export function useApiEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  useEffect(() => api.subscribe(name, listener), [api, name, listener]);
}
