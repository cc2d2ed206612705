/**
 * Resolves AWS credentials in the main process, per profile name, and hands out configured clients.
 *
 * File profiles go through `@aws-sdk/credential-providers` (`fromIni`, `fromSSO` for SSO profiles),
 * so each resolves the credentials the SDK resolves for `AWS_PROFILE=<name>`; what the SDK would take
 * from `AWS_PROFILE` but not from a profile name (endpoints) is resolved here and passed explicitly.
 * `process.env.AWS_PROFILE` is never touched.
 *
 * Temporary credentials are cached in memory until five minutes before they expire, so an MFA
 * profile asks for a code once per session, and concurrent callers share one resolution (one prompt).
 *
 * Profile names: the built-in sandbox profiles (when enabled) win over file profiles of those names, and
 * file profiles win over keys entered in Airlock (saving app keys under a file profile's name is refused).
 */
import { createHash } from 'node:crypto';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { AppError } from '../../../shared/errors';
import type { AwsConfigLocations } from '../../../shared/api';
import type { CallerIdentity, ProfileInfo, ResolvedCredentials } from './profile-types';
import { describeProfile, type ProfileDescription, type SsoTarget } from './profile-classification';
import { appKeysProfileInfo, profilesFromConfig, sandboxProfileInfo, sandboxProfileName, toProfileInfo } from './profile-discovery';
import { credentialView, describeConfigLocations, loadSharedConfig, type AwsFileOptions, type SharedConfig } from './shared-config-files';
import { callerIdentity, createSdkClients, endpointOptions, httpTimeouts, retryOptions, type SdkClients } from './sdk-clients';
import { toAppError, type AwsErrorContext } from './aws-errors';
import { regionPattern } from './aws-regions';
import { startSsoDeviceLogin, type SsoLoginOptions, type SsoLoginStart } from './sso-login';
import { readSsoToken, ssoCacheKey, ssoTokenStatus, type SsoTokenStatus } from './sso-token-cache';
import type { AppKeyInput, AppKeySummary, KeyVault } from './key-vault';
import type { PersistenceStatus } from './secret-cipher';

export interface MfaCodeRequest {
  /** The profile whose `mfa_serial` is asked for (the role in the chain that declares it). */
  readonly profile: string;
  readonly serialNumber: string;
}

/** Asks the user for a code; resolves null (or throws CANCELLED) when the user cancels. */
export type MfaCodeProvider = (request: MfaCodeRequest) => Promise<string | null>;

/**
 * A built-in profile of another sandbox account: the same emulator, reached with that account's
 * keys (the sandbox picks the account by access key, as AWS does) in that account's region.
 */
