/**
 * The services every API domain may use, built once by electron/airlock.ts. Domain handler
 * factories (electron/handlers/<domain>.ts) receive this and build their own domain services.
 */
import type { AppMode } from '../shared/api';
import type { SecretCipher } from './services/aws';
import type { SsoSignIn } from './services/aws/sso-login';
import type { AstroAccess } from './services/deploy/astro-access';
import type { DeployService } from './services/deploy/deploy-service';
import type { EventHub } from './services/event-hub';
import type { Logger } from './services/log';
import type { ProjectService } from './services/projects/project-service';
import type { SandboxProfile } from './services/sandbox-profile';
import type { Session } from './services/session';
import type { SettingsStore } from './services/settings-store';

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
  /** The environment the services read (AWS_PROFILE, PATH, ...); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CoreServices {
  readonly platform: AirlockPlatform;
  readonly log: Logger;
  readonly events: EventHub;
  readonly settings: SettingsStore;
  readonly session: Session;
  readonly sandbox: SandboxProfile;
  /** One instance for the projects and deploy domains: its plan store holds the exact bytes a reviewed file change writes. */
  readonly projects: ProjectService;
  /** The astro CLI runner (path from the settings, token entered in the app, private ASTRO_HOME). */
  readonly astro: AstroAccess;
  /** Plans, applies and verifies deploys; also reads a project's Deployment for its checklist. */
  readonly deploy: DeployService;
}
