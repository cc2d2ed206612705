import type { Caller } from './caller';
import { accessIamSeed, accessKmsSeed, denyOtherReadersPolicy, exampleAccess } from './examples/access-examples';
import type { ExampleAccess } from './examples/access-examples';
import { exampleSecrets } from './examples/default-secrets';
import { devSecrets, prodSecrets } from './examples/environment-secrets';
import type { ExampleSecret } from './examples/example-model';
import { putResourcePolicy } from './resource-policy-operations';
import { sandboxEnvironments } from './sandbox-environments';
import { seedIam, seedKms } from './sandbox-seeding';
import type { SandboxService } from './sandbox-service';
import { createSecret, deleteSecret } from './secret-operations';
import { ServiceError } from './service-error';

export { exampleSecrets };
export type { ExampleSecret };

export const exampleDataUserAgent = 'airlock-sandbox/example-data';

/** One account's example data: where it goes and what it holds. */
export interface ExampleDataSet {
  readonly label: string;
  readonly accountId: string;
  readonly region: string;
  readonly secrets: readonly ExampleSecret[];
}

/** The default account's data (in the default region) and the dev and prod environments'. */
export function exampleDataSets(defaultAccountId: string, defaultRegion: string): ExampleDataSet[] {
  const environments = sandboxEnvironments.map((environment) => ({
    label: environment.name,
    accountId: environment.accountId,
    region: environment.region,
    secrets: environment.name === 'dev' ? devSecrets : prodSecrets,
  }));
  return [{ label: 'sandbox', accountId: defaultAccountId, region: defaultRegion, secrets: exampleSecrets }, ...environments.filter((set) => set.accountId !== defaultAccountId)];
}

/** The account's administrator, calling from this computer: who seeds example data and test data. */
export function ownerCaller(service: SandboxService, where: { readonly accountId: string; readonly region: string }, userAgent = exampleDataUserAgent): Caller {
  return { principal: service.principals.owner(where.accountId), region: where.region, userAgent, sourceIp: '127.0.0.1', requestId: 'example-data' };
}

/** Creates one example secret as the account's administrator would; false when its name is taken. */
function createExample(service: SandboxService, caller: Caller, secret: ExampleSecret, access: ExampleAccess): boolean {
  const body = { Name: secret.name, Description: secret.description, SecretString: secret.value, Tags: secret.tags, ...(secret.customerKey === true ? { KmsKeyId: access.customerKeyArn } : {}) };
  try {
    service.runSecretsManager('CreateSecret', createSecret, body, caller);
  } catch (error) {
    // Already there (or scheduled for deletion under that name): leave the user's secret alone.
    if (error instanceof ServiceError && (error.code === 'ResourceExistsException' || error.code === 'InvalidRequestException')) return false;
    throw error;
  }
  if (secret.denyOtherReaders === true) service.runSecretsManager('PutResourcePolicy', putResourcePolicy, { SecretId: secret.name, ResourcePolicy: denyOtherReadersPolicy(access) }, caller);
  if (secret.scheduledForDeletion === true) service.runSecretsManager('DeleteSecret', deleteSecret, { SecretId: secret.name, RecoveryWindowInDays: 30 }, caller);
  return true;
}

/**
 * Loads one account's example data: the IAM roles and the KMS key of the access examples, then
 * the secrets that do not exist yet. Running it again creates nothing. Secrets are created
 * through the same operations (and CloudTrail records) as API calls.
 */
export function loadExampleDataSet(service: SandboxService, set: ExampleDataSet): { created: number; skipped: number } {
  const access = exampleAccess(set.accountId, set.region, set.label);
  seedIam(service, accessIamSeed(set.accountId, set.region, access));
  seedKms(service, accessKmsSeed(set.accountId, set.region, access));
  const caller = ownerCaller(service, set);
  let created = 0;
  service.batch(() => {
    for (const secret of set.secrets) if (createExample(service, caller, secret, access)) created += 1;
  });
  return { created, skipped: set.secrets.length - created };
}
