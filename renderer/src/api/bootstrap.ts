/**
 * Picks the transport at startup. In browser mode the token arrives in the URL fragment
 * (`#token=...`, or a one-time `#launch=...` code when Airlock opened the browser itself); it is
 * removed from the address bar at once and kept in sessionStorage for reloads of this tab only.
 */
import { createElectronTransport, createHttpTransport, type Transport } from './transport';

const TOKEN_KEY = 'airlock.token';

export type Bootstrap = { kind: 'ready'; transport: Transport } | { kind: 'unauthorised'; reason: string };

export async function bootstrapTransport(): Promise<Bootstrap> {
  if (window.airlock !== undefined) return { kind: 'ready', transport: createElectronTransport(window.airlock) };

  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment = fragment.get('token');
  const launchCode = fragment.get('launch');
  if (fromFragment !== null || launchCode !== null) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  let token = fromFragment ?? sessionStorage.getItem(TOKEN_KEY);
  if (token === null && launchCode !== null) token = await claimLaunchCode(launchCode);
  if (token === null) {
    return { kind: 'unauthorised', reason: 'Open Airlock with the address it printed when it started (it ends with #token=...).' };
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  return {
    kind: 'ready',
    transport: createHttpTransport(token, () => sessionStorage.removeItem(TOKEN_KEY)),
  };
}

async function claimLaunchCode(code: string): Promise<string | null> {
  try {
    const response = await fetch('/auth/claim', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    if (!response.ok) return null;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : null;
  } catch {
    return null;
  }
}
