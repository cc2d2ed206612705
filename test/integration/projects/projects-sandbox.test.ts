/**
 * The projects domain against the sandbox Secrets Manager over real HTTP: the secrets-present
 * item, the lookup preview's existence check, DAG reference resolution with batched listing, and
 * writing the active profile's keys into .env.
 */
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/services/log';
import { createProjectService, type ProjectService } from '../../../electron/services/projects/project-service';
import { exampleSecrets, type SandboxHandle, type SandboxStats } from '../../../electron/services/sandbox';
import { createSettingsStore } from '../../../electron/services/settings-store';
import type { HealthItem, ProjectHealth } from '../../../shared/api';
import { copyFixtureProject, staticProfileSession, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';
import { postJson, secretsClient, startTestSandbox, testCredentials } from '../sandbox/sandbox-harness';

let sandbox: SandboxHandle;
let copy: FixtureCopy;
let service: ProjectService;

async function stats(): Promise<SandboxStats> {
  return (await (await fetch(`${sandbox.url}/_sandbox/stats`)).json()) as SandboxStats;
}

function item(health: ProjectHealth, id: HealthItem['id']): HealthItem {
  const found = health.items.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.loadExampleData();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  copy = await copyFixtureProject('needs-setup');
  const dataDir = path.join(copy.base, 'data');
  await mkdir(dataDir);
  service = createProjectService({
    settings: createSettingsStore(dataDir, createMemoryLogger()),
    session: staticProfileSession({ name: 'sandbox', kind: 'sandbox', endpoint: sandbox.url, credentials: testCredentials }),
    log: createMemoryLogger(),
  });
  await postJson(`${sandbox.url}/_sandbox/stats/reset`, {});
  return () => copy.cleanup();
});

