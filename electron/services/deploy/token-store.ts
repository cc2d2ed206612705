/**
 * The Astro API token entered in Airlock.
 *
 * One rule for "may this be persisted", the same as for AWS keys entered in the app
 * (`persistenceStatus` in services/aws): only as a ciphertext record made by an OS-backed cipher
 * that really protects it (Electron safeStorage with a keyring), in a 0600 file written
 * atomically. Without such a cipher the token lives in memory until Airlock closes and nothing is
 * written. The token never goes to the settings, a log, an error message, argv or the renderer;
 * the runner passes it to the CLI in its environment only.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroTokenState } from '../../../shared/api/deploy';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import { persistenceStatus, type PersistenceStatus, type SecretCipher } from '../aws/secret-cipher';

export const astroTokenFileName = 'astro-api-token.json';

interface TokenRecord {
  readonly v: 1;
  readonly alg: 'safeStorage';
  readonly data: string;
}

// Astro API tokens are JWTs (base64url parts joined by dots); anything with whitespace or other
// characters is a paste mistake, and a short one cannot be a token.
const tokenPattern = /^[A-Za-z0-9._~+/=-]{20,8192}$/;

export interface AstroTokenStore {
  /** Reads a persisted token (once, at start). A file that cannot be decrypted is left alone. */
  load(): Promise<void>;
  /** Main process only: the token to pass to the CLI, if one was entered. */
  get(): string | undefined;
  set(token: string): Promise<AstroTokenState>;
  clear(): Promise<AstroTokenState>;
  state(): AstroTokenState;
}

export function createAstroTokenStore(options: { directory: string; cipher?: SecretCipher | null; fileName?: string }): AstroTokenStore {
  const path = join(options.directory, options.fileName ?? astroTokenFileName);
  const cipher = options.cipher ?? null;
  let token: string | undefined;
  let unreadable = false;
  let writes: Promise<void> = Promise.resolve();

  const status = (): PersistenceStatus => {
    if (unreadable) {
      return {
        persistent: false,
        reason: 'unreadable-store',
        backend: cipher?.backend() ?? null,
        message: 'The saved Astro token could not be decrypted (the system keyring may be locked or changed). A token entered now is kept in memory only.',
      };
    }
    return persistenceStatus(cipher);
  };

  const state = (): AstroTokenState => {
    const current = status();
    return {
      source: token === undefined ? 'none' : 'app',
      persistent: current.persistent,
      notice: current.persistent ? null : current.message.replace(/^Keys entered here are kept/, 'A token entered here is kept'),
    };
  };

  const serialised = (write: () => Promise<void>): Promise<void> => {
    const next = writes.then(write, write);
    writes = next.catch(() => undefined);
    return next;
  };

  const persist = async (): Promise<void> => {
    const current = status();
    if (!current.persistent || cipher === null) return;
    const value = token;
    if (value === undefined) return;
    await serialised(async () => {
      let record: TokenRecord;
      try {
        record = { v: 1, alg: 'safeStorage', data: cipher.encrypt(value).toString('base64') };
      } catch {
        throw new AppError('INTERNAL', 'The system keyring refused to encrypt the Astro token. It is kept in memory until Airlock closes.');
      }
      await writeFileAtomic(path, `${JSON.stringify(record)}\n`, { mode: 0o600, dirMode: 0o700 });
    });
  };

  return {
    async load() {
      if (!persistenceStatus(cipher).persistent || cipher === null) return;
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') unreadable = true;
        return;
      }
      try {
        const record = JSON.parse(text) as Partial<TokenRecord>;
        if (record.v !== 1 || record.alg !== 'safeStorage' || typeof record.data !== 'string') throw new Error('unsupported record');
        const value = cipher.decrypt(Buffer.from(record.data, 'base64'));
        if (!tokenPattern.test(value)) throw new Error('not a token');
        token = value;
      } catch {
        unreadable = true;
      }
    },
    get: () => token,
    async set(input) {
      const value = input.trim();
      if (!tokenPattern.test(value)) {
        throw new AppError('INVALID_INPUT', 'That does not look like an Astro API token. Copy the whole token from Astro (Organization or Workspace settings → API Tokens) and paste it without spaces.', {
          details: { field: 'token' },
        });
      }
      token = value;
      await persist();
      return state();
    },
    async clear() {
      token = undefined;
      // Forgetting means forgetting: a saved file goes too, even one that could not be decrypted.
      await serialised(() => rm(path, { force: true }));
      unreadable = false;
      return state();
    },
    state,
  };
}
