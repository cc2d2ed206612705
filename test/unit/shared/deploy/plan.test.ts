import { describe, expect, it } from 'vitest';
import {
  deploymentDrift,
  planDeploymentVariables,
  snapshotOf,
  VALUE_MASK,
  type CurrentVariable,
  type DesiredWithDigest,
  type SecretRecords,
  type VariablePlan,
} from '../../../../shared/deploy';

const CLASS = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
const KWARGS = '{"connections_prefix": "airflow/connections", "role_arn": "arn:aws:iam::123456789012:role/airflow"}';
const T0 = '2026-08-01T10:00:00Z';
const T1 = '2026-08-01T10:05:00Z';

// Digests stand in for the main process's HMAC: equal values, equal digests.
const digestOf = (value: string) => `digest-of-${value.length}-${value}`;

function want(key: string, value: string, secret: boolean): DesiredWithDigest {
  return { key, value, secret, digest: digestOf(value) };
}

const backend = want('AIRFLOW__SECRETS__BACKEND', CLASS, false);
const kwargs = want('AIRFLOW__SECRETS__BACKEND_KWARGS', KWARGS, true);

function plain(key: string, value: string, updatedAt: string | null = T0): CurrentVariable {
  return { key, value, isSecret: false, updatedAt };
}

function secret(key: string, updatedAt: string | null = T0): CurrentVariable {
  return { key, value: null, isSecret: true, updatedAt };
}

function recordFor(value: string, updatedAt: string | null = T0): SecretRecords[string] {
  return { digest: digestOf(value), updatedAt, deployedAt: '2026-08-01T09:59:00.000Z' };
}

function statuses(plan: VariablePlan): Record<string, string> {
  return Object.fromEntries(plan.rows.map((row) => [row.key, row.status]));
}

describe('planDeploymentVariables: statuses', () => {
  it('adds what the Deployment lacks, in two calls: one plain, one with --secret', () => {
    const plan = planDeploymentVariables({ desired: [backend, kwargs], current: [plain('ENV_TYPE', 'dev')], records: {} });
    expect(statuses(plan)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'added', AIRFLOW__SECRETS__BACKEND_KWARGS: 'added' });
    expect(plan.calls.map((call) => ({ secret: call.secret, keys: call.keys }))).toEqual([
      { secret: false, keys: ['AIRFLOW__SECRETS__BACKEND'] },
      { secret: true, keys: ['AIRFLOW__SECRETS__BACKEND_KWARGS'] },
    ]);
  });

  it('marks equal plain values unchanged and different ones changed', () => {
    const plan = planDeploymentVariables({
      desired: [backend, want('AWS_DEFAULT_REGION', 'eu-west-1', false)],
      current: [plain('AIRFLOW__SECRETS__BACKEND', CLASS), plain('AWS_DEFAULT_REGION', 'us-east-1')],
      records: {},
    });
    expect(statuses(plan)).toEqual({ AIRFLOW__SECRETS__BACKEND: 'unchanged', AWS_DEFAULT_REGION: 'changed' });
    expect(plan.calls).toEqual([{ secret: false, keys: ['AWS_DEFAULT_REGION'], fileLines: ['AWS_DEFAULT_REGION=eu-west-1'] }]);
  });

  it('says "not readable" for a secret Airlock has no record of, and sets it again', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [secret(kwargs.key)], records: {} });
    expect(plan.rows[0]).toMatchObject({ status: 'not-readable', action: 'set', secretAfter: true, current: { shown: null, isSecret: true } });
    expect(plan.calls).toHaveLength(1);
  });

  it('says "unchanged since Airlock deployed it" when the record matches the value and the timestamp', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [secret(kwargs.key, T0)], records: { [kwargs.key]: recordFor(KWARGS, T0) } });
    expect(plan.rows[0]).toMatchObject({ status: 'unchanged', action: 'none' });
    expect(plan.rows[0]?.note).toMatch(/since Airlock deployed it/);
    expect(plan.calls).toEqual([]);
  });

  it('says "changed outside Airlock" when the timestamp moved since Airlock deployed it, even with the same digest', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [secret(kwargs.key, T1)], records: { [kwargs.key]: recordFor(KWARGS, T0) } });
    expect(plan.rows[0]).toMatchObject({ status: 'changed-outside', action: 'set' });
    expect(plan.rows[0]?.note).toContain(T1);
  });

  it('says "changed" when Airlock deployed a different value and nobody touched it since', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [secret(kwargs.key, T0)], records: { [kwargs.key]: recordFor('{"old": true}', T0) } });
    expect(plan.rows[0]).toMatchObject({ status: 'changed', action: 'set' });
  });

  it('cannot vouch for a secret when Astro gives no timestamp, even with a matching record', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [secret(kwargs.key, null)], records: { [kwargs.key]: recordFor(KWARGS, null) } });
    expect(plan.rows[0]?.status).toBe('not-readable');
  });

  it('makes a plain variable secret when it must be one, even if the value is already right', () => {
    const plan = planDeploymentVariables({ desired: [kwargs], current: [plain(kwargs.key, KWARGS)], records: {} });
    expect(plan.rows[0]).toMatchObject({ status: 'changed', secretAfter: true, current: { shown: { text: VALUE_MASK, masked: true }, isSecret: false } });
    expect(plan.calls).toEqual([{ secret: true, keys: [kwargs.key], fileLines: [`${kwargs.key}=${VALUE_MASK}`] }]);
  });

  it('says a plain variable that is secret on the Deployment stays secret', () => {
    const plan = planDeploymentVariables({ desired: [backend], current: [secret(backend.key)], records: {} });
    expect(plan.rows[0]).toMatchObject({ status: 'not-readable', secretAfter: true, desired: { text: VALUE_MASK, masked: true } });
    expect(plan.rows[0]?.note).toMatch(/stays secret/);
  });
});

