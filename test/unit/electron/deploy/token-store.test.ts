import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../../electron/services/aws/secret-cipher';
import { astroTokenFileName, createAstroTokenStore } from '../../../../electron/services/deploy/token-store';

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
});
