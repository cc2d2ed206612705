/**
 * Checks `AIRFLOW__SECRETS__BACKEND_KWARGS` against what the Amazon provider actually does with
 * each key (sheet A.1-A.4, A.6, A.8, E.1-E.2). Every problem names the kwarg in `field`.
 */
import { aliasWordsFor } from './connection-secret';
import { backendKwargsSpec, kwargSpec, type BackendKwargs, type KwargSpec } from './backend-kwargs';
import { didYouMean } from './did-you-mean';
import { error, warning, type Problem, type ProblemFix } from './problem';
import { compareVersions, formatVersion, maxVersion, versionAtLeast, type ProviderVersion } from './provider-version';
import { analyzePythonRegex } from './python-regex';
import { pythonRstripChars, pythonTruthy, pythonTypeName } from './python-text';
import { defaultPrefix, effectivePrefixes, lookupKinds, lookupNoun, lookupNounPlural, patternKwarg, prefixKwarg, type LookupKind } from './secret-ids';

export interface KwargsValidationOptions {
  /** The installed `apache-airflow-providers-amazon` version, or null when unknown. */
  readonly providerVersion: ProviderVersion | null;
  /** Secret names in the account and region, to check that each prefix finds something. */
  readonly existingSecretNames?: readonly string[];
}

const BASELINE: ProviderVersion = [5, 1, 0];
const V7: ProviderVersion = [7, 0, 0];
const V9: ProviderVersion = [9, 0, 0];

/** e.g. us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, us-isob-east-1, eusc-de-east-1. */
const REGION = /^[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2}$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ASSUMED_ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[^/]+$/;
const SECRET_NAME_CHAR = /^[A-Za-z0-9/_+=.@-]*$/;

function removeFix(label = 'Remove it'): ProblemFix {
  return { label, kind: 'remove-key', value: '' };
}

function renameFix(name: string): ProblemFix {
  return { label: `Rename to ${name}`, kind: 'rename-key', value: name };
}

function valueFix(label: string, value: string): ProblemFix {
  return { label, kind: 'replace-value', value };
}

function jsonFix(label: string, value: unknown): ProblemFix {
  return { label, kind: 'replace-json', value: JSON.stringify(value) };
}

