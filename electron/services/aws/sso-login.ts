/**
 * IAM Identity Center login through the OAuth device-authorization flow (what `aws sso login
 * --use-device-code` does): register a public client, start a device authorization, hand the
 * verification URL and user code to the caller, poll CreateToken until the user approves, then
 * write the token to the cache the CLI and the SDK's `fromSSO` read.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors';
import type { SsoTarget } from './profile-classification';
import { toAppError } from './aws-errors';
import { endpointOptions, retryOptions } from './sdk-clients';
import { formatCliTimestamp, readSsoToken, writeSsoToken } from './sso-token-cache';

export interface SsoLoginStart {
  /** Whose login this is: the only sign-in pages the system browser may be sent to derive from these. */
  readonly signIn: SsoSignIn;
  /** https page where the user approves the login; the UI opens only this URL (or the complete one). */
  readonly verificationUri: string;
  /** The same page with the code filled in, when AWS provides one. */
  readonly verificationUriComplete: string | null;
  /** The code the user compares on that page. */
  readonly userCode: string;
  /** When the code stops working (ISO UTC). */
  readonly expiresAt: string;
  /** Settles when the login completes (token cached), fails, expires or is cancelled. */
  readonly done: Promise<SsoLoginResult>;
}

/** The profile's own SSO settings (from the AWS config file), never anything the window sent. */
export interface SsoSignIn {
  readonly ssoRegion: string;
  readonly startUrl: string;
}

export interface SsoLoginResult {
  /** When the new SSO access token expires (ISO UTC). */
  readonly tokenExpiresAt: string;
}

export interface SsoLoginOptions {
  /** SSO OIDC endpoint override (`sso_oidc` in a services section), or null for AWS. */
  readonly endpoint: string | null;
  readonly signal?: AbortSignal;
  /** Injectable wait between polls (tests record the requested intervals instead of waiting). */
  readonly sleep?: (milliseconds: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly now?: () => Date;
  readonly clientName?: string;
}

const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';
const defaultIntervalSeconds = 5;
/** RFC 8628 §3.5: on slow_down, add 5 seconds to the polling interval. */
const slowDownIncrementMs = 5_000;
/** Reuse a client registration from the cache only if it stays valid well beyond this login. */
const registrationReuseMarginMs = 24 * 60 * 60 * 1000;

/** SDK errors are matched by name: `instanceof` breaks when two copies of a client package are loaded. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

const cancelled = (): AppError => new AppError('CANCELLED', 'The SSO login was cancelled.');

const defaultSleep = async (milliseconds: number, signal: AbortSignal | undefined): Promise<void> => {
  await delay(milliseconds, undefined, signal === undefined ? {} : { signal });
};

function assertHttps(url: string, what: string): void {
  if (!URL.canParse(url) || new URL(url).protocol !== 'https:') {
    throw new AppError('INTERNAL', `AWS returned a ${what} that is not an https address, so Airlock will not open it. Try the login again.`);
  }
}

interface Registration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly registrationExpiresAt: string;
}

async function register(client: SSOOIDCClient, target: SsoTarget, clientName: string, signal: AbortSignal | undefined): Promise<Registration> {
  const output = await client.send(
    new RegisterClientCommand({
      clientName,
      clientType: 'public',
      ...(target.registrationScopes.length > 0 ? { scopes: [...target.registrationScopes] } : {}),
    }),
    signal === undefined ? {} : { abortSignal: signal },
  );
  if (output.clientId === undefined || output.clientSecret === undefined || output.clientSecretExpiresAt === undefined) {
    throw new AppError('INTERNAL', 'AWS SSO did not register Airlock as a client. Try the login again.');
  }
  return {
    clientId: output.clientId,
    clientSecret: output.clientSecret,
    registrationExpiresAt: formatCliTimestamp(new Date(output.clientSecretExpiresAt * 1000)),
  };
}

/**
 * Starts the login and returns as soon as the user has something to approve. Errors before that
 * point (registration, unreachable endpoint) reject this call; later ones reject `done`.
 */
export async function startSsoDeviceLogin(target: SsoTarget, options: SsoLoginOptions): Promise<SsoLoginStart> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const { signal } = options;
  const sendOptions = signal === undefined ? {} : { abortSignal: signal };
  const context = { profile: target.profile, endpoint: options.endpoint, region: target.ssoRegion };
  const client = new SSOOIDCClient({ region: target.ssoRegion, ...endpointOptions(options.endpoint), ...retryOptions });

