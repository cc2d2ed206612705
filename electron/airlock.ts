/**
 * Builds Airlock's services and handler table from the platform pieces each entry point gives it.
 *
 * Plain Node: `electron/main.ts` calls it with Electron's pieces (safeStorage, dialogs,
 * openExternal), `electron/serve.ts` (browser mode) without them. Everything that is not
 * Electron glue is composed here once, so the two modes cannot drift apart.
 */
import type { AppMode } from '../shared/api';
import type { Handlers } from './dispatch';
import { createAppHandlers } from './handlers/app';
import { createProfilesHandlers } from './handlers/profiles';
import { createSandboxHandlers } from './handlers/sandbox';
import { createSecretsHandlers } from './handlers/secrets';
import { createSettingsHandlers } from './handlers/settings';
import { toAppError } from './services/aws-errors';
import { createEventHub, type EventHub } from './services/event-hub';
import type { Logger } from './services/log';
import { createSandboxProfile, SANDBOX_CREDENTIALS, SANDBOX_PROFILE, SANDBOX_REGION } from './services/sandbox-profile';
import { buildClients, createSession, type ProfileProvider } from './services/session';
import { createSettingsStore } from './services/settings-store';

export interface AirlockPlatform {
  readonly mode: AppMode;
  readonly version: string;
  readonly dataDir: string;
  readonly log: Logger;
}

export interface Airlock {
  readonly handlers: Handlers;
  readonly events: EventHub;
  close(): Promise<void>;
}

export function createAirlock(platform: AirlockPlatform): Airlock {
  const { log } = platform;
  const events = createEventHub();
  const settings = createSettingsStore(platform.dataDir, log);
  const sandbox = createSandboxProfile({ dataDir: platform.dataDir, log });

  const sandboxProvider: ProfileProvider = {
    list: () =>
      Promise.resolve([{ name: SANDBOX_PROFILE, kind: 'sandbox', region: SANDBOX_REGION, endpoint: sandbox.url(), mfa: false, broken: null, isDefault: false }]),
    async clients(_profile, region) {
      const handle = await sandbox.ensureStarted();
      return buildClients(SANDBOX_PROFILE, region, { endpoint: handle.url, credentials: SANDBOX_CREDENTIALS });
    },
  };

  const session = createSession({
    providers: [sandboxProvider],
    settings,
    log,
    describeError: (error) => toAppError(error).toApiError(),
  });

  const handlers: Handlers = {
    ...createAppHandlers({ mode: platform.mode, version: platform.version, platform: process.platform }),
    ...createSettingsHandlers({ settings }),
    ...createProfilesHandlers({ session }),
    ...createSecretsHandlers({ session, toAppError }),
    ...createSandboxHandlers({ sandbox }),
  };

  return {
    handlers,
    events,
    async close() {
      await sandbox.close();
    },
  };
}
