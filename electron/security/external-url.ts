/**
 * The only pages Airlock opens in the system browser: the sign-in page of the SSO login it is
 * running. The OIDC device authorization of a region names `https://device.sso.<region>.amazonaws.com/`
 * (older flow) or a page on the start URL's own host (`https://d-xxxxxxxxxx.awsapps.com/start/#/device`).
 * Both are derived from the login's own profile settings, never from the window, so no other
 * `*.amazonaws.com` host (an S3 website bucket, an API Gateway) and no other profile's start URL
 * passes. Pure: tested without Electron.
 */
import type { SsoSignIn } from '../services/aws';

/** An AWS region name as the SSO OIDC service uses it (us-east-1, us-gov-west-1, eu-central-2). */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

function startUrlHost(startUrl: string): string | null {
  if (!URL.canParse(startUrl)) return null;
  const url = new URL(startUrl);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' ? url.hostname : null;
}

/** The hosts this login's sign-in page may be on. */
export function ssoSignInHosts(signIn: SsoSignIn): string[] {
  const hosts: string[] = [];
  if (REGION.test(signIn.ssoRegion)) hosts.push(`device.sso.${signIn.ssoRegion}.amazonaws.com`);
  const startHost = startUrlHost(signIn.startUrl);
  if (startHost !== null) hosts.push(startHost);
  return hosts;
}

/**
 * True when `raw` is an https page on one of the login's hosts, with no user info and no port,
 * written exactly as a URL parser writes it back, so what was checked is exactly what the
 * browser opens (an uppercase host, a trailing dot, `:443`, a backslash or whitespace fail).
 */
export function isSsoSignInPage(raw: string, signIn: SsoSignIn): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.href !== raw) return false;
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  return ssoSignInHosts(signIn).includes(url.hostname);
}
