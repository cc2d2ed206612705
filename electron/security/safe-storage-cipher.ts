/**
 * The key vault's encryptor in Electron: `safeStorage`, with the storage backend reported so
 * the vault can refuse to persist where the OS does not really protect the data (Linux
 * `basic_text`). Built only after `app` is ready.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/aws';

export function createSafeStorageCipher(platform: NodeJS.Platform): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => {
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown';
    },
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
