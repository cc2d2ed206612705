/**
 * SDK clients configured for one profile: explicit region, explicit endpoint (or an explicit "no
 * configured endpoint", so the `AWS_PROFILE`/default profile's `endpoint_url` never leaks onto another
 * profile), retries (adaptive for Secrets Manager, standard elsewhere) and bounded timeouts.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { StandardRetryBackoffStrategy } from '@smithy/types';
import { AppError } from '../../../shared/errors';
import type { CallerIdentity, ResolvedCredentials } from './profile-types';

/** Standard retry mode (exponential backoff with jitter, retry quota); 3 attempts keeps a failing UI action under a few seconds. */
export const retryOptions = { retryMode: 'standard', maxAttempts: 3 } as const;

/**
 * Secrets Manager's one retry policy (the app adds none on top): the SDK's adaptive mode, which
 * backs off on throttling and also slows the client's sending rate while AWS throttles it. Five
 * attempts carry bulk work at the quota through occasional throttling; request tokens make a
 * write's retries safe. The client-side limiter (secrets/rate-limiter.ts) keeps the rate itself.
 */
export const SECRETS_MANAGER_MAX_ATTEMPTS = 5;
/** AWS's per-account, per-region quota of Secrets Manager writes (PutSecretValue and the like), per second. */
export const SECRETS_MANAGER_WRITE_QUOTA = 50;

/** A throttled call's first retry waits up to this long (full jitter), doubling with each retry. */
export const SECRETS_MANAGER_THROTTLE_BACKOFF_MS = 250;
/** Other retryable errors (the SDK's base), and the longest wait of any retry (the SDK's cap). */
const RETRY_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 20_000;

/**
 * The SDK's exponential backoff with full jitter, but a throttle's base is 250 ms instead of the
 * SDK's 1 s: the gateway's bucket already holds the client at the quota (retries included), so a
 * throttle is a brief clash with someone else's calls, and a second's wait mostly holds a bulk
 * run's last items after everything else is done.
 */
export function secretsManagerBackoff(random: () => number = Math.random): StandardRetryBackoffStrategy {
  let base = RETRY_BACKOFF_MS;
  return {
    setDelayBase: (delay) => {
      base = Math.min(delay, SECRETS_MANAGER_THROTTLE_BACKOFF_MS);
    },
    computeNextBackoffDelay: (retries) => Math.floor(random() * Math.min(base * 2 ** retries, MAX_BACKOFF_MS)),
  };
}

/**
 * The adaptive strategy with its sending rate floored at the write quota. By default each
 * throttle cuts the client's rate by 30% down to half a call a second, so one bulk import with a
 * few throttles along the way (which the gateway's limiter already paces at the quota) would crawl
 * at a few writes a second. Floored, a throttled call still waits its backoff before its retry,
 * and the client never drops below the rate AWS grants.
 */
export function secretsManagerRetryStrategy(options: { readonly random?: () => number } = {}): AdaptiveRetryStrategy {
  return new AdaptiveRetryStrategy(SECRETS_MANAGER_MAX_ATTEMPTS, {
    maxAttempts: SECRETS_MANAGER_MAX_ATTEMPTS,
    backoff: secretsManagerBackoff(options.random),
    rateLimiter: new DefaultRateLimiter({ minFillRate: SECRETS_MANAGER_WRITE_QUOTA }),
  });
}

/** Connect fast-fail for a dead emulator or endpoint; generous request time for slow networks. */
export const httpTimeouts = { connectionTimeout: 5_000, requestTimeout: 30_000 } as const;

export function endpointOptions(endpoint: string | null): { endpoint: string } | { ignoreConfiguredEndpointUrls: true } {
  return endpoint === null ? { ignoreConfiguredEndpointUrls: true } : { endpoint };
}

/**
 * `airlock/<version>` appended to every call's user agent: CloudTrail records it, so a secret's
 * history can tell Airlock's own writes from the console's or a script's.
 */
export function airlockUserAgent(version: string): [string, string][] {
  return [['airlock', version]];
}

export type CredentialSupplier = () => Promise<ResolvedCredentials>;

export interface ClientTarget {
  readonly region: string;
  readonly secretsManagerEndpoint: string | null;
  readonly stsEndpoint: string | null;
  /** Omitted: the AWS default (the credential service always resolves it per profile). */
  readonly cloudTrailEndpoint?: string | null;
  /** IAM and KMS, for the access check; omitted: AWS itself. */
  readonly iamEndpoint?: string | null;
  readonly kmsEndpoint?: string | null;
  readonly credentials: CredentialSupplier;
  /** Airlock's version for the user agent suffix; omitted: "dev". */
  readonly appVersion?: string;
  /**
   * Replaces Secrets Manager's retry mode by this strategy. Tests pass the SDK's adaptive strategy
   * with its waits shortened (same attempts, same rules), so a throttled write takes milliseconds.
   */
  readonly secretsManagerRetryStrategy?: SecretsManagerClientConfig['retryStrategy'];
}

/** IAM is global: its one endpoint signs for us-east-1 (the aws partition). */
const iamSigningRegion = 'us-east-1';

/**
 * The clients the credential service builds and caches for one profile, region and endpoints (it
 * owns them and destroys them). Domains get the session's `AwsClients` instead (services/session.ts).
 */
export interface SdkClients {
  readonly secretsManager: SecretsManagerClient;
  readonly sts: STSClient;
  /** CloudTrail's LookupEvents, for a secret's "who changed it". */
  readonly cloudTrail: CloudTrailClient;
  readonly iam: IAMClient;
  readonly kms: KMSClient;
  readonly region: string;
  readonly secretsManagerEndpoint: string | null;
  readonly stsEndpoint: string | null;
  /** Closes the clients' sockets. */
  destroy(): void;
}

export function createSdkClients(target: ClientTarget): SdkClients {
  const common = {
    region: target.region,
    credentials: target.credentials,
    requestHandler: { ...httpTimeouts },
    customUserAgent: airlockUserAgent(target.appVersion ?? 'dev'),
  };
  const retry = { retryStrategy: target.secretsManagerRetryStrategy ?? secretsManagerRetryStrategy() };
  const secretsManager = new SecretsManagerClient({ ...common, ...retry, ...endpointOptions(target.secretsManagerEndpoint) });
  const sts = new STSClient({ ...common, ...retryOptions, ...endpointOptions(target.stsEndpoint) });
  const cloudTrail = new CloudTrailClient({ ...common, ...retryOptions, ...endpointOptions(target.cloudTrailEndpoint ?? null) });
  const iam = new IAMClient({ ...common, ...retryOptions, region: iamSigningRegion, ...endpointOptions(target.iamEndpoint ?? null) });
  const kms = new KMSClient({ ...common, ...retryOptions, ...endpointOptions(target.kmsEndpoint ?? null) });
  return {
    secretsManager,
    sts,
    cloudTrail,
    iam,
    kms,
    region: target.region,
    secretsManagerEndpoint: target.secretsManagerEndpoint,
    stsEndpoint: target.stsEndpoint,
    destroy() {
      secretsManager.destroy();
      sts.destroy();
      cloudTrail.destroy();
      iam.destroy();
      kms.destroy();
    },
  };
}

export async function callerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const output = await sts.send(new GetCallerIdentityCommand({}));
  if (output.Account === undefined || output.Arn === undefined || output.UserId === undefined) {
    throw new AppError('INTERNAL', 'AWS STS returned an incomplete identity. Try again.');
  }
  return { account: output.Account, arn: output.Arn, userId: output.UserId };
}
