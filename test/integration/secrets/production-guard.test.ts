/**
 * The production guard, per write and not per function: every API method that writes (the ones
 * whose contract carries `productionConfirmation`) is called through the app's handler table under
 * a production profile. Without the typed account id each answers CONFIRMATION_REQUIRED and
 * nothing reaches Secrets Manager (the sandbox's request counts) or the Astro Deployment (the fake
 * CLI's calls); with it, the same call goes through and writes.
 *
 * The table is exhaustive by construction: its type requires a row for every guarded method, and
 * every other method must be listed as not writing with the reason, so a new method fails here
 * (and in the type check) until someone decides which it is.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { startSandbox, writeOperations, type SandboxHandle } from '../../../electron/services/sandbox';
import { methodNames, methods, type MethodInput, type MethodName } from '../../../shared/api';
import { appApi } from '../app-api';
import { createAwsTestHome, type AwsTestHome } from '../../fakes/aws/aws-test-env';
import { createFakeAstro, type FakeAstro } from '../../fakes/astro/fake-astro';
import { copyFixtureProject, snapshotFiles, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';
import { PROD, standardDeployment, WS } from '../deploy/deploy-harness';

/** Whether an input type names the field (an empty strict object's keys are `string`: it names none). */
type Names<T, K extends string> = string extends keyof T ? false : K extends keyof T ? true : false;
/** The methods whose input carries the production confirmation, by their contract type. */
type GuardedMethod = { [M in MethodName]: Names<MethodInput<M>, 'productionConfirmation'> extends true ? M : never }[MethodName];

