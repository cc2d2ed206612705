import { z } from 'zod';
import { ownerCaller } from './example-data';
import { parseSeed } from './sandbox-seeding';
import type { SandboxService } from './sandbox-service';
import { createSecret } from './secret-operations';
import { ServiceError } from './service-error';

/** Test and benchmark data in bulk: at most this many secrets a request. */
export const MAX_SEEDED_SECRETS = 5_000;

export const secretsSeedSchema = z
  .object({
    accountId: z.string().regex(/^\d{12}$/, 'an account id is 12 digits').optional(),
    region: z.string().regex(/^[a-z0-9-]{1,32}$/).optional(),
    secrets: z
      .array(z.object({ name: z.string().min(1), value: z.string(), description: z.string().optional() }).strict())
      .max(MAX_SEEDED_SECRETS, `at most ${String(MAX_SEEDED_SECRETS)} secrets a request`),
  })
  .strict();
export type SecretsSeed = z.input<typeof secretsSeedSchema>;

export interface SecretsSeedResult {
  readonly created: number;
  /** Names already taken (or scheduled for deletion): left as they are. */
  readonly skipped: number;
  /** Secrets CreateSecret refused (a bad name, say), with its error. */
  readonly failed: { name: string; code: string; message: string }[];
}

/**
 * Creates many secrets as the account's administrator, each through CreateSecret (with its
 * CloudTrail record), in one batch: what they change reaches the disk in one journal append and
 * one fsync, so seeding 10,000 secrets costs the sandbox seconds, not an fsync each.
 */
export function seedSecrets(service: SandboxService, input: unknown): SecretsSeedResult {
  const seed = parseSeed(secretsSeedSchema, input, 'The secrets seed');
  const caller = ownerCaller(service, { accountId: seed.accountId ?? service.accountId, region: seed.region ?? service.defaultRegion }, 'airlock-sandbox/seed');
  let created = 0;
  let skipped = 0;
  const failed: { name: string; code: string; message: string }[] = [];
  service.batch(() => {
    for (const secret of seed.secrets) {
      const body = { Name: secret.name, SecretString: secret.value, ...(secret.description === undefined ? {} : { Description: secret.description }) };
      try {
        service.runSecretsManager('CreateSecret', createSecret, body, caller);
        created += 1;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        if (error.code === 'ResourceExistsException' || error.code === 'InvalidRequestException') skipped += 1;
        else failed.push({ name: secret.name, code: error.code, message: error.message });
      }
    }
  });
  return { created, skipped, failed };
}
