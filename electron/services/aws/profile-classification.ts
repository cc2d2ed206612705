/**
 * Classifies one profile of the shared files the way `@aws-sdk/credential-provider-ini` will resolve
 * it, and explains why it cannot be resolved when that is the case.
 *
 * The order of checks mirrors the SDK's `resolveProfileData`: a role (`role_arn` with exactly one of
 * `source_profile` / `credential_source`) wins over static keys at the top of a chain, static keys win
 * inside a chain (so a profile may name itself as `source_profile`), then web identity,
 * `credential_process`, SSO. Anything else cannot produce credentials and is reported.
 */
import type { ProfileKind, ProfileProblem, ProfileSource } from './profile-types';
import { resolveServiceEndpoint, serviceIds, type ServiceId } from './endpoint-resolution';
import { credentialView, settingsView, type IniSection, type SharedConfig } from './shared-config-files';

export interface SsoTarget {
  /** The profile holding the `sso_*` settings (the profile itself, or the start of its role chain). */
  readonly profile: string;
  /** `sso-session` name, or null for a legacy profile that keeps `sso_start_url` itself. */
  readonly sessionName: string | null;
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly registrationScopes: readonly string[];
  readonly accountId: string;
  readonly roleName: string;
}

export interface ServiceEndpoints {
  readonly secretsManager: string | null;
  readonly sts: string | null;
  readonly sso: string | null;
  readonly ssoOidc: string | null;
  readonly cloudTrail: string | null;
  readonly iam: string | null;
  readonly kms: string | null;
}

export interface ProfileDescription {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly source: ProfileSource;
  readonly region: string | null;
  readonly endpoints: ServiceEndpoints;
  /** `mfa_serial` -> the profile that declares it, for every role assumed along the chain. */
  readonly mfaSerials: ReadonlyMap<string, string>;
  readonly sourceChain?: readonly string[];
  /** The account the config says the profile acts in (its role's account, or its SSO account). */
  readonly account?: string;
  readonly ssoSessionName?: string;
  readonly sso?: SsoTarget;
  readonly problem: ProfileProblem | null;
  readonly isDefault: boolean;
}

const supportedCredentialSources = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);

const isStatic = (data: IniSection): boolean => data.aws_access_key_id !== undefined && data.aws_secret_access_key !== undefined;
const isAssumeRole = (data: IniSection): boolean =>
  data.role_arn !== undefined && (data.source_profile !== undefined) !== (data.credential_source !== undefined);
const isCredentialSourceWithoutRole = (data: IniSection): boolean => data.role_arn === undefined && data.credential_source !== undefined;
const isWebIdentity = (data: IniSection): boolean => data.web_identity_token_file !== undefined && data.role_arn !== undefined;
const isProcess = (data: IniSection): boolean => data.credential_process !== undefined;
const isSso = (data: IniSection): boolean =>
  ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((key) => data[key] !== undefined);
const isLogin = (data: IniSection): boolean => data.login_session !== undefined;

const problem = (code: ProfileProblem['code'], reason: string): ProfileProblem => ({ code, reason });

interface SsoCheck {
  readonly kind: 'sso' | 'sso-legacy';
  readonly sessionName?: string;
  readonly target?: SsoTarget;
  readonly problem: ProfileProblem | null;
}

function checkSso(config: SharedConfig, name: string, data: IniSection): SsoCheck {
  const sessionName = data.sso_session;
  if (sessionName !== undefined) {
    const session = config.ssoSessions[sessionName];
    if (session === undefined) {
      return { kind: 'sso', sessionName, problem: problem('missing-sso-session', `Profile "${name}" uses sso_session "${sessionName}", but the config file has no [sso-session ${sessionName}] section. Add it, or run "aws configure sso" again.`) };
    }
    const startUrl = session.sso_start_url;
    const ssoRegion = session.sso_region;
    if (startUrl === undefined || ssoRegion === undefined) {
      const missing = [startUrl === undefined ? 'sso_start_url' : null, ssoRegion === undefined ? 'sso_region' : null].filter(Boolean).join(' and ');
      return { kind: 'sso', sessionName, problem: problem('incomplete-sso-session', `The [sso-session ${sessionName}] section needs ${missing}.`) };
    }
    if ((data.sso_region !== undefined && data.sso_region !== ssoRegion) || (data.sso_start_url !== undefined && data.sso_start_url !== startUrl)) {
      return { kind: 'sso', sessionName, problem: problem('conflicting-sso-settings', `Profile "${name}" sets sso_region or sso_start_url differently from its sso-session "${sessionName}". Remove them from the profile.`) };
    }
    const accountId = data.sso_account_id;
    const roleName = data.sso_role_name;
    if (accountId === undefined || roleName === undefined) {
      return { kind: 'sso', sessionName, problem: problem('incomplete-sso-profile', `Profile "${name}" needs sso_account_id and sso_role_name to pick an account and role.`) };
    }
    const scopes = (session.sso_registration_scopes ?? 'sso:account:access').split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
    return {
      kind: 'sso',
      sessionName,
      problem: null,
      target: { profile: name, sessionName, startUrl, ssoRegion, registrationScopes: scopes, accountId, roleName },
    };
  }
  const { sso_start_url: startUrl, sso_region: ssoRegion, sso_account_id: accountId, sso_role_name: roleName } = data;
  if (startUrl === undefined || ssoRegion === undefined || accountId === undefined || roleName === undefined) {
    return { kind: 'sso-legacy', problem: problem('incomplete-sso-profile', `Profile "${name}" needs sso_start_url, sso_region, sso_account_id and sso_role_name (or an sso_session).`) };
  }
  return { kind: 'sso-legacy', problem: null, target: { profile: name, sessionName: null, startUrl, ssoRegion, registrationScopes: [], accountId, roleName } };
}

