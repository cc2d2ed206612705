/**
 * Access keys entered in Airlock, for people with no AWS files.
 *
 * Keys are persisted only as one ciphertext record `{ v: 1, alg: 'safeStorage', data: base64 }` in
 * a file under the app-data directory (atomic write, mode 0600), and only when the injected cipher
 * is available and backed by a real keyring. Otherwise they live in memory for the run and
 * `status()` says why, for the UI's notice. Nothing is ever written to ~/.aws, logs or settings.
 */
import type { AppKeySummary } from '../../../shared/api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ResolvedCredentials } from './profile-types';
import { persistenceStatus, type PersistenceStatus, type SecretCipher } from './secret-cipher';
import { writeFileAtomic } from '../atomic-file';
import { regionPattern } from './aws-regions';
import { sandboxProfileName } from './profile-discovery';

export interface AppKeyInput {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string | null;
  readonly endpoint?: string | null;
}

/** What the renderer may see about stored keys (declared once, in the API contract). */
export type { AppKeySummary } from '../../../shared/api';

interface StoredKey {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string | null;
  readonly endpoint: string | null;
}

interface VaultRecord {
  readonly v: 1;
  readonly alg: 'safeStorage';
  readonly data: string;
}

export const keyVaultFileName = 'aws-app-keys.json';

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$/;
const accessKeyIdPattern = /^[A-Z0-9]{16,128}$/;

function invalid(field: string, message: string): AppError {
  return new AppError('INVALID_INPUT', message, { details: { field } });
}

function validate(input: AppKeyInput): StoredKey {
  const name = input.name.trim();
  if (!namePattern.test(name)) throw invalid('name', 'Use a profile name of letters, digits and . _ - @ + (at most 64 characters).');
  if (name === sandboxProfileName) throw invalid('name', `"${sandboxProfileName}" is the built-in sandbox; choose another name.`);
  const accessKeyId = input.accessKeyId.trim();
  if (!accessKeyIdPattern.test(accessKeyId)) throw invalid('accessKeyId', 'The access key id should be 20 capital letters and digits, like AKIA followed by 16 more.');
  const secretAccessKey = input.secretAccessKey.trim();
  if (secretAccessKey === '' || /\s/.test(secretAccessKey)) throw invalid('secretAccessKey', 'Paste the secret access key without spaces.');
  const sessionToken = input.sessionToken?.trim() || undefined;
  const region = input.region?.trim() || null;
  if (region !== null && !regionPattern.test(region)) throw invalid('region', 'Choose a region like eu-west-1.');
  const endpoint = input.endpoint?.trim() || null;
  if (endpoint !== null) {
    const protocol = URL.canParse(endpoint) ? new URL(endpoint).protocol : '';
    if (protocol !== 'https:' && protocol !== 'http:') throw invalid('endpoint', 'The endpoint must be an http:// or https:// address.');
  }
  return { name, accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }), region, endpoint };
}

function parseStoredKeys(json: string): StoredKey[] {
  const parsed: unknown = JSON.parse(json);
  const profiles = typeof parsed === 'object' && parsed !== null ? (parsed as { profiles?: unknown }).profiles : undefined;
  if (!Array.isArray(profiles)) throw new Error('no profiles array');
  return profiles.map((item: unknown) => validate(item as AppKeyInput));
}

export interface KeyVault {
  /** Whether saved keys survive a restart, and if not, the sentence the UI shows. */
  status(): PersistenceStatus;
  /** Reads persisted keys; a file that cannot be decrypted is left alone and switches the vault to memory-only. */
  load(): Promise<void>;
  list(): AppKeySummary[];
  has(name: string): boolean;
  /** Main-process only: the keys of one profile. */
  credentials(name: string): ResolvedCredentials | undefined;
  settings(name: string): { region: string | null; endpoint: string | null } | undefined;
  /** Adds or replaces a profile's keys; persists them when the vault can. */
  save(input: AppKeyInput): Promise<AppKeySummary>;
  remove(name: string): Promise<boolean>;
}

export function createKeyVault(options: { directory: string; cipher?: SecretCipher | null; fileName?: string }): KeyVault {
  const path = join(options.directory, options.fileName ?? keyVaultFileName);
  const cipher = options.cipher ?? null;
  const keys = new Map<string, StoredKey>();
  let unreadable = false;
  let writes: Promise<void> = Promise.resolve();

  const status = (): PersistenceStatus => {
    if (unreadable) {
      return {
        persistent: false,
        reason: 'unreadable-store',
        backend: cipher?.backend() ?? null,
        message: 'Saved keys could not be decrypted (the system keyring may be locked or changed). New keys are kept in memory only, and the saved file is left untouched.',
      };
    }
    return persistenceStatus(cipher);
  };

  const list = (): AppKeySummary[] => {
    const persisted = status().persistent;
    return [...keys.values()]
      .map((key) => ({ name: key.name, accessKeyIdLast4: key.accessKeyId.slice(-4), region: key.region, endpoint: key.endpoint, persisted }))
      .sort((a, b) => a.name.localeCompare(b.name));
  };

  const persist = async (): Promise<void> => {
    if (!status().persistent || cipher === null) return;
    const payload = JSON.stringify({ profiles: [...keys.values()] });
    const write = async (): Promise<void> => {
      let record: VaultRecord;
      try {
        record = { v: 1, alg: 'safeStorage', data: cipher.encrypt(payload).toString('base64') };
      } catch {
        throw new AppError('INTERNAL', 'The system keyring refused to encrypt the keys. They are kept in memory until Airlock closes.');
      }
      await writeFileAtomic(path, `${JSON.stringify(record)}\n`, { mode: 0o600, dirMode: 0o700 });
    };
    // Serialise writes so that the last save wins on disk, as it does in memory.
    const next = writes.then(write, write);
    writes = next.catch(() => undefined);
    await next;
  };

  return {
    status,
    async load() {
      if (!persistenceStatus(cipher).persistent || cipher === null) return;
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return;
        unreadable = true;
        return;
      }
      try {
        const record = JSON.parse(text) as Partial<VaultRecord>;
        if (record.v !== 1 || record.alg !== 'safeStorage' || typeof record.data !== 'string') throw new Error('unsupported record');
        for (const key of parseStoredKeys(cipher.decrypt(Buffer.from(record.data, 'base64')))) keys.set(key.name, key);
      } catch {
        unreadable = true;
      }
    },
    list,
    has: (name) => keys.has(name),
    credentials(name) {
      const key = keys.get(name);
      if (key === undefined) return undefined;
      return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(key.sessionToken === undefined ? {} : { sessionToken: key.sessionToken }) };
    },
    settings(name) {
      const key = keys.get(name);
      return key === undefined ? undefined : { region: key.region, endpoint: key.endpoint };
    },
    async save(input) {
      const key = validate(input);
      keys.set(key.name, key);
      await persist();
      const summary = list().find((item) => item.name === key.name);
      if (summary === undefined) throw new AppError('INTERNAL', 'The keys were not stored. Try again.');
      return summary;
    },
    async remove(name) {
      const removed = keys.delete(name);
      if (removed) await persist();
      return removed;
    },
  };
}
