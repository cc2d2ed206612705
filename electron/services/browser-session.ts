/**
 * Who may use browser mode: the session token of this run, and the single-use launch codes that
 * a page exchanges for it.
 *
 * A launch code is claimed once. A second claim means two pages had the code, and one of them is
 * not the user's: the token is revoked at once (every page holding it gets 401 `revoked`) and a
 * fresh one is issued, which only the user's terminal is told about.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRefusal } from '../../shared/browser-session';

/** How long a launch code may wait for its page; the printed URL keeps working afterwards. */
export const LAUNCH_CODE_TTL_MS = 120_000;

export type Authorization = { readonly ok: true } | { readonly ok: false; readonly refusal: Extract<SessionRefusal, 'no-token' | 'ended' | 'revoked'> };

export type ClaimOutcome =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly refusal: Extract<SessionRefusal, 'code-expired' | 'code-unknown' | 'code-reused'> };

export interface LaunchCode {
  readonly code: string;
  readonly lifetimeMs: number;
  /** Runs once, when the code is exchanged for the token. */
  onClaimed(listener: () => void): void;
}

export interface BrowserSession {
  /** The token in force now. */
  readonly token: string;
  authorize(authorizationHeader: string | undefined): Authorization;
  issueLaunchCode(): LaunchCode;
  claim(code: string): ClaimOutcome;
}

export interface BrowserSessionOptions {
  /** For tests only; production always generates a fresh token. */
  readonly token?: string;
  /** Milliseconds since the epoch; injectable so that tests can move past a code's lifetime. */
  readonly now: () => number;
  /** Told the fresh token after the old one was revoked because a used launch code came back. */
  readonly onTokenReplaced: (token: string) => void;
}

interface CodeState {
  readonly expiresAt: number;
  claimed: boolean;
  readonly listeners: (() => void)[];
}

const newSecret = (): string => randomBytes(32).toString('base64url');

export function createBrowserSession(options: BrowserSessionOptions): BrowserSession {
  let token = options.token ?? newSecret();
  const revoked: Buffer[] = [];
  const codes = new Map<string, CodeState>();

  const bearer = (value: string): Buffer => Buffer.from(`Bearer ${value}`);
  const matches = (header: Buffer, expected: Buffer): boolean => header.length === expected.length && timingSafeEqual(header, expected);

  const revokeToken = (): void => {
    revoked.push(bearer(token));
    token = newSecret();
    options.onTokenReplaced(token);
  };

  return {
    get token() {
      return token;
    },
    authorize(authorizationHeader) {
      if (authorizationHeader === undefined || authorizationHeader === '') return { ok: false, refusal: 'no-token' };
      const header = Buffer.from(authorizationHeader);
      if (matches(header, bearer(token))) return { ok: true };
      if (revoked.some((old) => matches(header, old))) return { ok: false, refusal: 'revoked' };
      return { ok: false, refusal: 'ended' };
    },
    issueLaunchCode() {
      const code = newSecret();
      const state: CodeState = { expiresAt: options.now() + LAUNCH_CODE_TTL_MS, claimed: false, listeners: [] };
      codes.set(code, state);
      return {
        code,
        lifetimeMs: LAUNCH_CODE_TTL_MS,
        onClaimed: (listener) => {
          state.listeners.push(listener);
        },
      };
    },
    claim(code) {
      const state = codes.get(code);
      if (state === undefined) return { ok: false, refusal: 'code-unknown' };
      if (state.claimed) {
        revokeToken();
        return { ok: false, refusal: 'code-reused' };
      }
      if (options.now() > state.expiresAt) return { ok: false, refusal: 'code-expired' };
      state.claimed = true;
      for (const listener of state.listeners.splice(0)) listener();
      return { ok: true, token };
    },
  };
}
