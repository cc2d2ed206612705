/**
 * Builds Airlock's services and handler table from the platform pieces each entry point gives it.
 *
 * Plain Node: `electron/main.ts` calls it with Electron's pieces (safeStorage, dialogs,
 * openExternal), `electron/serve.ts` (browser mode) without them. Everything that is not
 * Electron glue is composed here once, so the two modes cannot drift apart.
 */
import type { AirlockPlatform, CoreServices } from './core';
import type { Handlers } from './dispatch';
import { createAppHandlers } from './handlers/app';
import { createDeployHandlers } from './handlers/deploy';
import { createProfilesHandlers } from './handlers/profiles';
import { createProjectsHandlers } from './handlers/projects';
import { createSandboxHandlers } from './handlers/sandbox';
import { createSecretsHandlers } from './handlers/secrets';
import { createSettingsHandlers } from './handlers/settings';
import { toAppError } from './services/aws';
import { createEventHub, type EventHub } from './services/event-hub';
import { createSandboxProfile, SANDBOX_CREDENTIALS, SANDBOX_PROFILE, SANDBOX_REGION } from './services/sandbox-profile';
import { buildClients, createSession, type ProfileProvider } from './services/session';
import { createSettingsStore } from './services/settings-store';

export type { AirlockPlatform } from './core';

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

  // --- AWS session (profiles issue owns this section) ---
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
  // --- end of AWS session ---

  const core: CoreServices = { platform, log, events, settings, session, sandbox };

  const handlers: Handlers = {
    ...createAppHandlers({ mode: platform.mode, version: platform.version, platform: process.platform }),
    ...createSettingsHandlers({ settings }),
    ...createProfilesHandlers({ session }),
    ...createSecretsHandlers(core),
    ...createSandboxHandlers({ sandbox }),
    ...createProjectsHandlers(core),
    ...createDeployHandlers(core),
  };

  return {
    handlers,
    events,
    async close() {
      await sandbox.close();
    },
  };
}
