/**
 * `AIRFLOW__SECRETS__BACKEND_KWARGS`: the JSON object Airflow passes to
 * `SecretsManagerBackend(**kwargs)`, and the catalogue of every kwarg the provider knows
 * (sheet A.1, A.2), with the provider version that added, deprecated or removed it.
 */
import { error, warning, type Problem } from './problem';
import { parsePythonJson } from './python-json';
import type { ProviderVersion } from './provider-version';

/** The parsed kwargs object. Values are whatever JSON the user wrote; validators check types. */
export type BackendKwargs = Readonly<Record<string, unknown>>;

export type BackendKwargsParse =
  | { readonly ok: true; readonly kwargs: BackendKwargs; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const FALLBACK_NOTE =
  'Airflow does not stop on this: it logs a warning and starts the backend with no kwargs at all, so every default applies (prefixes `airflow/connections`, `airflow/variables`, `airflow/config`, no region, no role).';

/** Parses the env var's value the way Airflow reads `[secrets] backend_kwargs` (sheet A.8). */
export function parseBackendKwargs(json: string): BackendKwargsParse {
  if (json.trim() === '') return { ok: true, kwargs: {}, warnings: [] };
  const parsed = parsePythonJson(json);
  if (!parsed.ok) {
    return {
      ok: false,
      problems: [error('kwargs.invalid-json', `The backend kwargs are not valid JSON (${parsed.message.toLowerCase()} at character ${parsed.position + 1}). ${FALLBACK_NOTE}`)],
    };
  }
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [error('kwargs.not-an-object', `The backend kwargs must be a JSON object like {"connections_prefix": "airflow/connections"}. ${FALLBACK_NOTE}`)],
    };
  }
  const warnings = parsed.duplicateKeys.map((key) =>
    warning('kwargs.duplicate-key', `\`${key}\` appears more than once; Airflow uses only the last value. Remove the other.`, { field: key }),
  );
  return { ok: true, kwargs: value as BackendKwargs, warnings };
}

export type KwargGroup = 'lookup' | 'aws' | 'client' | 'legacy';

export type KwargStatus =
  /** Works in the newest provider. */
  | 'supported'
  /** Still read, but scheduled for removal. */
  | 'deprecated'
  /** Removed: passing it does nothing. */
  | 'removed'
  /** Works, but should not be used (credentials in an env var). */
  | 'avoid'
  /** Accepted without error but has no effect on the backend. */
  | 'ineffective';

export interface KwargSpec {
  readonly name: string;
  /** The JSON type(s) accepted, as the user would read it (`string | null`). */
  readonly type: string;
  /** The provider's default; `undefined` when unset means "not passed". */
  readonly default?: unknown;
  readonly description: string;
  readonly group: KwargGroup;
  readonly status: KwargStatus;
  /** First provider version that reads it; null = every version Airlock supports (>= 5.1.0). */
  readonly addedIn: ProviderVersion | null;
  readonly deprecatedIn: ProviderVersion | null;
  readonly removedIn: ProviderVersion | null;
}

const V5_0: ProviderVersion = [5, 0, 0];
const V5_1: ProviderVersion = [5, 1, 0];
const V7_0: ProviderVersion = [7, 0, 0];
const V7_3: ProviderVersion = [7, 3, 0];
const V9_0: ProviderVersion = [9, 0, 0];

function kwarg(spec: Omit<KwargSpec, 'status' | 'addedIn' | 'deprecatedIn' | 'removedIn'> & Partial<KwargSpec>): KwargSpec {
  return { status: 'supported', addedIn: null, deprecatedIn: null, removedIn: null, ...spec };
}

const prefixHelp = (kind: string, example: string): string =>
  `Secret names for ${kind} are \`<prefix><sep><id>\` (e.g. \`${example}\`). null stops Airflow from asking Secrets Manager for ${kind} at all; "" means the secret name is the id itself. Trailing \`sep\` characters are stripped.`;