describe('planDeploymentVariables: untouched variables', () => {
  it('lists every variable it does not own as untouched and never sends them', () => {
    const current = [plain('ENV_TYPE', 'dev'), secret('DATADOG_API_KEY'), plain('AIRFLOW__CORE__PARALLELISM', '12')];
    const plan = planDeploymentVariables({ desired: [backend, kwargs], current, records: {} });
    expect(plan.untouched).toEqual([
      { key: 'ENV_TYPE', isSecret: false },
      { key: 'DATADOG_API_KEY', isSecret: true },
      { key: 'AIRFLOW__CORE__PARALLELISM', isSecret: false },
    ]);
    const sent = plan.calls.flatMap((call) => call.keys);
    for (const other of current) expect(sent).not.toContain(other.key);
    for (const line of plan.calls.flatMap((call) => call.fileLines)) expect(line).not.toMatch(/^(ENV_TYPE|DATADOG_API_KEY|AIRFLOW__CORE__PARALLELISM)=/);
  });

  it('issue 9 item 20: never lists a variable Airlock owns as untouched, whether it changes or not', () => {
    const current = [plain('ENV_TYPE', 'dev'), plain(backend.key, CLASS), secret(kwargs.key, T0), secret('DATADOG_API_KEY')];
    for (const records of [{}, { [kwargs.key]: recordFor(KWARGS, T0) }]) {
      const plan = planDeploymentVariables({ desired: [backend, kwargs], current, records });
      expect(plan.untouched).toEqual([
        { key: 'ENV_TYPE', isSecret: false },
        { key: 'DATADOG_API_KEY', isSecret: true },
      ]);
      expect(plan.rows.map((row) => row.key)).toEqual([backend.key, kwargs.key]);
    }
  });
});

