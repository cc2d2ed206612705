/**
 * AWS profiles: the list the AWS CLI would offer (plus the sandbox and keys entered in Airlock),
 * switching, SSO device login, MFA prompts, app keys and the production guard.
 *
 * Nothing here carries a key, a token or a secret: the renderer learns names, kinds, regions,
 * endpoints, account ids and ARNs only. Credentials stay in the main process.
 */
import { z } from 'zod';
import { absolutePathSchema } from './common';
import { event, method } from './contract';
import type { ApiError } from '../errors';
import { awsRegionPattern } from '../aws-region';

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

export { awsRegionPattern } from '../aws-region';

/**
 * Regions Airlock offers in its region picker (and uses to tell "no such region" from "AWS is
 * unreachable"). A region missing here still works when typed into a profile.
 */
export const knownRegionNames = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
] as const;

/** The state of the SSO login a profile depends on (the token cache shared with the AWS CLI). */
export type SsoTokenState =
  | { readonly state: 'missing' }
  | { readonly state: 'valid' | 'expired'; readonly expiresAt: string; readonly refreshable: boolean };

/** Which production mark applies: the profile's name, its account id, or both. */
export type ProductionMarkedBy = 'profile' | 'account' | 'both';

/**
 * What the renderer may know about a profile: never a key, token or secret. The main process's
 * `ProfileInfo` (what the AWS files say) is derived from this type (electron/services/aws/profile-types.ts).
 */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The region Airlock uses for this profile, or null when none is configured anywhere. */
  readonly region: string | null;
  /** The Secrets Manager endpoint configured for the profile, or null for AWS itself. */
  readonly endpoint: string | null;
  readonly source: ProfileSource;
  /** True when using the profile asks for an MFA code (a role in its chain has `mfa_serial`). */
  readonly mfa: boolean;
  /** The `sso-session` the profile (or the SSO profile its role chain starts from) signs in with. */
  readonly ssoSession: string | null;
  /** For role chains: the profile names walked, starting with this one, e.g. `['deploy', 'ops', 'base']`. */
  readonly sourceChain: readonly string[] | null;
  /**
   * The account the profile reaches when known: from its last identity, else from its config (the
   * account of its `role_arn`, or the `sso_account_id` of an SSO profile; static keys and processes
   * only tell at GetCallerIdentity).
   */
  readonly account: string | null;
  /** For profiles that sign in with SSO: whether that login is still valid. */
  readonly sso: SsoTokenState | null;
  readonly broken: ProfileProblem | null;
  /** True for the profile the AWS CLI would use without `--profile` (`AWS_PROFILE`, else `default`). */
  readonly isDefault: boolean;
  readonly production: boolean;
  readonly productionMarkedBy: ProductionMarkedBy | null;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface ActiveProfile {
  readonly profile: ProfileSummary;
  /** The region in use: the override when one was chosen, else the profile's. */
  readonly region: string;
  readonly regionOverridden: boolean;
  readonly identity: CallerIdentity | null;
  /** Why the identity could not be read (expired credentials, SSO login needed, unreachable, ...). */
  readonly identityError: ApiError | null;
  /** True when the profile or its account is marked as production. */
  readonly production: boolean;
  /** The project environment the profile was chosen for in the header's picker; absent or null: none. */
  readonly environment?: string | null;
}

/** A profile and region remembered for an Astro project. */
export interface ProjectProfileMemory {
  readonly profile: string | null;
  readonly region: string | null;
  /** The environment chosen for this project in the header's picker (a plain profile switch clears it). */
  readonly environment: string | null;
}

export interface SsoLoginStarted {
  readonly loginId: string;
  readonly profile: string;
  /** The https page where the user approves the login. */
  readonly verificationUri: string;
  /** The same page with the code filled in, when AWS provides one. */
  readonly verificationUriComplete: string | null;
  /** The code the user checks on that page. */
  readonly userCode: string;
  /** When the code stops working (ISO UTC). */
  readonly expiresAt: string;
  /** True when Airlock opened the page in the system browser (Electron); browser mode shows a link instead. */
  readonly openedInBrowser: boolean;
}

export interface SsoLoginStatus {
  readonly loginId: string;
  readonly profile: string;
  readonly state: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  readonly error: ApiError | null;
  /** When the new SSO token expires (ISO UTC), once succeeded. */
  readonly tokenExpiresAt: string | null;
}

export interface MfaPrompt {
  readonly requestId: string;
  /** The profile whose `mfa_serial` is asked for. */
  readonly profile: string;
  /** The MFA device ARN (not a secret; it tells the user which device to look at). */
  readonly serialNumber: string;
  /** When the prompt gives up (ISO UTC). */
  readonly expiresAt: string;
}

export interface MfaPromptClosed {
  readonly requestId: string;
  readonly reason: 'answered' | 'cancelled' | 'timed-out';
}

/** Keys entered in Airlock, as the renderer may see them. */
export interface AppKeySummary {
  readonly name: string;
  /** The last four characters of the access key id, to tell keys apart. */
  readonly accessKeyIdLast4: string;
  readonly region: string | null;
  readonly endpoint: string | null;
  readonly persisted: boolean;
}

export type KeyStorageStatus =
  | { readonly persistent: true; readonly backend: string }
  | { readonly persistent: false; readonly reason: 'no-cipher' | 'unavailable' | 'insecure-backend' | 'unreadable-store'; readonly backend: string | null; readonly message: string };