const patternHelp = (kind: string): string =>
  `A Python regular expression; only ${kind} whose id matches it (from the start, case-insensitively) are looked up in Secrets Manager, which saves API calls and AccessDenied noise. null or "" looks up every id.`;

/** Every kwarg the Amazon provider's `SecretsManagerBackend` understands (sheet A.1, A.2). */
export const backendKwargsSpec: readonly KwargSpec[] = [
  kwarg({ name: 'connections_prefix', type: 'string | null', default: 'airflow/connections', group: 'lookup', description: prefixHelp('connections', 'airflow/connections/my_postgres') }),
  kwarg({ name: 'variables_prefix', type: 'string | null', default: 'airflow/variables', group: 'lookup', description: prefixHelp('variables', 'airflow/variables/my_key') }),
  kwarg({ name: 'config_prefix', type: 'string | null', default: 'airflow/config', group: 'lookup', description: prefixHelp('config values', 'airflow/config/sql_alchemy_conn') }),
  kwarg({ name: 'connections_lookup_pattern', type: 'string | null', default: null, group: 'lookup', addedIn: V7_3, description: patternHelp('connections') }),
  kwarg({ name: 'variables_lookup_pattern', type: 'string | null', default: null, group: 'lookup', addedIn: V7_3, description: patternHelp('variables') }),
  kwarg({ name: 'config_lookup_pattern', type: 'string | null', default: null, group: 'lookup', addedIn: V7_3, description: patternHelp('config values') }),
  kwarg({ name: 'sep', type: 'string', default: '/', group: 'lookup', description: 'What joins the prefix and the id. Each prefix also loses any trailing characters that occur in `sep` (Python `rstrip`).' }),
  kwarg({
    name: 'extra_conn_words',
    type: 'object of string lists | null',
    default: null,
    group: 'lookup',
    description:
      'More key names accepted in JSON connection secrets, e.g. {"login": ["db_user"]}. Allowed keys: user (= login), login (7.0.0+), password, host, port, schema, conn_type, extra; any other key makes every JSON connection lookup fail.',
  }),
  kwarg({ name: 'region_name', type: 'string', group: 'aws', addedIn: V5_1, description: 'AWS Region of the secrets, e.g. `us-east-1`. Without it the backend uses AWS_DEFAULT_REGION or the container\'s AWS config.' }),
  kwarg({ name: 'role_arn', type: 'string', group: 'aws', addedIn: V5_1, description: 'IAM role to assume before reading secrets, e.g. `arn:aws:iam::123456789012:role/airflow-secrets`.' }),
  kwarg({ name: 'assume_role_method', type: 'string', default: 'assume_role', group: 'aws', addedIn: V5_1, description: 'How to assume `role_arn`: `assume_role`, `assume_role_with_saml` or `assume_role_with_web_identity`.' }),
  kwarg({ name: 'assume_role_kwargs', type: 'object', group: 'aws', addedIn: V5_1, description: 'Extra STS AssumeRole arguments, e.g. {"ExternalId": "...", "RoleSessionName": "airflow"}.' }),
  kwarg({ name: 'assume_role_with_saml', type: 'object', group: 'aws', addedIn: V5_1, description: 'SAML settings (idp_url, idp_auth_method, principal_arn...) for `assume_role_method: assume_role_with_saml`.' }),
  kwarg({ name: 'assume_role_with_web_identity_federation', type: 'string', group: 'aws', addedIn: V5_1, description: 'Token source for `assume_role_with_web_identity`: `file` or `google`.' }),
  kwarg({ name: 'assume_role_with_web_identity_token_file', type: 'string', group: 'aws', addedIn: V5_1, description: 'Path of the web identity token file (defaults to AWS_WEB_IDENTITY_TOKEN_FILE).' }),
  kwarg({ name: 'assume_role_with_web_identity_federation_audience', type: 'string', group: 'aws', addedIn: V5_1, description: 'Audience of the Google ID token when the federation is `google`.' }),
  kwarg({ name: 'profile_name', type: 'string', group: 'aws', description: 'A profile from the AWS config files. Works only where those files exist (local development); an Astro Deployment has none.' }),
  kwarg({ name: 'endpoint_url', type: 'string', group: 'aws', addedIn: V5_1, description: 'Send Secrets Manager calls to this URL instead of AWS (LocalStack, a VPC endpoint).' }),
  kwarg({ name: 'verify', type: 'boolean | string', group: 'aws', addedIn: V5_1, description: 'false to skip TLS verification, or the path of a CA bundle.' }),
  kwarg({ name: 'config_kwargs', type: 'object', group: 'aws', addedIn: V5_1, description: 'botocore Config options, e.g. {"retries": {"mode": "standard", "max_attempts": 10}}.' }),
  kwarg({ name: 'aws_access_key_id', type: 'string', group: 'aws', addedIn: V5_1, status: 'avoid', description: 'Static access key. Avoid: the key ends up in a Deployment environment variable; use role_arn or the Deployment\'s workload identity.' }),
  kwarg({ name: 'aws_secret_access_key', type: 'string', group: 'aws', addedIn: V5_1, status: 'avoid', description: 'Static secret key. Avoid, for the same reason as aws_access_key_id.' }),
  kwarg({ name: 'aws_session_token', type: 'string', group: 'aws', addedIn: V5_1, status: 'avoid', description: 'Temporary session token. Avoid: it expires and the backend then fails silently.' }),
  kwarg({ name: 'session_kwargs', type: 'object', group: 'aws', addedIn: V5_1, status: 'deprecated', description: 'Deprecated way to pass boto3 Session arguments; use the dedicated keys (profile_name, region_name...).' }),
  kwarg({ name: 'service_config', type: 'object', group: 'aws', addedIn: [8, 8, 0], status: 'ineffective', description: 'Per-service settings of an AWS connection. The backend\'s client ignores `service_config.secretsmanager.endpoint_url`; use `endpoint_url`.' }),
  kwarg({ name: 'api_version', type: 'string', group: 'client', description: 'Passed to the boto3 Secrets Manager client.' }),
  kwarg({ name: 'use_ssl', type: 'boolean', group: 'client', description: 'Passed to the boto3 Secrets Manager client.' }),
  kwarg({
    name: 'full_url_mode',
    type: 'boolean',
    default: true,
    group: 'legacy',
    status: 'removed',
    deprecatedIn: V7_0,
    removedIn: V9_0,
    description: 'Before 7.0.0: true = the secret is a URI (or core JSON), false = the backend parses aliased JSON. Ignored since 7.0.0 (the format is detected), removed in 9.0.0.',
  }),
  kwarg({
    name: 'are_secret_values_urlencoded',
    type: 'boolean',
    group: 'legacy',
    status: 'removed',
    addedIn: V5_0,
    deprecatedIn: V7_0,
    removedIn: V9_0,
    description: 'Before 9.0.0: URL-decode the values of JSON connection secrets. Default true before 7.0.0, false from 7.0.0, removed in 9.0.0.',
  }),
];

/**
 * Kwargs that hold AWS credentials. Their values (and any kwargs text holding them) are masked
 * wherever the window shows kwargs, as a Dockerfile line holding them is.
 */
export const credentialKwargs: readonly string[] = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

export function kwargSpec(name: string): KwargSpec | undefined {
  return backendKwargsSpec.find((spec) => spec.name === name);
}

/** The class path Airflow must be given for AWS Secrets Manager. */
export const SECRETS_MANAGER_BACKEND_CLASS = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
export const BACKEND_ENV = 'AIRFLOW__SECRETS__BACKEND';
export const BACKEND_KWARGS_ENV = 'AIRFLOW__SECRETS__BACKEND_KWARGS';