function checkCredentialSource(name: string, data: IniSection): ProfileProblem | null {
  const source = data.credential_source ?? '';
  return supportedCredentialSources.has(source)
    ? null
    : problem('unsupported-credential-source', `Profile "${name}" has credential_source = ${source}; use Environment, Ec2InstanceMetadata or EcsContainer.`);
}

interface LeafResult {
  readonly kind: ProfileKind;
  readonly problem: ProfileProblem | null;
  readonly sso?: SsoCheck;
}

/** Profiles that produce credentials by themselves (no AssumeRole of their own). */
function classifyLeaf(config: SharedConfig, name: string, data: IniSection): LeafResult {
  if (isStatic(data)) return { kind: 'static', problem: null };
  if (isWebIdentity(data)) return { kind: 'web-identity', problem: null };
  if (isProcess(data)) return { kind: 'credential-process', problem: null };
  if (isSso(data)) {
    const sso = checkSso(config, name, data);
    return { kind: sso.kind, problem: sso.problem, sso };
  }
  if (isLogin(data)) return { kind: 'unknown', problem: null };
  if (data.role_arn !== undefined && data.source_profile !== undefined && data.credential_source !== undefined) {
    return { kind: 'assume-role', problem: problem('conflicting-role-source', `Profile "${name}" sets both source_profile and credential_source; keep only one.`) };
  }
  if (data.role_arn !== undefined) {
    return { kind: 'assume-role', problem: problem('role-without-source', `Profile "${name}" has a role_arn but no source_profile or credential_source to assume it with.`) };
  }
  if (data.credential_source !== undefined) {
    return { kind: 'unknown', problem: problem('no-credentials', `Profile "${name}" has credential_source but no role_arn; add the role to assume.`) };
  }
  return { kind: 'unknown', problem: problem('no-credentials', `Profile "${name}" has no credentials: add keys, an SSO login, a role or a credential_process.`) };
}

interface ChainResult {
  readonly chain: readonly string[];
  readonly mfaSerials: ReadonlyMap<string, string>;
  readonly problem: ProfileProblem | null;
  readonly sso?: SsoCheck;
}

function walkRoleChain(config: SharedConfig, name: string): ChainResult {
  const chain = [name];
  const mfaSerials = new Map<string, string>();
  // Like the SDK, the starting profile is not marked visited: a role may use itself as source when it also holds keys.
  const visited = new Set<string>();
  let current = name;
  for (;;) {
    const data = credentialView(config, current) ?? {};
    if (data.mfa_serial !== undefined && !mfaSerials.has(data.mfa_serial)) mfaSerials.set(data.mfa_serial, current);
    const sourceName = data.source_profile;
    if (sourceName === undefined) return { chain, mfaSerials, problem: checkCredentialSource(current, data) };
    if (visited.has(sourceName)) {
      return { chain: [...chain, sourceName], mfaSerials, problem: problem('source-profile-cycle', `The source_profile settings form a loop: ${[...chain, sourceName].join(' → ')}. Point one of them at a profile with keys, SSO or a credential_process.`) };
    }
    const source = credentialView(config, sourceName);
    if (source === undefined) {
      return { chain, mfaSerials, problem: problem('missing-source-profile', `Profile "${current}" uses source_profile "${sourceName}", which does not exist in the config or credentials file.`) };
    }
    visited.add(sourceName);
    chain.push(sourceName);
    if (isStatic(source)) return { chain, mfaSerials, problem: null };
    if (isCredentialSourceWithoutRole(source)) return { chain, mfaSerials, problem: checkCredentialSource(sourceName, source) };
    if (isAssumeRole(source)) {
      current = sourceName;
      continue;
    }
    const leaf = classifyLeaf(config, sourceName, source);
    const leafProblem = leaf.problem === null
      ? null
      : problem(leaf.problem.code, `Source profile "${sourceName}" of "${name}" cannot be used: ${leaf.problem.reason}`);
    return leaf.sso === undefined ? { chain, mfaSerials, problem: leafProblem } : { chain, mfaSerials, problem: leafProblem, sso: leaf.sso };
  }
}

