import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/services/sandbox';
import { startTestSandbox } from './sandbox-harness';
import { runSdkOnlyScript } from './sdk-only-script';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

describe('a script that knows only the AWS SDK', () => {
  it('creates, lists (filtered, paginated), reads, updates, deletes and restores, and sees AWS error names', async () => {
    const record = await runSdkOnlyScript(sandbox.url);
    expect(record).toEqual({
      created: ['script/variables/alpha', 'script/variables/beta', 'script/variables/gamma'],
      listedPages: 2,
      listedNames: ['script/variables/alpha', 'script/variables/beta', 'script/variables/gamma'],
      readValue: 'alpha-value',
      updatedValue: 'alpha-v2',
      errors: { duplicate: 'ResourceExistsException', missing: 'ResourceNotFoundException', scheduled: 'InvalidRequestException' },
      restoredValue: 'gamma-value',
    });
  });
});
