/**
 * Endpoint resolution per profile: the SDK honours `endpoint_url` / `services` only for the profile
 * in AWS_PROFILE; Airlock resolves them for the chosen profile and passes them to the clients.
 * A recording HTTP server stands in for the endpoint and shows where requests really went.
 */
import { ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { HttpRequest } from '@smithy/core/protocols';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createCredentialService } from '../../../electron/services/aws/credential-service';
import { createKeyVault } from '../../../electron/services/aws/key-vault';
import { useFakeAwsWorld } from '../../fakes/aws/fake-aws-world';

const world = useFakeAwsWorld({ beforeAll, afterAll, beforeEach, afterEach });
beforeEach(() => {
  world.aws.recorder.requests.length = 0;
});

/**
 * Where a client would send a request, captured after endpoint resolution and before any network
 * I/O, for destinations that do not exist here (real AWS hostnames).
 */
async function destinationOf(client: SecretsManagerClient): Promise<string> {
  const stop = new Error('destination captured');
  let destination = '';
  client.middlewareStack.add(
    () => (args) => {
      if (HttpRequest.isInstance(args.request)) destination = `${args.request.protocol}//${args.request.hostname}${args.request.path}`;
      return Promise.reject(stop);
    },
    { step: 'build', name: 'destinationProbe' },
  );
  try {
    const error = await client.send(new ListSecretsCommand({})).then(() => undefined, (caught: unknown) => caught);
    if (error !== stop) throw error;
  } finally {
    client.middlewareStack.remove('destinationProbe');
  }
  return destination;
}

describe('Secrets Manager endpoint per profile', () => {
  it('a profile endpoint_url is used without AWS_PROFILE (where the SDK alone would call AWS)', async () => {
    const clients = await createCredentialService().clients('local-endpoint');
    await clients.secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/', target: 'secretsmanager.ListSecrets', accessKeyId: 'AKIALOCALENDPOINT007', signingRegion: 'eu-west-1' }),
    ]);
  });

  it('a services section (secrets_manager = endpoint_url) is used, path included', async () => {
    const clients = await createCredentialService().clients('services-endpoint');
    await clients.secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests).toEqual([expect.objectContaining({ path: '/svc/', target: 'secretsmanager.ListSecrets', signingRegion: 'ap-southeast-2' })]);
  });

  it('the endpoint of the AWS_PROFILE profile does not leak onto another profile', async () => {
    world.home.setEnv({ AWS_PROFILE: 'local-endpoint' });
    const clients = await createCredentialService().clients('default');
    expect(await destinationOf(clients.secretsManager)).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
    expect(world.aws.recorder.requests).toEqual([]);
  });

  it('ignore_configured_endpoint_urls and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS switch configured endpoints off', async () => {
    const service = createCredentialService();
    expect(await destinationOf((await service.clients('ignore-endpoint')).secretsManager)).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
    world.home.setEnv({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    expect(await destinationOf((await service.clients('local-endpoint')).secretsManager)).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
  });

  it('AWS_ENDPOINT_URL_SECRETS_MANAGER applies to every profile', async () => {
    world.home.setEnv({ AWS_ENDPOINT_URL_SECRETS_MANAGER: `${world.aws.recorder.url}/from-env` });
    const clients = await createCredentialService().clients('base');
    await clients.secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests.map((request) => request.path)).toEqual(['/from-env/']);
  });

  it('a region override changes the region, not the endpoint', async () => {
    const clients = await createCredentialService().clients('local-endpoint', 'us-west-2');
    await clients.secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests).toEqual([expect.objectContaining({ path: '/', signingRegion: 'us-west-2' })]);
    expect(await destinationOf((await createCredentialService().clients('default', 'ap-northeast-1')).secretsManager)).toBe('https://secretsmanager.ap-northeast-1.amazonaws.com/');
  });

  it('an assumed role signs Secrets Manager calls with the role credentials', async () => {
    world.home.setEnv({ AWS_ENDPOINT_URL_SECRETS_MANAGER: world.aws.recorder.url });
    const service = createCredentialService();
    await (await service.clients('role-2')).secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests[0]?.accessKeyId).toBe(world.aws.sts.issued.at(-1)?.accessKeyId);
  });

  it('reuses clients for the same profile and region', async () => {
    const service = createCredentialService();
    expect(await service.clients('local-endpoint')).toBe(await service.clients('local-endpoint'));
    expect(await service.clients('local-endpoint', 'us-west-2')).not.toBe(await service.clients('local-endpoint'));
  });
});

