import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/services/log';
import { runHealth } from '../../../../electron/services/projects/health/run-health';
import type { ProjectSession } from '../../../../electron/services/projects/project-session';
import { recogniseProject } from '../../../../electron/services/project-folder/project-recognition';
import type { HealthItem, HealthItemId, ProjectHealth } from '../../../../shared/api';
import { copyFixtureProject, noProfileSession, staticProfileSession, type FixtureCopy, type FixtureName } from './fixture-projects';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((item) => item.cleanup()));
});

async function healthOf(name: FixtureName, session: ProjectSession = noProfileSession, edit?: (root: string) => Promise<void>): Promise<ProjectHealth> {
  const copy = await copyFixtureProject(name);
  copies.push(copy);
  await edit?.(copy.root);
  const project = await recogniseProject(copy.root);
  return runHealth(copy.root, project, { session, log: createMemoryLogger(), now: () => new Date('2026-11-28T12:00:00Z') });
}

function item(health: ProjectHealth, id: HealthItemId): HealthItem {
  const found = health.items.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

function statuses(health: ProjectHealth): Record<string, string> {
  return Object.fromEntries(health.items.map((entry) => [entry.id, entry.status]));
}

// Values in the fixtures' .env files that must never appear in anything sent to the window.
const FIXTURE_SECRETS = ['wJalrXUtnFEMI', 'je7MtGbClwBF', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', 'hunter2', 'AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'];

describe('project health over the fixture projects', () => {
  it('finds nothing to fix in the healthy project (AWS checks unknown without a profile)', async () => {
    const health = await healthOf('healthy');
    expect(statuses(health)).toEqual({
      'provider-package': 'ok',
      'backend-class': 'ok',
      'backend-kwargs': 'ok',
      'local-credentials': 'ok',
      'dotenv-ignored': 'ok',
      'secrets-present': 'unknown',
      'conflicting-definitions': 'ok',
      'deployment-variables': 'unknown',
    });
    expect(item(health, 'secrets-present').action).toBe('choose-profile');
    expect(health.provider).toMatchObject({ found: true, specifier: '>=8.0.0', atLeast: [8, 0, 0], file: 'requirements.txt', line: 2 });
    expect(health.backend.kwargsState).toBe('ok');
    expect(health.items.every((entry) => entry.fix === null)).toBe(true);
  });

  it('lists every problem of a fresh project, each with its evidence and fix', async () => {
    const health = await healthOf('needs-setup', staticProfileSession({ region: 'eu-west-1' }));
    expect(statuses(health)).toMatchObject({
      'provider-package': 'error',
      'backend-class': 'error',
      'backend-kwargs': 'warning',
      'local-credentials': 'warning',
      'dotenv-ignored': 'error',
      'conflicting-definitions': 'ok',
    });
    // The provider was searched for through the -r include too.
    expect(item(health, 'provider-package').explanation).toContain('requirements/base.txt');
    expect(item(health, 'provider-package').fix?.changes).toEqual([{ kind: 'requirement', file: 'requirements.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' }]);
    // Both ENV lines in one fix, with the profile's region in the kwargs.
    expect(item(health, 'backend-class').fix?.changes).toEqual([
      {
        kind: 'dockerfile-env',
        vars: {
          AIRFLOW__SECRETS__BACKEND: 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend',
          AIRFLOW__SECRETS__BACKEND_KWARGS: '{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables", "region_name": "eu-west-1"}',
        },
      },
    ]);
    expect(item(health, 'local-credentials').fix?.changes).toEqual([{ kind: 'dotenv-aws-credentials' }]);
    // The planner adds the ignore entry to the same review (secret-files.ts); the button says so up front.
    expect(item(health, 'local-credentials').fix?.label).toBe('Write the keys of "dev" to .env, and add .env to .gitignore');
    const ignored = item(health, 'dotenv-ignored');
    expect(ignored.fix?.changes).toEqual([{ kind: 'ignore-entry', file: '.gitignore', pattern: '.env' }]);
    // The deciding line of .dockerignore is the evidence; .gitignore has none.
    expect(ignored.evidence).toEqual([
      { file: '.gitignore', line: null, text: 'No line of .gitignore matches .env', masked: false },
      { file: '.dockerignore', line: 3, text: '.env', masked: false },
    ]);
  });

  it('without a profile, offers no credentials fix but asks to choose a profile', async () => {
    const health = await healthOf('needs-setup');
    const credentials = item(health, 'local-credentials');
    expect(credentials.fix).toBeNull();
    expect(credentials.action).toBe('choose-profile');
  });

  it('flags a provider pinned below what the lookup pattern needs, through -r and -c, and the kwargs problems', async () => {
    const health = await healthOf('outdated');
    const provider = item(health, 'provider-package');
    expect(provider.status).toBe('error');
    expect(health.providerMinimum).toEqual([7, 3, 0]);
    expect(health.provider.atLeast).toEqual([7, 0, 0]);
    // The requirement lives in the included file; the constraint (<9) allows 7.3.0, so it is left alone.
    expect(provider.fix?.changes).toEqual([{ kind: 'requirement', file: 'requirements-base.txt', name: 'apache-airflow-providers-amazon', specifier: '>=7.3.0' }]);
    expect(provider.evidence.map((evidence) => `${evidence.file}:${evidence.line}`)).toEqual(['requirements.txt:1', 'requirements.txt:2', 'requirements-base.txt:2', 'constraints.txt:1']);

    const kwargs = item(health, 'backend-kwargs');
    expect(kwargs.status).toBe('error');
    const messages = kwargs.problems.map((problem) => problem.message).join('\n');
    expect(messages).toContain('`connections_lookup_pattern` needs apache-airflow-providers-amazon 7.3.0');
    expect(messages).toContain('`full_url_mode` no longer does anything');
    expect(messages).toContain('`variables_prefix` starts with `/`');

    const conflicts = item(health, 'conflicting-definitions');
    expect(conflicts.status).toBe('warning');
    expect(conflicts.fix?.changes).toEqual([{ kind: 'dotenv-env', vars: { AIRFLOW__SECRETS__BACKEND_KWARGS: null }, removeDuplicates: true }]);
    expect(item(health, 'local-credentials').summary).toContain('Temporary credentials');
  });

  it('refuses to fix the provider by hand-waving when a constraint forbids the minimum', async () => {
    const health = await healthOf('outdated', noProfileSession, (root) => writeFile(path.join(root, 'constraints.txt'), 'apache-airflow-providers-amazon<7.2\n'));
    const provider = item(health, 'provider-package');
    expect(provider.status).toBe('error');
    expect(provider.fix).toBeNull();
    expect(provider.problems.map((problem) => problem.message).join(' ')).toContain('The constraint <7.2 on line 1 of constraints.txt forbids >=7.3.0');
  });

  it('reports invalid kwargs JSON as an error that sends the user to the editor, and counts the defaults', async () => {
    const health = await healthOf('broken-kwargs');
    const kwargs = item(health, 'backend-kwargs');
    expect(kwargs.status).toBe('error');
    expect(kwargs.action).toBe('edit-kwargs');
    expect(kwargs.fix).toBeNull();
    expect(kwargs.problems[0]?.message).toContain('not valid JSON');
    expect(health.backend.kwargsState).toBe('invalid');
    expect(health.providerMinimum).toEqual([5, 1, 0]);
  });

  it('says when temporary credentials in .env are the active profile\'s and when they expire', async () => {
    const session = staticProfileSession({
      credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', expiration: new Date('2026-11-28T13:00:00Z') },
    });
    const credentials = item(await healthOf('outdated', session), 'local-credentials');
    expect(credentials.status).toBe('warning');
    expect(credentials.summary).toBe('Temporary credentials; they expire 2026-11-28 13:00:00 UTC.');
    const expiredSession = staticProfileSession({
      credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'x', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN', expiration: new Date('2026-11-28T11:00:00Z') },
    });
    expect(item(await healthOf('outdated', expiredSession), 'local-credentials').status).toBe('error');
  });

  it('never puts a value from .env into the checklist, its evidence or the file lines', async () => {
    for (const name of ['healthy', 'needs-setup', 'outdated'] as const) {
      const text = JSON.stringify(await healthOf(name, staticProfileSession()));
      for (const secret of FIXTURE_SECRETS) expect(text, `${name} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('shows the relevant lines of each file, with line endings and masks', async () => {
    const health = await healthOf('needs-setup');
    const dockerfile = health.files.find((file) => file.file === 'Dockerfile');
    expect(dockerfile).toMatchObject({ exists: true, lineEnding: 'crlf' });
    expect(dockerfile?.lines[0]).toEqual({ line: 2, text: 'FROM quay.io/astronomer/astro-runtime:12.1.0', masked: false, note: 'base image (final stage)' });
    const dotenv = health.files.find((file) => file.file === '.env');
    expect(dotenv?.lines).toEqual([{ line: 3, text: 'AIRFLOW_CONN_LEGACY_DB=••••••••', masked: true, note: null }]);
    expect(health.files.map((file) => file.file)).toEqual(['Dockerfile', '.env', 'requirements.txt', 'requirements/base.txt', '.gitignore', '.dockerignore']);
  });

  it('turns a check that throws into an unknown item instead of failing the checklist', async () => {
    const copy = await copyFixtureProject('healthy');
    copies.push(copy);
    const project = await recogniseProject(copy.root);
    const health = await runHealth(copy.root, project, {
      session: noProfileSession,
      log: createMemoryLogger(),
      now: () => new Date(),
      checks: [{ id: 'deployment-variables', title: 'Broken', run: () => { throw new Error('boom /secret/path'); } }],
    });
    expect(health.items).toEqual([expect.objectContaining({ id: 'deployment-variables', status: 'unknown', summary: 'This check could not run.' })]);
    expect(JSON.stringify(health.items)).not.toContain('boom');
  });
});
