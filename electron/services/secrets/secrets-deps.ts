/**
 * What the secrets services need from the rest of the app, injected so that tests run them
 * against the sandbox with the real SDK, and the small helpers every secrets service shares.
 */
import { randomUUID } from 'node:crypto';
import type { ImportFileSource, TaskProgress } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { readKwargsInUse, type KwargsInUse } from '../../../shared/secrets';
import type { AwsClients } from '../session';
import type { InventoryScope, InventoryWrite, SecretInventory } from './inventory-store';
import { createSecretsManagerAccess, type SecretsGateway, type SecretsManagerAccess } from './secrets-gateway';

export interface SecretsDeps {
  /** Clients of the active profile, for reads. */
  readonly clients: () => Promise<AwsClients>;
  /** Clients for a write: under a production profile this throws CONFIRMATION_REQUIRED until confirmed. */
  readonly clientsForWrite: (action: string, confirmation: string | undefined) => Promise<AwsClients>;
  readonly progress?: (progress: TaskProgress) => void;
  /** Reads an import file from disk: a file picked in the open dialog, or one inside a project (electron/services/secrets/import-files.ts). */
  readonly readImportFile?: (source: ImportFileSource) => Promise<{ text: string; fileName: string }>;
  /** A native save dialog + write (Electron); absent in browser mode, where the page downloads the file. */
  readonly saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  readonly newToken?: () => string;
  /** Makes the Secrets Manager gateways (limiters shared per account and region); one of its own when absent. */
  readonly access?: SecretsManagerAccess;
  /** What listings saw, per profile, account and region; absent: nothing is remembered. */
  readonly inventory?: SecretInventory;
  /** The active profile's account, when STS told it (the inventory's scope, the limiter's bucket). */
  readonly account?: () => Promise<string | null>;
  /** How many items of bulk work are in flight at once (bulk-runner.ts). */
  readonly bulkConcurrency?: number;
}

/** The kwargs text in use, or INVALID_INPUT with the library's reason (never the defaults instead). */
export function kwargsOrThrow(json: string): KwargsInUse {
  const read = readKwargsInUse(json);
  if (!read.ok) {
    throw new AppError('INVALID_INPUT', `The backend kwargs in use cannot be read: ${read.message} Fix them in the kwargs editor (Secrets header or the project).`, {
      details: { field: 'kwargs' },
    });
  }
  return read.value;
}

export function isoDate(date: Date | undefined): string | null {
  return date === undefined ? null : date.toISOString();
}

export function token(deps: SecretsDeps): string {
  return deps.newToken?.() ?? randomUUID();
}

let sharedAccess: SecretsManagerAccess | null = null;

/** Where calls for these clients go: their gateway, and the inventory scope they belong to. */
export interface SecretsTarget {
  readonly gateway: SecretsGateway;
  readonly scope: InventoryScope;
}

export async function secretsTarget(deps: SecretsDeps, clients: AwsClients): Promise<SecretsTarget> {
  const account = (await deps.account?.().catch(() => null)) ?? null;
  sharedAccess ??= createSecretsManagerAccess();
  const access = deps.access ?? sharedAccess;
  return {
    gateway: access.gateway({ ...clients, account }),
    scope: { profile: clients.profile, account, region: clients.region, endpoint: clients.secretsManagerEndpoint },
  };
}

/** Tells the inventory about a write that landed, so the list shows it at once. */
export async function noteWrite(deps: SecretsDeps, target: SecretsTarget, write: InventoryWrite): Promise<void> {
  await deps.inventory?.recordWrite(target.scope, write).catch(() => undefined);
}
