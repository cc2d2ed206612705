/**
 * Airlock's record of the secret values it deployed, so that a later plan can say "unchanged
 * since Airlock deployed it" or "changed outside Airlock" about a variable whose value Astro never
 * shows again.
 *
 * Per Deployment id and key it keeps a keyed digest of the value (HMAC-SHA256 with a random
 * per-install key in the data folder, bound to the Deployment and the key so equal values do not
 * look equal across them) and the `updated_at` Astro reported after the deploy. Never the value.
 * Both files are 0600 and written atomically.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { open, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretRecord, SecretRecords } from '../../../shared/deploy';
import { writeFileAtomic } from '../atomic-file';

export const recordsFileName = 'deploy-records.json';
export const recordKeyFileName = 'deploy-records.key';

const recordSchema = z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/), updatedAt: z.string().max(64).nullable(), deployedAt: z.string().max(64) });
const fileSchema = z.object({ version: z.literal(1), deployments: z.record(z.string(), z.record(z.string(), recordSchema)) });
type RecordsFile = z.infer<typeof fileSchema>;

export interface RecordedValue {
  readonly key: string;
  readonly digest: string;
  readonly updatedAt: string | null;
}

export interface SecretRecordsStore {
  /** The keyed digest of `value` for this Deployment and key. */
  digest(deploymentId: string, key: string, value: string): Promise<string>;
  recordsFor(deploymentId: string): Promise<SecretRecords>;
  /** Adds or replaces records for these keys; other keys are kept. */
  save(deploymentId: string, values: readonly RecordedValue[], deployedAt: Date): Promise<void>;
}

export function createSecretRecordsStore(options: { directory: string }): SecretRecordsStore {
  const recordsPath = join(options.directory, recordsFileName);
  const keyPath = join(options.directory, recordKeyFileName);
  let installKey: Promise<Buffer> | null = null;
  let writes: Promise<void> = Promise.resolve();

  const readKey = async (): Promise<Buffer | null> => {
    try {
      const text = (await readFile(keyPath, 'utf8')).trim();
      return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : null;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
  };

  const createKey = async (): Promise<Buffer> => {
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    try {
      // 'wx': two Airlock processes starting at once must not end up with two keys.
      const handle = await open(keyPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${key.toString('hex')}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return key;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      const existing = await readKey();
      if (existing === null) throw new Error('unreadable record key', { cause: error });
      return existing;
    }
  };

  const key = (): Promise<Buffer> => {
    installKey ??= (async () => (await readKey()) ?? createKey())().catch((error: unknown) => {
      installKey = null;
      throw error;
    });
    return installKey;
  };

  const readAll = async (): Promise<RecordsFile> => {
    let text: string;
    try {
      text = await readFile(recordsPath, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1, deployments: {} };
      throw error;
    }
    // A damaged file only costs the "unchanged since Airlock deployed it" answers: the next plan
    // says "not readable" and deploys again, which rewrites the records.
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : { version: 1, deployments: {} };
    } catch {
      return { version: 1, deployments: {} };
    }
  };

  return {
    async digest(deploymentId, variableKey, value) {
      return createHmac('sha256', await key()).update(`${deploymentId}\u0000${variableKey}\u0000${value}`, 'utf8').digest('hex');
    },
    async recordsFor(deploymentId) {
      const all = await readAll();
      return { ...(all.deployments[deploymentId] ?? {}) };
    },
    async save(deploymentId, values, deployedAt) {
      if (values.length === 0) return;
      const write = async (): Promise<void> => {
        const all = await readAll();
        const current: Record<string, SecretRecord> = { ...(all.deployments[deploymentId] ?? {}) };
        for (const value of values) current[value.key] = { digest: value.digest, updatedAt: value.updatedAt, deployedAt: deployedAt.toISOString() };
        const next: RecordsFile = { version: 1, deployments: { ...all.deployments, [deploymentId]: current } };
        await writeFileAtomic(recordsPath, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
      };
      const next = writes.then(write, write);
      writes = next.catch(() => undefined);
      await next;
    },
  };
}
