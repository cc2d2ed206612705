/**
 * Who reads when the Deployment carries AWS keys (issue 14 item 1): boto's chain takes keys in the
 * environment before the workload identity, so those keys' IAM user is the reader, named when
 * the keys belong to a profile Airlock holds: by the key id itself when Astro shows it, or by the
 * keyed digest Airlock recorded at deploy time when the variable is secret (Astro never shows it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxAccessKeys } from '../../../electron/services/sandbox';
import { DEPLOYMENT_ID, kwargsFor, startAccessHarness, type AccessHarness } from './access-harness';

const limited = sandboxAccessKeys.limited;
const limitedArn = 'arn:aws:iam::000000000000:user/airlock-limited';
const held = { 'team-etl': { accessKeyId: limited.accessKeyId, arn: limitedArn }, other: { accessKeyId: 'AKIAOTHERPROFILE0001', arn: 'arn:aws:iam::000000000000:user/other' } };

let harness: AccessHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('who reads: AWS keys on the Deployment', () => {
  it('issue 14 item 1: plain AWS_ACCESS_KEY_ID on the Deployment wins over the workload identity, and its IAM user is checked', async () => {
    harness = await startAccessHarness({ deploymentVariables: [{ key: 'AWS_ACCESS_KEY_ID', value: limited.accessKeyId }, { key: 'AWS_SECRET_ACCESS_KEY', value: 'hidden', isSecret: true }] });
    const check = await harness.checker({ heldKeys: held }).check({ path: harness.project, kwargsJson: kwargsFor(null) });
    expect(check.reader).toMatchObject({ source: 'deployment-keys', principalArn: limitedArn, checkedArn: limitedArn });
    expect(check.reader.notes.join(' ')).toContain('the keys of profile team-etl');
  });

  it('issue 14 item 1: a secret AWS_ACCESS_KEY_ID is matched through the digest Airlock recorded when it deployed it', async () => {
    harness = await startAccessHarness({ deploymentVariables: [{ key: 'AWS_ACCESS_KEY_ID', value: limited.accessKeyId, isSecret: true }] });
    const digest = await harness.records.digest(DEPLOYMENT_ID, 'AWS_ACCESS_KEY_ID', limited.accessKeyId);
    await harness.records.save(DEPLOYMENT_ID, [{ key: 'AWS_ACCESS_KEY_ID', digest, updatedAt: null }], new Date('2026-08-20T09:00:00Z'));
    const check = await harness.checker({ heldKeys: held }).check({ path: harness.project, kwargsJson: kwargsFor(null) });
    expect(check.reader).toMatchObject({ source: 'deployment-keys', principalArn: limitedArn });
  });

  it('issue 14 item 1: keys Airlock cannot attribute are said to be unknown, never guessed', async () => {
    harness = await startAccessHarness({ deploymentVariables: [{ key: 'AWS_ACCESS_KEY_ID', value: 'AKIASOMEONEELSES0001', isSecret: true }] });
    const check = await harness.checker({ heldKeys: held }).check({ path: harness.project, kwargsJson: kwargsFor(null) });
    expect(check.reader.source).toBe('deployment-keys');
    expect(check.reader.principalArn).toBeNull();
    expect(check.overall).not.toBe('allowed');
  });
});
