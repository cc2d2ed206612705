/**
 * The active AWS profile and region, and the SDK clients for them: the one place every domain gets
 * AWS clients from.
 *
 * Profiles, credentials, SSO and MFA come from the credential service (electron/services/aws): the
 * user's AWS files exactly as the CLI reads them, keys entered in Airlock, and the built-in sandbox,
 * whose emulator is started on first use and then handed to the credential service like any other
 * endpoint. This module adds what is per-app state: which profile is active (remembered globally and
 * per Astro project, with an optional region override), the identity it resolved to, and the
 * production guard over the user's marks (which services/production-marks.ts edits). SSO logins and
 * MFA prompts are services of their own (services/aws), handed to the handlers that use them.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ActiveProfile, AppKeysState, AppKeySummary, AwsConfigLocations, CallerIdentity, ConfirmationDetails, ProfileSummary, ProjectProfileMemory } from '../../shared/api';
import { AppError, type ApiError, type ErrorCode } from '../../shared/errors';
import { productionVerdict, toAppError, type AppKeyInput, type ProductionMarks, type CredentialService, type KeyVault, type ProfileInfo } from './aws';
import type { Logger } from './log';
import { SANDBOX_PRODUCTION_MARKS, SANDBOX_PROFILE_NAMES, sandboxCredentialSettings, type SandboxProfile } from './sandbox-profile';
import type { SettingsStore } from './settings-store';

/**
 * The active profile's clients, as every domain gets them (`clients()`, `clientsForWrite()`). Built
 * from the credential service's `SdkClients`, without the means to destroy them.
 */
export interface AwsClients {
  readonly profile: string;
  readonly region: string;
  readonly secretsManager: SecretsManagerClient;
  readonly sts: STSClient;
  readonly cloudTrail: CloudTrailClient;
  /** The Secrets Manager endpoint calls go to, or null for AWS itself. */
  readonly secretsManagerEndpoint: string | null;
}

/** The active profile's clients with IAM and KMS beside them: what the access check reads policies with. */
export interface AccessClients extends AwsClients {
  readonly iam: IAMClient;
  readonly kms: KMSClient;
}

/** A profile's clients with the account its credentials reach (see `Session.clientsForProfile`). */
export interface ProfileClients extends AwsClients {
  readonly account: string | null;
}

export interface SelectOptions {
  /** Remember the choice for this Astro project (absolute path). */
  readonly projectPath?: string;
  /** Forget cached credentials first, so the profile signs in again (MFA code, SSO role credentials). */
  readonly fresh?: boolean;
  /** The project environment this switch is for (the header's picker); recorded with each write in the audit log. */
  readonly environment?: string;
}

export interface Session {
  /** Every profile Airlock offers, broken ones with their reason. Re-reads the AWS files. */
  list(): Promise<readonly ProfileSummary[]>;
  /** Like `list`, after forgetting cached credentials (keys edited in the files take effect). */
  reload(): Promise<readonly ProfileSummary[]>;
  /** The AWS files `list` reads, and whether each exists. */
  configLocations(): Promise<AwsConfigLocations>;
  /**
   * Makes a profile active. Its credentials are resolved first (asking for an MFA code, failing
   * with SSO_LOGIN_REQUIRED before any call when the SSO login is missing), so a failed switch
   * leaves the previous profile active. A failing GetCallerIdentity does not stop the switch; it
   * shows as `identityError`.
   */
  select(name: string, region?: string, options?: SelectOptions): Promise<ActiveProfile>;
  /** The active profile; the first call restores the remembered one. */
  active(): Promise<ActiveProfile | null>;
  /** Asks STS again who the active credentials belong to (they may have expired since). */
  refreshIdentity(): Promise<ActiveProfile | null>;
  projectMemory(projectPath: string): ProjectProfileMemory | null;
  clients(): Promise<AwsClients>;
  /**
   * The clients of any profile, beside the active one (which stays active): reads across
   * environments run side by side, each profile with its own credentials, MFA/SSO state and expiry
   * (the credential service caches them per profile). Signing in here never signs another profile
   * out. `account` is who STS says the credentials belong to (null when STS cannot tell), so the
   * gateway keeps each account's own limits.
   */
  clientsForProfile(name: string, region?: string): Promise<ProfileClients>;
  /** `clients()` plus IAM and KMS (reads only: Airlock never changes IAM). */
  accessClients(): Promise<AccessClients>;
  /**
   * The clients for a write. Under a production profile the write needs `confirmation` equal to
   * the account id (or the profile name when the account is unknown); otherwise this throws
   * CONFIRMATION_REQUIRED, naming the account, before anything is sent to AWS.
   */
  clientsForWrite(action: string, confirmation: string | undefined): Promise<AwsClients>;
  appKeys(): AppKeysState;
  saveAppKeys(input: AppKeyInput): Promise<AppKeySummary>;
  removeAppKeys(name: string): Promise<boolean>;
}