describe('planDeploymentVariables: the fewest calls', () => {
  it('makes no call when nothing changes', () => {
    const plan = planDeploymentVariables({
      desired: [backend, kwargs],
      current: [plain(backend.key, CLASS), secret(kwargs.key, T0)],
      records: { [kwargs.key]: recordFor(KWARGS, T0) },
    });
    expect(plan.calls).toEqual([]);
    expect(plan.rows.every((row) => row.action === 'none')).toBe(true);
  });

  it('makes one call when only plain variables change', () => {
    const plan = planDeploymentVariables({
      desired: [backend, kwargs],
      current: [plain(backend.key, 'some.other.Backend'), secret(kwargs.key, T0)],
      records: { [kwargs.key]: recordFor(KWARGS, T0) },
    });
    expect(plan.calls.map((call) => call.secret)).toEqual([false]);
  });

  it('makes one --secret call when only secrets change', () => {
    const plan = planDeploymentVariables({ desired: [backend, kwargs], current: [plain(backend.key, CLASS)], records: {} });
    expect(plan.calls.map((call) => [call.secret, call.keys])).toEqual([[true, [kwargs.key]]]);
  });

  it('folds a variable that is already secret into the single plain call instead of adding a second call', () => {
    const plan = planDeploymentVariables({ desired: [backend, kwargs], current: [secret(kwargs.key)], records: {} });
    // BACKEND must stay plain (no --secret); KWARGS is secret already and keeps its flag in a plain call.
    expect(plan.calls.map((call) => [call.secret, call.keys])).toEqual([[false, [backend.key, kwargs.key]]]);
    expect(plan.calls[0]?.fileLines).toEqual([`${backend.key}=${CLASS}`, `${kwargs.key}=${VALUE_MASK}`]);
  });

  it('needs two calls when a new plain and a new secret variable are both sent; already-secret ones join the secret call', () => {
    const key = want('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', true);
    const plan = planDeploymentVariables({ desired: [backend, kwargs, key], current: [secret(key.key)], records: {} });
    expect(plan.calls.map((call) => [call.secret, call.keys])).toEqual([
      [false, [backend.key]],
      [true, [kwargs.key, key.key]],
    ]);
  });
});

describe('planDeploymentVariables: masking', () => {
  it('never puts a secret value into rows, file lines or the untouched list', () => {
    const awsKey = want('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', true);
    const plan = planDeploymentVariables({ desired: [backend, kwargs, awsKey], current: [plain(kwargs.key, KWARGS)], records: {} });
    const text = JSON.stringify(plan);
    expect(text).not.toContain(KWARGS.slice(1, -1));
    expect(text).not.toContain(awsKey.value);
    expect(text).toContain(CLASS);
    expect(plan.calls.flatMap((call) => call.fileLines)).toEqual(expect.arrayContaining([`${kwargs.key}=${VALUE_MASK}`, `${awsKey.key}=${VALUE_MASK}`, `${backend.key}=${CLASS}`]));
  });
});

describe('deploymentDrift', () => {
  const before = { updatedAt: T0, variables: [plain('ENV_TYPE', 'dev'), secret('KWARGS', T0)] };

  it('finds nothing when the Deployment reads the same', () => {
    expect(deploymentDrift(before, { updatedAt: T0, variables: [plain('ENV_TYPE', 'dev'), secret('KWARGS', T0)] })).toEqual([]);
  });

  it('names variables that changed, appeared or went away, and settings that changed', () => {
    expect(deploymentDrift(before, { updatedAt: T1, variables: [plain('ENV_TYPE', 'prod'), plain('NEW', 'x')] })).toEqual(['ENV_TYPE changed', 'KWARGS was removed', 'NEW was added']);
    expect(deploymentDrift(before, { updatedAt: T0, variables: [plain('ENV_TYPE', 'dev'), secret('KWARGS', T1)] })).toEqual(['KWARGS changed']);
    expect(deploymentDrift(before, { updatedAt: T1, variables: before.variables })).toEqual(["the Deployment's settings changed"]);
  });

  it('keeps values out of the snapshot the renderer sees', () => {
    expect(JSON.stringify(snapshotOf(before))).not.toContain('"dev"');
  });
});
