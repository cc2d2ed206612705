import { describe, expect, it } from 'vitest';
import type { AstroCommand } from '../../../../electron/services/astro/commands';
import {
  cancelledError,
  classifyAstroFailure,
  partialFailureError,
  spawnFailure,
  timeoutError,
} from '../../../../electron/services/astro/errors';
import { createRedactor } from '../../../../electron/services/astro/redact';

const update: AstroCommand = { kind: 'variable-update', deploymentId: 'clx1', workspaceId: 'clws1', envFile: '/tmp/x/variables.env', secret: true };
const inspect: AstroCommand = { kind: 'deployment-inspect', deploymentId: 'clx1', workspaceId: 'clws1' };

const classify = (command: AstroCommand, stderr: string, extra: { stdout?: string; exitCode?: number; requestedKeys?: string[] } = {}) =>
  classifyAstroFailure({ command, exitCode: extra.exitCode ?? 1, signal: null, stdout: extra.stdout ?? '', stderr, requestedKeys: extra.requestedKeys });

describe('classifyAstroFailure', () => {
  it('maps a session that needs the interactive login to NOT_LOGGED_IN, whatever the error after it', () => {
    const stdout = 'Welcome to the Astro CLI 🚀\nTo learn more about Astro, go to https://www.astronomer.io/docs\nPress Enter to open the browser to log in or ^C to quit…\n';
    const error = classify(inspect, 'Error: failed to perform request, status 500\n', { stdout });
    expect(error.code).toBe('NOT_LOGGED_IN');
    expect(error.message).toMatch(/astro login/);
  });

  it('maps "no context set" (never logged in) to NOT_LOGGED_IN, even inside a not-found message', () => {
    expect(classify(inspect, 'Error: failed to find a valid workspace: failed to get current Workspace: no context set, have you authenticated to Astro or APC? Run astro login and try again\nUsage:\n').code).toBe('NOT_LOGGED_IN');
    expect(
      classify(
        inspect,
        'Error: the Deployment specified was not found in this workspace. Your account or API Key may not have access to the deployment specified: no context set, have you authenticated to Astro or APC? Run astro login and try again\n',
      ).code,
    ).toBe('NOT_LOGGED_IN');
  });

  it('tells an expired token from a malformed one', () => {
    const expired = classify(inspect, 'Error: API Token is expired\n', { stdout: 'The given API Token cltok has expired \n' });
    expect(expired.code).toBe('NOT_LOGGED_IN');
    expect(expired.details).toMatchObject({ reason: 'token-expired' });
    expect(expired.message).toMatch(/expired/);
    const malformed = classify(inspect, 'Error: API Token is invalid or malformed\n');
    expect(malformed.code).toBe('NOT_LOGGED_IN');
    expect(malformed.details).toMatchObject({ reason: 'token-invalid' });
  });

  it('maps a missing deployment and a failed selection to NOT_FOUND', () => {
    expect(classify(inspect, 'Error: the Deployment specified was not found in this workspace. Your account or API Key may not have access to the deployment specified\n').code).toBe('NOT_FOUND');
    expect(classify(update, 'Error: invalid Deployment selected\n').code).toBe('NOT_FOUND');
  });

  it('maps a workspace that is not set or not found to NOT_FOUND', () => {
    const stderr =
      'Error: failed to find a valid workspace: failed to get current Workspace: current workspace context not set, you can switch to a workspace with\n\tastro workspace switch WORKSPACEID\nUsage:\n  astro deployment list [flags]\n';
    expect(classify({ kind: 'deployment-list' }, stderr).code).toBe('NOT_FOUND');
  });

  it('reports a partial variable write with the keys that were and were not applied', () => {
    const stdout = [
      'Using an Astro API Token',
      'Cleaning quotes and whitespaces from variable Aupdating variable A ',
      'empty value! skipping creating variable with key: B',
      'Cleaning quotes and whitespaces from variable Cadding variable C',
      '',
      "Updated list of your Deployment's variables:",
      ' #     KEY     VALUE     SECRET     ',
      ' 1     A       ****      true       ',
      ' 2     C       ****      true       ',
    ].join('\n');
    const stderr = 'Error: there was an error while creating or updating one or more of the environment variables. Check the command output above for more information\n';
    const error = classify(update, stderr, { stdout, requestedKeys: ['A', 'B', 'C'] });
    expect(error.code).toBe('PARTIAL_FAILURE');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ appliedKeys: ['A', 'C'], notAppliedKeys: ['B'], writeReached: true });
    expect(error.message).toMatch(/2 of 3/);
  });

  it('treats a Go panic (exit 2) as INTERNAL and warns that a write may have happened', () => {
    const error = classify(update, 'panic: runtime error: index out of range [0] with length 0\n\ngoroutine 1 [running]:\n', { exitCode: 2 });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/may have been applied/);
  });

  it('passes on an unknown CLI error, with secrets masked', () => {
    const redact = createRedactor(['s3cr3t-value', 'tok-123456']);
    const error = classifyAstroFailure({
      command: inspect,
      exitCode: 1,
      signal: null,
      stdout: '',
      stderr: 'Error: something odd happened near s3cr3t-value with tok-123456\n',
      redact,
    });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('something odd happened');
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('tok-123456');
  });

  it('maps network failures, throttling, permissions and an outdated CLI', () => {
    expect(classify(inspect, 'Error: Get "https://api.astronomer.io/v1/...": dial tcp: lookup api.astronomer.io: no such host\n').code).toBe('ENDPOINT_UNREACHABLE');
    expect(classify(inspect, 'Error: failed to perform request, status 429\n').code).toBe('THROTTLED');
    expect(classify(inspect, 'Error: failed to perform request, status 403\n').code).toBe('ACCESS_DENIED');
    expect(classify(inspect, 'Error: unknown flag: --output\nUsage:\n').code).toBe('TOOL_MISSING');
    expect(classify(update, 'Error: This command is not yet supported on Airflow 3 deployments\n').code).toBe('TOOL_MISSING');
  });

  it('still explains a failure with no error text', () => {
    const error = classify(inspect, '', { exitCode: 1 });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/exit code 1/);
  });
});

describe('partialFailureError', () => {
  it('counts a key the CLI never mentioned as not applied', () => {
    const error = partialFailureError("adding variable A\n\nNo variables for this Deployment\n", ['A', 'B']);
    expect(error.details).toMatchObject({ appliedKeys: ['A'], notAppliedKeys: ['B'] });
  });
});

describe('process-level errors', () => {
  it('maps a missing binary to TOOL_MISSING with install advice', () => {
    const error = spawnFailure(Object.assign(new Error('spawn /x/astro ENOENT'), { code: 'ENOENT' }), '/x/astro');
    expect(error.code).toBe('TOOL_MISSING');
    expect(error.message).toMatch(/install/i);
    expect(spawnFailure(Object.assign(new Error('EACCES'), { code: 'EACCES' }), '/x/astro').code).toBe('TOOL_MISSING');
  });

  it('words timeouts and cancellation differently for reads and writes', () => {
    expect(timeoutError(inspect, 60_000).retryable).toBe(true);
    expect(timeoutError(update, 180_000).retryable).toBe(false);
    expect(timeoutError(update, 180_000).message).toMatch(/may or may not have been applied/);
    expect(timeoutError(update, 180_000).details).toMatchObject({ timedOut: true });
    expect(cancelledError(update).code).toBe('CANCELLED');
    expect(cancelledError(update).message).toMatch(/reload the deployment/);
  });
});
