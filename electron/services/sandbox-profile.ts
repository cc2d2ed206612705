/**
 * The built-in `sandbox` profile: a local Secrets Manager (and STS GetCallerIdentity) emulator
 * started inside the app on first use, with its data in the app-data folder. It is reached through
 * the same SDK clients and credential service as any AWS profile (only the endpoint and the fixed
 * local keys differ, see `sandboxCredentials`), so no feature has a sandbox-only code path.
 */
import path from 'node:path';
import { sandboxProfileName } from './aws';
import { startSandbox, type SandboxHandle } from './sandbox';
import type { Logger } from './log';

export const SANDBOX_PROFILE = sandboxProfileName;
export const SANDBOX_REGION = 'us-east-1';

export interface SandboxProfile {
  /** Starts the emulator if needed and returns its URL. */
  ensureStarted(): Promise<SandboxHandle>;
  /** The URL once started, else null. */
  url(): string | null;
  close(): Promise<void>;
}

export function createSandboxProfile(options: { dataDir: string; log: Logger }): SandboxProfile {
  let starting: Promise<SandboxHandle> | null = null;
  let started: SandboxHandle | null = null;
  return {
    ensureStarted() {
      if (starting === null) {
        const attempt = startSandbox({ port: 0, dataFile: path.join(options.dataDir, 'sandbox-secrets.json'), defaultRegion: SANDBOX_REGION }).then((handle) => {
          started = handle;
          options.log.info('sandbox Secrets Manager started', { url: handle.url });
          return handle;
        });
        // A failed start (e.g. a corrupt data file) is reported to the caller and retried next time.
        attempt.catch(() => {
          starting = null;
        });
        starting = attempt;
        return attempt;
      }
      return starting;
    },
    url: () => started?.url ?? null,
    async close() {
      if (started !== null) await started.close();
    },
  };
}