export interface AppKeysState {
  readonly storage: KeyStorageStatus;
  readonly keys: readonly AppKeySummary[];
}

/** One AWS shared file as Airlock read it: where it is, whether it exists, and what chose that path. */
export interface AwsConfigLocation {
  readonly path: string;
  readonly exists: boolean;
  /** The environment variable that named the file, or null for the AWS CLI's default under ~/.aws. */
  readonly setBy: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE' | null;
}

/** Where Airlock looks for profiles (the AWS CLI's own rules), so an empty list can say where it looked. */
export interface AwsConfigLocations {
  readonly config: AwsConfigLocation;
  readonly credentials: AwsConfigLocation;
}

export interface ProductionMarksView {
  readonly profiles: readonly string[];
  readonly accounts: readonly string[];
}

export const profileNameSchema = z.string().min(1).max(256);
export const regionSchema = z.string().regex(awsRegionPattern, 'Not an AWS region name such as us-east-1');
const loginIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
/** Users paste account ids as `123456789012`, `1234-5678-9012` or with spaces. */
const accountIdSchema = z.string().regex(/^[\d\s-]{12,20}$/, 'An AWS account id is 12 digits');

/** What changes when the production marks or the keys entered in Airlock change. */
const profileSettingsAnswers = ['profiles.list', 'profiles.active', 'profiles.productionMarks', 'profiles.appKeys'] as const;

export const profilesMethods = {
  'profiles.list': method<readonly ProfileSummary[]>()(z.object({}).strict()),
  /** Re-reads the AWS files and forgets cached credentials, so edited keys take effect. */
  // Its answer is the new profiles.list, which the caller sets directly.
  'profiles.reload': method<readonly ProfileSummary[]>()(z.object({}).strict(), { invalidates: ['profiles.configLocations'] }),
  'profiles.select': method<ActiveProfile>()(
    z.object({
      name: profileNameSchema,
      region: regionSchema.optional(),
      /** Remember the choice for this Astro project. */
      projectPath: absolutePathSchema.optional(),
      /** Forget cached credentials first ("log in again"). */
      fresh: z.boolean().optional(),
      /** The project environment this switch is for (the header's picker); recorded in the audit log. */
      environment: z.string().min(1).max(64).optional(),
    }).strict(),
    // Every other answer was read under the previous profile; the answer is the new profiles.active.
    { invalidates: { allExcept: ['profiles.active'] } },
  ),
  'profiles.active': method<ActiveProfile | null>()(z.object({}).strict()),
  /** The shared config and credentials files profiles are read from, and whether each exists. */
  'profiles.configLocations': method<AwsConfigLocations>()(z.object({}).strict()),
  /** Asks STS who the active credentials belong to again (not from cache). */
  'profiles.refreshIdentity': method<ActiveProfile | null>()(z.object({}).strict()),
  'profiles.projectMemory': method<ProjectProfileMemory | null>()(z.object({ projectPath: absolutePathSchema }).strict()),
  'profiles.ssoLogin': method<SsoLoginStarted>()(z.object({ name: profileNameSchema }).strict()),
  'profiles.ssoLoginStatus': method<SsoLoginStatus>()(z.object({ loginId: loginIdSchema }).strict()),
  'profiles.cancelSsoLogin': method<{ readonly cancelled: boolean }>()(z.object({ loginId: loginIdSchema }).strict()),
  'profiles.mfaPrompts': method<readonly MfaPrompt[]>()(z.object({}).strict()),
  'profiles.answerMfa': method<{ readonly accepted: boolean }>()(
    z.object({ requestId: loginIdSchema, code: z.string().regex(/^\d{6}$/, 'An MFA code is 6 digits').nullable() }).strict(),
  ),
  'profiles.appKeys': method<AppKeysState>()(z.object({}).strict()),
  'profiles.saveAppKeys': method<AppKeySummary>()(
    z.object({
      name: z.string().min(1).max(64),
      accessKeyId: z.string().min(16).max(128),
      secretAccessKey: z.string().min(1).max(256),
      sessionToken: z.string().max(8192).optional(),
      region: regionSchema,
      endpoint: z.string().max(2048).optional(),
    }).strict(),
    { invalidates: profileSettingsAnswers },
  ),
  'profiles.removeAppKeys': method<{ readonly removed: boolean }>()(z.object({ name: z.string().min(1).max(64) }).strict(), { invalidates: profileSettingsAnswers }),
  'profiles.productionMarks': method<ProductionMarksView>()(z.object({}).strict()),
  'profiles.setProduction': method<ProductionMarksView>()(
    z.object({ profile: profileNameSchema.optional(), account: accountIdSchema.optional(), production: z.boolean() })
      .strict()
      .refine((input) => (input.profile === undefined) !== (input.account === undefined), 'Give either a profile or an account id'),
    { invalidates: profileSettingsAnswers },
  ),
} as const;

export const profilesEvents = {
  /** A profile needs an MFA code: the UI asks and answers with `profiles.answerMfa`. */
  'profiles.mfaRequested': event<MfaPrompt>(),
  'profiles.mfaClosed': event<MfaPromptClosed>(),
  'profiles.ssoLoginFinished': event<SsoLoginStatus>(),
} as const;
