/**
 * `environments.*` as the app composes it (electron/airlock.ts), called through `dispatch` like both
 * transports, with the fake `astro` as a child process on the app's PATH (a dev and a prod
 * Deployment) and the sandbox over HTTP for the profiles' identities.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../shared/api';
import { defaultWorkspace, environmentDeployments } from '../../fakes/astro/fake-astro';
import { useEnvironmentsApp } from './harness';

const WS = defaultWorkspace.id;
const DEV = environmentDeployments.dev.id;
const PROD = environmentDeployments.prod.id;

const app = useEnvironmentsApp('environments-api');
const { call, failure } = app;
const filePath = (): string => join(app.project.root, '.astro', 'airlock.json');

type EnvironmentInput = MethodInput<'environments.put'>['environment'];
const devInput: EnvironmentInput = {
  name: 'dev',
  deployment: { workspaceId: WS, deploymentId: DEV },
  awsProfile: 'sandbox-dev',
  accountId: '1111-1111-1111',
  region: 'us-east-1',
  backendKwargs: null,
  production: false,
};

async function writeV1Target(): Promise<string> {
  await mkdir(join(app.project.root, '.astro'), { recursive: true });
  const text = `${JSON.stringify({ comment: 'kept?', version: 1, workspaceId: WS, workspaceName: 'Data Team', deploymentId: PROD, deploymentName: 'airflow-prod', awsProfile: 'team-prod', production: true, reviewedBy: 'ops' }, null, 2)}\n`;
  await writeFile(filePath(), text);
  return text;
}

describe('environments of a project', () => {
  it('issue 13 item 1: today\'s single deploy target reads as one environment, and the first change writes version 2 without losing it', async () => {
    await writeV1Target();
    const before = await call('environments.list', { path: app.project.root });
    expect(before).toMatchObject({ exists: true, migratedFrom: 1, problem: null, deployEnvironment: 'airflow-prod' });
    expect(before.environments).toEqual([
      expect.objectContaining({
        name: 'airflow-prod',
        deployment: { workspaceId: WS, workspaceName: 'Data Team', deploymentId: PROD, deploymentName: 'airflow-prod' },
        awsProfile: 'team-prod',
        production: true,
      }),
    ]);

    const after = await call('environments.put', { path: app.project.root, fingerprint: before.fingerprint, replacing: null, environment: devInput });
    expect(after.migratedFrom).toBeNull();
    expect(after.environments.map((environment) => environment.name)).toEqual(['airflow-prod', 'dev']);
    // Checked against Astro: the names come from the Deployment itself.
    expect(after.environments[1]).toMatchObject({ deployment: { deploymentName: 'airflow-dev', workspaceName: 'Data Team' }, accountId: '111111111111' });
    const written = JSON.parse(await readFile(filePath(), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ version: 2, deployEnvironment: 'airflow-prod', reviewedBy: 'ops' });
    expect(await readFile(filePath(), 'utf8')).toMatch(/safe to commit/);
    // The Deploy view still deploys the migrated target.
    expect((await call('deploy.target', { path: app.project.root })).target).toEqual({ workspaceId: WS, workspaceName: 'Data Team', deploymentId: PROD, deploymentName: 'airflow-prod', awsProfile: 'team-prod', production: true });
    // Choosing the Deployment again in Deploy keeps the other environment.
    await call('deploy.setTarget', { path: app.project.root, workspaceId: WS, deploymentId: PROD, awsProfile: 'sandbox-prod' });
    const again = await call('environments.list', { path: app.project.root });
    expect(again.environments.map((environment) => [environment.name, environment.awsProfile])).toEqual([['airflow-prod', 'sandbox-prod'], ['dev', 'sandbox-dev']]);
  });

  it('issue 13 item 1: the Deployment\'s AIRFLOW__SECRETS__BACKEND_KWARGS wins over the Dockerfile\'s, as Astro applies them (read through the astro CLI)', async () => {
    const empty = await call('environments.list', { path: app.project.root });
    const withDev = await call('environments.put', { path: app.project.root, fingerprint: empty.fingerprint, replacing: null, environment: devInput });
    const prodKwargs = JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: 'eu-west-1' });
    await call('environments.put', {
      path: app.project.root,
      fingerprint: withDev.fingerprint,
      replacing: null,
      environment: { ...devInput, name: 'prod', deployment: { workspaceId: WS, deploymentId: PROD }, awsProfile: 'sandbox-prod', accountId: '222222222222', region: 'eu-west-1', backendKwargs: prodKwargs, production: true },
    });
    const offline = await call('environments.list', { path: app.project.root });
    expect(offline.environments.map((environment) => environment.kwargs.source)).toEqual(['dockerfile', 'environment']);
    expect(app.fake.calls().filter((c) => c.command === 'deployment inspect')).toHaveLength(2); // the two puts' checks only

    const read = await call('environments.list', { path: app.project.root, readDeployments: true });
    const [dev, prod] = read.environments;
    expect(dev?.kwargs).toMatchObject({ source: 'deployment' });
    expect(JSON.parse(dev?.kwargs.text ?? 'null')).toMatchObject({ region_name: 'us-east-1' });
    // Astro never shows the secret: the environment's recorded kwargs stand in, and it says so.
    expect(prod?.kwargs).toMatchObject({ source: 'environment', text: prodKwargs });
    expect(prod?.kwargs.note).toMatch(/secret/);
  });

  it('issue 13 item 1: a profile this user lacks, or one reaching another account (learnt from the sandbox over HTTP), is shown as such; the user\'s own pick lives in their settings, not the file', async () => {
    const empty = await call('environments.list', { path: app.project.root });
    let view = await call('environments.put', { path: app.project.root, fingerprint: empty.fingerprint, replacing: null, environment: { ...devInput, deployment: null, awsProfile: 'team-dev' } });
    expect(view.environments[0]?.profile).toMatchObject({ status: 'missing', using: 'team-dev' });
    expect(view.environments[0]?.profile.message).toMatch(/no AWS profile named "team-dev".*your settings, not in the shared file/);

    const fileBefore = await readFile(filePath(), 'utf8');
    view = await call('environments.setMine', { path: app.project.root, name: 'dev', profile: 'sandbox' });
    expect(view.environments[0]).toMatchObject({ awsProfile: 'team-dev', myProfile: 'sandbox', profile: { status: 'account-unknown', using: 'sandbox' } });
    // Switching to it asks the sandbox's STS who it is; from then on the mismatch shows.
    await call('profiles.select', { name: 'sandbox' });
    view = await call('environments.list', { path: app.project.root });
    expect(view.environments[0]?.profile).toMatchObject({ status: 'other-account', reachesAccount: '000000000000' });
    expect(view.environments[0]?.profile.message).toMatch(/reaches account 000000000000, not 111111111111/);

    view = await call('environments.setMine', { path: app.project.root, name: 'dev', profile: 'sandbox-dev' });
    expect(view.environments[0]?.profile).toMatchObject({ status: 'ok', using: 'sandbox-dev', reachesAccount: '111111111111' });
    expect(await readFile(filePath(), 'utf8')).toBe(fileBefore);
    expect(JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8'))).toMatchObject({ environmentProfiles: { [app.project.root]: { dev: 'sandbox-dev' } } });
  });

  it('issue 13 item 2: the environment chosen in the header is remembered for the project with its profile (names only, in the user\'s settings) and a plain profile switch clears it', async () => {
    await call('profiles.select', { name: 'sandbox-dev', projectPath: app.project.root, environment: 'dev' });
    expect(await call('profiles.projectMemory', { projectPath: app.project.root })).toEqual({ profile: 'sandbox-dev', region: null, environment: 'dev' });
    const saved = await readFile(join(app.dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ projects: { [app.project.root]: { profile: 'sandbox-dev', environment: 'dev' } } });

    // Another project keeps its own choice; a switch from the profile menu is not an environment.
    await call('profiles.select', { name: 'sandbox', projectPath: '/elsewhere/project', environment: 'prod' });
    await call('profiles.select', { name: 'sandbox-prod', projectPath: app.project.root });
    expect(await call('profiles.projectMemory', { projectPath: app.project.root })).toEqual({ profile: 'sandbox-prod', region: null, environment: null });
    expect(await call('profiles.projectMemory', { projectPath: '/elsewhere/project' })).toMatchObject({ environment: 'prod' });
  });

  it('issue 13 item 1: a malformed file is reported clearly and never written over; a file changed since it was read is not overwritten', async () => {
    await mkdir(join(app.project.root, '.astro'), { recursive: true });
    const malformed = '{ "version": 2, "environments": [ { "name": "prod" }, { "name": "PROD" } ] }\n';
    await writeFile(filePath(), malformed);
    const view = await call('environments.list', { path: app.project.root });
    expect(view).toMatchObject({ exists: true, environments: [] });
    expect(view.problem).toMatch(/used by two environments/);
    const refused = await failure('environments.put', { path: app.project.root, fingerprint: view.fingerprint, replacing: null, environment: devInput });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    expect(refused.message).toMatch(/does not write over a file it cannot read/);
    expect(await failure('deploy.setTarget', { path: app.project.root, workspaceId: WS, deploymentId: DEV })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readFile(filePath(), 'utf8')).toBe(malformed);

    await writeV1Target();
    const fresh = await call('environments.list', { path: app.project.root });
    await writeFile(filePath(), (await readFile(filePath(), 'utf8')).replace('team-prod', 'someone-else'));
    const conflict = await failure('environments.remove', { path: app.project.root, fingerprint: fresh.fingerprint, name: 'airflow-prod' });
    expect(conflict).toMatchObject({ code: 'CONFLICT' });
    expect(await readFile(filePath(), 'utf8')).toMatch(/someone-else/);
  });

  it('issue 13 item 1: a Deployment that is not in the workspace is refused and nothing is written', async () => {
    const empty = await call('environments.list', { path: app.project.root });
    const refused = await failure('environments.put', { path: app.project.root, fingerprint: empty.fingerprint, replacing: null, environment: { ...devInput, deployment: { workspaceId: WS, deploymentId: 'clx1gone0000000000000000' } } });
    expect(refused.code).toBe('NOT_FOUND');
    expect((await call('environments.list', { path: app.project.root })).exists).toBe(false);
  });
});
