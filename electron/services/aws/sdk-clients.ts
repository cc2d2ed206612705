/**
 * SDK clients configured for one profile: explicit region, explicit endpoint (or an explicit "no
 * configured endpoint", so the `AWS_PROFILE`/default profile's `endpoint_url` never leaks onto another
 * profile), standard retries and bounded timeouts.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AppError } from '../../../shared/errors';
import type { CallerIdentity, ResolvedCredentials } from './profile-types';

/** Standard retry mode (exponential backoff with jitter, retry quota); 3 attempts keeps a failing UI action under a few seconds. */
export const retryOptions = { retryMode: 'standard', maxAttempts: 3 } as const;

/** Connect fast-fail for a dead emulator or endpoint; generous request time for slow networks. */
export const httpTimeouts = { connectionTimeout: 5_000, requestTimeout: 30_000 } as const;

export function endpointOptions(endpoint: string | null): { endpoint: string } | { ignoreConfiguredEndpointUrls: true } {
  return endpoint === null ? { ignoreConfiguredEndpointUrls: true } : { endpoint };
}

export type CredentialSupplier = () => Promise<ResolvedCredentials>;

export interface ClientTarget {
  readonly region: string;
  readonly secretsManagerEndpoint: string | null;
  readonly stsEndpoint: string | null;
  /** IAM and KMS, for the access check; omitted: AWS itself. */
  readonly iamEndpoint?: string | null;
  readonly kmsEndpoint?: string | null;
  readonly credentials: CredentialSupplier;
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
  readonly iam: IAMClient;
  readonly kms: KMSClient;
  readonly region: string;
  readonly secretsManagerEndpoint: string | null;
  readonly stsEndpoint: string | null;
  /** Closes the clients' sockets. */
  destroy(): void;
}

export function createSdkClients(target: ClientTarget): SdkClients {
  const common = { region: target.region, credentials: target.credentials, requestHandler: { ...httpTimeouts }, ...retryOptions };
  const secretsManager = new SecretsManagerClient({ ...common, ...endpointOptions(target.secretsManagerEndpoint) });
  const sts = new STSClient({ ...common, ...endpointOptions(target.stsEndpoint) });
  const iam = new IAMClient({ ...common, region: iamSigningRegion, ...endpointOptions(target.iamEndpoint ?? null) });
  const kms = new KMSClient({ ...common, ...endpointOptions(target.kmsEndpoint ?? null) });
  return {
    secretsManager,
    sts,
    iam,
    kms,
    region: target.region,
    secretsManagerEndpoint: target.secretsManagerEndpoint,
    stsEndpoint: target.stsEndpoint,
    destroy() {
      secretsManager.destroy();
      sts.destroy();
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
