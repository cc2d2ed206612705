/**
 * The main process as a component test's window sees it: a transport that answers each API method
 * with a handler given by the test (typed by the contract), records every call, and refuses any
 * method the test did not expect, plus the providers the views need around them.
 */
import { BlueprintProvider } from '@blueprintjs/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiContext, createApiClient } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { NavigationProvider, type ViewName } from '../../../renderer/src/navigation/navigation';
import { ProductionConfirmProvider } from '../../../renderer/src/components/ProductionConfirm';
import { WorkspaceProvider } from '../../../renderer/src/workspace/workspace';
import type { ActiveProfile, MethodInput, MethodName, MethodResult, ProfileSummary } from '../../../shared/api';
import { AppError, type ApiError, type ErrorCode } from '../../../shared/errors';

/** A failed call, as the main process returns it (errors are data). */
export class Failure {
  constructor(readonly error: ApiError) {}
}

export function fail(code: ErrorCode, message: string): Failure {
  return new Failure(new AppError(code, message, { retryable: false }).toApiError());
}

/** A handler returns the method's result, or a Failure. */
export type FakeHandlers = { readonly [M in MethodName]?: (input: MethodInput<M>) => MethodResult<M> | Failure | Promise<MethodResult<M> | Failure> };

export interface FakeMain {
  readonly transport: Transport;
  readonly calls: { readonly method: MethodName; readonly input: unknown }[];
  /** The inputs of every call of one method, in order. */
  inputsOf<M extends MethodName>(method: M): MethodInput<M>[];
}

export function fakeMain(handlers: FakeHandlers): FakeMain {
  const calls: { method: MethodName; input: unknown }[] = [];
  const transport: Transport = {
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (handler === undefined) return { ok: false, error: { code: 'INTERNAL', message: `The test did not expect a call to ${method}.`, retryable: false } };
      const value = await handler(input);
      return value instanceof Failure ? { ok: false, error: value.error } : { ok: true, value };
    },
    subscribe: () => () => undefined,
  };
  return {
    transport,
    calls,
    inputsOf: <M extends MethodName>(method: M) => calls.filter((call) => call.method === method).map((call) => call.input as MethodInput<M>),
  };
}

/** Renders `ui` inside the providers App gives every view. */
export function renderWithMain(ui: ReactNode, main: FakeMain, options: { view?: ViewName } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <BlueprintProvider>
      <ApiContext.Provider value={createApiClient(main.transport)}>
        <QueryClientProvider client={queryClient}>
          <ProductionConfirmProvider>
            <NavigationProvider initial={options.view ?? 'secrets'}>
              <WorkspaceProvider>{ui}</WorkspaceProvider>
            </NavigationProvider>
          </ProductionConfirmProvider>
        </QueryClientProvider>
      </ApiContext.Provider>
    </BlueprintProvider>,
  );
}

export function profileSummary(name: string, kind: ProfileSummary['kind'], extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    name,
    kind,
    region: 'us-east-1',
    endpoint: kind === 'sandbox' ? 'http://127.0.0.1:4566' : null,
    source: kind === 'sandbox' || kind === 'app-keys' ? 'app' : 'config',
    mfa: false,
    ssoSession: null,
    sourceChain: null,
    account: kind === 'sandbox' ? '000000000000' : null,
    sso: null,
    broken: null,
    isDefault: false,
    production: false,
    productionMarkedBy: null,
    ...extra,
  };
}

export function activeProfile(profile: ProfileSummary, extra: Partial<ActiveProfile> = {}): ActiveProfile {
  return {
    profile,
    region: profile.region ?? 'us-east-1',
    regionOverridden: false,
    identity: { account: profile.account ?? '111122223333', arn: `arn:aws:iam::${profile.account ?? '111122223333'}:user/${profile.name}`, userId: 'AIDAEXAMPLE' },
    identityError: null,
    production: profile.production,
    ...extra,
  };
}
