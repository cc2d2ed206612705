/**
 * Helpers for the secrets e2e spec: calling Airlock's own API from the test (browser mode, with
 * the launch token) and reaching its sandbox through the real SDK, as "someone else" would.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AirlockProcess } from './airlock-fixture';

export async function callAirlock<T>(airlock: AirlockProcess, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${airlock.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${airlock.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error.message}`);
  return body.value;
}

/** An SDK client on the sandbox the app started (its URL is the sandbox profile's endpoint). */
export async function sandboxClient(airlock: AirlockProcess): Promise<SecretsManagerClient> {
  const profiles = await callAirlock<{ name: string; endpoint: string | null }[]>(airlock, 'profiles.list');
  const endpoint = profiles.find((p) => p.name === 'sandbox')?.endpoint ?? null;
  if (endpoint === null) throw new Error('the sandbox has not started');
  return new SecretsManagerClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIASOMEONEELSE00001', secretAccessKey: 'someone-else' }, maxAttempts: 1 });
}