export interface SandboxAccountProfile {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface SandboxSettings {
  /** The emulator's URL, or null while it has not been started yet (it starts on first use). */
  readonly endpoint: string | null;
  readonly region?: string;
  /** The sandbox's other accounts, offered as built-in profiles next to `sandbox`. */
  readonly accounts?: readonly SandboxAccountProfile[];
}

export interface CredentialServiceOptions {
  /** Where the shared files are; a function is called on every read. Defaults to the env at call time. */
  readonly files?: AwsFileOptions | (() => AwsFileOptions);
  readonly mfaCodeProvider?: MfaCodeProvider;
  readonly keyVault?: KeyVault;
  readonly sandbox?: SandboxSettings | null;
  readonly now?: () => Date;
  /** Polling wait of the SSO device flow (tests inject one that does not wait). */
  readonly ssoSleep?: SsoLoginOptions['sleep'];
  /** Airlock's version, sent as `airlock/<version>` in every AWS call's user agent (CloudTrail shows it). */
  readonly appVersion?: string;
}

/** Fake keys of the built-in sandbox; the local emulator accepts any signature. */
export const sandboxCredentials: ResolvedCredentials = {
  accessKeyId: 'AKIAAIRLOCKSANDBOX00',
  secretAccessKey: 'airlock-sandbox-secret-access-key-not-real',
};

/** Re-resolve this long before expiry (the SDK's own refresh window). */
const refreshWindowMs = 5 * 60 * 1000;
const defaultStsRegion = 'us-east-1';
/** Handed to the SDK when the MFA prompt failed; never sent, our role assumer throws first. */
const unusedMfaCode = '000000';

type Plan =
  | { readonly type: 'sandbox'; readonly info: ProfileInfo; readonly endpoint: string; readonly credentials: ResolvedCredentials }
  | { readonly type: 'app-keys'; readonly info: ProfileInfo; readonly endpoint: string | null }
  | { readonly type: 'file'; readonly info: ProfileInfo; readonly description: ProfileDescription; readonly config: SharedConfig };

interface CacheEntry {
  readonly credentials: ResolvedCredentials;
  readonly refreshAtMs: number;
  readonly ssoKey: string | null;
  /** What the credentials were resolved from (see `configFingerprint`); null for sandbox and app keys. */
  readonly fingerprint: string | null;
}

/**
 * A digest of everything in the AWS files that a profile's credentials depend on: its own
 * sections and those of every profile in its role chain, its sso-session and services sections.
 * Kept in memory only, to tell after a reload whether cached credentials are still the ones the
 * files describe.
 */
function configFingerprint(config: SharedConfig, description: ProfileDescription): string {
  const chain = description.sourceChain ?? [description.name];
  const sections = chain.map((name) => [name, credentialView(config, name) ?? null, config.configProfiles[name] ?? null]);
  const sso = description.ssoSessionName === undefined ? null : (config.ssoSessions[description.ssoSessionName] ?? null);
  return createHash('sha256').update(JSON.stringify({ sections, sso, kind: description.kind, endpoints: description.endpoints })).digest('hex');
}

type RoleAssumer = NonNullable<NonNullable<Parameters<typeof fromIni>[0]>['roleAssumer']>;
type WebIdentityAssumer = NonNullable<NonNullable<Parameters<typeof fromIni>[0]>['roleAssumerWithWebIdentity']>;

function accountFromArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

type StsConfig = ConstructorParameters<typeof STSClient>[0];

/** One STS role assumption (plain or web identity) turned into the SDK's credential shape. */
async function assumeWith(
  config: StsConfig,
  roleArn: string | undefined,
  call: (sts: STSClient) => Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date }; AssumedRoleUser?: { Arn?: string } }>,
): Promise<ResolvedCredentials & { accountId?: string }> {
  const sts = new STSClient({ ...config, ...retryOptions, requestHandler: { ...httpTimeouts } });
  try {
    const { Credentials, AssumedRoleUser } = await call(sts);
    if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
      throw new AppError('INTERNAL', `AWS STS returned no credentials for role ${roleArn ?? '(unknown)'}. Try again.`);
    }
    const accountId = accountFromArn(AssumedRoleUser?.Arn);
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      ...(Credentials.SessionToken === undefined ? {} : { sessionToken: Credentials.SessionToken }),
      ...(Credentials.Expiration === undefined ? {} : { expiration: Credentials.Expiration }),
      ...(accountId === undefined ? {} : { accountId }),
    };
  } finally {
    sts.destroy();
  }
}

export interface CredentialService {
  /** Enables the built-in sandbox profile (or disables it with null), e.g. once the emulator listens. */
  setSandbox(sandbox: SandboxSettings | null): void;
  /** Where the shared files are (the same paths `listProfiles` reads), and whether they exist. */
  configLocations(): Promise<AwsConfigLocations>;
  /** Every profile Airlock offers, broken ones included with their reason. Re-reads the files. */
  listProfiles(): Promise<ProfileInfo[]>;
  /** The credentials of a profile, from the in-memory cache while they are fresh. */
  resolve(name: string): Promise<ResolvedCredentials>;
  /**
   * Secrets Manager and STS clients for a profile, with its region (or `regionOverride`) and its
   * endpoints. Clients are reused while the profile's settings stay the same; credentials are
   * resolved lazily on the first call, through the cache.
   */
  clients(name: string, regionOverride?: string): Promise<SdkClients>;
  /**
   * Who the profile's credentials belong to: STS GetCallerIdentity at the profile's STS endpoint
   * (the sandbox answers it too). Remembered per credentials unless `fresh`, which asks STS again,
   * e.g. to find out whether credentials still work.
   */
  identity(name: string, regionOverride?: string, options?: { fresh?: boolean }): Promise<CallerIdentity>;
  /** Whether the profile's SSO token is valid, expired or missing, before any call fails on it. */
  ssoStatus(name: string): Promise<SsoTokenStatus>;
  /**
   * Starts the SSO device login for the profile's session. The caller shows `userCode` and opens
   * `verificationUriComplete ?? verificationUri` (always https); `done` settles when it completes.
   */
  startSsoLogin(name: string, signal?: AbortSignal): Promise<SsoLoginStart>;
  /** Drops a profile's cached credentials, identity and clients (after a file edit, logout or failure). */
  forget(name: string): void;
  /**
   * After the user edited the AWS files: forgets the cached credentials of profiles whose
   * configuration changed or disappeared, and keeps the others (so an MFA role is not asked for a
   * new code because an unrelated profile changed).
   */
  forgetChanged(): Promise<void>;
  forgetAll(): void;
  /** Whether keys entered in Airlock survive a restart, and the notice to show when not. */
  appKeysStatus(): PersistenceStatus | null;
  saveAppKeys(input: AppKeyInput): Promise<AppKeySummary>;
  removeAppKeys(name: string): Promise<boolean>;
}

