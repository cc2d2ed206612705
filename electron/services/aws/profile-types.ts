/**
 * What the renderer learns about an AWS profile. Nothing here is secret: the list is sent over
 * IPC as is, so it carries names, kinds, regions and endpoints, never keys or tokens. The kinds
 * and problem codes are declared once, in the API contract.
 */
import type { ProfileSummary } from '../../../shared/api';

export { profileKinds } from '../../../shared/api';
export type { CallerIdentity, ProfileKind, ProfileProblem, ProfileProblemCode, ProfileSource } from '../../../shared/api';

/** What the session learns beyond the AWS files: the SSO login's state and the production marks. */
type LearntByTheSession = 'sso' | 'production' | 'productionMarkedBy';
/** What the files may not say: absent here, null in the summary. */
type WhenConfigured = 'ssoSession' | 'sourceChain' | 'account';

/**
 * A profile as the AWS files (or keys entered in Airlock, or the sandbox) describe it: the
 * renderer's `ProfileSummary` before the session adds what it learns (services/session.ts).
 */
export type ProfileInfo = Omit<ProfileSummary, LearntByTheSession | WhenConfigured> & {
  readonly [K in WhenConfigured]?: NonNullable<ProfileSummary[K]>;
};

/** Credentials as the SDK's providers return them. Never leaves the main process. */
export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}
