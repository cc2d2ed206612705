/**
 * The secrets services against an in-process sandbox, through the real SDK over HTTP, the way the
 * app wires them (only the production guard and the SDK's retry waits are replaced), with an inventory in a temporary data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import type { TaskProgress } from '../../../shared/api';
import { createSdkClients, SECRETS_MANAGER_MAX_ATTEMPTS } from '../../../electron/services/aws/sdk-clients';
import { startSandbox, type SandboxHandle } from '../../../electron/services/sandbox';
import { createSecretInventory, type SecretInventory } from '../../../electron/services/secrets/inventory-store';
import type { SecretsDeps } from '../../../electron/services/secrets/secrets-deps';
import { createSecretsManagerAccess } from '../../../electron/services/secrets/secrets-gateway';
import type { AwsClients } from '../../../electron/services/session';

const credentials = () => Promise.resolve({ accessKeyId: 'AKIASECRETSTEST00001', secretAccessKey: 'secrets-test-not-a-secret' });

export interface Harness {
  readonly sandbox: SandboxHandle;
  readonly clients: AwsClients;
  /** A second, independent client: "someone else" changing secrets behind the app's back. */
  readonly other: SecretsManagerClient;
  readonly deps: SecretsDeps;
  /** The write actions the services asked the production guard about. */
  readonly guardedActions: string[];
  readonly progress: TaskProgress[];
  /** The inventory the services keep (in a temporary data folder). */
  readonly inventory: SecretInventory;
  readonly dataDir: string;
  seed(secrets: readonly { name: string; value: string; description?: string; tags?: { Key: string; Value: string }[] }[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SDK's adaptive retry strategy with the app's attempts, its waits cut to a millisecond: the
 * backoff between attempts, and the client-side sending rate it lowers after throttling.
 */
export function quickAdaptiveRetry(): AdaptiveRetryStrategy {
  return new AdaptiveRetryStrategy(SECRETS_MANAGER_MAX_ATTEMPTS, {
    maxAttempts: SECRETS_MANAGER_MAX_ATTEMPTS,
    backoff: { computeNextBackoffDelay: () => 1, setDelayBase: () => undefined },
    rateLimiter: new DefaultRateLimiter({ minFillRate: 1_000 }),
  });
}

export function clientsFor(sandbox: SandboxHandle): AwsClients & { destroy(): void } {
  const made = createSdkClients({ region: 'us-east-1', secretsManagerEndpoint: sandbox.url, stsEndpoint: sandbox.url, cloudTrailEndpoint: sandbox.url, credentials, secretsManagerRetryStrategy: quickAdaptiveRetry() });
  return { profile: 'sandbox', region: 'us-east-1', secretsManager: made.secretsManager, sts: made.sts, cloudTrail: made.cloudTrail, secretsManagerEndpoint: sandbox.url, destroy: () => made.destroy() };
}

export async function startHarness(overrides: Partial<SecretsDeps> = {}): Promise<Harness> {
  const sandbox = await startSandbox();
  const clients = clientsFor(sandbox);
  const otherClients = clientsFor(sandbox);
  const guardedActions: string[] = [];
  const progress: TaskProgress[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'airlock-secrets-'));
  const inventory = createSecretInventory({ directory: dataDir });
  const deps: SecretsDeps = {
    clients: () => Promise.resolve(clients),
    clientsForWrite: (action) => {
      guardedActions.push(action);
      return Promise.resolve(clients);
    },
    progress: (p) => progress.push(p),
    access: createSecretsManagerAccess(),
    inventory,
    ...overrides,
  };
  return {
    sandbox,
    clients,
    other: otherClients.secretsManager,
    deps,
    guardedActions,
    progress,
    inventory,
    dataDir,
    async seed(secrets) {
      for (const secret of secrets) {
        await otherClients.secretsManager.send(
          new CreateSecretCommand({ Name: secret.name, SecretString: secret.value, ...(secret.description === undefined ? {} : { Description: secret.description }), ...(secret.tags === undefined ? {} : { Tags: secret.tags }) }),
        );
      }
    },
    async close() {
      clients.destroy();
      otherClients.destroy();
      await inventory.flush();
      await rm(dataDir, { recursive: true, force: true });
      await sandbox.close();
    },
  };
}

export const newToken = (): string => crypto.randomUUID();