describe('STS goes to the same place', () => {
  it('a profile endpoint_url also carries GetCallerIdentity (one emulator for everything)', async () => {
    const service = createCredentialService();
    await service.identity('local-endpoint').catch(() => undefined);
    expect(world.aws.recorder.requests.map((request) => new URLSearchParams(request.body).get('Action'))).toEqual(['GetCallerIdentity']);
  });

  it('a services section routes STS to its sts endpoint', async () => {
    expect(await createCredentialService().identity('default').catch((error: unknown) => error)).toBeInstanceOf(AppError);
    const before = world.aws.sts.calls.length;
    expect((await createCredentialService().identity('base')).account).toBe('000000000003');
    expect(world.aws.sts.calls.length).toBe(before + 1);
  });
});

describe('profiles that cannot get clients', () => {
  it('a services reference to a missing section is refused instead of silently calling AWS', async () => {
    const error = await createCredentialService().clients('missing-services').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CREDENTIALS_MISSING', details: { reason: 'missing-services-section' } });
  });

  it('a profile without region needs a region override', async () => {
    const service = createCredentialService();
    expect(await service.clients('no-region').catch((caught: unknown) => caught)).toMatchObject({ code: 'UNKNOWN_REGION' });
    expect((await service.clients('no-region', 'eu-north-1')).region).toBe('eu-north-1');
    expect(await service.clients('default', 'not a region').catch((caught: unknown) => caught)).toMatchObject({ code: 'UNKNOWN_REGION' });
  });
});

describe('built-in sandbox and keys entered in the app', () => {
  it('the sandbox profile talks to the given endpoint with fake static keys', async () => {
    const service = createCredentialService({ sandbox: { endpoint: world.aws.recorder.url } });
    expect((await service.listProfiles()).find((profile) => profile.name === 'sandbox')).toEqual({
      name: 'sandbox', kind: 'sandbox', region: 'us-east-1', endpoint: world.aws.recorder.url, source: 'app', mfa: false, broken: null, isDefault: false,
    });
    await (await service.clients('sandbox')).secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests).toEqual([expect.objectContaining({ accessKeyId: 'AKIAAIRLOCKSANDBOX00', signingRegion: 'us-east-1' })]);
    // No sandbox-only path: the identity is asked of the sandbox's own STS endpoint (here the recorder, which is no STS).
    await service.identity('sandbox').catch(() => undefined);
    expect(world.aws.recorder.requests.at(-1)).toMatchObject({ accessKeyId: 'AKIAAIRLOCKSANDBOX00', body: expect.stringContaining('Action=GetCallerIdentity') as string });

    service.setSandbox(null);
    expect((await service.listProfiles()).map((profile) => profile.name)).not.toContain('sandbox');
  });

  it('app keys are listed as app-keys profiles and used for calls', async () => {
    const vault = createKeyVault({ directory: world.home.home });
    const service = createCredentialService({ keyVault: vault });
    await service.saveAppKeys({ name: 'typed-in', accessKeyId: 'AKIATYPEDIN000000016', secretAccessKey: 'typedInSecret000000000000000000000000016', region: 'eu-west-3', endpoint: world.aws.recorder.url });
    expect((await service.listProfiles()).find((profile) => profile.name === 'typed-in')).toMatchObject({ kind: 'app-keys', source: 'app', region: 'eu-west-3', endpoint: world.aws.recorder.url, broken: null });
    await (await service.clients('typed-in')).secretsManager.send(new ListSecretsCommand({}));
    expect(world.aws.recorder.requests).toEqual([expect.objectContaining({ accessKeyId: 'AKIATYPEDIN000000016', signingRegion: 'eu-west-3' })]);
  });

  it('app keys cannot take the name of a profile from the AWS files', async () => {
    const service = createCredentialService({ keyVault: createKeyVault({ directory: world.home.home }) });
    const error = await service.saveAppKeys({ name: 'base', accessKeyId: 'AKIATYPEDIN000000016', secretAccessKey: 'x'.repeat(40), region: 'eu-west-1' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
