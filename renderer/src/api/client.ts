/**
 * The typed API client and its React bindings (TanStack Query for server state).
 *
 * `call` resolves with the method's typed result or rejects with `ApiCallError` carrying the
 * API's error data, which is what TanStack Query expects of a query function.
 */
import { createContext, useContext, useEffect } from 'react';
import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from '../../../shared/api';
import type { ApiError, ApiResult } from '../../../shared/errors';
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

export function apiQueryKey<M extends MethodName>(method: M, input?: MethodInput<M>): readonly unknown[] {
  return input === undefined ? [method] : [method, input];
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: Omit<UseQueryOptions<MethodResult<M>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  return useQuery<MethodResult<M>, ApiCallError>({
    queryKey: apiQueryKey(method, input),
    queryFn: () => api.call(method, input),
    ...options,
  });
}

export function useApiMutation<M extends MethodName>(
  method: M,
  options: Omit<UseMutationOptions<MethodResult<M>, ApiCallError, MethodInput<M>>, 'mutationFn'> = {},
) {
  const api = useApi();
  return useMutation<MethodResult<M>, ApiCallError, MethodInput<M>>({
    mutationFn: (input) => api.call(method, input),
    ...options,
  });
}

export function useApiEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  useEffect(() => api.subscribe(name, listener), [api, name, listener]);
}
