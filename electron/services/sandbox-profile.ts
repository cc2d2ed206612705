/**
 * The built-in `sandbox` profile: a local Secrets Manager (and STS GetCallerIdentity) emulator
 * started inside the app on first use, with its data in the app-data folder. It is reached through
 * the same SDK clients and credential service as any AWS profile (only the endpoint and the fixed
 * local keys differ, see `sandboxCredentials`), so no feature has a sandbox-only code path.
 */
import path from 'node:path';
import { sandboxProfileName, type ProductionMarks, type SandboxSettings } from './aws';
import { sandboxEnvironments, startSandbox, type SandboxHandle } from './sandbox';
import type { Logger } from './log';

export const SANDBOX_PROFILE = sandboxProfileName;
export const SANDBOX_REGION = 'us-east-1';

/** A built-in profile of one of the sandbox's environment accounts, served by the same emulator. */
export interface SandboxEnvironmentProfile {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly production: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * `sandbox-dev` and `sandbox-prod`: the dev and prod accounts of the sandbox, each with its own
 * keys and region, for trying environments side by side. (`sandbox` itself stays the default
 * account, which its keys, like any key the sandbox does not know, reach.)
 */
export const SANDBOX_ENVIRONMENT_PROFILES: readonly SandboxEnvironmentProfile[] = sandboxEnvironments.map((environment) => ({
  name: environment.profileName,
  accountId: environment.accountId,
  region: environment.region,
  production: environment.production,
  credentials: environment.credentials,
}));

/** The names of every built-in sandbox profile: `sandbox` and the environment accounts'. */
export const SANDBOX_PROFILE_NAMES: ReadonlySet<string> = new Set([SANDBOX_PROFILE, ...SANDBOX_ENVIRONMENT_PROFILES.map((profile) => profile.name)]);

/** What the credential service needs to offer the built-in sandbox profiles once the emulator listens at `endpoint`. */
export function sandboxCredentialSettings(endpoint: string | null): SandboxSettings {
  return { endpoint, region: SANDBOX_REGION, accounts: SANDBOX_ENVIRONMENT_PROFILES };
}

/**
 * The sandbox's production profile is production out of the box, as if the user had marked it:
 * the header turns amber and writes ask for the account id. By profile only: a real AWS account
 * may have the same made-up id, and must not turn amber because of the sandbox.
 */
export const SANDBOX_PRODUCTION_MARKS: ProductionMarks = {
  profiles: SANDBOX_ENVIRONMENT_PROFILES.filter((profile) => profile.production).map((profile) => profile.name),
  accounts: [],
};

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