/** Guarded, by the contract at run time: the input schema has a `productionConfirmation` field. */
function guardedByContract(name: MethodName): boolean {
  const schema: unknown = methods[name].input;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${name}: its input is not a plain object schema, so this test cannot tell whether it is guarded`);
  return Object.hasOwn(schema.shape, 'productionConfirmation');
}

/**
 * Methods that write nothing to AWS or to an Astro Deployment, with the reason. Local writes
 * (settings, keys kept by Airlock, project files after their own review) are not what the
 * production guard protects: it guards the account and the Deployment.
 */
const notGuarded: Record<Exclude<MethodName, GuardedMethod>, string> = {
  'app.info': 'reads the app version',
  'profiles.list': 'reads the AWS files',
  'profiles.reload': 'reads the AWS files again',
  'profiles.select': 'chooses the active profile (STS GetCallerIdentity is a read)',
  'profiles.active': 'reads the active profile',
  'profiles.configLocations': 'reads where the AWS files are, and whether they exist',
  'profiles.refreshIdentity': 'STS GetCallerIdentity, a read',
  'profiles.projectMemory': 'reads the profile remembered for a project',
  'profiles.ssoLogin': 'signs in; writes only the SSO token cache on this computer',
  'profiles.ssoLoginStatus': 'reads a login in progress',
  'profiles.cancelSsoLogin': 'stops a login in progress',
  'profiles.mfaPrompts': 'reads the pending MFA prompts',
  'profiles.answerMfa': 'answers an MFA prompt (STS AssumeRole gets temporary credentials, writes nothing)',
  'profiles.appKeys': 'reads which keys Airlock keeps',
  'profiles.saveAppKeys': 'stores keys on this computer only',
  'profiles.removeAppKeys': 'forgets keys stored on this computer',
  'profiles.productionMarks': 'reads the production marks',
  'profiles.setProduction': 'changes the production marks themselves (settings on this computer)',
  'secrets.list': 'ListSecrets, a read',
  'secrets.listMore': 'the rest of a listing, ListSecrets reads',
  'secrets.cancel': 'stops a running listing, import or bulk write (sends nothing itself)',
  'secrets.listOutside': 'ListSecrets, a read',
  'secrets.checkConnectionValues': 'reads values',
  'secrets.get': 'DescribeSecret and GetSecretValue, reads',
  'secrets.history': 'ListSecretVersionIds, a read',
  'secrets.importPreview': 'reads the file and the current values',
  'secrets.pickImportFile': 'opens a file dialog on this computer and remembers the chosen file',
  'secrets.export': 'reads values; the file goes to this computer',
  'sandbox.loadExampleData': "writes only to Airlock's built-in local sandbox, never to the active profile (checked below)",
  'settings.get': 'reads the settings',
  'settings.update': 'settings on this computer',
  'projects.open': 'reads a project folder',
  'projects.pickFolder': 'a folder dialog',
  'projects.recent': 'reads the recent projects',
  'projects.forget': 'edits the recent projects list',
  'projects.health': 'reads the project, and ListSecrets',
  'projects.planChanges': 'plans project file changes, writes nothing',
  'projects.applyChanges': 'writes project files the user reviewed; nothing in AWS or Astro',
  'projects.revealPlanLine': 'reads one line of a plan',
  'projects.secretStatus': 'reads whether secrets exist',
  'projects.secretNames': 'reads secret names',
  'projects.dagReferences': 'reads the DAG files and secret names',
  'deploy.astroStatus': 'runs astro version and auth reads',
  'deploy.setAstroPath': 'settings on this computer',
  'deploy.setApiToken': 'stores the Astro token on this computer',
  'deploy.clearApiToken': 'forgets the Astro token on this computer',
  'deploy.workspaces': 'astro workspace list, a read',
  'deploy.deployments': 'astro deployment list, a read',
  'deploy.target': "reads the project's target file",
  'deploy.setTarget': "writes the project's target file (ids and names only)",
  'deploy.plan': 'reads the Deployment and the files',
  'deploy.planAll': 'reads every environment\'s Deployment and plans each',
  'deploy.revealLine': 'reads one line of a plan',
  'deploy.cancel': 'stops a running deploy',
  'environments.list': "reads the project's environments file (and, when asked, each Deployment through the astro CLI)",
  'environments.put': "writes the project's environments file (ids, names and settings only) after reading the Deployment",
  'environments.remove': "writes the project's environments file",
  'environments.setMine': "writes the user's own profile choice into Airlock's settings",
  'environments.matrix': 'lists secret names in every environment (ListSecrets is a read)',
  'environments.compareValues': 'reads values to compare them (BatchGetSecretValue is a read)',
  'environments.promotePlan': 'reads the source and target values to review a promote',
  'environments.promoteTemplate': "reads the source connection and returns its structure and non-secret fields only",
  'environments.deletePlan': 'describes the secret in each environment to review a delete across environments',
  'environments.deleteApply': "schedules deletions in several accounts: each production target is confirmed with its own account id in `confirmations`, checked before anything is sent (environment-promote.test.ts)",
  'environments.promoteApply': "writes to several accounts: each production target is confirmed with its own account id in `confirmations`, checked before anything is sent (environment-promote.test.ts)",
  'audit.secretTrail': "reads CloudTrail's record of a secret (and DescribeSecret for its ARN)",
  'audit.list': "reads Airlock's own audit log",
  'audit.export': "copies Airlock's own audit log to a file the user chooses",
  'access.check': 'reads IAM, KMS, the secrets\' policies and the Deployment; Airlock never changes IAM',
};

const PROFILE = 'prod-account';
const ACCOUNT = '123456789012';

let sandbox: SandboxHandle;
let other: SecretsManagerClient;
let home: AwsTestHome;
let fake: FakeAstro;
let project: FixtureCopy;
let dataDir: string;
let airlock: Airlock;
const log = createMemoryLogger();
const seen: string[] = [];

beforeAll(async () => {
  // The production account: a sandbox that answers GetCallerIdentity with a marked account id.
  sandbox = await startSandbox({ accountId: ACCOUNT });
  other = new SecretsManagerClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'AKIASOMEONEELSE00001', secretAccessKey: 'someone-else' }, maxAttempts: 1 });
});
afterAll(async () => {
  other.destroy();
  await sandbox.close();
});

beforeEach(async () => {
  home = await createAwsTestHome({
    config: `[profile ${PROFILE}]\nregion = us-east-1\nendpoint_url = ${sandbox.url}\n`,
    credentials: `[${PROFILE}]\naws_access_key_id = AKIAPRODUCTIONTEST01\naws_secret_access_key = production-test-not-a-secret\n`,
  });
  fake = createFakeAstro({ deployments: [standardDeployment], tokenWorkspaceId: WS });
  project = await copyFixtureProject('healthy');
  dataDir = await mkdtemp(join(tmpdir(), 'airlock-guard-'));
  airlock = createAirlock({
    mode: 'browser',
    version: 'test',
    dataDir,
    log,
    env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir, AWS_CONFIG_FILE: home.configFile, AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile },
  });
  await call('profiles.select', { name: PROFILE });
  await call('profiles.setProduction', { account: ACCOUNT, production: true });
});
afterEach(async () => {
  await airlock.close();
  fake.cleanup();
  await project.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  await home.restore();
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

/** Write requests that reached the production account's Secrets Manager so far. */
function secretsManagerWrites(): number {
  const { requests } = sandbox.stats();
  return writeOperations.reduce((sum, operation) => sum + (requests[operation] ?? 0), 0);
}

/** Calls that change the Astro Deployment so far. */
function deploymentWrites(): number {
  return fake.calls().filter((item) => item.command === 'deployment variable update').length;
}

/** A fresh name per case and run, so the cases never see each other's secrets. */
const unique = (stem: string): string => `${stem}_${randomUUID().slice(0, 8)}`;

async function seed(name: string, ...values: string[]): Promise<{ current: string; previous: string | null }> {
  await other.send(new CreateSecretCommand({ Name: name, SecretString: values[0] ?? 'v', Tags: [{ Key: 'team', Value: 'data' }] }));
  for (const value of values.slice(1)) await other.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  const stages = (await other.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages ?? {};
  const current = Object.keys(stages).find((id) => stages[id]?.includes('AWSCURRENT'));
  if (current === undefined) throw new Error(`seeded ${name} has no current version`);
  return { current, previous: Object.keys(stages).find((id) => stages[id]?.includes('AWSPREVIOUS')) ?? null };
}

interface WriteCase<M extends GuardedMethod> {
  /** Tells cases of one method apart ('' for the only one). */
  readonly label: string;
  /** Sets up what the write needs (as someone else, outside the app) and returns its input. */
  readonly arrange: () => Promise<Omit<MethodInput<M>, 'productionConfirmation'>>;
  /** Where this write shows up when it is sent. */
  readonly writes: () => number;
}

type WriteTable = { readonly [M in GuardedMethod]: readonly WriteCase<M>[] };

const writeTable: WriteTable = {
  'secrets.create': [
    { label: '', writes: secretsManagerWrites, arrange: () => Promise.resolve({ kind: 'variable', id: unique('created'), value: 'v', clientRequestToken: randomUUID() }) },
  ],
  'secrets.update': [
    {
      label: 'value',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('updated')}`;
        return { name, expectedVersionId: (await seed(name, 'v1')).current, value: 'v2', clientRequestToken: randomUUID() };
      },
    },
    {
      label: 'description and tags',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('tagged')}`;
        return { name, expectedVersionId: (await seed(name, 'v1')).current, description: 'Edited', tags: [{ key: 'owner', value: 'ops' }], clientRequestToken: randomUUID() };
      },
    },
  ],
  'secrets.delete': [
    {
      label: 'recovery window',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('deleted')}`;
        await seed(name, 'v');
        return { name, recoveryWindowDays: 7 };
      },
    },
    {
      label: 'force',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('forced')}`;
        await seed(name, 'v');
        return { name, forceDeleteConfirmName: name };
      },
    },
  ],
  'secrets.restore': [
    {
      label: '',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('restored')}`;
        await seed(name, 'v');
        await other.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
        return { name };
      },
    },
  ],
  'secrets.rollback': [
    {
      label: '',
      writes: secretsManagerWrites,
      arrange: async () => {
        const name = `airflow/variables/${unique('rolled')}`;
        const { current, previous } = await seed(name, 'v1', 'v2');
        return { name, toVersionId: previous ?? '', expectedCurrentVersionId: current };
      },
    },
  ],
  'secrets.move': [
    {
      label: '',
      writes: secretsManagerWrites,
      arrange: async () => {
        const id = unique('moved');
        await seed(`/airflow/variables/${id}`, 'v');
        return { from: `/airflow/variables/${id}`, toKind: 'variable', toId: id, clientRequestToken: randomUUID() };
      },
    },
  ],
  'secrets.moveMany': [
    {
      label: '',
      writes: secretsManagerWrites,
      arrange: async () => {
        const ids = [unique('bulkmoved'), unique('bulkmoved')];
        for (const id of ids) await seed(`/airflow/variables/${id}`, 'v');
        return { moves: ids.map((id) => ({ from: `/airflow/variables/${id}`, toKind: 'variable' as const, toId: id, clientRequestToken: randomUUID() })) };
      },
    },
  ],
  'secrets.restoreMany': [
    {
      label: '',
      writes: secretsManagerWrites,
      arrange: async () => {
        const names = [`airflow/variables/${unique('bulkrestored')}`, `airflow/variables/${unique('bulkrestored')}`];
        for (const name of names) {
          await seed(name, 'v');
          await other.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
        }
        return { names };
      },
    },
  ],
  'secrets.importRun': [
    {
      label: 'new and changed',
      writes: secretsManagerWrites,
      arrange: async () => {
        const changed = unique('imported');
        await seed(`airflow/variables/${changed}`, 'old');
        const text = JSON.stringify({ [changed]: 'new', [unique('imported')]: 'v' });
        return { source: { kind: 'text', text, fileName: 'variables.json' }, policy: 'overwrite' };
      },
    },
  ],
  'deploy.apply': [
    {
      label: '',
      writes: deploymentWrites,
      arrange: async () => {
        await call('deploy.setTarget', { path: project.root, workspaceId: WS, deploymentId: PROD });
        const plan = await call('deploy.plan', { path: project.root, includeAwsCredentials: false });
        return { planId: plan.planId, targets: ['deployment'], taskId: 'guard-deploy-0001' };
      },
    },
  ],
};

