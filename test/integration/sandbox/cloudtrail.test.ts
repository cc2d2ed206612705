import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, RestoreSecretCommand, SecretsManagerClient, TagResourceCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDataUserAgent, writeOperations } from '../../../electron/services/sandbox';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { environmentCredentials } from './accounts-harness';
import { lookupEvents } from './aws-wire';
import { awsError, manualClock, startTestSandbox, testCredentials, uniqueName } from './sandbox-harness';

let sandbox: SandboxHandle;
const clock = manualClock(new Date('2026-03-02T10:00:00Z'));

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: clock.now });
});

afterAll(async () => {
  await sandbox.close();
});

interface LookedUpEvent {
  readonly EventId: string;
  readonly EventName: string;
  readonly EventTime: number;
  readonly EventSource: string;
  readonly Username: string;
  readonly AccessKeyId: string;
  readonly ReadOnly: string;
  readonly Resources: { ResourceType: string; ResourceName: string }[];
  readonly CloudTrailEvent: string;
}

async function eventsFor(attribute: { AttributeKey: string; AttributeValue: string } | undefined, extra: Record<string, unknown> = {}, options: Parameters<typeof lookupEvents>[2] = {}): Promise<{ events: LookedUpEvent[]; nextToken?: string }> {
  const answer = await lookupEvents(sandbox, { ...(attribute === undefined ? {} : { LookupAttributes: [attribute] }), ...extra }, options);
  if (answer.status !== 200) throw new Error(`LookupEvents failed: ${JSON.stringify(answer.body)}`);
  const events = answer.body.Events as LookedUpEvent[];
  return typeof answer.body.NextToken === 'string' ? { events, nextToken: answer.body.NextToken } : { events };
}

function airlockClient(credentials = testCredentials): SecretsManagerClient {
  return new SecretsManagerClient({ region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1, customUserAgent: [['airlock', '0.2.0']] });
}