export function createCredentialService(options: CredentialServiceOptions = {}): CredentialService {
  let sandbox: SandboxSettings | null = options.sandbox ?? null;
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<ResolvedCredentials>>();
  const identities = new Map<string, { accessKeyId: string; identity: CallerIdentity }>();
  const clientCache = new Map<string, { key: string; region: string; clients: SdkClients }[]>();

  const now = (): Date => options.now?.() ?? new Date();

  const fileOptions = (): AwsFileOptions => {
    const files = options.files;
    return typeof files === 'function' ? files() : (files ?? {});
  };

  /** The built-in sandbox profiles (the default account's, then the other accounts'), or none when the sandbox is off. */
  const sandboxProfiles = (): ProfileInfo[] => {
    if (sandbox === null) return [];
    const { endpoint } = sandbox;
    return [sandboxProfileInfo(endpoint, sandbox.region ?? defaultStsRegion), ...(sandbox.accounts ?? []).map((account) => sandboxProfileInfo(endpoint, account.region, account))];
  };

  const sandboxNames = (): Set<string> => new Set(sandboxProfiles().map((profile) => profile.name));

  const plan = async (name: string): Promise<Plan> => {
    if (sandbox !== null && sandboxNames().has(name)) {
      const { endpoint } = sandbox;
      if (endpoint === null) {
        throw new AppError('ENDPOINT_UNREACHABLE', 'The sandbox has not been started yet. Choose the sandbox profile again to start it.', { details: { profile: name } });
      }
      const account = sandbox.accounts?.find((candidate) => candidate.name === name);
      if (account === undefined) return { type: 'sandbox', info: sandboxProfileInfo(endpoint, sandbox.region ?? defaultStsRegion), endpoint, credentials: sandboxCredentials };
      return { type: 'sandbox', info: sandboxProfileInfo(endpoint, account.region, account), endpoint, credentials: { ...account.credentials, accountId: account.accountId } };
    }
    const config = await loadSharedConfig(fileOptions());
    if (credentialView(config, name) !== undefined) {
      const description = describeProfile(config, name);
      return { type: 'file', info: toProfileInfo(description), description, config };
    }
    const settings = options.keyVault?.settings(name);
    if (settings !== undefined) {
      return { type: 'app-keys', info: appKeysProfileInfo({ name, ...settings }), endpoint: settings.endpoint };
    }
    throw new AppError('CREDENTIALS_MISSING', `There is no AWS profile named "${name}". Reload the profile list, or check ~/.aws/config.`, { details: { profile: name } });
  };

  const context = (planned: Plan, region?: string | null): AwsErrorContext => {
    const endpoint = planned.type === 'file' ? planned.description.endpoints.secretsManager : planned.endpoint;
    return { profile: planned.info.name, profileKind: planned.info.kind, region: region ?? planned.info.region, endpoint };
  };

  /** Broken profiles fail here with the reason discovery showed; a missing region only matters to clients. */
  const assertUsable = (planned: Plan): void => {
    const problem = planned.info.broken;
    if (problem === null || problem.code === 'no-region') return;
    throw new AppError('CREDENTIALS_MISSING', problem.reason, { details: { profile: planned.info.name, reason: problem.code } });
  };

  const forget = (name: string): void => {
    cache.delete(name);
    identities.delete(name);
    for (const entry of clientCache.get(name) ?? []) entry.clients.destroy();
    clientCache.delete(name);
  };

  /** Fails before any call when the SSO token is missing, or expired without a way to refresh it. */
  const assertSsoToken = async (target: SsoTarget): Promise<void> => {
    const status = ssoTokenStatus(target, await readSsoToken(target), now());
    if (status.state === 'valid' || (status.state === 'expired' && status.refreshable)) return;
    const what = status.state === 'missing' ? 'You are not logged in to AWS SSO' : 'Your AWS SSO login has expired';
    throw new AppError('SSO_LOGIN_REQUIRED', `${what} for profile "${target.profile}". Log in with SSO and try again.`, {
      details: { profile: target.profile, ...(target.sessionName === null ? {} : { ssoSession: target.sessionName }) },
    });
  };

  const askMfaCode = async (description: ProfileDescription, serialNumber: string): Promise<string> => {
    const profile = description.mfaSerials.get(serialNumber) ?? description.name;
    const provider = options.mfaCodeProvider;
    if (provider === undefined) {
      throw new AppError('CREDENTIALS_MISSING', `Profile "${profile}" needs an MFA code, but Airlock cannot ask for one here.`, { details: { profile, reason: 'mfa-unavailable' } });
    }
    let code: string | null;
    try {
      code = await provider({ profile, serialNumber });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('CANCELLED', 'The MFA prompt was cancelled.');
    }
    if (code === null) throw new AppError('CANCELLED', 'The MFA prompt was cancelled.');
    const trimmed = code.trim();
    if (!/^\d{6}$/.test(trimmed)) throw new AppError('INVALID_INPUT', 'An MFA code is the 6 digits your device shows. Try again.', { details: { field: 'mfaCode' } });
    return trimmed;
  };

  const roleAssumer = (region: string, endpoint: string | null): RoleAssumer =>
    (sourceCredentials, params) =>
      assumeWith({ region, credentials: sourceCredentials, ...endpointOptions(endpoint) }, params.RoleArn, (sts) => sts.send(new AssumeRoleCommand(params)));

  const webIdentityAssumer = (region: string, endpoint: string | null): WebIdentityAssumer =>
    (params) => assumeWith({ region, ...endpointOptions(endpoint) }, params.RoleArn, (sts) => sts.send(new AssumeRoleWithWebIdentityCommand(params)));

  const resolveFileProfile = async (description: ProfileDescription, config: SharedConfig): Promise<ResolvedCredentials> => {
    const files = { profile: description.name, filepath: config.credentialsFile, configFilepath: config.configFile, ignoreCache: true };
    const { endpoints } = description;
    // fromSSO gives one clientConfig to both the SSO portal client and the OIDC token-refresh client (it
    // accepts an `ssoClient` only of its own nested-clients copy), so both use the portal's endpoint.
    const ssoClientConfig = { ...endpointOptions(endpoints.sso ?? endpoints.ssoOidc), ...retryOptions };
    if (description.kind === 'sso' || description.kind === 'sso-legacy') {
      return fromSSO({ ...files, clientConfig: ssoClientConfig })();
    }
    const stsRegion = description.region ?? defaultStsRegion;
    // The SDK starts resolving the source profile before it asks for the MFA code and does not await
    // it if the code provider throws, which leaves an unhandled rejection when the source also fails.
    // So a cancelled or invalid prompt is parked here and thrown by our role assumer instead, after
    // the SDK has awaited the source.
    const promptFailure: { error: AppError | null } = { error: null };
    const assumeRole = roleAssumer(stsRegion, endpoints.sts);
    return fromIni({
      ...files,
      mfaCodeProvider: async (serialNumber) => {
        try {
          return await askMfaCode(description, serialNumber);
        } catch (error) {
          promptFailure.error = error instanceof AppError ? error : toAppError(error);
          return unusedMfaCode;
        }
      },
      roleAssumer: (source, params) => (promptFailure.error === null ? assumeRole(source, params) : Promise.reject(promptFailure.error)),
      roleAssumerWithWebIdentity: webIdentityAssumer(stsRegion, endpoints.sts),
      // Reaches fromSSO when a role chain starts at an SSO profile.
      clientConfig: ssoClientConfig,
    })();
  };

  const resolveUncached = async (name: string): Promise<ResolvedCredentials> => {
    const planned = await plan(name);
    if (planned.type === 'sandbox') return planned.credentials;
    if (planned.type === 'app-keys') {
      const credentials = options.keyVault?.credentials(name);
      if (credentials === undefined) throw new AppError('CREDENTIALS_MISSING', `The keys of profile "${name}" are gone. Enter them again.`);
      return credentials;
    }
    assertUsable(planned);
    const { description } = planned;
    if (description.sso !== undefined) await assertSsoToken(description.sso);
    let credentials: ResolvedCredentials;
    try {
      credentials = await resolveFileProfile(planned.description, planned.config);
    } catch (error) {
      throw toAppError(error, context(planned));
    }
    const expiresAt = credentials.expiration?.getTime();
    cache.set(name, {
      credentials,
      refreshAtMs: expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - refreshWindowMs,
      ssoKey: description.sso === undefined ? null : ssoCacheKey(description.sso),
      fingerprint: configFingerprint(planned.config, description),
    });
    return credentials;
  };

  const resolve = async (name: string): Promise<ResolvedCredentials> => {
    const cached = cache.get(name);
    if (cached !== undefined && cached.refreshAtMs > now().getTime()) return cached.credentials;
    const pending = inFlight.get(name);
    if (pending !== undefined) return pending;
    const resolution = resolveUncached(name).finally(() => inFlight.delete(name));
    inFlight.set(name, resolution);
    return resolution;
  };

  const clients = async (name: string, regionOverride?: string): Promise<SdkClients> => {
    const planned = await plan(name);
    assertUsable(planned);
    const region = regionOverride ?? planned.info.region;
    if (region === null) {
      throw new AppError('UNKNOWN_REGION', `Profile "${name}" has no region. Choose a region in Airlock, or add "region = ..." to the profile.`, { details: { profile: name }, retryable: false });
    }
    if (!regionPattern.test(region)) {
      throw new AppError('UNKNOWN_REGION', `"${region}" is not a region name (like eu-west-1). Choose another region.`, { details: { profile: name }, retryable: false });
    }
    const secretsManagerEndpoint = planned.type === 'file' ? planned.description.endpoints.secretsManager : planned.endpoint;
    const stsEndpoint = planned.type === 'file' ? planned.description.endpoints.sts : planned.endpoint;
    const cloudTrailEndpoint = planned.type === 'file' ? planned.description.endpoints.cloudTrail : planned.endpoint;
    const iamEndpoint = planned.type === 'file' ? planned.description.endpoints.iam : planned.endpoint;
    const kmsEndpoint = planned.type === 'file' ? planned.description.endpoints.kms : planned.endpoint;
    const key = JSON.stringify([region, secretsManagerEndpoint, stsEndpoint, cloudTrailEndpoint, iamEndpoint, kmsEndpoint]);
    const existing = clientCache.get(name) ?? [];
    const reusable = existing.find((entry) => entry.key === key);
    if (reusable !== undefined) return reusable.clients;
    const made = createSdkClients({ region, secretsManagerEndpoint, stsEndpoint, cloudTrailEndpoint, iamEndpoint, kmsEndpoint, appVersion: options.appVersion ?? 'dev', credentials: () => resolve(name) });
    // Settings changed for this profile: the old clients point at the old endpoint; keep other regions.
    const stale = existing.filter((entry) => entry.region === region);
    for (const entry of stale) entry.clients.destroy();
    clientCache.set(name, [...existing.filter((entry) => !stale.includes(entry)), { key, region, clients: made }]);
    return made;
  };

  const ssoTarget = async (name: string): Promise<SsoTarget & { oidcEndpoint: string | null }> => {
    const planned = await plan(name);
    const description = planned.type === 'file' ? planned.description : undefined;
    const usesSso = description !== undefined
      && (description.kind === 'sso' || description.kind === 'sso-legacy' || description.ssoSessionName !== undefined || description.sso !== undefined);
    if (description === undefined || !usesSso) {
      throw new AppError('INVALID_INPUT', `Profile "${name}" does not use AWS SSO.`, { details: { profile: name } });
    }
    if (description.sso === undefined) {
      throw new AppError('CREDENTIALS_MISSING', planned.info.broken?.reason ?? `The SSO settings of profile "${name}" are incomplete.`, { details: { profile: name } });
    }
    return { ...description.sso, oidcEndpoint: description.endpoints.ssoOidc };
  };

  return {
    setSandbox(next) {
      const before = sandboxNames();
      sandbox = next;
      for (const name of new Set([...before, ...sandboxNames()])) forget(name);
    },
    configLocations: () => describeConfigLocations(fileOptions()),
    async listProfiles() {
      const config = await loadSharedConfig(fileOptions());
      const builtIn = sandboxProfiles();
      const builtInNames = new Set(builtIn.map((profile) => profile.name));
      const fileProfiles = profilesFromConfig(config).filter((profile) => !builtInNames.has(profile.name));
      const taken = new Set(fileProfiles.map((profile) => profile.name));
      const appProfiles = (options.keyVault?.list() ?? [])
        .filter((entry) => !taken.has(entry.name) && entry.name !== sandboxProfileName && !builtInNames.has(entry.name))
        .map((entry) => appKeysProfileInfo(entry));
      return [...fileProfiles, ...appProfiles, ...builtIn];
    },
    resolve,
    clients,
    async identity(name, regionOverride, identityOptions = {}) {
      const planned = await plan(name);
      const credentials = await resolve(name);
      const known = identities.get(name);
      if (identityOptions.fresh !== true && known?.accessKeyId === credentials.accessKeyId) return known.identity;
      // STS answers in every region; a profile without one can still say who it is.
      const made = await clients(name, regionOverride ?? planned.info.region ?? defaultStsRegion);
      let identity: CallerIdentity;
      try {
        identity = await callerIdentity(made.sts);
      } catch (error) {
        throw toAppError(error, { ...context(planned, made.region), endpoint: made.stsEndpoint });
      }
      identities.set(name, { accessKeyId: credentials.accessKeyId, identity });
      return identity;
    },
    async ssoStatus(name) {
      const target = await ssoTarget(name);
      return ssoTokenStatus(target, await readSsoToken(target), now());
    },
    async startSsoLogin(name, signal) {
      const { oidcEndpoint, ...target } = await ssoTarget(name);
      const start = await startSsoDeviceLogin(target, {
        endpoint: oidcEndpoint,
        ...(signal === undefined ? {} : { signal }),
        ...(options.ssoSleep === undefined ? {} : { sleep: options.ssoSleep }),
        now,
      });
      const key = ssoCacheKey(target);
      const done = start.done.then((result) => {
        for (const [profile, entry] of cache) if (entry.ssoKey === key) forget(profile);
        return result;
      });
      done.catch(() => undefined);
      return { ...start, done };
    },
    forget,
    async forgetChanged() {
      const config = await loadSharedConfig(fileOptions());
      for (const [name, entry] of cache) {
        if (entry.fingerprint === null) continue;
        const unchanged = credentialView(config, name) !== undefined && configFingerprint(config, describeProfile(config, name)) === entry.fingerprint;
        if (!unchanged) forget(name);
      }
    },
    forgetAll() {
      for (const name of new Set([...cache.keys(), ...identities.keys(), ...clientCache.keys()])) forget(name);
    },
    appKeysStatus: () => options.keyVault?.status() ?? null,
    async saveAppKeys(input) {
      const vault = options.keyVault;
      if (vault === undefined) throw new AppError('INTERNAL', 'Keys cannot be entered in this mode.');
      if (sandboxNames().has(input.name.trim())) {
        throw new AppError('ALREADY_EXISTS', `"${input.name.trim()}" is a built-in sandbox profile. Choose another name.`, { details: { field: 'name' } });
      }
      const config = await loadSharedConfig(fileOptions());
      if (credentialView(config, input.name.trim()) !== undefined) {
        throw new AppError('ALREADY_EXISTS', `A profile named "${input.name.trim()}" already exists in your AWS files. Choose another name.`, { details: { field: 'name' } });
      }
      const summary = await vault.save(input);
      forget(summary.name);
      return summary;
    },
    async removeAppKeys(name) {
      const removed = (await options.keyVault?.remove(name)) ?? false;
      forget(name);
      return removed;
    },
  };
}
