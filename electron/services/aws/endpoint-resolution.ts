/**
 * Per-profile endpoint resolution.
 *
 * The SDK resolves `endpoint_url` and `services` only for the profile in `AWS_PROFILE` (or
 * `default`), never for the `profile` a client is given (reference/toolchain.md §8). Airlock picks
 * profiles by name, so it applies the same precedence itself and passes `endpoint` explicitly:
 *   1. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (env) or `ignore_configured_endpoint_urls` (profile) -> none
 *   2. `AWS_ENDPOINT_URL_<SERVICE_ID>`, then `AWS_ENDPOINT_URL`
 *   3. the profile's `services` section: `<service_id> =` / `  endpoint_url = ...`
 *   4. the profile's `endpoint_url`
 */
import type { EnvLike, IniSection } from './shared-config-files';

/** SDK service ids (`serviceId` in each client) for the services Airlock calls. */
export const serviceIds = {
  secretsManager: 'Secrets Manager',
  sts: 'STS',
  sso: 'SSO',
  ssoOidc: 'SSO OIDC',
  cloudTrail: 'CloudTrail',
  iam: 'IAM',
  kms: 'KMS',
} as const;

export type ServiceId = (typeof serviceIds)[keyof typeof serviceIds];

export type EndpointResolution =
  | { readonly ok: true; readonly endpoint: string | null }
  | { readonly ok: false; readonly missingServicesSection: string };

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

export function ignoresConfiguredEndpoints(profile: IniSection, env: EnvLike): boolean {
  const fromEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (fromEnv !== undefined && fromEnv !== '') return isTrue(fromEnv);
  return isTrue(profile.ignore_configured_endpoint_urls);
}

/**
 * The endpoint a client for `serviceId` should use under `profile` (its settings view: config file
 * values win), or null for the AWS default. A `services` reference to a missing section is reported,
 * because silently falling back to real AWS is exactly what a user pointing at an emulator must not get.
 */
export function resolveServiceEndpoint(
  serviceId: ServiceId,
  profile: IniSection,
  servicesSections: Readonly<Record<string, IniSection>>,
  env: EnvLike,
): EndpointResolution {
  if (ignoresConfiguredEndpoints(profile, env)) return { ok: true, endpoint: null };

  const envSuffix = serviceId.split(' ').map((word) => word.toUpperCase()).join('_');
  const fromEnv = env[`AWS_ENDPOINT_URL_${envSuffix}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return { ok: true, endpoint: fromEnv };

  const servicesName = profile.services;
  if (servicesName !== undefined) {
    const section = servicesSections[servicesName];
    if (section === undefined) return { ok: false, missingServicesSection: servicesName };
    const key = `${serviceId.split(' ').map((word) => word.toLowerCase()).join('_')}.endpoint_url`;
    const fromServices = section[key];
    if (fromServices) return { ok: true, endpoint: fromServices };
  }

  return { ok: true, endpoint: profile.endpoint_url || null };
}

/** Endpoint for display and logs: drops any `user:password@` part. */
export function displayEndpoint(endpoint: string): string {
  if (!endpoint.includes('@')) return endpoint;
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return endpoint.replace(/\/\/[^@/]*@/, '//');
  }
}
