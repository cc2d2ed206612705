/**
 * The part of the AWS session the projects domain uses: who is active and their Secrets Manager
 * client. `Session` (electron/services/session.ts) satisfies it; tests pass a small stand-in.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface ProjectSession {
  active(): Promise<{ readonly profile: { readonly name: string; readonly kind: string }; readonly identity?: { readonly account: string } | null } | null>;
  clients(): Promise<{ readonly region: string; readonly secretsManager: SecretsManagerClient; readonly profile?: string; readonly secretsManagerEndpoint?: string | null }>;
}
