/**
 * "Who changed it" against the sandbox over HTTP: Airlock's clients (with its user agent) and a
 * plain SDK client under other keys write the same secret; the trail names each one and the tool.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSdkClients } from '../../../electron/services/aws/sdk-clients';
import { secretTrail } from '../../../electron/services/audit/secret-trail';
import { createSecretsManagerAccess } from '../../../electron/services/secrets/secrets-gateway';
import { startSandbox, type SandboxHandle } from '../../../electron/services/sandbox';
import { sandboxAccessKeys } from '../../../electron/services/sandbox/sandbox-principals';

const canary = 'Tr41l-CANARY-value-9f3e';

let sandbox: SandboxHandle;
const destroyers: (() => void)[] = [];

function airlockClients(accessKeyId: string, secretAccessKey: string) {
  const made = createSdkClients({
    region: 'us-east-1',
    secretsManagerEndpoint: sandbox.url,
    stsEndpoint: sandbox.url,
    cloudTrailEndpoint: sandbox.url,
    appVersion: '9.8.7',
    credentials: () => Promise.resolve({ accessKeyId, secretAccessKey }),
  });
  destroyers.push(() => made.destroy());
  const target = { profile: 'sandbox-test', region: 'us-east-1', secretsManager: made.secretsManager, secretsManagerEndpoint: sandbox.url };
  return { ...target, cloudTrail: made.cloudTrail, secrets: createSecretsManagerAccess().gateway(target) };
}

function plainSdk(key: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1') {
  const client = new SecretsManagerClient({ region, endpoint: sandbox.url, credentials: key, maxAttempts: 1 });
  destroyers.push(() => client.destroy());
  return client;
}

beforeEach(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  for (const destroy of destroyers.splice(0)) destroy();
  await sandbox.close();
});

describe('secret trail (CloudTrail LookupEvents)', () => {
  it('issue 14 item 4: History names who changed a secret and with which tool, including a change made outside Airlock through the SDK', async () => {
    const ours = airlockClients('AKIAOURSANDBOXADMIN1', 'x');
    const created = await ours.secretsManager.send(new CreateSecretCommand({ Name: 'airflow/connections/warehouse', SecretString: `postgres://u:${canary}@h/db` }));
    // Someone else, outside Airlock, with the plain SDK: the IAM user "dev-engineer"... in the default account a
    // key the sandbox does not know is its administrator, so use an explicit unknown key and the SSO session of prod below.
    const someoneElse = plainSdk({ accessKeyId: 'AKIASOMEONEELSE00001', secretAccessKey: 'else' });
    await someoneElse.send(new PutSecretValueCommand({ SecretId: 'airflow/connections/warehouse', SecretString: `postgres://u:${canary}-2@h/db` }));
    // A read is not a change.
    await someoneElse.send(new GetSecretValueCommand({ SecretId: 'airflow/connections/warehouse' }));

    const trail = await secretTrail(ours, { name: 'airflow/connections/warehouse', arn: created.ARN });

    expect(trail.status).toEqual({ kind: 'complete' });
    expect(trail.events.map((event) => event.eventName)).toEqual(['PutSecretValue', 'CreateSecret']);
    const [put, create] = trail.events;
    expect(create?.tool).toMatchObject({ kind: 'airlock', label: 'Airlock 9.8.7' });
    expect(put?.tool).toMatchObject({ kind: 'sdk', label: 'JavaScript SDK' });
    expect(put?.actor.kind).toBe('iam-user');
    expect(put?.actor.name).toBe('sandbox');
    expect(put?.actor.accessKeyId).toBe('AKIASOMEONEELSE00001');
    expect(JSON.stringify(trail)).not.toContain(canary);
  });

  it('issue 14 item 4: an IAM Identity Center session shows the SSO user name, and stage moves say what moved', async () => {
    const prodKey = sandboxAccessKeys.prod;
    const sso = plainSdk(prodKey, 'eu-west-1');
    const created = await sso.send(new CreateSecretCommand({ Name: 'airflow/variables/region', SecretString: 'eu' }));
    const second = await sso.send(new PutSecretValueCommand({ SecretId: 'airflow/variables/region', SecretString: 'eu-2' }));
    await sso.send(new UpdateSecretVersionStageCommand({ SecretId: 'airflow/variables/region', VersionStage: 'AWSCURRENT', MoveToVersionId: created.VersionId, RemoveFromVersionId: second.VersionId }));
    const made = createSdkClients({ region: 'eu-west-1', secretsManagerEndpoint: sandbox.url, stsEndpoint: sandbox.url, cloudTrailEndpoint: sandbox.url, credentials: () => Promise.resolve(prodKey) });
    destroyers.push(() => made.destroy());

    const trail = await secretTrail(
      { profile: 'prod', region: 'eu-west-1', cloudTrail: made.cloudTrail, secrets: createSecretsManagerAccess().gateway({ profile: 'prod', region: 'eu-west-1', secretsManager: made.secretsManager, secretsManagerEndpoint: sandbox.url }) },
      { name: 'airflow/variables/region' },
    );

    expect(trail.events.map((event) => event.eventName)).toEqual(['UpdateSecretVersionStage', 'PutSecretValue', 'CreateSecret']);
    expect(trail.events[0]?.actor).toMatchObject({ kind: 'sso-user', name: 'ops.engineer@example.com (SSO, AdministratorAccess)' });
    expect(trail.events[0]?.detail).toBe(`AWSCURRENT from ${second.VersionId?.slice(0, 8)} to ${created.VersionId?.slice(0, 8)}`);
  });

  it('issue 14 item 4: a profile without cloudtrail:LookupEvents gets a plain "may not read CloudTrail" answer, not an error and not an empty history', async () => {
    const limited = sandboxAccessKeys.limited;
    const clients = airlockClients(limited.accessKeyId, limited.secretAccessKey);
    await clients.secretsManager.send(new CreateSecretCommand({ Name: 'airflow/variables/limited', SecretString: 'x' }));

    const trail = await secretTrail(clients, { name: 'airflow/variables/limited' });

    expect(trail.status.kind).toBe('no-permission');
    expect(trail.status.kind === 'no-permission' ? trail.status.message : '').toContain('cloudtrail:LookupEvents');
    expect(trail.events).toEqual([]);
  });

  it('issue 14 item 4: throttled lookups (2 a second per account) answer "throttled" after the SDK retries', async () => {
    const clients = airlockClients('AKIAOURSANDBOXADMIN1', 'x');
    const created = await clients.secretsManager.send(new CreateSecretCommand({ Name: 'airflow/variables/busy', SecretString: 'x' }));
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ throttleRate: 1 }) });
    const fast = { ...clients, cloudTrail: new CloudTrailClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'AKIAOURSANDBOXADMIN1', secretAccessKey: 'x' }, maxAttempts: 1 }) };
    destroyers.push(() => fast.cloudTrail.destroy());

    const trail = await secretTrail(fast, { name: 'airflow/variables/busy', arn: created.ARN });

    expect(trail.status.kind).toBe('throttled');
  });
});