function sourceOf(config: SharedConfig, name: string): ProfileSource {
  const inConfig = config.configProfiles[name] !== undefined;
  const inCredentials = config.credentialsProfiles[name] !== undefined;
  if (inConfig && inCredentials) return 'both';
  return inConfig ? 'config' : 'credentials';
}

/** The region Airlock uses: the profile's own, else the environment's (see the module note in profile-discovery). */
function regionFor(config: SharedConfig, data: IniSection): string | null {
  return data.region || config.env.AWS_REGION || config.env.AWS_DEFAULT_REGION || null;
}

function endpointsFor(config: SharedConfig, name: string): { endpoints: ServiceEndpoints; problem: ProfileProblem | null } {
  const settings = settingsView(config, name);
  let missing: string | null = null;
  const resolve = (serviceId: ServiceId): string | null => {
    const result = resolveServiceEndpoint(serviceId, settings, config.servicesSections, config.env);
    if (result.ok) return result.endpoint;
    missing = result.missingServicesSection;
    return null;
  };
  const endpoints: ServiceEndpoints = {
    secretsManager: resolve(serviceIds.secretsManager),
    sts: resolve(serviceIds.sts),
    sso: resolve(serviceIds.sso),
    ssoOidc: resolve(serviceIds.ssoOidc),
    cloudTrail: resolve(serviceIds.cloudTrail),
    iam: resolve(serviceIds.iam),
    kms: resolve(serviceIds.kms),
  };
  const missingProblem = missing === null
    ? null
    : problem('missing-services-section', `Profile "${name}" uses services = ${String(missing)}, but the config file has no [services ${String(missing)}] section, so its endpoints are unknown.`);
  return { endpoints, problem: missingProblem };
}

const accountId = (value: string | undefined): string | undefined => (value !== undefined && /^\d{12}$/.test(value) ? value : undefined);

/**
 * The account a profile acts in as far as its own settings tell: its role's account (from
 * `role_arn`, the role assumed last), else its `sso_account_id`.
 */
function configuredAccount(data: IniSection): { account?: string } {
  const account = accountId(data.role_arn?.split(':')[4]) ?? accountId(data.sso_account_id);
  return account === undefined ? {} : { account };
}

/** Everything Airlock needs to know about one profile of the shared files (assumes the name exists). */
export function describeProfile(config: SharedConfig, name: string): ProfileDescription {
  const data = credentialView(config, name) ?? {};
  const region = regionFor(config, data);
  const { endpoints, problem: endpointProblem } = endpointsFor(config, name);
  const base = { name, source: sourceOf(config, name), region, endpoints, isDefault: name === config.defaultProfileName };
  const noRegion = region === null
    ? problem('no-region', `Profile "${name}" has no region. Add "region = ..." to it in the config file, or choose a region in Airlock.`)
    : null;

  if (isAssumeRole(data)) {
    const chain = walkRoleChain(config, name);
    return {
      ...base,
      kind: 'assume-role',
      mfaSerials: chain.mfaSerials,
      sourceChain: chain.chain,
      ...configuredAccount(data),
      ...(chain.sso?.sessionName === undefined ? {} : { ssoSessionName: chain.sso.sessionName }),
      ...(chain.sso?.target === undefined ? {} : { sso: chain.sso.target }),
      problem: chain.problem ?? endpointProblem ?? noRegion,
    };
  }
  const leaf = classifyLeaf(config, name, data);
  return {
    ...base,
    kind: leaf.kind,
    mfaSerials: new Map(),
    ...configuredAccount(data),
    ...(leaf.sso?.sessionName === undefined ? {} : { ssoSessionName: leaf.sso.sessionName }),
    ...(leaf.sso?.target === undefined ? {} : { sso: leaf.sso.target }),
    problem: leaf.problem ?? endpointProblem ?? noRegion,
  };
}