function typeError(key: string, expected: string, value: unknown, consequence: string): Problem {
  return error('kwargs.type', `\`${key}\` must be ${expected}, but it is a ${pythonTypeName(value)}. ${consequence}`, { field: key });
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function has(kwargs: BackendKwargs, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(kwargs, key);
}

function unknownKey(key: string): Problem {
  if (key === 'secret_values_are_urlencoded') {
    return warning(
      'kwargs.misspelled',
      '`secret_values_are_urlencoded` is the name the provider 5.1.0 docs used, but the code reads `are_secret_values_urlencoded`, so this key does nothing. Remove it (the real option was removed in 9.0.0 anyway).',
      { field: key, fix: removeFix() },
    );
  }
  if (key === 'aws_conn_id') {
    return warning(
      'kwargs.aws-conn-id',
      '`aws_conn_id` is ignored: the secrets backend never reads an Airflow connection (it would need the backend to find it). Put `region_name`, `role_arn` and the like directly in these kwargs.',
      { field: key, fix: removeFix() },
    );
  }
  const suggestion = didYouMean(
    key,
    backendKwargsSpec.map((s) => s.name),
  );
  const base = `\`${key}\` is not a setting of the secrets backend; Airflow passes unknown keys to the AWS session settings, which ignore them.`;
  return suggestion
    ? warning('kwargs.unknown', `${base} Did you mean \`${suggestion}\`?`, { field: key, fix: renameFix(suggestion) })
    : warning('kwargs.unknown', `${base} Remove it.`, { field: key, fix: removeFix() });
}

function versionProblems(spec: KwargSpec, value: unknown, version: ProviderVersion | null): Problem[] {
  const key = spec.name;
  if (spec.addedIn !== null && version !== null && !versionAtLeast(version, spec.addedIn) && value !== null) {
    const consequence = key.endsWith('_lookup_pattern')
      ? `it is passed on to the AWS settings and ignored, so every ${lookupNounPlural[lookupKindOfPattern(key)]} is looked up in Secrets Manager`
      : 'it is not understood and the backend may fail to start';
    return [
      error(
        'kwargs.needs-newer-provider',
        `\`${key}\` needs apache-airflow-providers-amazon ${formatVersion(spec.addedIn)} or later; with ${formatVersion(version)} ${consequence}. Raise the version in requirements.txt.`,
        { field: key },
      ),
    ];
  }
  return [];
}

function lookupKindOfPattern(key: string): LookupKind {
  return lookupKinds.find((kind) => patternKwarg[kind] === key) ?? 'connection';
}

function legacyProblems(key: string, value: unknown, kwargs: BackendKwargs, version: ProviderVersion | null): Problem[] {
  if (key === 'full_url_mode') {
    if (version !== null && !versionAtLeast(version, V7)) {
      if (value === false && kwargs.are_secret_values_urlencoded !== false) {
        return [
          warning(
            'kwargs.urlencoded-json',
            'With provider 5.x/6.x and `full_url_mode: false`, the backend URL-decodes every value of a JSON connection secret (`are_secret_values_urlencoded` defaults to true): `%40` becomes `@`, and a numeric `port` makes the lookup fail. Write the port as a string, or set `are_secret_values_urlencoded: false`.',
            { field: key },
          ),
        ];
      }
      return [];
    }
    const when = version === null ? 'It was deprecated in 7.0.0 and removed in 9.0.0' : versionAtLeast(version, V9) ? `It was removed in 9.0.0, so ${formatVersion(version)} ignores it` : `${formatVersion(version)} ignores it (deprecated since 7.0.0)`;
    return [warning('kwargs.full-url-mode', `\`full_url_mode\` no longer does anything: the backend detects URI and JSON secrets by itself. ${when}. Remove it.`, { field: key, fix: removeFix() })];
  }
  if (key === 'are_secret_values_urlencoded') {
    if (version !== null && !versionAtLeast(version, V7)) return [];
    if (version !== null && versionAtLeast(version, V9)) {
      return [warning('kwargs.removed', '`are_secret_values_urlencoded` was removed in 9.0.0 and is ignored: JSON secret values are never URL-decoded. Remove it.', { field: key, fix: removeFix() })];
    }
    const effect = value === true ? 'With `true`, this provider still URL-decodes JSON connection values (`%40` becomes `@`); decode the values in the secrets and' : 'It is deprecated since 7.0.0;';
    return [warning('kwargs.deprecated', `${effect} remove it before upgrading to 9.0.0, which removed it.`, { field: key, fix: removeFix() })];
  }
  if (key === 'session_kwargs') {
    return [warning('kwargs.deprecated', '`session_kwargs` is deprecated; use the dedicated keys (`profile_name`, `region_name`, `role_arn`...).', { field: key })];
  }
  return [];
}

function prefixProblems(kind: LookupKind, kwargs: BackendKwargs, options: KwargsValidationOptions): Problem[] {
  const key = prefixKwarg[kind];
  // An absent prefix still matters: its default must find the secrets too.
  const value = has(kwargs, key) ? kwargs[key] : defaultPrefix[kind];
  if (value === null) {
    return [
      warning(
        'kwargs.prefix-disabled',
        `\`${key}\` is null, so Airflow never looks up ${lookupNounPlural[kind]} in Secrets Manager (null does not mean "default"). Remove the key to use \`${defaultPrefix[kind]}\`.`,
        { field: key },
      ),
    ];
  }
  if (typeof value !== 'string') {
    const consequence = pythonTruthy(value)
      ? 'The backend crashes when it starts, and Airflow silently falls back to environment variables and the metadata database.'
      : `Python treats it as "no prefix", so ${lookupNounPlural[kind]} are looked up by their bare id.`;
    return [typeError(key, 'a string or null', value, consequence)];
  }
  const problems: Problem[] = [];
  const sepValue = has(kwargs, 'sep') ? kwargs.sep : '/';
  const sep = typeof sepValue === 'string' ? sepValue : null;
  const stripped = sep === null ? value : pythonRstripChars(value, sep);
  if (!SECRET_NAME_CHAR.test(value)) {
    problems.push(
      error('kwargs.prefix-charset', `\`${key}\` contains characters that Secrets Manager names cannot have (only ASCII letters, digits and \`/ _ + = . @ -\`), so every lookup fails.`, { field: key }),
    );
  }
  if (value !== '' && stripped === '') {
    problems.push(
      warning(
        'kwargs.prefix-becomes-empty',
        `Airflow strips trailing \`sep\` characters from \`${key}\`, which leaves nothing: ${lookupNounPlural[kind]} are looked up by their bare id (\`my_id\`), not under a prefix. Use "" to say so, or a real prefix.`,
        { field: key, fix: valueFix('Use ""', '') },
      ),
    );
  } else if (sep !== null && sep !== '') {
    let naive = value;
    while (naive.endsWith(sep)) naive = naive.slice(0, -sep.length);
    if (naive !== stripped) {
      problems.push(
        warning(
          'kwargs.prefix-stripped',
          `Airflow strips every trailing character that occurs in \`sep\` (\`${sep}\`) from \`${key}\`, so \`${value}\` becomes \`${stripped}\` and secrets are looked up as \`${stripped}${sep}<id>\`.`,
          { field: key, fix: valueFix(`Use ${stripped}`, stripped) },
        ),
      );
    }
  }
  const names = options.existingSecretNames;
  if (value.startsWith('/')) {
    const withoutSlash = value.replace(/^\/+/, '');
    const slashedNamesExist = names?.some((n) => stripped !== '' && n.startsWith(`${stripped}${sep ?? '/'}`)) ?? false;
    if (!slashedNamesExist) {
      problems.push(
        warning(
          'kwargs.prefix-leading-slash',
          `\`${key}\` starts with \`/\`. Secrets Manager names are plain strings, so this only works if your secret names also start with \`/\` (\`${stripped}${sep ?? '/'}my_id\`). Astronomer's guide says not to use a leading slash.`,
          { field: key, fix: valueFix('Remove the leading /', withoutSlash) },
        ),
      );
    }
  }
  if (names !== undefined && stripped !== '' && sep !== null) {
    const head = `${stripped}${sep}`;
    if (!names.some((n) => n.startsWith(head))) {
      const slashed = names.find((n) => n.startsWith(`/${head}`));
      const unslashed = stripped.startsWith('/') ? names.find((n) => n.startsWith(head.replace(/^\/+/, ''))) : undefined;
      const otherCase = names.find((n) => n.toLowerCase().startsWith(head.toLowerCase()));
      let fix: ProblemFix | undefined;
      let hint = '';
      if (slashed !== undefined) {
        fix = valueFix('Add the leading /', `/${stripped}`);
        hint = ' Your secrets start with `/`; the prefix must too.';
      } else if (unslashed !== undefined) {
        fix = valueFix('Remove the leading /', stripped.replace(/^\/+/, ''));
        hint = ' Your secrets do not start with `/`; neither may the prefix.';
      } else if (otherCase !== undefined) {
        const actual = otherCase.slice(0, stripped.length);
        fix = valueFix(`Use ${actual}`, actual);
        hint = ` Secret names are case-sensitive; yours start with \`${actual}\`.`;
      }
      problems.push(
        warning('kwargs.prefix-no-secrets', `No secret in this account and region starts with \`${head}\`, so no ${lookupNoun[kind]} would be found.${hint}`, {
          field: key,
          ...(fix ? { fix } : {}),
        }),
      );
    }
  }
  return problems;
}

function sepProblems(kwargs: BackendKwargs): Problem[] {
  if (!has(kwargs, 'sep')) return [];
  const sep = kwargs.sep;
  if (sep === null) {
    return [error('kwargs.type', '`sep` is null: Python then joins prefix and id with the text "None" (`airflow/connectionsNonemy_conn`). Use "/" or remove the key.', { field: 'sep', fix: valueFix('Use /', '/') })];
  }
  if (typeof sep !== 'string') return [typeError('sep', 'a string', sep, 'The backend crashes when it starts, and Airflow silently falls back to environment variables and the metadata database.')];
  if (sep === '') {
    return [warning('kwargs.sep-empty', '`sep` is empty, so prefix and id are glued together (`airflow/connectionsmy_conn`). Use "/" unless that is intended.', { field: 'sep', fix: valueFix('Use /', '/') })];
  }
  return [];
}

function patternProblems(key: string, value: unknown): Problem[] {
  if (value === null || value === '') return [];
  if (typeof value !== 'string') return [typeError(key, 'a string or null', value, 'Every lookup of that kind fails and Airflow falls through to the next backend.')];
  const analysis = analyzePythonRegex(value);
  const problems: Problem[] = [];
  switch (analysis.status) {
    case 'python-error':
      problems.push(
        error(
          'kwargs.pattern-invalid',
          `\`${key}\` is not a valid Python regular expression (${analysis.message}). Airflow raises on every lookup of that kind and falls back to environment variables and the metadata database.`,
          { field: key, ...(analysis.fixPattern !== null ? { fix: valueFix('Use the Python form', analysis.fixPattern) } : {}) },
        ),
      );
      break;
    case 'untranslatable':
      problems.push(warning('kwargs.pattern-not-previewable', `Airflow accepts \`${key}\`, but Airlock cannot preview which ids it matches: ${analysis.reason}`, { field: key }));
      break;
    case 'ok':
      if (analysis.findings.length > 0) {
        const notes = analysis.findings.map((f) => f.note).join(' ');
        problems.push(
          warning('kwargs.pattern-python-only', `\`${key}\` uses Python-only syntax. Airflow accepts it and Airlock previews it, but other regex tools will not. ${notes}`, {
            field: key,
            ...(analysis.portablePattern !== null ? { fix: valueFix('Use the portable form', analysis.portablePattern) } : {}),
          }),
        );
      }
      break;
  }
  // `aws_*` written as a glob: in a regex `*` repeats the `_`.
  if (/[^.)\]\\*+?}]\*$/.test(value) && !value.includes('.*')) {
    const prefix = value.slice(0, -1);
    problems.push(
      warning(
        'kwargs.pattern-glob',
        `\`${key}\` ends in \`*\` like a wildcard, but in a regular expression \`*\` repeats the previous character. Patterns already match from the start of the id, so \`${prefix}\` matches every id starting with it.`,
        { field: key, fix: valueFix(`Use ${prefix}`, prefix) },
      ),
    );
  }
  return problems;
}