describe('projects against the sandbox', () => {
  it('counts the secrets under the prefixes the project uses, with ListSecrets only', async () => {
    const health = await service.health(copy.root);
    const secrets = item(health, 'secrets-present');
    expect(secrets.status).toBe('ok');
    const count = (head: string): number => exampleSecrets.filter((secret) => secret.name.startsWith(head)).length;
    const counted = (head: string): string => `${head}… ${count(head)} ${count(head) === 1 ? 'secret' : 'secrets'}`;
    expect(secrets.evidence.map((evidence) => evidence.text)).toEqual([counted('airflow/connections/'), counted('airflow/variables/'), counted('airflow/config/')]);
    const calls = (await stats()).requests;
    expect(calls.GetSecretValue ?? 0).toBe(0);
    expect(calls.BatchGetSecretValue ?? 0).toBe(0);
    // One listing for the three prefixes (fewer than 100 secrets under them).
    expect(calls.ListSecrets).toBe(1);
  });

  it('warns when a prefix finds nothing, and when the kwargs read another region', async () => {
    await writeFile(
      path.join(copy.root, 'Dockerfile'),
      'FROM x\nENV AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend\nENV AIRFLOW__SECRETS__BACKEND_KWARGS=\'{"variables_prefix": "/airflow/variables", "region_name": "eu-west-1"}\'\n',
    );
    const secrets = item(await service.health(copy.root), 'secrets-present');
    expect(secrets.status).toBe('warning');
    expect(secrets.summary).toBe('Nothing under `/airflow/variables/`.');
    expect(secrets.explanation).toContain('The kwargs read secrets in eu-west-1, but the profile is set to us-east-1');
  });

  it('says whether the previewed secret exists with DescribeSecret, never reading its value', async () => {
    const client = secretsClient(sandbox);
    await client.send(new CreateSecretCommand({ Name: 'airflow/variables/doomed', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'airflow/variables/doomed', RecoveryWindowInDays: 7 }));
    client.destroy();
    await postJson(`${sandbox.url}/_sandbox/stats/reset`, {});
    expect(await service.secretStatus('airflow/connections/analytics_postgres')).toMatchObject({ presence: 'exists', profile: { name: 'sandbox', region: 'us-east-1' } });
    expect((await service.secretStatus('airflow/connections/nope')).presence).toBe('missing');
    expect((await service.secretStatus('airflow/variables/doomed')).presence).toBe('scheduled-for-deletion');
    // A name Secrets Manager cannot hold does not cost a call.
    expect((await service.secretStatus('airflow/connections/has space')).presence).toBe('missing');
    const calls = (await stats()).requests;
    expect(calls.DescribeSecret).toBe(3);
    expect(calls.GetSecretValue ?? 0).toBe(0);
  });

  it('resolves DAG references with a few name-filtered listings, not a call per id', async () => {
    const result = await service.dagReferences(copy.root, {});
    const byId = Object.fromEntries(result.rows.map((row) => [row.id, row]));
    expect(byId.orders_mysql).toMatchObject({ secret: 'exists', resolvedBy: 'secrets-backend', status: 'ok' });
    expect(byId.slack_alerts).toMatchObject({ secret: 'exists', resolvedBy: 'secrets-backend' });
    expect(byId.environment).toMatchObject({ secret: 'exists', resolvedBy: 'secrets-backend' });
    expect(byId.missing_threshold).toMatchObject({ secret: 'missing', resolvedBy: 'nothing', status: 'error' });
    expect(byId.partner_api).toMatchObject({ secret: 'missing', resolvedBy: 'local-metastore', status: 'warning' });
    expect(byId.legacy_db).toMatchObject({ secret: 'missing', resolvedBy: 'environment', status: 'warning' });
    expect(byId.legacy_db?.explanation).toContain('a Deployment never gets .env');
    // Six ids: one ListSecrets with up to ten name filters.
    expect(result.listCalls).toBe(1);
    expect((await stats()).requests).toEqual({ ListSecrets: 1 });
  });

  it('lists a whole prefix once when many ids share it (ceil(N/100) calls, not one per id)', async () => {
    const client = secretsClient(sandbox);
    const ids = Array.from({ length: 130 }, (_unused, i) => `bulk_${String(i).padStart(3, '0')}`);
    for (const id of ids.slice(0, 120)) await client.send(new CreateSecretCommand({ Name: `bulk/connections/${id}`, SecretString: 'x' }));
    client.destroy();
    await writeFile(path.join(copy.root, 'dags', 'bulk.py'), ids.map((id) => `BaseHook.get_connection("${id}")`).join('\n'));
    await postJson(`${sandbox.url}/_sandbox/stats/reset`, {});
    const result = await service.dagReferences(copy.root, { kwargsJson: '{"connections_prefix": "bulk/connections"}' });
    const bulk = result.rows.filter((row) => row.id.startsWith('bulk_'));
    expect(bulk.filter((row) => row.secret === 'exists')).toHaveLength(120);
    expect(bulk.filter((row) => row.secret === 'missing').map((row) => row.id)).toEqual(ids.slice(120));
    // 120 secrets under the prefix: 2 pages; the 2 variables go in one name-filtered call.
    expect(result.listCalls).toBe(3);
    expect((await stats()).requests).toEqual({ ListSecrets: 3 });
  });

  it('writes the active profile\'s keys into .env, masked in the plan, exactly as reviewed', async () => {
    const original = await readFile(path.join(copy.root, '.env'), 'utf8');
    const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
    expect(JSON.stringify(plan)).not.toContain(testCredentials.secretAccessKey);
    expect(plan.notes.join(' ')).toContain('sandbox');
    await service.applyChanges(copy.root, plan.planId, plan.files.map((file) => ({ file: file.file, fingerprint: file.fingerprint })));
    expect(await readFile(path.join(copy.root, '.env'), 'utf8')).toBe(
      `${original}AWS_ACCESS_KEY_ID=${testCredentials.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${testCredentials.secretAccessKey}\nAWS_DEFAULT_REGION=us-east-1\n`,
    );
    expect(item(await service.health(copy.root), 'local-credentials')).toMatchObject({ status: 'ok', fix: null });
  });

  it('gives the kwargs editor every secret name, and says when the list is complete', async () => {
    const index = await service.secretNames();
    expect(index.complete).toBe(true);
    expect(index.names).toContain('airflow/connections/analytics_postgres');
    expect(index.names).toContain('/airflow/connections/legacy_db');
    expect(index.profile).toEqual({ name: 'sandbox', region: 'us-east-1' });
  });
});
