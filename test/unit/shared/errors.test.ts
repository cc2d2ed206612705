/**
 * Error details are typed per code (shared/errors.ts). The type checks here run in `npm run
 * typecheck`: a `@ts-expect-error` that no longer errors fails it, as does a wrong `expectTypeOf`.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConfirmationDetails } from '../../../shared/api';
import { AppError, isAppError, type ApiError, type ErrorDetails, type PartialFailureDetails } from '../../../shared/errors';

/** What the renderer's production dialog does with a failed write (renderer/src/components/ProductionConfirm.tsx). */
function confirmationAsked(error: ApiError): ConfirmationDetails | null {
  if (error.code !== 'CONFIRMATION_REQUIRED' || error.details === undefined) return null;
  // No cast: narrowing on the code types the details.
  return error.details;
}

describe('typed error details', () => {
  it('issue 11 item 4: narrowing an ApiError on its code types its details, with no cast', () => {
    const details = { account: '123456789012', profile: 'prod', expected: '123456789012', action: 'delete airflow/variables/x' };
    const wire = new AppError('CONFIRMATION_REQUIRED', 'Confirm by typing the account id.', { details }).toApiError();
    expect(confirmationAsked(wire)).toEqual(details);
    expect(confirmationAsked(new AppError('CONFIRMATION_REQUIRED', 'Type the Deployment name in the review.').toApiError())).toBeNull();
    expect(confirmationAsked(new AppError('NOT_FOUND', 'No such secret.').toApiError())).toBeNull();
    expectTypeOf<ErrorDetails<'CONFIRMATION_REQUIRED'>>().toEqualTypeOf<ConfirmationDetails | undefined>();
    expectTypeOf<ErrorDetails<'PARTIAL_FAILURE'>>().toEqualTypeOf<PartialFailureDetails>();
  });

  it('issue 11 item 4: a code that always has details requires them, and each code takes only its own', () => {
    // @ts-expect-error PARTIAL_FAILURE always says which items were applied.
    const missing = new AppError('PARTIAL_FAILURE', 'Some were written.');
    // @ts-expect-error NOT_LOGGED_IN says why, from a fixed list.
    const unknownReason = new AppError('NOT_LOGGED_IN', 'Log in.', { details: { reason: 'tired' } });
    // @ts-expect-error A confirmation names the account, the profile, what to type and the action.
    const partial = new AppError('CONFIRMATION_REQUIRED', 'Confirm.', { details: { expected: '123456789012' } });
    // @ts-expect-error Details of another code are refused.
    const foreign = new AppError('CONFLICT', 'Changed.', { details: { appliedKeys: ['A'] } });
    expect([missing, unknownReason, partial, foreign].every((error) => error instanceof AppError)).toBe(true);
  });

  it('issue 11 item 4: instanceof AppError still tells AppErrors apart, and narrows to an error of any code', () => {
    const caught: unknown = new AppError('NOT_FOUND', 'No such secret.');
    expect(caught instanceof AppError).toBe(true);
    expect(new Error('No such secret.') instanceof AppError).toBe(false);
    expect(Object.create(AppError.prototype) instanceof AppError).toBe(true);
    if (!(caught instanceof AppError)) throw new Error('expected an AppError');
    expectTypeOf(caught).toEqualTypeOf<AppError>();
  });

  it('issue 11 item 4: isAppError with a code narrows the details and refuses other codes', () => {
    const error: unknown = new AppError('PARTIAL_FAILURE', 'Astro applied 1 of 2 variable(s).', {
      details: { appliedKeys: ['A'], notAppliedKeys: ['B'], outcomes: [{ key: 'A', outcome: 'added' }], unnamedRejections: 0, writeReached: true },
    });
    expect(isAppError(error, 'CONFLICT')).toBe(false);
    if (!isAppError(error, 'PARTIAL_FAILURE')) throw new Error('expected a PARTIAL_FAILURE');
    expectTypeOf(error.details).toEqualTypeOf<PartialFailureDetails | undefined>();
    expect(error.details !== undefined && 'appliedKeys' in error.details ? error.details.appliedKeys : []).toEqual(['A']);
    expect(error.toApiError()).toMatchObject({ code: 'PARTIAL_FAILURE', retryable: false, details: { notAppliedKeys: ['B'] } });
  });
});
