import { describe, expect, it } from 'vitest';
import { awsCredentialVariables, backendVariables, resolveDeployKwargs } from '../../../../shared/deploy';

const DOCKERFILE = '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "region_name": "us-east-1"}';

describe('resolveDeployKwargs', () => {
  it('prefers the kwargs in use, then the Dockerfile, then the usual defaults with the region', () => {
    expect(resolveDeployKwargs({ given: '{"connections_prefix": "conn"}', dockerfile: DOCKERFILE, defaultRegion: null })).toMatchObject({ ok: true, source: 'given', json: '{"connections_prefix": "conn"}' });
    expect(resolveDeployKwargs({ given: '  ', dockerfile: DOCKERFILE, defaultRegion: null })).toMatchObject({ ok: true, source: 'dockerfile', json: DOCKERFILE });
    const fallback = resolveDeployKwargs({ dockerfile: null, defaultRegion: 'eu-west-1' });
    expect(fallback).toMatchObject({ ok: true, source: 'default' });
    expect(fallback.ok && JSON.parse(fallback.json)).toEqual({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1' });
  });

  it('keeps a one-line value byte for byte and puts a pretty one on one line with the same keys in order', () => {
    const pretty = '{\n  "variables_prefix": "v",\n  "connections_prefix": "c"\n}';
    const result = resolveDeployKwargs({ given: pretty, dockerfile: null, defaultRegion: null });
    expect(result.ok && result.json).toBe('{"variables_prefix": "v", "connections_prefix": "c"}');
  });

  it('refuses kwargs that are not a JSON object, naming where they came from', () => {
    const given = resolveDeployKwargs({ given: "{'connections_prefix': 'x',}", dockerfile: DOCKERFILE, defaultRegion: null });
    expect(given).toMatchObject({ ok: false });
    expect(!given.ok && given.message).toMatch(/kwargs in use/);
    const docker = resolveDeployKwargs({ dockerfile: '[1, 2]', defaultRegion: null });
    expect(!docker.ok && docker.message).toMatch(/Dockerfile/);
  });

  it('deploys kwargs the rules would warn about (the plan carries the Health items instead of blocking)', () => {
    const result = resolveDeployKwargs({ given: '{"connections_prefix": "/airflow/connections", "full_url_mode": false}', dockerfile: null, defaultRegion: null });
    expect(result).toMatchObject({ ok: true, json: '{"connections_prefix": "/airflow/connections", "full_url_mode": false}' });
  });
});

describe('the variables Airlock deploys', () => {
  it('deploys the backend class plain and the kwargs as a secret', () => {
    expect(backendVariables(DOCKERFILE)).toEqual([
      { key: 'AIRFLOW__SECRETS__BACKEND', value: 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend', secret: false },
      { key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: DOCKERFILE, secret: true },
    ]);
  });

  it('deploys AWS keys as secrets, and the region only when the kwargs do not name one', () => {
    const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret/key', region: 'eu-west-1' };
    expect(awsCredentialVariables(keys, { region_name: 'us-east-1' }).map((v) => [v.key, v.secret])).toEqual([
      ['AWS_ACCESS_KEY_ID', true],
      ['AWS_SECRET_ACCESS_KEY', true],
    ]);
    expect(awsCredentialVariables(keys, {}).at(-1)).toEqual({ key: 'AWS_DEFAULT_REGION', value: 'eu-west-1', secret: false });
  });
});