export interface SessionDeps {
  readonly credentials: CredentialService;
  readonly keyVault: KeyVault;
  readonly sandbox: SandboxProfile;
  readonly settings: SettingsStore;
  readonly log: Logger;
  /** Settles when saved app keys have been loaded. */
  readonly ready?: Promise<void>;
}

/** The production guard as one rule: null when the write may go ahead, else what to confirm. */
export function requiredConfirmation(active: ActiveProfile, action: string, confirmation: string | undefined): ConfirmationDetails | null {
  if (!active.production) return null;
  const account = active.identity?.account ?? null;
  const expected = account ?? active.profile.name;
  return confirmation?.trim() === expected ? null : { account, profile: active.profile.name, expected, action };
}

/**
 * The user's production marks plus the sandbox's own production account. Only for deciding whether
 * a profile is production: the "account unknown while accounts are marked" rule counts the user's
 * marks alone, or every profile whose account STS cannot tell would ask for a confirmation.
 */
function withBuiltInMarks(marks: ProductionMarks): ProductionMarks {
  return { profiles: [...marks.profiles, ...SANDBOX_PRODUCTION_MARKS.profiles], accounts: [...marks.accounts, ...SANDBOX_PRODUCTION_MARKS.accounts] };
}

/** Errors after which cached credentials are useless: the next attempt must sign in again. */
const signInAgainCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CREDENTIALS_EXPIRED', 'SSO_LOGIN_REQUIRED']);

interface Current {
  readonly info: ProfileInfo;
  readonly region: string;
  readonly regionOverridden: boolean;
  identity: CallerIdentity | null;
  identityError: ApiError | null;
  /** The project environment the user chose this profile for (the header's picker), if any. */
  readonly environment: string | null;
}