describe('CloudTrail LookupEvents', () => {
  it("issue 14 item 6: every Secrets Manager write is recorded with who, when, the tool's user agent, and never the value", async () => {
    const client = airlockClient();
    const name = uniqueName('trail/writes');
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'canary-create-value', ClientRequestToken: 'a'.repeat(32) }));
    clock.advanceMs(1000);
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'canary-put-value' }));
    clock.advanceMs(1000);
    await client.send(new UpdateSecretCommand({ SecretId: created.ARN, Description: 'described' }));
    await client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'team', Value: 'x' }] }));
    await client.send(new DeleteSecretCommand({ SecretId: name }));
    await client.send(new RestoreSecretCommand({ SecretId: name }));
    client.destroy();

    const { events } = await eventsFor({ AttributeKey: 'ResourceName', AttributeValue: created.ARN ?? '' });
    // Newest first.
    expect(events.map((event) => event.EventName)).toEqual(['RestoreSecret', 'DeleteSecret', 'TagResource', 'UpdateSecret', 'PutSecretValue', 'CreateSecret']);
    const create = events.at(-1);
    expect(create).toMatchObject({ EventSource: 'secretsmanager.amazonaws.com', Username: 'sandbox', AccessKeyId: testCredentials.accessKeyId, ReadOnly: 'false', EventTime: Date.parse('2026-03-02T10:00:00Z') / 1000 });
    expect(create?.Resources).toEqual([{ ResourceType: 'AWS::SecretsManager::Secret', ResourceName: created.ARN }]);
    const record = JSON.parse(create?.CloudTrailEvent ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      eventName: 'CreateSecret',
      eventSource: 'secretsmanager.amazonaws.com',
      awsRegion: 'us-east-1',
      userIdentity: { type: 'IAMUser', userName: 'sandbox', accountId: '000000000000', arn: 'arn:aws:iam::000000000000:user/sandbox', accessKeyId: testCredentials.accessKeyId },
      requestParameters: { name, clientRequestToken: 'a'.repeat(32) },
      eventType: 'AwsApiCall',
      readOnly: false,
    });
    expect(String(record.userAgent)).toMatch(/airlock\/0\.2\.0/);
    for (const event of events) expect(event.CloudTrailEvent).not.toMatch(/canary-(create|put)-value/);
  });

  it('issue 14 item 6: a write made outside Airlock shows its own user agent and identity (an SSO session in the prod account)', async () => {
    const { prod } = environmentCredentials();
    const outside = new SecretsManagerClient({ region: 'eu-west-1', endpoint: sandbox.url, credentials: prod, maxAttempts: 1 });
    const name = uniqueName('trail/outside');
    await outside.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    outside.destroy();
    const byUser = await eventsFor({ AttributeKey: 'Username', AttributeValue: 'ops.engineer@example.com' }, {}, { credentials: prod, region: 'eu-west-1' });
    const event = byUser.events[0];
    expect(event?.EventName).toBe('CreateSecret');
    const record = JSON.parse(event?.CloudTrailEvent ?? '{}') as { userAgent: string; userIdentity: Record<string, unknown> };
    expect(record.userAgent).not.toContain('airlock/');
    expect(record.userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_AdministratorAccess_5f1e2d3c4b5a6978/ops.engineer@example.com',
      sessionContext: { sessionIssuer: { type: 'Role', userName: 'AWSReservedSSO_AdministratorAccess_5f1e2d3c4b5a6978' } },
    });
    // Another account's trail, or another region's, does not hold it.
    expect((await eventsFor({ AttributeKey: 'Username', AttributeValue: 'ops.engineer@example.com' })).events).toEqual([]);
  });

  it('issue 14 item 6: a refused write is recorded with its error code; reads are not recorded', async () => {
    const client = airlockClient();
    const missing = uniqueName('trail/missing');
    expect((await awsError(client.send(new PutSecretValueCommand({ SecretId: missing, SecretString: 'v' })))).name).toBe('ResourceNotFoundException');
    client.destroy();
    const { events } = await eventsFor({ AttributeKey: 'ResourceName', AttributeValue: missing });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.CloudTrailEvent ?? '{}')).toMatchObject({ eventName: 'PutSecretValue', errorCode: 'ResourceNotFoundException', responseElements: null });
    const all = await eventsFor(undefined, { MaxResults: 50 });
    expect(all.events.every((event) => (writeOperations as readonly string[]).includes(event.EventName))).toBe(true);
  });

  it('issue 14 item 6: filters by EventName and time range, and pages with MaxResults and NextToken', async () => {
    const client = airlockClient();
    const base = uniqueName('trail/paging');
    const start = clock.current();
    for (let index = 0; index < 5; index += 1) {
      clock.advanceMs(60_000);
      await client.send(new CreateSecretCommand({ Name: `${base}/${String(index)}`, SecretString: 'v' }));
    }
    client.destroy();
    const window = { StartTime: (start + 60_000) / 1000, EndTime: (start + 4 * 60_000) / 1000 };
    const first = await eventsFor({ AttributeKey: 'EventName', AttributeValue: 'CreateSecret' }, { ...window, MaxResults: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    const second = await eventsFor({ AttributeKey: 'EventName', AttributeValue: 'CreateSecret' }, { ...window, MaxResults: 2, NextToken: first.nextToken });
    expect(second.nextToken).toBeUndefined();
    const names = [...first.events, ...second.events].map((event) => JSON.parse(event.CloudTrailEvent) as { requestParameters: { name: string } }).map((record) => record.requestParameters.name);
    expect(names).toEqual([`${base}/3`, `${base}/2`, `${base}/1`, `${base}/0`]);
  });

  it('issue 14 item 6: answers CloudTrail errors: two lookup attributes, a reversed time range, MaxResults over 50, a foreign NextToken', async () => {
    const two = await lookupEvents(sandbox, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateSecret' }, { AttributeKey: 'Username', AttributeValue: 'sandbox' }] });
    expect(two.errorType).toBe('InvalidLookupAttributesException');
    expect((await lookupEvents(sandbox, { StartTime: 2_000_000_000, EndTime: 1_000_000_000 })).errorType).toBe('InvalidTimeRangeException');
    expect((await lookupEvents(sandbox, { MaxResults: 51 })).errorType).toBe('InvalidMaxResultsException');
    const page = await lookupEvents(sandbox, { MaxResults: 1 });
    const foreign = await lookupEvents(sandbox, { MaxResults: 1, NextToken: page.body.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'DeleteSecret' }] });
    expect(foreign.errorType).toBe('InvalidNextTokenException');
  });

  it("issue 14 item 6: example data is written as the account's administrator with the sandbox's own user agent", async () => {
    await sandbox.loadExampleData({ accountId: '111111111111' });
    const { dev } = environmentCredentials();
    const { events } = await eventsFor({ AttributeKey: 'EventName', AttributeValue: 'PutResourcePolicy' }, {}, { credentials: dev });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.Username).toBe('dev-engineer');
    expect((JSON.parse(events[0]?.CloudTrailEvent ?? '{}') as { userAgent: string }).userAgent).toBe(exampleDataUserAgent);
  });
});
