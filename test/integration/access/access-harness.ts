/**
 * The access check against the sandbox (IAM, KMS, Secrets Manager over HTTP through the real SDK
 * clients) and the fake astro (a real child process) for the Deployment's workload identity.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretsManagerAccess } from '../../../electron/services/secrets/secrets-gateway';
import { createAccessCheck, type AccessCheckService } from '../../../electron/services/access/access-check';
import { createDeploymentReading } from '../../../electron/services/access/deployment-reading';
import { dockerfileKwargs } from '../../../electron/services/access/project-kwargs';
import { createAstroRunner } from '../../../electron/services/astro/runner';
import { createSdkClients } from '../../../electron/services/aws/sdk-clients';
import { createSecretRecordsStore } from '../../../electron/services/deploy/secret-records';
import { readTargetFile } from '../../../electron/services/deploy/target-file';
import { exampleAccess, sandboxAccessKeys, startSandbox, type ExampleAccess, type SandboxHandle } from '../../../electron/services/sandbox';
import type { AccessClients } from '../../../electron/services/session';
import { createFakeAstro, defaultWorkspace, type FakeAstro, type FakeVariable } from '../../fakes/astro/fake-astro';

export const DEPLOYMENT_ID = 'clxaccess00000000000000001';

export interface AccessHarness {
  readonly sandbox: SandboxHandle;
  readonly fake: FakeAstro;
  readonly project: string;
  readonly access: ExampleAccess;
  readonly records: ReturnType<typeof createSecretRecordsStore>;
  /**
   * The check as the given sandbox key sees it (default: the sandbox administrator). `heldKeys`
   * are the profiles Airlock holds, by name, with the access key id and ARN each signs in as
   * (the credential service's answer; the app passes its own).
   */
  checker(options?: { accessKeyId?: string; secretAccessKey?: string; profile?: string; heldKeys?: Readonly<Record<string, { accessKeyId: string; arn: string }>> }): AccessCheckService;
  close(): Promise<void>;
}

export async function startAccessHarness(options: { workloadIdentity?: string | null; withTarget?: boolean; deploymentVariables?: readonly FakeVariable[] } = {}): Promise<AccessHarness> {
  const sandbox = await startSandbox();
  await sandbox.loadExampleData();
  const access = exampleAccess('000000000000', 'us-east-1', 'sandbox');
  const workloadIdentity = options.workloadIdentity === undefined ? access.workloadIdentityArn : options.workloadIdentity;
  const fake = createFakeAstro({
    deployments: [
      {
        id: DEPLOYMENT_ID,
        name: 'analytics-prod',
        workspaceId: defaultWorkspace.id,
        ...(workloadIdentity === null ? {} : { workloadIdentity }),
        ...(options.deploymentVariables === undefined ? {} : { variables: options.deploymentVariables }),
      },
    ],
  });
  const temp = mkdtempSync(join(tmpdir(), 'airlock-access-'));
  const project = join(temp, 'project');
  mkdirSync(join(project, '.astro'), { recursive: true });
  writeFileSync(join(project, '.astro', 'config.yaml'), 'project:\n    name: access-check\n');
  writeFileSync(join(project, 'Dockerfile'), 'FROM astrocrpublic.azurecr.io/runtime:3.1-12\n');
  if (options.withTarget !== false) {
    writeFileSync(
      join(project, '.astro', 'airlock.json'),
      `${JSON.stringify({ version: 1, workspaceId: defaultWorkspace.id, workspaceName: defaultWorkspace.name, deploymentId: DEPLOYMENT_ID, deploymentName: 'analytics-prod', awsProfile: null, production: false })}\n`,
    );
  }
  const runner = createAstroRunner({ env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir } });
  const records = createSecretRecordsStore({ directory: join(temp, 'data') });
  const made: { destroy(): void }[] = [];

  return {
    sandbox,
    fake,
    project,
    access,
    records,
    checker(key = {}) {
      const credentials = () => Promise.resolve({ accessKeyId: key.accessKeyId ?? 'AKIAACCESSCHECKTEST1', secretAccessKey: key.secretAccessKey ?? 'access-check-test-not-a-secret' });
      const sdk = createSdkClients({ region: 'us-east-1', secretsManagerEndpoint: sandbox.url, stsEndpoint: sandbox.url, iamEndpoint: sandbox.url, kmsEndpoint: sandbox.url, credentials });
      made.push(sdk);
      const clients: AccessClients = { profile: key.profile ?? 'sandbox', region: 'us-east-1', secretsManager: sdk.secretsManager, sts: sdk.sts, cloudTrail: sdk.cloudTrail, iam: sdk.iam, kms: sdk.kms, secretsManagerEndpoint: sandbox.url };
      return createAccessCheck({
        clients: () => Promise.resolve(clients),
        secretsManager: createSecretsManagerAccess(),
        projectKwargs: dockerfileKwargs,
        deployment: createDeploymentReading({
          readTarget: readTargetFile,
          inspect: (deploymentId, workspaceId) => runner.inspectDeployment(deploymentId, workspaceId),
          records,
          profileKey: (profile) => Promise.resolve(key.heldKeys?.[profile] ?? null),
          candidateProfiles: () => Promise.resolve(Object.keys(key.heldKeys ?? {})),
        }),
        now: () => new Date('2026-08-20T10:00:00Z'),
      });
    },
    async close() {
      for (const sdk of made) sdk.destroy();
      fake.cleanup();
      await sandbox.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

export const limitedKey = { accessKeyId: sandboxAccessKeys.limited.accessKeyId, secretAccessKey: sandboxAccessKeys.limited.secretAccessKey, profile: 'limited' };

export const kwargsFor = (roleArn: string | null, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', config_prefix: 'airflow/config', ...(roleArn === null ? {} : { role_arn: roleArn }), ...extra });
