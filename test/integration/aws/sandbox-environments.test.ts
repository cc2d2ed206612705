/**
 * The sandbox's dev and prod accounts as built-in profiles: the session built as the app builds it,
 * the emulator started on first use and reached over HTTP with each account's own keys.
 */
import { ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { createSandboxHandlers } from '../../../electron/handlers/sandbox';
import { AppError } from '../../../shared/errors';
import { useSessionWithFakeAws } from './session-harness';

const world = useSessionWithFakeAws();

async function secretNames(client: SecretsManagerClient): Promise<string[]> {
  const listed = await client.send(new ListSecretsCommand({ MaxResults: 100, IncludePlannedDeletion: true }));
  return (listed.SecretList ?? []).map((secret) => secret.Name ?? '').sort();
}

describe('the sandbox accounts as profiles', () => {
  it('issue 13 item 7: the profile list offers sandbox-dev and sandbox-prod with their regions and accounts, prod marked production', async () => {
    const byName = new Map((await world.harness.session.list()).map((profile) => [profile.name, profile]));
    expect(byName.get('sandbox-dev')).toMatchObject({ kind: 'sandbox', region: 'us-east-1', account: '111111111111', production: false, broken: null });
    expect(byName.get('sandbox-prod')).toMatchObject({ kind: 'sandbox', region: 'eu-west-1', account: '222222222222', production: true, productionMarkedBy: 'profile', broken: null });
    expect(byName.get('sandbox')).toMatchObject({ kind: 'sandbox', production: false });
    // Listing starts nothing: the emulator starts when one of them is chosen.
    expect(world.harness.sandbox.url()).toBeNull();
  });

  it('issue 13 item 7: each sandbox profile reaches its own account over HTTP, and only prod writes ask for the account id', async () => {
    const dev = await world.harness.session.select('sandbox-dev');
    expect(dev).toMatchObject({ region: 'us-east-1', production: false, identity: { account: '111111111111', arn: 'arn:aws:iam::111111111111:user/dev-engineer' } });
    await expect(world.harness.session.clientsForWrite('create a secret', undefined)).resolves.toMatchObject({ profile: 'sandbox-dev' });

    const prod = await world.harness.session.select('sandbox-prod');
    expect(prod).toMatchObject({ region: 'eu-west-1', production: true, identity: { account: '222222222222' } });
    expect(prod.identity?.arn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_/);
    const refused = await world.harness.session.clientsForWrite('create a secret', undefined).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { account: '222222222222', profile: 'sandbox-prod' } });
    await expect(world.harness.session.clientsForWrite('create a secret', '222222222222')).resolves.toMatchObject({ profile: 'sandbox-prod', region: 'eu-west-1' });

    const sandbox = await world.harness.session.select('sandbox');
    expect(sandbox).toMatchObject({ production: false, identity: { account: '000000000000' } });
  });

  it('issue 13 item 7: "Load example data" fills the account of the active sandbox profile, and the dev and prod data drift apart', async () => {
    const load = createSandboxHandlers({ sandbox: world.harness.sandbox, session: world.harness.session })['sandbox.loadExampleData'];
    const ctx = { transport: 'ipc', signal: new AbortController().signal } as const;

    await world.harness.session.select('sandbox-prod');
    const loaded = await load({}, ctx);
    expect(loaded.created).toBeGreaterThan(0);
    const prodNames = await secretNames((await world.harness.session.clients()).secretsManager);
    expect(prodNames.length).toBe(loaded.created);

    await world.harness.session.select('sandbox-dev');
    expect(await secretNames((await world.harness.session.clients()).secretsManager)).toEqual([]);
    await load({}, ctx);
    const devNames = await secretNames((await world.harness.session.clients()).secretsManager);
    expect(devNames.length).toBeGreaterThan(0);
    expect(devNames).not.toEqual(prodNames);

    await world.harness.session.select('sandbox');
    expect(await secretNames((await world.harness.session.clients()).secretsManager)).toEqual([]);
  });

  it('issue 13 item 7: keys entered in Airlock cannot take a built-in sandbox profile\'s name', async () => {
    await expect(world.harness.session.saveAppKeys({ name: 'sandbox-prod', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-1', endpoint: null }))
      .rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