export function createSession(deps: SessionDeps): Session {
  const { credentials, settings, log } = deps;
  const ready = deps.ready ?? Promise.resolve();
  let current: Current | null = null;
  let restoring: Promise<void> | null = null;
  let sandboxEndpoint: string | null = null;
  /** Accounts learnt from GetCallerIdentity, per profile, for the production marks in the list. */
  const knownAccounts = new Map<string, string>();

  const useSandboxEndpoint = (url: string | null): void => {
    if (url === null || url === sandboxEndpoint) return;
    sandboxEndpoint = url;
    credentials.setSandbox(sandboxCredentialSettings(url));
  };

  /** The emulator starts on first use of a sandbox profile; its URL then reaches the credential service. */
  const prepare = async (name: string): Promise<void> => {
    await ready;
    if (SANDBOX_PROFILE_NAMES.has(name)) useSandboxEndpoint((await deps.sandbox.ensureStarted()).url);
  };

  const listInfos = async (): Promise<ProfileInfo[]> => {
    await ready;
    // The sandbox may have been started elsewhere (loading example data); show its real address.
    useSandboxEndpoint(deps.sandbox.url());
    return credentials.listProfiles();
  };

  const ssoState = async (info: ProfileInfo): Promise<ProfileSummary['sso']> => {
    const usesSso = info.kind === 'sso' || info.kind === 'sso-legacy' || info.ssoSession !== undefined;
    if (!usesSso || info.broken !== null) return null;
    try {
      return await credentials.ssoStatus(info.name);
    } catch {
      return null;
    }
  };

  /** Only named fields are copied: whatever else a profile carries never reaches the renderer. */
  const summarize = async (info: ProfileInfo): Promise<ProfileSummary> => {
    const account = knownAccounts.get(info.name) ?? info.account ?? null;
    const verdict = productionVerdict(info.name, account, withBuiltInMarks(settings.get().productionMarks));
    return {
      name: info.name,
      kind: info.kind,
      region: info.region,
      endpoint: info.endpoint,
      source: info.source,
      mfa: info.mfa,
      ssoSession: info.ssoSession ?? null,
      sourceChain: info.sourceChain ?? null,
      account,
      sso: await ssoState(info),
      broken: info.broken,
      isDefault: info.isDefault,
      production: verdict.production,
      productionMarkedBy: verdict.production ? verdict.markedBy : null,
    };
  };

  const describe = async (state: Current): Promise<ActiveProfile> => {
    const profile = await summarize(state.info);
    return {
      profile,
      region: state.region,
      regionOverridden: state.regionOverridden,
      identity: state.identity,
      identityError: state.identityError,
      production: profile.production,
      environment: state.environment,
    };
  };

  const findProfile = async (name: string): Promise<ProfileInfo> => {
    const found = (await listInfos()).find((info) => info.name === name);
    if (found === undefined) {
      throw new AppError('NOT_FOUND', `There is no AWS profile named "${name}". Reload the profile list, or check ~/.aws/config.`, { details: { profile: name } });
    }
    return found;
  };

  /** Reads the identity; a failure is kept as data, and expired credentials are forgotten so the next try signs in again. */
  const readIdentity = async (state: Current, fresh: boolean): Promise<void> => {
    try {
      const identity = await credentials.identity(state.info.name, state.region, { fresh });
      state.identity = identity;
      state.identityError = null;
      knownAccounts.set(state.info.name, identity.account);
    } catch (error) {
      const appError = toAppError(error, { profile: state.info.name, region: state.region });
      state.identity = null;
      state.identityError = appError.toApiError();
      if (signInAgainCodes.has(appError.code)) credentials.forget(state.info.name);
      log.warn('could not read the caller identity', { profile: state.info.name, code: appError.code });
    }
  };

  const remember = (name: string, regionOverride: string | null, options: SelectOptions): void => {
    const { projectPath } = options;
    settings.update((saved) => ({
      ...saved,
      activeProfile: name,
      activeRegion: regionOverride,
      projects: projectPath === undefined ? saved.projects : { ...saved.projects, [projectPath]: { profile: name, region: regionOverride, environment: options.environment ?? null } },
    }));
  };

  const select = async (name: string, region?: string, options: SelectOptions = {}): Promise<ActiveProfile> => {
    await prepare(name);
    if (options.fresh === true) credentials.forget(name);
    const info = await findProfile(name);
    // Validates the profile (broken, no region) and the region before anything is resolved.
    const clients = await credentials.clients(name, region);
    await credentials.resolve(name);
    const regionOverride = region !== undefined && region !== info.region ? region : null;
    const state: Current = { info, region: clients.region, regionOverridden: regionOverride !== null, identity: null, identityError: null, environment: options.environment ?? null };
    await readIdentity(state, options.fresh === true);
    current = state;
    remember(name, regionOverride, options);
    log.info('AWS profile selected', { profile: name, region: state.region, kind: info.kind });
    return describe(state);
  };

  /**
   * Restores the remembered profile. Unlike a switch, a profile that exists but cannot sign in right
   * now (SSO login expired, MFA cancelled) is still restored, with the reason, so the header offers to
   * sign in again instead of silently forgetting the user's choice.
   */
  const restore = async (): Promise<void> => {
    const { activeProfile, activeRegion } = settings.get();
    if (activeProfile === null) return;
    try {
      await select(activeProfile, activeRegion ?? undefined);
      return;
    } catch (error) {
      const appError = toAppError(error, { profile: activeProfile });
      const info = (await listInfos().catch(() => [])).find((candidate) => candidate.name === activeProfile);
      const region = activeRegion ?? info?.region ?? null;
      const unusable = info === undefined || region === null || (info.broken !== null && info.broken.code !== 'no-region');
      log.info('the remembered profile could not sign in', { profile: activeProfile, code: appError.code, restored: !unusable });
      if (unusable) return;
      current = { info, region, regionOverridden: activeRegion !== null, identity: null, identityError: appError.toApiError(), environment: null };
    }
  };

  const ensureRestored = async (): Promise<void> => {
    if (current !== null) return;
    restoring ??= restore();
    await restoring;
  };

  const activeState = async (): Promise<Current> => {
    await ensureRestored();
    if (current === null) throw new AppError('CREDENTIALS_MISSING', "Choose an AWS profile first (the header's profile menu), or use the sandbox.");
    return current;
  };

  const clientsFor = async (state: Current): Promise<AwsClients> => {
    await prepare(state.info.name);
    const clients = await credentials.clients(state.info.name, state.region);
    return { profile: state.info.name, region: clients.region, secretsManager: clients.secretsManager, sts: clients.sts, cloudTrail: clients.cloudTrail, secretsManagerEndpoint: clients.secretsManagerEndpoint };
  };

  return {
    list: async () => Promise.all((await listInfos()).map(summarize)),
    async reload() {
      await credentials.forgetChanged();
      return Promise.all((await listInfos()).map(summarize));
    },
    configLocations: () => credentials.configLocations(),
    select,
    async active() {
      await ensureRestored();
      return current === null ? null : describe(current);
    },
    async refreshIdentity() {
      await ensureRestored();
      if (current === null) return null;
      const state = current;
      await prepare(state.info.name);
      await readIdentity(state, true);
      return describe(state);
    },
    projectMemory: (projectPath) => settings.get().projects[projectPath] ?? null,
    async clients() {
      return clientsFor(await activeState());
    },
    async clientsForProfile(name, region) {
      await prepare(name);
      const made = await credentials.clients(name, region);
      // Resolving first asks for an MFA code or fails with SSO_LOGIN_REQUIRED before any call is made.
      await credentials.resolve(name);
      let account: string | null = null;
      try {
        account = (await credentials.identity(name, made.region)).account;
        knownAccounts.set(name, account);
      } catch (error) {
        const appError = toAppError(error, { profile: name, region: made.region });
        if (signInAgainCodes.has(appError.code)) throw appError;
        log.warn('could not read the caller identity', { profile: name, code: appError.code });
      }
      return { profile: name, region: made.region, secretsManager: made.secretsManager, sts: made.sts, cloudTrail: made.cloudTrail, secretsManagerEndpoint: made.secretsManagerEndpoint, account };
    },
    async accessClients() {
      const state = await activeState();
      const clients = await clientsFor(state);
      const made = await credentials.clients(state.info.name, state.region);
      return { ...clients, iam: made.iam, kms: made.kms };
    },
    async clientsForWrite(action, confirmation) {
      const state = await activeState();
      const clients = await clientsFor(state);
      // Account marks need the account: ask STS now rather than let a production write through unchecked.
      if (state.identity === null) await readIdentity(state, false);
      const described = await describe(state);
      const marks = settings.get().productionMarks;
      // When STS cannot say which account this is while accounts are marked, treat it as possibly production.
      const unknownAccount = described.identity === null && described.profile.account === null && marks.accounts.length > 0;
      const guarded = unknownAccount && !described.production ? { ...described, production: true } : described;
      const needed = requiredConfirmation(guarded, action, confirmation);
      if (needed !== null) {
        const who = needed.account === null ? `the production profile "${needed.profile}"` : `production account ${needed.account} (profile "${needed.profile}")`;
        throw new AppError('CONFIRMATION_REQUIRED', `This would ${action} in ${who}. Confirm by typing ${needed.account === null ? 'the profile name' : 'the account id'}.`, {
          details: { ...needed },
        });
      }
      if (guarded.production) log.info('production write confirmed', { profile: state.info.name, account: described.identity?.account ?? null });
      return clients;
    },
    appKeys: () => ({ storage: deps.keyVault.status(), keys: deps.keyVault.list() }),
    async saveAppKeys(input) {
      await ready;
      const summary = await credentials.saveAppKeys(input);
      log.info('keys entered in Airlock saved', { profile: summary.name, persisted: summary.persisted });
      if (current?.info.name === summary.name) {
        // The active profile's keys changed: sign in with the new ones.
        const state = current;
        await select(summary.name, state.regionOverridden ? state.region : undefined).catch((error: unknown) => {
          log.warn('the profile could not sign in with its new keys', { profile: summary.name, code: toAppError(error).code });
        });
      }
      return summary;
    },
    async removeAppKeys(name) {
      await ready;
      const removed = await credentials.removeAppKeys(name);
      knownAccounts.delete(name);
      if (current?.info.name === name) {
        current = null;
        settings.update((saved) => ({ ...saved, activeProfile: null, activeRegion: null }));
      }
      return removed;
    },
  };
}
