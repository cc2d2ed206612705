/**
 * What the renderer learns about an AWS profile. Nothing here is secret: the list is sent over
 * IPC as is, so it carries names, kinds, regions and endpoints, never keys or tokens. The kinds
 * and problem codes are declared once, in the API contract.
 */
import type { ProfileKind, ProfileProblem, ProfileSource } from '../../../shared/api/profiles';

export { profileKinds } from '../../../shared/api/profiles';
export type { ProfileKind, ProfileProblem, ProfileProblemCode, ProfileSource } from '../../../shared/api/profiles';

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The region Airlock uses for this profile, or null when none is configured anywhere. */
  readonly region: string | null;
  /** The Secrets Manager endpoint configured for this profile, or null for the AWS default. */
  readonly endpoint: string | null;
  readonly source: ProfileSource;
  /** True when resolving the profile asks for an MFA code (a role in its chain has `mfa_serial`). */
  readonly mfa: boolean;
  /** The `sso-session` name of an SSO profile (or of the SSO profile its role chain starts from). */
  readonly ssoSession?: string;
  /** For role chains: the profile names walked, starting with this one, e.g. `['deploy', 'ops', 'base']`. */
  readonly sourceChain?: readonly string[];
  /**
   * The account the profile acts in, when its config says so: the account of its `role_arn`, or
   * the `sso_account_id` of an SSO profile. Static keys and processes only tell at GetCallerIdentity.
   */
  readonly account?: string;
  readonly broken: ProfileProblem | null;
  /** True for the profile the AWS CLI would use without `--profile` (`AWS_PROFILE`, else `default`). */
  readonly isDefault: boolean;
}

/** Credentials as the SDK's providers return them. Never leaves the main process. */
export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}