function extraConnWordsProblems(kwargs: BackendKwargs, version: ProviderVersion | null): Problem[] {
  const value = kwargs.extra_conn_words;
  if (!pythonTruthy(value)) return [];
  const aliases = aliasWordsFor(kwargs);
  if (!aliases.ok) return [aliases.problem];
  const problems: Problem[] = [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (version !== null && !versionAtLeast(version, V7) && entries.some(([k]) => k === 'login')) {
    problems.push(
      error('kwargs.extra-conn-words-key', 'Provider 5.x/6.x only accept `user` (not `login`) in `extra_conn_words`; `login` makes every JSON connection lookup fail. Rename it to `user`.', {
        field: 'extra_conn_words',
      }),
    );
  }
  for (const [k, v] of entries) {
    if (typeof v === 'string') {
      problems.push(
        warning('kwargs.extra-conn-words-string', `\`extra_conn_words.${k}\` is a string, so Python treats each of its characters as a separate key name. Wrap it in a list.`, {
          field: 'extra_conn_words',
          fix: jsonFix('Wrap it in a list', { ...(value as Record<string, unknown>), [k]: [v] }),
        }),
      );
    }
  }
  return problems;
}

function regionProblems(value: unknown): Problem[] {
  if (typeof value !== 'string') return [typeError('region_name', 'a string like "us-east-1"', value, 'The backend cannot create its AWS client.')];
  if (REGION.test(value)) return [];
  let suggestion = value.trim().toLowerCase();
  suggestion = suggestion.replace(/^([a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2})[a-z]$/, '$1'); // an Availability Zone
  suggestion = suggestion.replace(/^([a-z]{2,4}(?:-[a-z]+){0,2}-[a-z]+?)(\d{1,2})$/, (_m, head: string, digits: string) => (head.endsWith('-') ? `${head}${digits}` : `${head}-${digits}`));
  const fix = REGION.test(suggestion) ? valueFix(`Use ${suggestion}`, suggestion) : undefined;
  return [
    error('kwargs.region-format', `\`region_name\` \`${value}\` is not an AWS Region code (like \`us-east-1\` or \`us-gov-west-1\`); the backend would call an endpoint that does not exist.`, {
      field: 'region_name',
      ...(fix ? { fix } : {}),
    }),
  ];
}

function roleArnProblems(value: unknown): Problem[] {
  if (typeof value !== 'string') return [typeError('role_arn', 'a string', value, 'The backend cannot assume the role.')];
  if (ROLE_ARN.test(value)) return [];
  const trimmed = value.trim();
  if (ROLE_ARN.test(trimmed)) {
    return [error('kwargs.role-arn-format', '`role_arn` has spaces around it, which STS rejects.', { field: 'role_arn', fix: valueFix('Trim it', trimmed) })];
  }
  const assumed = ASSUMED_ROLE_ARN.exec(trimmed);
  if (assumed) {
    const fixed = `arn:${assumed[1] ?? 'aws'}:iam::${assumed[2] ?? ''}:role/${assumed[3] ?? ''}`;
    return [
      error('kwargs.role-arn-format', '`role_arn` is an assumed-role session ARN (from `aws sts get-caller-identity`), not a role ARN. Use the IAM role ARN.', {
        field: 'role_arn',
        fix: valueFix('Use the IAM role ARN', fixed),
      }),
    ];
  }
  const hint = trimmed.startsWith('arn:') ? '' : ' A role name alone is not enough; STS needs the full ARN with the account id.';
  return [error('kwargs.role-arn-format', `\`role_arn\` must look like \`arn:aws:iam::123456789012:role/role-name\`.${hint}`, { field: 'role_arn' })];
}

function awsProblems(key: string, value: unknown, kwargs: BackendKwargs): Problem[] {
  switch (key) {
    case 'region_name':
      return regionProblems(value);
    case 'role_arn':
      return roleArnProblems(value);
    case 'assume_role_method': {
      const methods = ['assume_role', 'assume_role_with_saml', 'assume_role_with_web_identity'];
      if (typeof value !== 'string' || !methods.includes(value)) {
        return [error('kwargs.assume-role-method', `\`assume_role_method\` must be one of ${methods.map((m) => `\`${m}\``).join(', ')}; anything else makes the backend raise NotImplementedError.`, { field: key })];
      }
      if (!pythonTruthy(kwargs.role_arn)) return [warning('kwargs.assume-role-unused', '`assume_role_method` does nothing without `role_arn`.', { field: key })];
      return [];
    }
    case 'assume_role_kwargs':
    case 'assume_role_with_saml':
    case 'config_kwargs':
    case 'session_kwargs':
    case 'service_config':
      if (!isObject(value)) return [typeError(key, 'a JSON object', value, 'The backend cannot create its AWS client.')];
      if (key === 'service_config') {
        return [
          warning('kwargs.service-config', '`service_config` is accepted but the backend\'s Secrets Manager client ignores it (including `service_config.secretsmanager.endpoint_url`). Use `endpoint_url` instead.', { field: key }),
        ];
      }
      return [];
    case 'endpoint_url': {
      if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/.test(value)) {
        return [error('kwargs.endpoint-url', '`endpoint_url` must be a URL like `https://secretsmanager.us-east-1.amazonaws.com`.', { field: key })];
      }
      if (/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(?::|\/|$)/.test(value)) {
        return [
          warning('kwargs.endpoint-localhost', '`endpoint_url` points to localhost: inside an Astro Deployment (or the local Docker containers) that is the Airflow container itself, not your machine. Remove it before deploying.', { field: key }),
        ];
      }
      return [];
    }
    case 'verify':
      if (typeof value === 'string' && /^(false|true|0|1|no|yes)$/i.test(value)) {
        return [
          error('kwargs.verify-string', `\`verify\` is the string "${value}", which botocore treats as the path of a CA bundle. Use the JSON boolean instead.`, {
            field: key,
            fix: jsonFix('Use a boolean', /^(true|1|yes)$/i.test(value)),
          }),
        ];
      }
      if (typeof value !== 'string' && typeof value !== 'boolean') return [typeError(key, 'false or a CA bundle path', value, 'The backend cannot create its AWS client.')];
      return [];
    case 'profile_name':
      if (typeof value !== 'string') return [typeError(key, 'a string', value, 'The backend cannot create its AWS session.')];
      return [
        warning(
          'kwargs.profile-name',
          '`profile_name` works only where an AWS config file defines that profile (local `astro dev` with your ~/.aws mounted). An Astro Deployment has no such file, so lookups fail there; use `role_arn` or the Deployment\'s workload identity.',
          { field: key },
        ),
      ];
    case 'aws_access_key_id':
    case 'aws_secret_access_key':
    case 'aws_session_token':
      return [
        warning(
          'kwargs.credentials',
          `Avoid \`${key}\` in the backend kwargs: the credential ends up in a Deployment environment variable and in your Dockerfile or .env${key === 'aws_session_token' ? ', and a session token expires, after which lookups fail silently' : ''}. Use \`role_arn\` or the Deployment's workload identity.`,
          { field: key },
        ),
      ];
    case 'api_version':
      return typeof value === 'string' ? [] : [typeError(key, 'a string', value, 'boto3 rejects it.')];
    case 'use_ssl':
      return typeof value === 'boolean' ? [] : [typeError(key, 'true or false', value, 'boto3 rejects it.')];
    default:
      return [];
  }
}

function sharedPrefixProblems(kwargs: BackendKwargs): Problem[] {
  const state = effectivePrefixes(kwargs);
  if (!state.ok) return [];
  const conn = state.prefixes.connection;
  const vars = state.prefixes.variable;
  if (typeof conn !== 'string' || typeof vars !== 'string' || conn !== vars) return [];
  return [
    warning(
      'kwargs.prefix-shared',
      `Connections and variables use the same prefix (\`${conn === '' ? '""' : conn}\`), so a connection and a variable with the same id share one secret, and a variable's value is also read as a connection. Give each its own prefix.`,
      { field: prefixKwarg.variable },
    ),
  ];
}

/** Every problem with a backend kwargs object for the given provider version (sheet A.1-A.8). */
export function validateBackendKwargs(kwargs: BackendKwargs, options: KwargsValidationOptions): Problem[] {
  const version = options.providerVersion;
  const problems: Problem[] = [];
  if (version !== null && compareVersions(version, BASELINE) < 0) {
    problems.push(
      error(
        'kwargs.provider-too-old',
        `apache-airflow-providers-amazon ${formatVersion(version)} predates 5.1.0: \`role_arn\`, \`region_name\` and the other AWS settings are passed straight to boto3 and rejected. Use 5.1.0 or later.`,
      ),
    );
  }
  for (const [key, value] of Object.entries(kwargs)) {
    const spec = kwargSpec(key);
    if (spec === undefined) {
      problems.push(unknownKey(key));
      continue;
    }
    problems.push(...versionProblems(spec, value, version));
    if (spec.group === 'legacy' || spec.status === 'deprecated') problems.push(...legacyProblems(key, value, kwargs, version));
    if (spec.group === 'aws' || spec.group === 'client') problems.push(...awsProblems(key, value, kwargs));
  }
  for (const kind of lookupKinds) {
    problems.push(...prefixProblems(kind, kwargs, options));
    if (has(kwargs, patternKwarg[kind])) problems.push(...patternProblems(patternKwarg[kind], kwargs[patternKwarg[kind]]));
  }
  problems.push(...sepProblems(kwargs), ...extraConnWordsProblems(kwargs, version), ...sharedPrefixProblems(kwargs));
  if (!has(kwargs, 'region_name')) {
    problems.push(
      warning(
        'kwargs.no-region',
        'No `region_name`: the backend then needs AWS_DEFAULT_REGION (or AWS_REGION) in the Deployment, or every lookup fails with "You must specify a region". Set `region_name` to the Region of your secrets.',
        { field: 'region_name' },
      ),
    );
  }
  return problems;
}

export interface ProviderRequirement {
  readonly version: ProviderVersion;
  /** The kwarg that needs it, or null for the baseline. */
  readonly kwarg: string | null;
  readonly reason: string;
}

/** Why each minimum provider version is needed by these kwargs. */
export function providerRequirements(kwargs: BackendKwargs): ProviderRequirement[] {
  const requirements: ProviderRequirement[] = [
    { version: BASELINE, kwarg: null, reason: 'The secrets backend reads AWS settings (region_name, role_arn...) from its kwargs since 5.1.0.' },
  ];
  for (const [key, value] of Object.entries(kwargs)) {
    const spec = kwargSpec(key);
    if (spec === undefined || spec.addedIn === null || !pythonTruthy(value)) continue;
    if (spec.status !== 'supported' && spec.status !== 'avoid') continue;
    requirements.push({ version: spec.addedIn, kwarg: key, reason: `\`${key}\` exists since ${formatVersion(spec.addedIn)}.` });
  }
  const words = kwargs.extra_conn_words;
  if (isObject(words) && Object.prototype.hasOwnProperty.call(words, 'login')) {
    requirements.push({ version: V7, kwarg: 'extra_conn_words', reason: '`extra_conn_words.login` is accepted since 7.0.0 (older versions only know `user`).' });
  }
  return requirements;
}

/** The lowest `apache-airflow-providers-amazon` version these kwargs work with, e.g. [7, 3, 0]. */
export function minimumProviderVersionFor(kwargs: BackendKwargs): ProviderVersion {
  return providerRequirements(kwargs).reduce<ProviderVersion>((acc, r) => maxVersion(acc, r.version), BASELINE);
}
