/**
 * The profile list Airlock offers: the profiles the AWS CLI would offer (config and credentials
 * files, `[profile x]` / `[default]` naming, credentials-only profiles, credentials-file values
 * winning for the same key), each with its kind, region and Secrets Manager endpoint, plus the
 * built-in sandbox and the keys entered in the app. Broken profiles stay in the list with a reason.
 *
 * Region: the profile's `region` wins over `AWS_REGION` / `AWS_DEFAULT_REGION`, unlike the SDK where
 * the environment wins. In an app where the user picks a profile, a shell-wide variable silently
 * overriding every profile's region (and only when launched from a terminal) would be a surprise; the
 * environment only fills in for profiles without a region.
 */
import type { ProfileInfo } from './profile-types';
import { describeProfile, type ProfileDescription } from './profile-classification';
import { loadSharedConfig, profileNames, type AwsFileOptions, type SharedConfig } from './shared-config-files';
import { displayEndpoint } from './endpoint-resolution';

export const sandboxProfileName = 'sandbox';

export function toProfileInfo(description: ProfileDescription): ProfileInfo {
  return {
    name: description.name,
    kind: description.kind,
    region: description.region,
    endpoint: description.endpoints.secretsManager === null ? null : displayEndpoint(description.endpoints.secretsManager),
    source: description.source,
    mfa: description.mfaSerials.size > 0,
    ...(description.ssoSessionName === undefined ? {} : { ssoSession: description.ssoSessionName }),
    ...(description.sourceChain === undefined ? {} : { sourceChain: description.sourceChain }),
    ...(description.account === undefined ? {} : { account: description.account }),
    broken: description.problem,
    isDefault: description.isDefault,
  };
}

function byDefaultThenName(a: ProfileInfo, b: ProfileInfo): number {
  if (a.name === 'default' || b.name === 'default') return a.name === 'default' ? -1 : 1;
  return a.name.localeCompare(b.name);
}

/** Profiles of already-loaded shared files, including sections that look like profiles but are not read. */
export function profilesFromConfig(config: SharedConfig): ProfileInfo[] {
  const names = profileNames(config);
  const infos = names.map((name) => toProfileInfo(describeProfile(config, name)));
  const known = new Set(names);
  for (const section of config.misplacedSections) {
    const name = section.file === 'config' ? section.intendedName : `profile ${section.intendedName}`;
    if (known.has(name)) continue;
    known.add(name);
    const reason = section.file === 'config'
      ? `The config file has a section [${section.header}]; the AWS CLI only reads it when written [profile ${section.header}].`
      : `The credentials file has a section [${section.header}]; name it [${section.intendedName}] there (the "profile" prefix belongs in the config file only).`;
    infos.push({
      name,
      kind: 'unknown',
      region: null,
      endpoint: null,
      source: section.file,
      mfa: false,
      broken: { code: 'misplaced-section', reason },
      isDefault: false,
    });
  }
  return infos.sort(byDefaultThenName);
}

/** Reads the shared files (never writes them) and lists their profiles. */
export async function discoverProfiles(options: AwsFileOptions = {}): Promise<ProfileInfo[]> {
  return profilesFromConfig(await loadSharedConfig(options));
}

/**
 * A built-in sandbox profile: fake keys against the local emulator at `endpoint` (null until it is
 * started on first use). Without `account` it is `sandbox` (the default account); with one, that
 * account's profile, whose account is known before any call.
 */
export function sandboxProfileInfo(endpoint: string | null, region: string, account?: { readonly name: string; readonly accountId: string }): ProfileInfo {
  const base: ProfileInfo = { name: account?.name ?? sandboxProfileName, kind: 'sandbox', region, endpoint, source: 'app', mfa: false, broken: null, isDefault: false };
  return account === undefined ? base : { ...base, account: account.accountId };
}

/** A profile backed by keys entered in Airlock (see KeyVault). */
export function appKeysProfileInfo(entry: { name: string; region: string | null; endpoint: string | null }): ProfileInfo {
  return {
    name: entry.name,
    kind: 'app-keys',
    region: entry.region,
    endpoint: entry.endpoint,
    source: 'app',
    mfa: false,
    broken: entry.region === null ? { code: 'no-region', reason: `Profile "${entry.name}" has no region; edit it in Airlock and choose one.` } : null,
    isDefault: false,
  };
}
