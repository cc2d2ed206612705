/**
 * The secrets services against an in-process sandbox, through the real SDK over HTTP, the way the
 * app wires them (only the production guard and the backoff sleep are replaced).
 */
import { CreateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { TaskProgress } from '../../../shared/api';
import { createSdkClients } from '../../../electron/services/aws/sdk-clients';
import { startSandbox, type SandboxHandle } from '../../../electron/services/sandbox';
import type { SecretsDeps } from '../../../electron/services/secrets/secrets-deps';
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
  seed(secrets: readonly { name: string; value: string; description?: string; tags?: { Key: string; Value: string }[] }[]): Promise<void>;
  close(): Promise<void>;
}

export function clientsFor(sandbox: SandboxHandle): AwsClients & { destroy(): void } {
  const made = createSdkClients({ region: 'us-east-1', secretsManagerEndpoint: sandbox.url, stsEndpoint: sandbox.url, cloudTrailEndpoint: sandbox.url, credentials });
  return { profile: 'sandbox', region: 'us-east-1', secretsManager: made.secretsManager, sts: made.sts, cloudTrail: made.cloudTrail, secretsManagerEndpoint: sandbox.url, destroy: () => made.destroy() };
}

export async function startHarness(overrides: Partial<SecretsDeps> = {}): Promise<Harness> {
  const sandbox = await startSandbox();
  const clients = clientsFor(sandbox);
  const otherClients = clientsFor(sandbox);
  const guardedActions: string[] = [];
  const progress: TaskProgress[] = [];
  const deps: SecretsDeps = {
    clients: () => Promise.resolve(clients),
    clientsForWrite: (action) => {
      guardedActions.push(action);
      return Promise.resolve(clients);
    },
    progress: (p) => progress.push(p),
    sleep: () => Promise.resolve(),
    retryBaseMs: 1,
    ...overrides,
  };
  return {
    sandbox,
    clients,
    other: otherClients.secretsManager,
    deps,
    guardedActions,
    progress,
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
      await sandbox.close();
    },
  };
}

export const newToken = (): string => crypto.randomUUID();
