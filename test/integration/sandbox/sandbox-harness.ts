import { SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import { startSandbox } from '../../../electron/services/sandbox';
import { AppError } from '../../../shared/errors';
import type { SandboxHandle, SandboxOptions } from '../../../electron/services/sandbox';

export const testCredentials = { accessKeyId: 'AKIDSANDBOXTEST0001', secretAccessKey: 'sandbox-secret-key' };

export interface ClientOptions {
  readonly region?: string;
  readonly maxAttempts?: number;
}

/** The real SDK client, pointed at the sandbox; one attempt by default so errors surface as-is. */
export function secretsClient(sandbox: SandboxHandle, options: ClientOptions = {}): SecretsManagerClient {
  return new SecretsManagerClient({
    region: options.region ?? 'us-east-1',
    endpoint: sandbox.url,
    credentials: testCredentials,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox(options);
}

/** A name no other test uses, so tests sharing one sandbox do not see each other's secrets. */
export function uniqueName(prefix: string): string {
  return `${prefix}/${randomBytes(5).toString('hex')}`;
}

/** Awaits a call that must fail and returns the SDK's error, so tests can branch on `name`. */
export async function awsError(call: Promise<unknown>): Promise<SecretsManagerServiceException> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SecretsManagerServiceException) return error;
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

/** A settable clock for tests about dates: recovery windows, day-resolution access dates. */
export function manualClock(start: Date): { now: () => Date; advanceDays(days: number): void; advanceMs(ms: number): void; current(): number } {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advanceDays: (days) => {
      ms += days * 24 * 60 * 60 * 1000;
    },
    advanceMs: (delta) => {
      ms += delta;
    },
    current: () => ms,
  };
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** A raw AWS JSON 1.1 call, for what the SDK cannot send (bad JSON, unknown operations). */
export async function rawCall(sandbox: SandboxHandle, target: string, body: string): Promise<Response> {
  return fetch(`${sandbox.url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target },
    body,
  });
}

/** Starts and closes a sandbox over `dataFile`, which must fail to start; returns why. */
export async function startupError(dataFile: string): Promise<AppError> {
  try {
    const sandbox = await startSandbox({ dataFile });
    await sandbox.close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected the sandbox to refuse to start.');
}
