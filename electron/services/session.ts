/**
 * The active AWS profile and region, and the SDK clients for them.
 *
 * Profiles come from providers (the built-in sandbox; the user's AWS files), are decorated with
 * the production marks from settings, and the choice is remembered in settings.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ActiveProfile, CallerIdentity, ProfileSummary } from '../../shared/api';
import type { ConfirmationDetails } from '../../shared/api/common';
import { AppError, type ApiError } from '../../shared/errors';
import type { Logger } from './log';
import type { SettingsStore } from './settings-store';

export type BaseProfile = Omit<ProfileSummary, 'production'>;

export interface AwsClients {
  readonly profile: string;
  readonly region: string;
  readonly secretsManager: SecretsManagerClient;
  readonly sts: STSClient;
}

export interface ProfileProvider {
  list(): Promise<readonly BaseProfile[]>;
  clients(profile: BaseProfile, region: string): Promise<AwsClients>;
}

export interface Session {
  list(): Promise<readonly ProfileSummary[]>;
  select(name: string, region?: string): Promise<ActiveProfile>;
  active(): Promise<ActiveProfile | null>;
  clients(): Promise<AwsClients>;
  /**
   * The clients for a write. Under a production profile the write needs `confirmation` equal to
   * the account id (or the profile name when the account is unknown); otherwise this throws
   * CONFIRMATION_REQUIRED, naming the account, before anything is sent to AWS.
   */
  clientsForWrite(action: string, confirmation: string | undefined): Promise<AwsClients>;
}

/** The production guard as one rule: null when the write may go ahead, else what to confirm. */
export function requiredConfirmation(active: ActiveProfile, action: string, confirmation: string | undefined): ConfirmationDetails | null {
  if (!active.production) return null;
  const account = active.identity?.account ?? null;
  const expected = account ?? active.profile.name;
  return confirmation === expected ? null : { account, profile: active.profile.name, expected, action };
}

export function isProductionProfile(profile: string, account: string | null, marks: { profiles: readonly string[]; accounts: readonly string[] }): boolean {
  return marks.profiles.includes(profile) || (account !== null && marks.accounts.includes(account));
}

export function createSession(deps: {
  providers: readonly ProfileProvider[];
  settings: SettingsStore;
  log: Logger;
  describeError: (error: unknown) => ApiError;
}): Session {
  let current: { profile: BaseProfile; provider: ProfileProvider; region: string; clients: AwsClients; identity: CallerIdentity | null; identityError: ApiError | null } | null = null;

  const allProfiles = async () => {
    const lists = await Promise.all(deps.providers.map(async (provider) => ({ provider, profiles: await provider.list() })));
    return lists.flatMap(({ provider, profiles }) => profiles.map((profile) => ({ provider, profile })));
  };

  const summarize = (profile: BaseProfile, account: string | null): ProfileSummary => ({
    ...profile,
    production: isProductionProfile(profile.name, account, deps.settings.get().productionMarks),
  });

  const describeCurrent = (): ActiveProfile | null => {
    if (current === null) return null;
    const account = current.identity?.account ?? null;
    const profile = summarize(current.profile, account);
    return { profile, region: current.region, identity: current.identity, identityError: current.identityError, production: profile.production };
  };

  const select = async (name: string, region?: string): Promise<ActiveProfile> => {
    const found = (await allProfiles()).find((entry) => entry.profile.name === name);
    if (found === undefined) throw new AppError('NOT_FOUND', `There is no AWS profile named "${name}". Check your AWS config files or pick another profile.`);
    if (found.profile.broken !== null) throw new AppError('CREDENTIALS_MISSING', `The profile "${name}" cannot be used: ${found.profile.broken.reason}`);
    const effectiveRegion = region ?? found.profile.region;
    if (effectiveRegion === null) throw new AppError('UNKNOWN_REGION', `The profile "${name}" has no region. Choose a region for it.`);
    const clients = await found.provider.clients(found.profile, effectiveRegion);
    let identity: CallerIdentity | null = null;
    let identityError: ApiError | null = null;
    try {
      const who = await clients.sts.send(new GetCallerIdentityCommand({}));
      identity = { account: who.Account ?? '', arn: who.Arn ?? '', userId: who.UserId ?? '' };
    } catch (error) {
      identityError = deps.describeError(error);
      deps.log.warn('could not read the caller identity', { profile: name, code: identityError.code });
    }
    current = { profile: found.profile, provider: found.provider, region: effectiveRegion, clients, identity, identityError };
    deps.settings.update((s) => ({ ...s, activeProfile: name }));
    const described = describeCurrent();
    if (described === null) throw new AppError('INTERNAL', 'The profile could not be activated.');
    return described;
  };

  return {
    async list() {
      const account = current?.identity?.account ?? null;
      return (await allProfiles()).map(({ profile }) => summarize(profile, profile.name === current?.profile.name ? account : null));
    },
    select,
    async active() {
      if (current === null) {
        const remembered = deps.settings.get().activeProfile;
        if (remembered !== null) {
          try {
            await select(remembered);
          } catch (error) {
            deps.log.info('the remembered profile could not be restored', { profile: remembered, code: error instanceof AppError ? error.code : 'INTERNAL' });
            return null;
          }
        }
      }
      return describeCurrent();
    },
    async clients() {
      if (current === null) await this.active();
      if (current === null) throw new AppError('CREDENTIALS_MISSING', 'Choose an AWS profile first (the header\'s profile menu), or use the sandbox.');
      return current.clients;
    },
    async clientsForWrite(action, confirmation) {
      const clients = await this.clients();
      const described = describeCurrent();
      if (described === null) throw new AppError('CREDENTIALS_MISSING', 'Choose an AWS profile first.');
      const needed = requiredConfirmation(described, action, confirmation);
      if (needed !== null) {
        const who = needed.account === null ? `the production profile "${needed.profile}"` : `production account ${needed.account} (profile "${needed.profile}")`;
        throw new AppError('CONFIRMATION_REQUIRED', `This would ${action} in ${who}. Confirm by typing ${needed.account === null ? 'the profile name' : 'the account id'}.`, {
          details: { ...needed },
        });
      }
      return clients;
    },
  };
}

export function buildClients(profile: string, region: string, config: { endpoint?: string; credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider }): AwsClients {
  const shared = {
    region,
    maxAttempts: 4,
    retryMode: 'standard' as const,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    credentials: config.credentials,
  };
  return { profile, region, secretsManager: new SecretsManagerClient(shared), sts: new STSClient(shared) };
}
