/**
 * What the renderer learns about an AWS profile. Nothing here is secret: the list is sent over
 * IPC as is, so it carries names, kinds, regions and endpoints, never keys or tokens.
 */
export const profileKinds = [
  'static',
  'sso',
  'sso-legacy',
  'assume-role',
  'web-identity',
  'credential-process',
  'sandbox',
  'app-keys',
  'unknown',
] as const;

export type ProfileKind = (typeof profileKinds)[number];

/** Where a profile is defined: the shared config file, the shared credentials file, both, or Airlock itself. */
export type ProfileSource = 'config' | 'credentials' | 'both' | 'app';

/** Machine-readable reason a profile cannot be used as written; `reason` is the sentence for the user. */
export type ProfileProblemCode =
  | 'missing-source-profile'
  | 'source-profile-cycle'
  | 'conflicting-role-source'
  | 'role-without-source'
  | 'unsupported-credential-source'
  | 'missing-sso-session'
  | 'incomplete-sso-session'
  | 'incomplete-sso-profile'
  | 'conflicting-sso-settings'
  | 'missing-services-section'
  | 'no-credentials'
  | 'misplaced-section'
  | 'no-region';

export interface ProfileProblem {
  readonly code: ProfileProblemCode;
  readonly reason: string;
}

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