describe('issue 9 item 17: the production guard covers every write', () => {
  it('issue 9 item 17: the write table lists exactly the methods the contract guards, and every other method says why it writes nothing', () => {
    const guarded = methodNames.filter(guardedByContract).sort();
    expect(Object.keys(writeTable).sort(), 'a method with productionConfirmation needs a row in the write table').toEqual(guarded);
    const unclassified = methodNames.filter((name) => !Object.hasOwn(writeTable, name) && !Object.hasOwn(notGuarded, name));
    expect(unclassified, 'a new method must be in the write table (and take productionConfirmation) or in the not-guarded list with its reason').toEqual([]);
    const stale = Object.keys(notGuarded).filter((name) => !methodNames.includes(name as MethodName));
    expect(stale, 'the not-guarded list names methods that no longer exist').toEqual([]);
  });

  const cases = (Object.keys(writeTable) as GuardedMethod[]).flatMap((method) =>
    (writeTable[method] as readonly WriteCase<GuardedMethod>[]).map((item) => ({ method, item, title: item.label === '' ? method : `${method} ${item.label}` })),
  );

  it.each(cases)('issue 9 item 17: $title asks for the account id and sends nothing until it is typed', async ({ method, item }) => {
    const input = await item.arrange();
    const baseline = item.writes();

    for (const confirmation of [undefined, PROFILE, '1234567890']) {
      const refused = await failure(method, confirmation === undefined ? input : { ...input, productionConfirmation: confirmation });
      expect(refused.code, `${method} without the account id`).toBe('CONFIRMATION_REQUIRED');
      expect(refused.details).toMatchObject({ account: ACCOUNT, profile: PROFILE, expected: ACCOUNT });
    }
    expect(item.writes() - baseline, `${method} sent writes before the account id was typed`).toBe(0);

    await call(method, { ...input, productionConfirmation: ACCOUNT } as MethodInput<typeof method>);
    expect(item.writes() - baseline, `${method} wrote nothing even with the account id typed`).toBeGreaterThan(0);
  });

  it('issue 9 item 17: loading example data under a production profile writes nothing to that profile', async () => {
    sandbox.resetStats();
    const loaded = await call('sandbox.loadExampleData', {});
    expect(loaded.created).toBeGreaterThan(0);
    expect(sandbox.stats().total).toBe(0);
  });

  it('issue 9 item 17: a refused deploy leaves the project files as they were', async () => {
    const [deployCase] = writeTable['deploy.apply'];
    if (deployCase === undefined) throw new Error('no deploy case');
    const input = await deployCase.arrange();
    const files = await snapshotFiles(project.root);
    expect((await failure('deploy.apply', input)).code).toBe('CONFIRMATION_REQUIRED');
    expect(await snapshotFiles(project.root)).toEqual(files);
  });
});
