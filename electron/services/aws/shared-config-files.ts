/**
 * Reads the AWS shared config and credentials files the way the SDK does, without writing them.
 *
 * Parsing goes through the SDK's own loader (`loadSharedConfigFiles`) so that Airlock sees exactly
 * the sections `fromIni` will see later; only the few things the SDK silently drops (section headers
 * the CLI would ignore) are recovered from a raw scan, to report them instead of hiding them.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getHomeDir, loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsConfigLocations } from '../../../shared/api';

export type EnvLike = Readonly<Record<string, string | undefined>>;

export type IniSection = Readonly<Record<string, string>>;

export interface AwsFileOptions {
  /** Defaults to `AWS_CONFIG_FILE`, else `~/.aws/config`. */
  readonly configFile?: string;
  /** Defaults to `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
  readonly credentialsFile?: string;
  /** Defaults to `AWS_PROFILE`, else `default`. */
  readonly awsProfile?: string;
  /** Environment to read the variables above (and endpoint/region variables) from; defaults to `process.env`. */
  readonly env?: EnvLike;
}

export interface SharedConfig {
  readonly configFile: string;
  readonly credentialsFile: string;
  /** The profile the CLI uses without `--profile`. */
  readonly defaultProfileName: string;
  readonly env: EnvLike;
  /** `[default]` and `[profile x]` sections of the config file, keyed by profile name. */
  readonly configProfiles: Readonly<Record<string, IniSection>>;
  /** Sections of the credentials file, keyed by profile name. */
  readonly credentialsProfiles: Readonly<Record<string, IniSection>>;
  readonly ssoSessions: Readonly<Record<string, IniSection>>;
  readonly servicesSections: Readonly<Record<string, IniSection>>;
  /** Sections the CLI will not treat as profiles although they look like one: `[x]` in config, `[profile x]` in credentials. */
  readonly misplacedSections: readonly MisplacedSection[];
}

export interface MisplacedSection {
  readonly file: 'config' | 'credentials';
  /** The header as written, without brackets. */
  readonly header: string;
  /** The profile name the user most likely meant. */
  readonly intendedName: string;
}

/** Config-file sections that are legitimately not profiles (AWS CLI `plugins` and `preview`). */
const nonProfileConfigSections = new Set(['plugins', 'preview']);

export function homeDirFrom(env: EnvLike): string {
  // The SDK's getHomeDir reads process.env; honour an injected env first so tests and callers agree.
  return env.HOME || env.USERPROFILE || getHomeDir();
}

function expandHome(path: string, env: EnvLike): string {
  return path.startsWith('~/') ? join(homeDirFrom(env), path.slice(2)) : path;
}

