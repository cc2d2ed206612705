/**
 * The Astro API token entered in Airlock.
 *
 * One rule for "may this be persisted", the same as for AWS keys entered in the app
 * (`persistenceStatus` in services/aws): only as a ciphertext record made by an OS-backed cipher
 * that really protects it (Electron safeStorage with a keyring), in a 0600 file written
 * atomically. Without such a cipher the token lives in memory until Airlock closes and nothing is
 * written. The token never goes to the settings, a log, an error message, argv or the renderer;
 * the runner passes it to the CLI in its environment only.
 *
 * The CLI itself writes the token it is given into its config file (`Bearer <token>` under the
 * context, reference/astro-cli.md §3.4), which is why it runs with a private ASTRO_HOME. That copy
 * is Airlock's doing too: clearing the token removes it, and so does the next start (a token kept
 * in memory only must not outlive Airlock in the CLI's file).
 */
import { lstat, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroTokenState } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import { persistenceStatus, type PersistenceStatus, type SecretCipher } from '../aws';

export const astroTokenFileName = 'astro-api-token.json';

/** The ASTRO_HOME the CLI gets whenever it runs with the token entered in Airlock: a folder in Airlock's data folder. */
export function privateAstroHome(dataDir: string): string {
  return join(dataDir, 'astro-home');
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Removes the CLI's config file in the private ASTRO_HOME, the only file the CLI keeps the token
 * in. Only Airlock's token runs use that folder, so nothing of the user's is lost; a folder that
 * is a symbolic link (somewhere else, perhaps the user's own ~/.astro) is left alone.
 */
async function removeCliTokenCopy(astroHome: string): Promise<void> {
  const folder = join(astroHome, '.astro');
  for (const dir of [astroHome, folder]) {
    try {
      if (!(await lstat(dir)).isDirectory()) return;
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
  }
  await rm(join(folder, 'config.yaml'), { force: true });
}

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

export interface AstroTokenStoreOptions {
  /** Airlock's data folder: the encrypted token file lives here. */
  readonly directory: string;
  readonly cipher?: SecretCipher | null;
  readonly fileName?: string;
  /** The CLI's private ASTRO_HOME (default: `privateAstroHome(directory)`), whose config file gets the token too. */
  readonly astroHome?: string;
}

export function createAstroTokenStore(options: AstroTokenStoreOptions): AstroTokenStore {
  const path = join(options.directory, options.fileName ?? astroTokenFileName);
  const astroHome = options.astroHome ?? privateAstroHome(options.directory);
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
      // A copy from an earlier run: with a saved token the CLI writes it again when it next runs.
      // Housekeeping only: a failure here must not keep the CLI from running (clear() reports it).
      await serialised(() => removeCliTokenCopy(astroHome)).catch(() => undefined);
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
      // Forgetting means forgetting: a saved file goes too, even one that could not be decrypted,
      // and so does the copy the CLI wrote into its config file.
      await serialised(async () => {
        await rm(path, { force: true });
        try {
          await removeCliTokenCopy(astroHome);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          throw new AppError('INTERNAL', `Airlock forgot the token, but could not remove the copy the astro CLI keeps in ${join(astroHome, '.astro', 'config.yaml')} (${typeof code === 'string' ? code : 'unknown error'}). Delete that file by hand.`);
        }
      });
      unreadable = false;
      return state();
    },
    state,
  };
}
