/**
 * What each entry point gives electron/airlock.ts, which builds the services once and hands each
 * domain's handler factory (electron/handlers/<domain>.ts) only the services that domain uses.
 */
import type { AppMode } from '../shared/api';
import type { SecretCipher, SsoSignIn } from './services/aws';
import type { Logger } from './services/log';
import type { OpenSettingsFile } from './services/settings-store';

/** What each entry point (Electron's main.ts, browser mode's serve.ts) provides. */
export interface AirlockPlatform {
  readonly mode: AppMode;
  readonly version: string;
  readonly dataDir: string;
  readonly log: Logger;
  /** Opens an SSO login's own sign-in page in the system browser (Electron only; electron/security/external.ts). */
  readonly openExternal?: (url: string, signIn: SsoSignIn) => Promise<void>;
  /** A native folder picker (Electron only); browser mode types paths instead. */
  readonly pickFolder?: (title: string) => Promise<string | null>;
  /** A native open-file dialog (Electron only); browser mode sends a chosen file's content instead. */
  readonly pickFile?: (title: string) => Promise<string | null>;
  /**
   * A native save dialog that writes `content` where the user chooses (Electron only); resolves
   * with the path, or null when cancelled. Browser mode downloads from the page instead.
   */
  readonly saveFile?: (options: { title: string; defaultName: string; content: string }) => Promise<string | null>;
  /** OS-backed encryption for keys entered in the app (Electron only). */
  readonly cipher?: SecretCipher;
  /** Opens the settings file: electron-store in the desktop app; conf (the default) in browser mode. */
  readonly openSettingsFile?: OpenSettingsFile;
  /** The environment the services read (AWS_PROFILE, PATH, ...); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