export function resolveFilePaths(options: AwsFileOptions = {}): { configFile: string; credentialsFile: string; env: EnvLike; defaultProfileName: string } {
  const env = options.env ?? process.env;
  const home = homeDirFrom(env);
  const configFile = expandHome(options.configFile ?? (env.AWS_CONFIG_FILE || join(home, '.aws', 'config')), env);
  const credentialsFile = expandHome(options.credentialsFile ?? (env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')), env);
  const defaultProfileName = options.awsProfile ?? (env.AWS_PROFILE || 'default');
  return { configFile, credentialsFile, env, defaultProfileName };
}

/** The two files as the user would look for them: the paths read, whether each exists, and the variable that named it. */
export async function describeConfigLocations(options: AwsFileOptions = {}): Promise<AwsConfigLocations> {
  const { configFile, credentialsFile, env } = resolveFilePaths(options);
  const exists = async (path: string): Promise<boolean> => {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  };
  const [configExists, credentialsExists] = await Promise.all([exists(configFile), exists(credentialsFile)]);
  return {
    config: { path: configFile, exists: configExists, setBy: options.configFile === undefined && env.AWS_CONFIG_FILE ? 'AWS_CONFIG_FILE' : null },
    credentials: { path: credentialsFile, exists: credentialsExists, setBy: options.credentialsFile === undefined && env.AWS_SHARED_CREDENTIALS_FILE ? 'AWS_SHARED_CREDENTIALS_FILE' : null },
  };
}

const prefixedSectionKey = /^(sso-session|services)\.(.+)$/;

export async function loadSharedConfig(options: AwsFileOptions = {}): Promise<SharedConfig> {
  const { configFile, credentialsFile, env, defaultProfileName } = resolveFilePaths(options);
  // ignoreCache: the SDK memoises file contents per path for the life of the process; a user who edits
  // ~/.aws/config and presses "reload" must see the edit (this also refreshes the SDK's own cache).
  const parsed = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });

  const configProfiles: Record<string, IniSection> = {};
  const ssoSessions: Record<string, IniSection> = {};
  const servicesSections: Record<string, IniSection> = {};
  for (const [key, values] of Object.entries(parsed.configFile)) {
    const match = prefixedSectionKey.exec(key);
    const section = toSection(values);
    if (match?.[1] === 'sso-session' && match[2] !== undefined) ssoSessions[match[2]] = section;
    else if (match?.[1] === 'services' && match[2] !== undefined) servicesSections[match[2]] = section;
    else configProfiles[key] = section;
  }

  const credentialsProfiles: Record<string, IniSection> = {};
  const [configHeaders, credentialsHeaders] = await Promise.all([readSectionHeaders(configFile), readSectionHeaders(credentialsFile)]);
  const prefixedCredentialHeaders = new Set(credentialsHeaders.filter((header) => /^(profile|sso-session|services)\s/.test(header)));
  for (const [key, values] of Object.entries(parsed.credentialsFile)) {
    // The SDK turns `[profile x]` in the credentials file into a key `profile.x` that nothing can address.
    const dotted = /^(profile|sso-session|services)\.(.+)$/.exec(key);
    if (dotted && prefixedCredentialHeaders.has(`${dotted[1]} ${dotted[2]}`)) continue;
    credentialsProfiles[key] = toSection(values);
  }

  const misplacedSections: MisplacedSection[] = [];
  for (const header of configHeaders) {
    if (header === 'default' || /^(profile|sso-session|services)\s+\S/.test(header) || nonProfileConfigSections.has(header)) continue;
    misplacedSections.push({ file: 'config', header, intendedName: header });
  }
  for (const header of prefixedCredentialHeaders) {
    const name = header.replace(/^profile\s+/, '');
    if (header.startsWith('profile')) misplacedSections.push({ file: 'credentials', header, intendedName: name });
  }

  return { configFile, credentialsFile, defaultProfileName, env, configProfiles, credentialsProfiles, ssoSessions, servicesSections, misplacedSections };
}

function toSection(values: Record<string, string | undefined>): IniSection {
  const section: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string') section[key] = value;
  return section;
}

/** Section headers in file order, with the same comment stripping the SDK's parser applies. */
async function readSectionHeaders(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const headers: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = (line.split(/(^|\s)[;#]/)[0] ?? '').trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) headers.push(trimmed.slice(1, -1).trim());
  }
  return headers;
}

/** The profile as `fromIni` sees it: credentials-file values override config-file values. */
export function credentialView(config: SharedConfig, name: string): IniSection | undefined {
  const fromConfig = config.configProfiles[name];
  const fromCredentials = config.credentialsProfiles[name];
  if (fromConfig === undefined && fromCredentials === undefined) return undefined;
  return { ...fromConfig, ...fromCredentials };
}

/** The profile as the SDK's config loader sees it for settings like endpoints: config-file values win. */
export function settingsView(config: SharedConfig, name: string): IniSection {
  return { ...config.credentialsProfiles[name], ...config.configProfiles[name] };
}

/** Every profile name the AWS CLI would offer: config profiles plus credentials-only profiles. */
export function profileNames(config: SharedConfig): string[] {
  return [...new Set([...Object.keys(config.configProfiles), ...Object.keys(config.credentialsProfiles)])];
}
