import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../../electron/services/aws/secret-cipher';
import { astroTokenFileName, createAstroTokenStore, privateAstroHome } from '../../../../electron/services/deploy/token-store';

/** A reversible stand-in for safeStorage (XOR): enough to prove no plaintext reaches the disk. */
function fakeCipher(backend: string, available = true): SecretCipher {
  const key = 0x3c;
  return {
    isAvailable: () => available,
    backend: () => backend,
    encrypt: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ key)),
    decrypt: (data) => Buffer.from(data.map((byte) => byte ^ key)).toString('utf8'),
  };
}

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJwZXJtaXNzaW9ucyI6WyJ3b3Jrc3BhY2VJZDp4Il19.c2lnbmF0dXJlLXBhcnQ';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the Astro token store', () => {
  it('persists only a ciphertext record, 0600, through a keyring-backed cipher, and reads it back after a restart', async () => {
    const cipher = fakeCipher('gnome_libsecret');
    const store = createAstroTokenStore({ directory: dir, cipher });
    expect(await store.set(`  ${TOKEN}\n`)).toEqual({ source: 'app', persistent: true, notice: null });
    expect(store.get()).toBe(TOKEN);

    const path = join(dir, astroTokenFileName);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 20));
    expect(JSON.parse(text)).toMatchObject({ v: 1, alg: 'safeStorage' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const restarted = createAstroTokenStore({ directory: dir, cipher });
    await restarted.load();
    expect(restarted.get()).toBe(TOKEN);
    expect(restarted.state().source).toBe('app');
  });

  for (const [label, cipher] of [
    ['no cipher (browser mode)', null],
    ['a cipher whose storage is unavailable', fakeCipher('gnome_libsecret', false)],
    ['the basic_text backend (a hard-coded password)', fakeCipher('basic_text')],
  ] as const) {
    it(`refuses to write the token with ${label}: it is kept in memory and the state says so`, async () => {
      const store = createAstroTokenStore({ directory: dir, cipher });
      const state = await store.set(TOKEN);
      expect(state.persistent).toBe(false);
      expect(state.source).toBe('app');
      expect(state.notice).toMatch(/^A token entered here is kept in memory until Airlock closes/);
      expect(state.notice).not.toContain(TOKEN);
      expect(store.get()).toBe(TOKEN);
      expect(await readdir(dir)).toEqual([]);
      const restarted = createAstroTokenStore({ directory: dir, cipher });
      await restarted.load();
      expect(restarted.get()).toBeUndefined();
    });
  }

  it('refuses text that cannot be a token, without echoing it', async () => {
    const store = createAstroTokenStore({ directory: dir, cipher: null });
    for (const bad of ['short', 'two words but long enough to pass the length', `${TOKEN} trailing`]) {
      const error = await store.set(bad).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      expect((error as Error).message).not.toContain(bad);
    }
    expect(store.get()).toBeUndefined();
  });

  it('forgets the token, the saved file included', async () => {
    const cipher = fakeCipher('keychain');
    const store = createAstroTokenStore({ directory: dir, cipher });
    await store.set(TOKEN);
    expect(await store.clear()).toEqual({ source: 'none', persistent: true, notice: null });
    expect(store.get()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves a file it cannot decrypt alone and keeps new tokens in memory', async () => {
    await writeFile(join(dir, astroTokenFileName), '{"v":1,"alg":"safeStorage","data":"AAAA"}\n');
    const store = createAstroTokenStore({ directory: dir, cipher: fakeCipher('kwallet5') });
    await store.load();
    expect(store.get()).toBeUndefined();
    const state = await store.set(TOKEN);
    expect(state.persistent).toBe(false);
    expect(await readFile(join(dir, astroTokenFileName), 'utf8')).toBe('{"v":1,"alg":"safeStorage","data":"AAAA"}\n');
  });

  describe('the copy the astro CLI writes into its config file', () => {
    /** What the CLI does when it runs with the token: it saves `Bearer <token>` in $ASTRO_HOME/.astro/config.yaml. */
    async function cliSavedToken(astroHome: string): Promise<string> {
      const file = join(astroHome, '.astro', 'config.yaml');
      await mkdir(join(astroHome, '.astro'), { recursive: true });
      await writeFile(file, `context: astronomer.io\ncontexts:\n    astronomer_io:\n        domain: astronomer.io\n        token: Bearer ${TOKEN}\n`);
      return file;
    }

    it('issue 9 item 4: clearing the token removes the copy in the private ASTRO_HOME, and nothing else', async () => {
      const store = createAstroTokenStore({ directory: dir, cipher: fakeCipher('keychain') });
      await store.set(TOKEN);
      const astroHome = privateAstroHome(dir);
      const config = await cliSavedToken(astroHome);
      await writeFile(join(astroHome, '.astro', 'other-cli-file'), 'kept\n');

      await store.clear();
      await expect(readFile(config, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await readdir(join(astroHome, '.astro'))).toEqual(['other-cli-file']);
      expect(await readdir(dir)).toEqual(['astro-home']);
    });

    it('removes a copy a memory-only token left behind at the next start', async () => {
      const config = await cliSavedToken(privateAstroHome(dir));
      const restarted = createAstroTokenStore({ directory: dir, cipher: null });
      await restarted.load();
      await expect(readFile(config, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('never follows a private ASTRO_HOME whose .astro folder is a link elsewhere (such as the user\'s own ~/.astro)', async () => {
      const elsewhere = join(dir, 'users-own-home');
      const config = await cliSavedToken(elsewhere);
      await mkdir(privateAstroHome(dir));
      await symlink(join(elsewhere, '.astro'), join(privateAstroHome(dir), '.astro'));
      const store = createAstroTokenStore({ directory: dir, cipher: null });
      await store.set(TOKEN);
      await store.clear();
      expect(await readFile(config, 'utf8')).toContain(TOKEN);
    });
  });
});
