/**
 * Browser mode's session as the page sees it: whether the server still accepts this tab, and
 * what to tell the user when it does not (Airlock restarted, the token was revoked, a launch
 * link that expired or was used twice). Electron has no such session and never ends one.
 */
import { useSyncExternalStore } from 'react';
import { assertNever } from '../../../shared/assert';
import type { SessionRefusal } from '../../../shared/browser-session';

export interface SessionMessage {
  readonly title: string;
  readonly detail: string;
}

const printedAddress = 'the address Airlock printed in the terminal (it ends with #token=...)';

/** What happened and what to do, in plain words, for each way the server can refuse this tab. */
export function describeSessionRefusal(refusal: SessionRefusal): SessionMessage {
  switch (refusal) {
    case 'no-token':
      return { title: 'Airlock needs its start-up address', detail: `Open Airlock with ${printedAddress}.` };
    case 'ended':
      return {
        title: 'This Airlock session has ended',
        detail:
          `Airlock was restarted since this tab was opened, so this tab can no longer reach it. Open ${printedAddress}, ` +
          'or start Airlock again with npm start. Changes not saved in this tab cannot be saved from here.',
      };
    case 'revoked':
      return {
        title: 'Airlock ended this session for your safety',
        detail:
          "This session's one-time launch link was used a second time, so another program on this computer may have tried to open your Airlock. " +
          'Airlock ended the session and printed a new address in the terminal: open that address to continue. ' +
          'If you did not open Airlock twice yourself, tell whoever looks after this computer.',
      };
    case 'code-expired':
      return { title: 'This launch link has expired', detail: `Airlock's launch link works for two minutes after Airlock starts. Open ${printedAddress}.` };
    case 'code-unknown':
      return {
        title: 'This launch link is not from the Airlock that is running',
        detail: `Airlock was restarted since this link was made. Open ${printedAddress}, or start Airlock again with npm start.`,
      };
    case 'code-reused':
      return {
        title: 'This launch link was already used',
        detail:
          'Another page used this one-time link first, so another program on this computer may have tried to open your Airlock. ' +
          'Airlock ended that session for safety and printed a new address in the terminal: open that address to continue.',
      };
    default:
      return assertNever(refusal, 'Unknown session refusal');
  }
}

type Listener = () => void;

/** The page's one record of a refused session; the first refusal wins (it is the cause). */
function createSessionState() {
  let refusal: SessionRefusal | null = null;
  const listeners = new Set<Listener>();
  return {
    current: (): SessionRefusal | null => refusal,
    end: (why: SessionRefusal): void => {
      if (refusal !== null) return;
      refusal = why;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: Listener): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const sessionState = createSessionState();

/** The refusal that ended this tab's session, or null while it is valid. */
export function useSessionRefusal(): SessionRefusal | null {
  return useSyncExternalStore(sessionState.subscribe, sessionState.current);
}
