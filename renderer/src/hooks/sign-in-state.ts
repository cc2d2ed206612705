/**
 * Sign-in state shared by the header and every view, outside React's tree so that any caller can
 * raise it: an SSO login the user must complete (with the profile switch to retry afterwards),
 * and the last call that failed because the credentials need a new sign-in.
 *
 * The dialogs and the "log in again" action live in the header (always mounted), so a failing call
 * anywhere is fixed in place: no navigation, no remount, unsaved edits stay where they are.
 */
import { useSyncExternalStore } from 'react';
import type { MethodInput } from '../../../shared/api';
import type { ApiError, ErrorCode } from '../../../shared/errors';

export interface SsoLoginRequest {
  /** Distinguishes two requests for the same profile. */
  readonly id: number;
  readonly profile: string;
  /** The switch to run again once logged in (null: just log in). */
  readonly retry: MethodInput<'profiles.select'> | null;
}

interface SignInState {
  readonly ssoRequest: SsoLoginRequest | null;
  /** A call that failed because the user must sign in again. */
  readonly problem: ApiError | null;
}

/** Errors a new sign-in fixes. */
export const signInErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['SSO_LOGIN_REQUIRED', 'CREDENTIALS_EXPIRED']);

let state: SignInState = { ssoRequest: null, problem: null };
let nextId = 1;
const listeners = new Set<() => void>();

function update(change: Partial<SignInState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function requestSsoLogin(profile: string, retry: MethodInput<'profiles.select'> | null): void {
  update({ ssoRequest: { id: nextId++, profile, retry } });
}

export function finishSsoLoginRequest(id: number): void {
  if (state.ssoRequest?.id === id) update({ ssoRequest: null });
}

export function reportSignInProblem(error: ApiError): void {
  if (signInErrorCodes.has(error.code)) update({ problem: error });
}

export function clearSignInProblem(): void {
  if (state.problem !== null) update({ problem: null });
}

export function useSsoLoginRequest(): SsoLoginRequest | null {
  return useSyncExternalStore(subscribe, () => state.ssoRequest);
}

export function useSignInProblem(): ApiError | null {
  return useSyncExternalStore(subscribe, () => state.problem);
}
