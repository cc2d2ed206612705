// @vitest-environment jsdom
/**
 * The production guard in the window: a write refused with CONFIRMATION_REQUIRED asks the user
 * to type the account id, and only then is retried with that confirmation.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { ApiCallError, ApiContext, createApiClient, useApiMutation } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { ProductionConfirmProvider } from '../../../renderer/src/components/ProductionConfirm';
import type { ApiResult } from '../../../shared/errors';

afterEach(cleanup);

function fakeTransport(calls: unknown[]): Transport {
  return {
    call(_method, input) {
      calls.push(input);
      const confirmed = (input as { productionConfirmation?: string }).productionConfirmation === '123456789012';
      const result: ApiResult<unknown> = confirmed
        ? { ok: true, value: { name: 'airflow/variables/x' } }
        : {
            ok: false,
            error: {
              code: 'CONFIRMATION_REQUIRED',
              message: 'This would restore airflow/variables/x in production account 123456789012.',
              retryable: false,
              details: { account: '123456789012', profile: 'prod', expected: '123456789012', action: 'restore airflow/variables/x' },
            },
          };
      return Promise.resolve(result);
    },
    subscribe: () => () => undefined,
  };
}

function Writer() {
  const restore = useApiMutation('secrets.restore');
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <button type="button" onClick={() => void restore.mutateAsync({ name: 'airflow/variables/x' }).then(
        () => setOutcome('written'),
        (error: unknown) => setOutcome(error instanceof ApiCallError ? error.apiError.code : 'other'),
      )}>write</button>
      <output data-testid="outcome">{outcome}</output>
    </>
  );
}

function renderWithGuard(calls: unknown[]) {
  render(
    <ApiContext.Provider value={createApiClient(fakeTransport(calls))}>
      <QueryClientProvider client={new QueryClient()}>
        <ProductionConfirmProvider>
          <Writer />
        </ProductionConfirmProvider>
      </QueryClientProvider>
    </ApiContext.Provider>,
  );
}

describe('production confirmation', () => {
  it('names the account, accepts only the exact id, then retries the write with it', async () => {
    const calls: unknown[] = [];
    renderWithGuard(calls);
    fireEvent.click(screen.getByText('write'));
    const input = await screen.findByTestId('production-confirm-input');
    expect(document.body.textContent).toContain('123456789012');
    const apply = screen.getByTestId('production-confirm-apply');

    fireEvent.change(input, { target: { value: '12345678901' } });
    expect(apply).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '123456789012' } });
    expect(apply).toHaveProperty('disabled', false);
    act(() => apply.click());

    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toBe('written'));
    expect(calls).toEqual([{ name: 'airflow/variables/x' }, { name: 'airflow/variables/x', productionConfirmation: '123456789012' }]);
  });

  it('writes nothing when the user cancels', async () => {
    const calls: unknown[] = [];
    renderWithGuard(calls);
    fireEvent.click(screen.getByText('write'));
    await screen.findByTestId('production-confirm-input');
    act(() => screen.getByText('Cancel').click());
    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toBe('CANCELLED'));
    expect(calls).toHaveLength(1);
  });
});
