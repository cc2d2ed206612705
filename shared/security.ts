/**
 * Security constants shared by the Electron window, the app:// protocol and browser mode.
 * Each is a single value pinned by a unit test.
 */

/** The origin of the app's own page inside Electron. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://bundle';

/**
 * The Content-Security-Policy for every page Airlock serves: scripts and styles only from the
 * app itself, no inline script, no eval, no plugins, no framing, API calls only to itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * True when the URL belongs to the app's own page. Compared by scheme and host (WHATWG `origin`
 * is "null" for non-special schemes), so `app://bundle.evil` and `app://x@evil` do not pass.
 */
export function isAppOrigin(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'bundle' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
