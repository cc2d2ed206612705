// validateBackendKwargs and minimumProviderVersionFor (sheet A.1-A.4, A.6, A.8, E.1, E.2).
import { describe, expect, it } from 'vitest';
import type { BackendKwargs, Problem, ProviderVersion } from '../../../../shared/airflow';
import { minimumProviderVersionFor, providerRequirements, validateBackendKwargs } from '../../../../shared/airflow';

const NEWEST: ProviderVersion = [9, 31, 0];
const REGION = { region_name: 'us-east-1' };

function validate(kwargs: BackendKwargs, providerVersion: ProviderVersion | null = NEWEST, existingSecretNames?: readonly string[]): Problem[] {
  return validateBackendKwargs(kwargs, { providerVersion, ...(existingSecretNames ? { existingSecretNames } : {}) });
}

function find(problems: readonly Problem[], code: string): Problem {
  const problem = problems.find((p) => p.code === code);
  if (!problem) throw new Error(`no ${code} in ${JSON.stringify(problems.map((p) => p.code))}`);
  return problem;
}

function codes(kwargs: BackendKwargs, version: ProviderVersion | null = NEWEST): string[] {
  return validate(kwargs, version).map((p) => p.code);
}

describe('a clean configuration', () => {
  it('has no problems', () => {
    expect(validate({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1', role_arn: 'arn:aws:iam::123456789012:role/airflow-secrets' })).toEqual([]);
  });

  it('missing region_name is a warning (A.2)', () => {
    expect(find(validate({}), 'kwargs.no-region').severity).toBe('warning');
  });
});

describe('A.1 types', () => {
  it('a truthy number prefix crashes the backend', () => {
    const problem = find(validate({ ...REGION, connections_prefix: 5 }), 'kwargs.type');
    expect(problem).toMatchObject({ severity: 'error', field: 'connections_prefix' });
    expect(problem.message).toMatch(/crashes/);
  });

  it('a null prefix disables lookups (E.2: null is not "ignored")', () => {
    expect(find(validate({ ...REGION, variables_prefix: null }), 'kwargs.prefix-disabled').field).toBe('variables_prefix');
  });

  it.each<[BackendKwargs, string]>([
    [{ sep: null }, 'kwargs.type'],
    [{ sep: 1 }, 'kwargs.type'],
    [{ sep: '' }, 'kwargs.sep-empty'],
    [{ connections_lookup_pattern: 5 }, 'kwargs.type'],
    [{ assume_role_kwargs: 'ExternalId=1' }, 'kwargs.type'],
    [{ config_kwargs: [] }, 'kwargs.type'],
    [{ use_ssl: 'yes' }, 'kwargs.type'],
  ])('%j -> %s', (kwargs, code) => {
    expect(codes({ ...REGION, ...kwargs })).toContain(code);
  });
});

describe('A.1 removed, deprecated and misspelled keys', () => {
  it.each<[ProviderVersion | null, string]>([
    [[9, 2, 0], 'removed in 9.0.0'],
    [[8, 1, 0], 'deprecated since 7.0.0'],
    [null, 'deprecated in 7.0.0 and removed in 9.0.0'],
  ])('full_url_mode with provider %j', (version, text) => {
    const problem = find(validate({ ...REGION, full_url_mode: true }, version), 'kwargs.full-url-mode');
    expect(problem.message).toContain(text);
    expect(problem.fix).toMatchObject({ kind: 'remove-key' });
  });

  it('full_url_mode is meaningful before 7.0.0', () => {
    expect(codes({ ...REGION, full_url_mode: true }, [5, 1, 0])).not.toContain('kwargs.full-url-mode');
  });

  it('A.6: full_url_mode false on 5.x URL-decodes JSON values unless are_secret_values_urlencoded is false', () => {
    expect(codes({ ...REGION, full_url_mode: false }, [5, 1, 0])).toContain('kwargs.urlencoded-json');
    expect(codes({ ...REGION, full_url_mode: false, are_secret_values_urlencoded: false }, [5, 1, 0])).not.toContain('kwargs.urlencoded-json');
  });

  it('are_secret_values_urlencoded: ignored from 9.0.0, still active when true on 7.x/8.x', () => {
    expect(codes({ ...REGION, are_secret_values_urlencoded: false })).toContain('kwargs.removed');
    expect(find(validate({ ...REGION, are_secret_values_urlencoded: true }, [8, 0, 0]), 'kwargs.deprecated').message).toMatch(/URL-decodes/);
  });

  it('the 5.1.0 docs spelling secret_values_are_urlencoded does nothing', () => {
    expect(find(validate({ ...REGION, secret_values_are_urlencoded: false }), 'kwargs.misspelled').fix).toMatchObject({ kind: 'remove-key' });
  });

  it('aws_conn_id is not supported', () => {
    expect(find(validate({ ...REGION, aws_conn_id: 'aws_default' }), 'kwargs.aws-conn-id').severity).toBe('warning');
  });

  it.each([
    ['connection_prefix', 'connections_prefix'],
    ['variable_prefix', 'variables_prefix'],
    ['Region_Name', 'region_name'],
    ['region', 'region_name'],
    ['role', 'role_arn'],
    ['connections_lookup_patern', 'connections_lookup_pattern'],
  ])('unknown %s suggests %s', (typo, suggestion) => {
    const problem = find(validate({ ...REGION, [typo]: 'x' }), 'kwargs.unknown');
    expect(problem.message).toContain(`Did you mean \`${suggestion}\``);
    expect(problem.fix).toEqual({ label: `Rename to ${suggestion}`, kind: 'rename-key', value: suggestion });
  });

  it('an unrelated unknown key only offers removal', () => {
    expect(find(validate({ ...REGION, colour: 'blue' }), 'kwargs.unknown').fix).toMatchObject({ kind: 'remove-key' });
  });
});

describe('A.2 AWS settings', () => {
  it.each(['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1', 'cn-northwest-1', 'us-iso-east-1', 'us-isob-east-1', 'eusc-de-east-1', 'il-central-1'])('%s is a region', (region) => {
    expect(codes({ region_name: region })).not.toContain('kwargs.region-format');
  });

  it.each([
    ['US-EAST-1', 'us-east-1'],
    ['us-east-1a', 'us-east-1'],
    ['us-east1', 'us-east-1'],
    [' eu-west-1 ', 'eu-west-1'],
  ])('%j is not a region; suggests %s', (region, fixed) => {
    expect(find(validate({ region_name: region }), 'kwargs.region-format').fix?.value).toBe(fixed);
  });

  it('role_arn format', () => {
    expect(codes({ ...REGION, role_arn: 'arn:aws-us-gov:iam::123456789012:role/path/to/role' })).not.toContain('kwargs.role-arn-format');
    expect(find(validate({ ...REGION, role_arn: 'airflow-secrets' }), 'kwargs.role-arn-format').message).toMatch(/full ARN/);
    expect(find(validate({ ...REGION, role_arn: 'arn:aws:sts::123456789012:assumed-role/airflow/botocore-session-1' }), 'kwargs.role-arn-format').fix?.value).toBe(
      'arn:aws:iam::123456789012:role/airflow',
    );
    expect(find(validate({ ...REGION, role_arn: 'arn:aws:iam::12345:role/x' }), 'kwargs.role-arn-format').severity).toBe('error');
  });

  it('credentials in kwargs: avoid', () => {
    for (const key of ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']) {
      expect(find(validate({ ...REGION, [key]: 'x' }), 'kwargs.credentials').field).toBe(key);
    }
  });

  it('verify "false" is a CA bundle path for botocore', () => {
    expect(find(validate({ ...REGION, verify: 'false' }), 'kwargs.verify-string').fix).toEqual({ label: 'Use a boolean', kind: 'replace-json', value: 'false' });
  });

  it.each<[BackendKwargs, string]>([
    [{ assume_role_method: 'assume_role_with_oidc', role_arn: 'arn:aws:iam::123456789012:role/x' }, 'kwargs.assume-role-method'],
    [{ assume_role_method: 'assume_role' }, 'kwargs.assume-role-unused'],
    [{ endpoint_url: 'http://localhost:4566' }, 'kwargs.endpoint-localhost'],
    [{ endpoint_url: 'localstack:4566' }, 'kwargs.endpoint-url'],
    [{ profile_name: 'dev' }, 'kwargs.profile-name'],
    [{ service_config: { secretsmanager: { endpoint_url: 'https://x' } } }, 'kwargs.service-config'],
  ])('%j -> %s', (kwargs, code) => {
    expect(codes({ ...REGION, ...kwargs })).toContain(code);
  });

  it('provider < 5.1.0 rejects AWS settings in kwargs', () => {
    expect(codes({ ...REGION }, [5, 0, 0])).toEqual(expect.arrayContaining(['kwargs.provider-too-old', 'kwargs.needs-newer-provider']));
  });
});

describe('A.3 prefixes and sep', () => {
  it('a leading / works only if the secret names have it too (E.1)', () => {
    const problem = find(validate({ ...REGION, connections_prefix: '/airflow/connections' }), 'kwargs.prefix-leading-slash');
    expect(problem.fix?.value).toBe('airflow/connections');
    expect(codes({ ...REGION, connections_prefix: '/airflow/connections' })).toContain('kwargs.prefix-leading-slash');
    const withSlashedSecrets = validate({ ...REGION, connections_prefix: '/airflow/connections' }, NEWEST, ['/airflow/connections/db']);
    expect(withSlashedSecrets.map((p) => p.code)).not.toContain('kwargs.prefix-leading-slash');
  });

  it('"/" is stripped to nothing', () => {
    expect(find(validate({ ...REGION, connections_prefix: '/' }), 'kwargs.prefix-becomes-empty').fix?.value).toBe('');
  });

  it('sep characters are stripped from the prefix one by one', () => {
    const problem = find(validate({ ...REGION, connections_prefix: 'team-', sep: '--' }), 'kwargs.prefix-stripped');
    expect(problem.message).toContain('`team--<id>`');
    expect(codes({ ...REGION, connections_prefix: 'airflow/connections/' })).not.toContain('kwargs.prefix-stripped');
  });

  it('characters Secrets Manager names cannot have', () => {
    expect(find(validate({ ...REGION, connections_prefix: 'airflow connections' }), 'kwargs.prefix-charset').severity).toBe('error');
  });

  it('connections and variables sharing a prefix (E.1)', () => {
    expect(codes({ ...REGION, connections_prefix: 'airflow', variables_prefix: 'airflow/' })).toContain('kwargs.prefix-shared');
  });

  describe('against the secrets that exist', () => {
    const names = ['airflow/connections/db', 'airflow/variables/key', '/team/connections/x', 'Airflow/Config/sql'];

    it('a prefix that finds secrets is fine', () => {
      expect(validate({ ...REGION, config_prefix: 'Airflow/Config' }, NEWEST, names)).toEqual([]);
    });

    it('suggests the leading / the secret names have', () => {
      expect(find(validate({ ...REGION, connections_prefix: 'team/connections', config_prefix: 'Airflow/Config' }, NEWEST, names), 'kwargs.prefix-no-secrets').fix?.value).toBe('/team/connections');
    });

    it('suggests the case the secret names have', () => {
      expect(find(validate({ ...REGION }, NEWEST, names), 'kwargs.prefix-no-secrets')).toMatchObject({ field: 'config_prefix', fix: { value: 'Airflow/Config' } });
    });
  });
});

describe('A.4 lookup patterns', () => {
  it('need provider 7.3.0', () => {
    const problem = find(validate({ ...REGION, connections_lookup_pattern: '^aws' }, [7, 2, 0]), 'kwargs.needs-newer-provider');
    expect(problem.message).toMatch(/every connections is looked up|7\.3\.0/);
  });

  it('an invalid pattern is an error, with the Python spelling as the fix', () => {
    const problem = find(validate({ ...REGION, variables_lookup_pattern: '(?<env>prod)_' }), 'kwargs.pattern-invalid');
    expect(problem.fix?.value).toBe('(?P<env>prod)_');
  });

  it('Python-only syntax gets the portable form', () => {
    expect(find(validate({ ...REGION, connections_lookup_pattern: '(?i)\\Aaws' }), 'kwargs.pattern-python-only').fix?.value).toBe('^aws');
  });

  it('atomic groups and possessive quantifiers cannot be previewed', () => {
    expect(codes({ ...REGION, connections_lookup_pattern: 'a++' })).toContain('kwargs.pattern-not-previewable');
  });

  it('a glob-style * is explained', () => {
    expect(find(validate({ ...REGION, connections_lookup_pattern: 'aws_*' }), 'kwargs.pattern-glob').fix?.value).toBe('aws_');
    expect(codes({ ...REGION, connections_lookup_pattern: 'aws_.*' })).not.toContain('kwargs.pattern-glob');
  });
});

describe('A.5 extra_conn_words', () => {
  it('an unknown key breaks every JSON lookup', () => {
    expect(find(validate({ ...REGION, extra_conn_words: { username: ['u'] } }), 'kwargs.extra-conn-words-key').severity).toBe('error');
  });

  it('login is only accepted from 7.0.0', () => {
    expect(codes({ ...REGION, extra_conn_words: { login: ['u'] } })).not.toContain('kwargs.extra-conn-words-key');
    expect(codes({ ...REGION, extra_conn_words: { login: ['u'] } }, [5, 1, 0])).toContain('kwargs.extra-conn-words-key');
  });

  it('a string instead of a list', () => {
    expect(find(validate({ ...REGION, extra_conn_words: { user: 'db_user' } }), 'kwargs.extra-conn-words-string').fix).toEqual({
      label: 'Wrap it in a list',
      kind: 'replace-json',
      value: '{"user":["db_user"]}',
    });
  });
});

describe('minimumProviderVersionFor', () => {
  it.each<[BackendKwargs, ProviderVersion]>([
    [{}, [5, 1, 0]],
    [{ region_name: 'us-east-1', role_arn: 'arn:aws:iam::123456789012:role/x' }, [5, 1, 0]],
    [{ connections_lookup_pattern: '^aws' }, [7, 3, 0]],
    [{ connections_lookup_pattern: null }, [5, 1, 0]],
    [{ extra_conn_words: { login: ['u'] } }, [7, 0, 0]],
    [{ full_url_mode: true }, [5, 1, 0]],
  ])('%j -> %j', (kwargs, version) => {
    expect(minimumProviderVersionFor(kwargs)).toEqual(version);
  });

  it('says which kwarg needs which version', () => {
    expect(providerRequirements({ variables_lookup_pattern: 'x' }).map((r) => r.kwarg)).toEqual([null, 'variables_lookup_pattern']);
  });
});
