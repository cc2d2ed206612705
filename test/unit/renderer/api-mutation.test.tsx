// @vitest-environment jsdom
/**
 * Issue 11 item 1: every write goes through `useApiMutation`, which asks for the production
 * confirmation when the API wants one and then marks stale exactly what the method's contract
 * entry says it invalidates (nothing else), against the fake main process.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiCallError, useApiMutation, useApiQuery } from '../../../renderer/src/api/client';
import { invalidatedBy, methodNames, methods, type MethodName } from '../../../shared/api';
import type { SecretListing } from '../../../shared/api';
import { activeProfile, Failure, fakeMain, profileSummary, renderWithMain } from './fake-main';
import { AppError } from '../../../shared/errors';

afterEach(cleanup);

const listing: SecretListing = { prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' }, joiner: '/', items: [], notLookedUp: [], listCalls: 1, kwargsWarnings: [] };
const prod = profileSummary('prod', 'sso', { production: true, account: '123456789012' });

/** Three reads on screen and one write, each outcome written where the test can read it. */
function Screen({ write }: { write: (run: ReturnType<typeof useWrites>) => Promise<unknown> }) {
  useApiQuery('secrets.list', { kwargs: '' });
  useApiQuery('projects.recent', {});
  useApiQuery('profiles.active', {});
  const writes = useWrites();
  const [outcome, setOutcome] = useState('');
  return (
    <>
      <button type="button" onClick={() => void write(writes).then(() => setOutcome('written'), (error: unknown) => setOutcome(error instanceof ApiCallError ? error.apiError.code : 'other'))}>write</button>
      <output data-testid="outcome">{outcome}</output>
      <output data-testid="restore-error">{writes.restore.error?.apiError.code ?? ''}</output>
    </>
  );
}

function useWrites() {
  return { restore: useApiMutation('secrets.restore'), select: useApiMutation('profiles.select') };
}

function confirmingMain() {
  return fakeMain({
    'secrets.list': () => listing,
    'projects.recent': () => [],
    'profiles.active': () => activeProfile(prod),
    'profiles.select': () => activeProfile(prod),
    'secrets.restore': (input) => {
      if (input.productionConfirmation === '123456789012') return { name: input.name };
      const details = { account: '123456789012', profile: 'prod', expected: '123456789012', action: 'restore airflow/variables/x' };
      return new Failure(new AppError('CONFIRMATION_REQUIRED', 'This would restore airflow/variables/x in production account 123456789012.', { retryable: false, details }).toApiError());
    },
  });
}

const count = (main: ReturnType<typeof fakeMain>, method: MethodName) => main.calls.filter((call) => call.method === method).length;

describe('issue 11 item 1: one mutation hook', () => {
  it('issue 11 item 1: a write asks for the production confirmation, retries with it, then refetches what its contract entry invalidates and nothing else', async () => {
    const main = confirmingMain();
    renderWithMain(<Screen write={(writes) => writes.restore.mutateAsync({ name: 'airflow/variables/x' })} />, main);
    await waitFor(() => expect(count(main, 'projects.recent')).toBe(1));
    await waitFor(() => expect(count(main, 'secrets.list')).toBe(1));

    fireEvent.click(screen.getByText('write'));
    const input = await screen.findByTestId('production-confirm-input');
    // Nothing refetched while the write waits for the user.
    expect(count(main, 'secrets.list')).toBe(1);
    fireEvent.change(input, { target: { value: '123456789012' } });
    act(() => screen.getByTestId('production-confirm-apply').click());

    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toBe('written'));
    expect(main.inputsOf('secrets.restore')).toEqual([{ name: 'airflow/variables/x' }, { name: 'airflow/variables/x', productionConfirmation: '123456789012' }]);
    expect(invalidatedBy('secrets.restore')).toEqual(['secrets.list']);
    await waitFor(() => expect(count(main, 'secrets.list')).toBe(2));
    expect(count(main, 'projects.recent')).toBe(1);
    expect(count(main, 'profiles.active')).toBe(1);
  });

  it('issue 11 item 1: a declined confirmation writes nothing, refetches nothing, and leaves CANCELLED as the mutation error', async () => {
    const main = confirmingMain();
    renderWithMain(<Screen write={(writes) => writes.restore.mutateAsync({ name: 'airflow/variables/x' })} />, main);
    await waitFor(() => expect(count(main, 'secrets.list')).toBe(1));
    fireEvent.click(screen.getByText('write'));
    await screen.findByTestId('production-confirm-input');
    act(() => screen.getByText('Cancel').click());
    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toBe('CANCELLED'));
    expect(screen.getByTestId('restore-error').textContent).toBe('CANCELLED');
    expect(main.inputsOf('secrets.restore')).toHaveLength(1);
    expect(count(main, 'secrets.list')).toBe(1);
  });

  it('issue 11 item 1: a profile switch refetches every answer but the active profile, which it answers itself', async () => {
    const main = confirmingMain();
    renderWithMain(<Screen write={(writes) => writes.select.mutateAsync({ name: 'prod' })} />, main);
    await waitFor(() => expect(count(main, 'secrets.list')).toBe(1));
    await waitFor(() => expect(count(main, 'profiles.active')).toBe(1));
    fireEvent.click(screen.getByText('write'));
    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toBe('written'));
    await waitFor(() => expect(count(main, 'secrets.list')).toBe(2));
    await waitFor(() => expect(count(main, 'projects.recent')).toBe(2));
    expect(count(main, 'profiles.active')).toBe(1);
  });
});

describe('issue 11 item 1: invalidations are declared beside the contract entries', () => {
  it('issue 11 item 1: every name an invalidates declaration holds is a method', () => {
    for (const name of methodNames) {
      const declared = invalidatedBy(name);
      const names = 'allExcept' in declared ? declared.allExcept : declared;
      for (const invalidated of names) expect(methodNames, `${name} invalidates ${invalidated}`).toContain(invalidated);
    }
  });

  it('issue 11 item 1: every write the production guard covers declares what it makes stale', () => {
    const guarded = methodNames.filter((name) => {
      const input: unknown = methods[name].input;
      return input instanceof z.ZodObject && 'productionConfirmation' in input.shape;
    });
    expect(guarded.length).toBeGreaterThan(5);
    for (const name of guarded) {
      const declared = invalidatedBy(name);
      expect('allExcept' in declared || declared.length > 0, name).toBe(true);
    }
  });
});
