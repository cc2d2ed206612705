import { z } from 'zod';
import { method } from './contract';
import type { ApiError } from '../errors';

export type ProfileKind =
  | 'static'
  | 'sso'
  | 'sso-legacy'
  | 'assume-role'
  | 'credential-process'
  | 'sandbox'
  | 'app-keys'
  | 'unknown';

/** What the renderer may know about a profile: never a key, token or secret. */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region: string | null;
  readonly endpoint: string | null;
  readonly mfa: boolean;
  readonly broken: { readonly reason: string } | null;
  readonly isDefault: boolean;
  readonly production: boolean;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface ActiveProfile {
  readonly profile: ProfileSummary;
  readonly region: string;
  readonly identity: CallerIdentity | null;
  /** Why the identity could not be read (expired credentials, denied, unreachable, ...). */
  readonly identityError: ApiError | null;
  /** True when the profile or its account is marked as production. */
  readonly production: boolean;
}

export const profileNameSchema = z.string().min(1).max(256);
export const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'Not an AWS region name such as us-east-1');

export const profilesMethods = {
  'profiles.list': method<readonly ProfileSummary[]>()(z.object({}).strict()),
  'profiles.select': method<ActiveProfile>()(z.object({ name: profileNameSchema, region: regionSchema.optional() }).strict()),
  'profiles.active': method<ActiveProfile | null>()(z.object({}).strict()),
} as const;
