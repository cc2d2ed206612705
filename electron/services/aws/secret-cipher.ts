/**
 * The encryptor the key vault persists through. In Electron it wraps `safeStorage` (main.ts builds
 * it after `app` is ready); in browser mode there is none. Keeping it an interface lets tests drive
 * the refusal paths (`basic_text`, unavailable) without Electron.
 */
export interface SecretCipher {
  /** `safeStorage.isEncryptionAvailable()`. */
  isAvailable(): boolean;
  /**
   * Linux: `safeStorage.getSelectedStorageBackend()` (`gnome_libsecret`, `kwallet*`, `basic_text`,
   * `unknown`). macOS/Windows have no such call; the adapter returns e.g. `keychain` / `dpapi`.
   */
  backend(): string;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export type PersistenceReason = 'no-cipher' | 'unavailable' | 'insecure-backend' | 'unreadable-store';

export type PersistenceStatus =
  | { readonly persistent: true; readonly backend: string }
  | { readonly persistent: false; readonly reason: PersistenceReason; readonly backend: string | null; readonly message: string };

/** Backends that do not protect the data: `basic_text` uses a hard-coded password, `unknown` means "not ready". */
const insecureBackends = new Set(['basic_text', 'unknown', '']);

export function persistenceStatus(cipher: SecretCipher | null | undefined): PersistenceStatus {
  if (cipher === null || cipher === undefined) {
    return { persistent: false, reason: 'no-cipher', backend: null, message: 'Keys entered here are kept in memory until Airlock closes: this mode has no secure storage.' };
  }
  const backend = cipher.backend();
  if (!cipher.isAvailable()) {
    return { persistent: false, reason: 'unavailable', backend, message: "Keys entered here are kept in memory until Airlock closes: the system's secure storage is not available." };
  }
  if (insecureBackends.has(backend)) {
    return {
      persistent: false,
      reason: 'insecure-backend',
      backend,
      message: 'Keys entered here are kept in memory until Airlock closes: no keyring (GNOME Keyring or KWallet) was found to encrypt them with.',
    };
  }
  return { persistent: true, backend };
}
