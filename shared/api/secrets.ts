import { z } from 'zod';
import { method } from './contract';

export type SecretKind = 'connection' | 'variable' | 'config';

/** A secret's metadata from ListSecrets: never its value. Dates are ISO strings. */
export interface SecretSummary {
  readonly name: string;
  readonly arn: string;
  readonly kind: SecretKind;
  /** The conn_id, variable key or config key Airflow would use for this secret. */
  readonly id: string;
  readonly description: string | null;
  readonly lastChangedAt: string | null;
  readonly createdAt: string | null;
  readonly deletedAt: string | null;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

export interface SecretPrefixes {
  readonly connections: string | null;
  readonly variables: string | null;
  readonly config: string | null;
}

export interface SecretListing {
  readonly prefixes: SecretPrefixes;
  readonly items: readonly SecretSummary[];
  /** ListSecrets calls made for this listing (N secrets cost ceil(N/100) per prefix). */
  readonly listCalls: number;
}

const prefixSchema = z.string().max(512).nullable();

export const secretPrefixesSchema = z.object({
  connections: prefixSchema,
  variables: prefixSchema,
  config: prefixSchema,
}).strict();

export const secretsMethods = {
  'secrets.list': method<SecretListing>()(z.object({ prefixes: secretPrefixesSchema.optional() }).strict()),
} as const;