  let registration: Registration;
  let authorization;
  try {
    if (signal?.aborted) throw cancelled();
    const cached = await readSsoToken(target);
    const reusable = cached?.clientId !== undefined && cached.clientSecret !== undefined && cached.registrationExpiresAt !== undefined
      && Date.parse(cached.registrationExpiresAt) - now().getTime() > registrationReuseMarginMs;
    registration = reusable && cached.clientId !== undefined && cached.clientSecret !== undefined && cached.registrationExpiresAt !== undefined
      ? { clientId: cached.clientId, clientSecret: cached.clientSecret, registrationExpiresAt: cached.registrationExpiresAt }
      : await register(client, target, options.clientName ?? 'airlock', signal);
    const start = (reg: Registration) =>
      client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: target.startUrl }), sendOptions);
    try {
      authorization = await start(registration);
    } catch (error) {
      // A reused registration may have been revoked; register afresh once.
      if (errorName(error) !== 'InvalidClientException' || !reusable) throw error;
      registration = await register(client, target, options.clientName ?? 'airlock', signal);
      authorization = await start(registration);
    }
  } catch (error) {
    client.destroy();
    throw signal?.aborted ? cancelled() : toAppError(error, context);
  }

  const { deviceCode, userCode, verificationUri, verificationUriComplete } = authorization;
  if (deviceCode === undefined || userCode === undefined || verificationUri === undefined) {
    client.destroy();
    throw new AppError('INTERNAL', 'AWS SSO did not return a sign-in code. Try the login again.');
  }
  try {
    assertHttps(verificationUri, 'sign-in page');
    if (verificationUriComplete !== undefined) assertHttps(verificationUriComplete, 'sign-in page');
  } catch (error) {
    client.destroy();
    throw error;
  }
  const deviceExpiresAtMs = now().getTime() + (authorization.expiresIn ?? 600) * 1000;

  const poll = async (): Promise<SsoLoginResult> => {
    let intervalMs = Math.max(1, authorization.interval ?? defaultIntervalSeconds) * 1000;
    try {
      for (;;) {
        if (signal?.aborted) throw cancelled();
        if (now().getTime() >= deviceExpiresAtMs) {
          throw new AppError('SSO_LOGIN_REQUIRED', 'The sign-in code expired before it was approved. Start the SSO login again.');
        }
        await sleep(intervalMs, signal);
        let token;
        try {
          token = await client.send(
            new CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: deviceCodeGrant, deviceCode }),
            sendOptions,
          );
        } catch (error) {
          if (errorName(error) === 'AuthorizationPendingException') continue;
          if (errorName(error) === 'SlowDownException') {
            intervalMs += slowDownIncrementMs;
            continue;
          }
          if (errorName(error) === 'ExpiredTokenException') {
            throw new AppError('SSO_LOGIN_REQUIRED', 'The sign-in code expired before it was approved. Start the SSO login again.');
          }
          if (errorName(error) === 'AccessDeniedException') {
            throw new AppError('ACCESS_DENIED', 'The SSO sign-in was denied in the browser. Start the login again and approve it.');
          }
          throw error;
        }
        if (token.accessToken === undefined) throw new AppError('INTERNAL', 'AWS SSO did not return a token. Try the login again.');
        const tokenExpiresAt = formatCliTimestamp(new Date(now().getTime() + (token.expiresIn ?? 3600) * 1000));
        await writeSsoToken(target, {
          startUrl: target.startUrl,
          region: target.ssoRegion,
          accessToken: token.accessToken,
          expiresAt: tokenExpiresAt,
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          registrationExpiresAt: registration.registrationExpiresAt,
          ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
        });
        return { tokenExpiresAt };
      }
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw toAppError(error, context);
    } finally {
      client.destroy();
    }
  };

  const done = poll();
  // Callers that drop `done` must not crash the process with an unhandled rejection; awaiting it still rejects.
  done.catch(() => undefined);
  return {
    verificationUri,
    verificationUriComplete: verificationUriComplete ?? null,
    userCode,
    expiresAt: new Date(deviceExpiresAtMs).toISOString(),
    done,
    signIn: { ssoRegion: target.ssoRegion, startUrl: target.startUrl },
  };
}
