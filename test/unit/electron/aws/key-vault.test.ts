import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createKeyVault, keyVaultFileName } from '../../../../electron/services/aws/key-vault';
import type { SecretCipher } from '../../../../electron/services/aws/secret-cipher';

/** A reversible stand-in for safeStorage (XOR with a per-instance key): enough to prove no plaintext is written. */
function fakeCipher(backend: string, available = true, key = 0x5a): SecretCipher & { encryptions: number } {
  const cipher = {
    encryptions: 0,
    isAvailable: () => available,
    backend: () => backend,
    encrypt(text: string): Buffer {
      cipher.encryptions += 1;
      return Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ key));
    },
    decrypt(data: Buffer): string {
      return Buffer.from(data.map((byte) => byte ^ key)).toString('utf8');
    },
  };
  return cipher;
}

const keys = { name: 'work', accessKeyId: 'AKIAVAULTTEST0000001', secretAccessKey: 'vaultSecretValue/With+Symbols0000000001', region: 'eu-west-1' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('KeyVault', () => {
  it('persists only a versioned ciphertext record, mode 0600, and reads it back', async () => {
    const cipher = fakeCipher('gnome_libsecret');
    const vault = createKeyVault({ directory: dir, cipher });
    expect(vault.status()).toEqual({ persistent: true, backend: 'gnome_libsecret' });
    expect(await vault.save({ ...keys, sessionToken: 'sessionTokenValue0001' })).toEqual({ name: 'work', accessKeyIdLast4: '0001', region: 'eu-west-1', endpoint: null, persisted: true });

    const path = join(dir, keyVaultFileName);
    const text = await readFile(path, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['v', 'alg', 'data']);
    expect(JSON.parse(text)).toMatchObject({ v: 1, alg: 'safeStorage' });
    for (const plain of [keys.accessKeyId, keys.secretAccessKey, 'sessionTokenValue0001', 'work', 'eu-west-1']) expect(text).not.toContain(plain);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const reopened = createKeyVault({ directory: dir, cipher: fakeCipher('gnome_libsecret') });
    await reopened.load();
    expect(reopened.credentials('work')).toEqual({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: 'sessionTokenValue0001' });
  });

  it.each([['basic_text'], ['unknown']])('refuses to persist with the %s backend and keeps keys in memory for the run', async (backend) => {
    const cipher = fakeCipher(backend);
    const vault = createKeyVault({ directory: dir, cipher });
    expect(vault.status()).toMatchObject({ persistent: false, reason: 'insecure-backend', backend });
    expect((await vault.save(keys)).persisted).toBe(false);
    expect(vault.credentials('work')?.secretAccessKey).toBe(keys.secretAccessKey);
    expect(cipher.encryptions).toBe(0);
    expect(await exists(join(dir, keyVaultFileName))).toBe(false);
  });

  it('refuses to persist when encryption is unavailable, or without a cipher (browser mode)', async () => {
    const unavailable = createKeyVault({ directory: dir, cipher: fakeCipher('kwallet6', false) });
    expect(unavailable.status()).toMatchObject({ persistent: false, reason: 'unavailable' });
    await unavailable.save(keys);
    const browser = createKeyVault({ directory: dir });
    expect(browser.status()).toMatchObject({ persistent: false, reason: 'no-cipher', message: expect.stringContaining('memory') as string });
    await browser.save(keys);
    expect(browser.list()).toEqual([{ name: 'work', accessKeyIdLast4: '0001', region: 'eu-west-1', endpoint: null, persisted: false }]);
    expect(await exists(join(dir, keyVaultFileName))).toBe(false);
  });

  it('leaves a store it cannot decrypt untouched and falls back to memory', async () => {
    const path = join(dir, keyVaultFileName);
    await createKeyVault({ directory: dir, cipher: fakeCipher('keychain', true, 0x11) }).save(keys);
    const before = await readFile(path, 'utf8');
    const otherKey = createKeyVault({ directory: dir, cipher: fakeCipher('keychain', true, 0x22) });
    await otherKey.load();
    expect(otherKey.status()).toMatchObject({ persistent: false, reason: 'unreadable-store' });
    await otherKey.save({ ...keys, name: 'other' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('removes keys from memory and from the store', async () => {
    const vault = createKeyVault({ directory: dir, cipher: fakeCipher('dpapi') });
    await vault.save(keys);
    await vault.save({ ...keys, name: 'second' });
    expect(await vault.remove('work')).toBe(true);
    const reopened = createKeyVault({ directory: dir, cipher: fakeCipher('dpapi') });
    await reopened.load();
    expect(reopened.list().map((entry) => entry.name)).toEqual(['second']);
  });

  it('validates input without echoing the values', async () => {
    const vault = createKeyVault({ directory: dir });
    const attempt = async (input: Partial<typeof keys>) => vault.save({ ...keys, ...input }).catch((error: unknown) => error);
    for (const [input, field] of [
      [{ accessKeyId: 'not-a-key' }, 'accessKeyId'],
      [{ secretAccessKey: ' ' }, 'secretAccessKey'],
      [{ name: 'sandbox' }, 'name'],
      [{ name: 'bad name' }, 'name'],
      [{ region: 'Europe' }, 'region'],
    ] as const) {
      const error = await attempt(input);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field } });
      expect((error as AppError).message).not.toContain(keys.secretAccessKey);
    }
    expect(await vault.save({ ...keys, endpoint: 'ftp://x' }).catch((error: unknown) => error)).toMatchObject({ details: { field: 'endpoint' } });
  });

  it('does not read a plaintext file someone placed there', async () => {
    await writeFile(join(dir, keyVaultFileName), JSON.stringify({ profiles: [keys] }));
    const vault = createKeyVault({ directory: dir, cipher: fakeCipher('keychain') });
    await vault.load();
    expect(vault.list()).toEqual([]);
    expect(vault.status()).toMatchObject({ reason: 'unreadable-store' });
  });
});
