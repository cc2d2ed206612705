/**
 * Several profiles signed in at once (issue 13 item 3): the session hands out any profile's clients
 * without changing the active one, each profile keeps its own MFA state, and reads of two accounts
 * run side by side through the gateway, each account under its own limiter bucket. Against the fake
 * STS (which checks the MFA code) and the sandbox over HTTP (which serves each account its own store).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validMfaCode } from '../../fakes/aws/fake-aws-world';
import { createRateLimiter } from '../../../electron/services/secrets/rate-limiter';
import { createSecretsManagerAccess, type ListedPage, type SecretsGateway } from '../../../electron/services/secrets/secrets-gateway';
import { useSessionWithFakeAws } from './session-harness';

const world = useSessionWithFakeAws();

/** An MFA role (account 666666666666 at the fake STS) whose Secrets Manager is the sandbox. */
async function addMfaProfileOnTheSandbox(): Promise<void> {
  const sandbox = await world.harness.sandbox.ensureStarted();
  // The dev and prod accounts' example data: they differ, so each account's listing is its own.
  await sandbox.loadExampleData({ accountId: '111111111111' });
  await sandbox.loadExampleData({ accountId: '222222222222' });
  const sandboxUrl = sandbox.url;
  const config = await readFile(world.home.configFile, 'utf8');
  const stsUrl = /\[services fake-aws\]\s*sts =\s*endpoint_url = (\S+)/.exec(config)?.[1];
  expect(stsUrl, 'the fixture config names the fake STS').toBeDefined();
  await appendFile(
    world.home.configFile,
    [
      '',
      '[profile team-mfa]',
      'role_arn = arn:aws:iam::666666666666:role/Admin',
      'source_profile = base',
      'mfa_serial = arn:aws:iam::000000000003:mfa/base-user',
      'region = us-east-1',
      'services = team-mfa-endpoints',
      '',
      '[services team-mfa-endpoints]',
      'sts =',
      `  endpoint_url = ${stsUrl ?? ''}`,
      'secrets_manager =',
      `  endpoint_url = ${sandboxUrl}`,
      '',
    ].join('\n'),
  );
}

async function firstPage(gateway: SecretsGateway): Promise<ListedPage> {
  for await (const page of gateway.listPages({ include: ['airflow/'] })) return page;
  throw new Error('the listing gave no page');
}

describe('several profiles at once', () => {
  it('issue 13 item 3: a second profile with MFA signs in beside the active one, both stay signed in, and their reads run at once under their own accounts\' limits', async () => {
    await addMfaProfileOnTheSandbox();
    await world.harness.session.select('sandbox-dev');

    // Signing in to the MFA profile asks for its code, and leaves sandbox-dev the active profile.
    const signingIn = world.harness.session.clientsForProfile('team-mfa');
    const prompt = await world.harness.nextMfaPrompt();
    expect(prompt).toMatchObject({ profile: 'team-mfa' });
    expect(world.harness.mfaPrompts.answer(prompt.requestId, validMfaCode)).toBe(true);
    const mfaClients = await signingIn;
    expect(mfaClients).toMatchObject({ profile: 'team-mfa', account: '666666666666', region: 'us-east-1' });
    expect((await world.harness.session.active())?.profile.name).toBe('sandbox-dev');

    const devClients = await world.harness.session.clientsForProfile('sandbox-dev');
    const prodClients = await world.harness.session.clientsForProfile('sandbox-prod');
    expect(devClients).toMatchObject({ account: '111111111111', region: 'us-east-1' });
    expect(prodClients).toMatchObject({ account: '222222222222', region: 'eu-west-1' });

    // Switching the active profile does not sign the MFA profile out: no second code is asked.
    await world.harness.session.select('sandbox-prod');
    await world.harness.session.clientsForProfile('team-mfa');
    expect(world.harness.mfaRequests).toHaveLength(1);

    // One list call a "second" per account, on a clock the test moves: a bucket that has to wait says so.
    let clock = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      rates: { list: { perSecond: 1, burst: 1 } },
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const acquired: string[] = [];
    const access = createSecretsManagerAccess({
      limiter: {
        acquire: async (key, apiClass, signal) => {
          acquired.push(key.split('\u0000')[0] ?? '');
          await limiter.acquire(key, apiClass, signal);
        },
      },
    });
    const gateways = [mfaClients, devClients, prodClients].map((clients) => access.gateway(clients));
    const pages = await Promise.all(gateways.map(firstPage));
    // Three accounts, three buckets: none waited for another's slot.
    expect(new Set(acquired)).toEqual(new Set(['666666666666', '111111111111', '222222222222']));
    expect(waits).toEqual([]);
    // Each account read its own store (the sandbox tells accounts apart by the access key).
    const names = pages.map((page) => page.entries.map((entry) => entry.Name).sort());
    expect(names[1]).not.toEqual(names[2]);
    expect(names[1]?.length ?? 0).toBeGreaterThan(0);

    // A second read of the dev account in the same instant waits for its own bucket only.
    await firstPage(access.gateway(devClients));
    expect(waits).toEqual([1000]);
  });
});
