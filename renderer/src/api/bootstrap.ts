/**
 * Picks the transport at startup. In browser mode the token arrives in the URL fragment
 * (`#token=...`, or a one-time `#launch=...` code when Airlock opened the browser itself); it is
 * removed from the address bar at once and kept in sessionStorage for reloads of this tab only.
 * When the server later refuses the token, the tab forgets it and `sessionState` says why.
 */
import { readSessionRefusal, type SessionRefusal } from '../../../shared/browser-session';
import { describeSessionRefusal, sessionState, type SessionMessage } from './session';
import { createElectronTransport, createHttpTransport, type Transport } from './transport';

const TOKEN_KEY = 'airlock.token';

export type Bootstrap = { kind: 'ready'; transport: Transport } | ({ kind: 'unauthorised' } & SessionMessage);

type Claim = { ok: true; token: string } | { ok: false; refusal: SessionRefusal } | { ok: false; unreachable: true };

export async function bootstrapTransport(): Promise<Bootstrap> {
  if (window.airlock !== undefined) return { kind: 'ready', transport: createElectronTransport(window.airlock) };

  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment = fragment.get('token');
  const launchCode = fragment.get('launch');
  if (fromFragment !== null || launchCode !== null) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  let token = fromFragment ?? sessionStorage.getItem(TOKEN_KEY);
  if (token === null && launchCode !== null) {
    const claim = await claimLaunchCode(launchCode);
    if (!claim.ok) {
      if ('unreachable' in claim) {
        return { kind: 'unauthorised', title: 'Airlock is not reachable', detail: 'Is Airlock still running? Start it with npm start and open the address it prints in the terminal.' };
      }
      return { kind: 'unauthorised', ...describeSessionRefusal(claim.refusal) };
    }
    token = claim.token;
  }
  if (token === null) return { kind: 'unauthorised', ...describeSessionRefusal('no-token') };
  sessionStorage.setItem(TOKEN_KEY, token);
  return {
    kind: 'ready',
    transport: createHttpTransport(token, (refusal) => {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionState.end(refusal);
    }),
  };
}

async function claimLaunchCode(code: string): Promise<Claim> {
  let response: Response;
  try {
    response = await fetch('/auth/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  } catch {
    return { ok: false, unreachable: true };
  }
  try {
    const body: unknown = await response.json();
    if (response.status === 401) return { ok: false, refusal: readSessionRefusal(body) };
    const token = typeof body === 'object' && body !== null && 'token' in body ? body.token : undefined;
    return response.ok && typeof token === 'string' ? { ok: true, token } : { ok: false, refusal: 'code-unknown' };
  } catch {
    return { ok: false, refusal: 'code-unknown' };
  }
}
