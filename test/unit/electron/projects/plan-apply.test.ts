import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/services/log';
import { createProjectService, type ProjectService } from '../../../../electron/services/projects/project-service';
import { createSettingsStore } from '../../../../electron/services/settings-store';
import type { ChangePlan, PlannedFile } from '../../../../shared/api/projects';
import { AppError } from '../../../../shared/errors';
import { copyFixtureProject, snapshotFiles, staticProfileSession, type FixtureCopy } from './fixture-projects';

const KEYS = { accessKeyId: 'AKIAPROFILEKEY000001', secretAccessKey: 'profile/secret+key=example' };

async function failure(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function reviewed(plan: ChangePlan) {
  return plan.files.map((file) => ({ file: file.file, fingerprint: file.fingerprint }));
}

function fileOf(plan: ChangePlan, name: string): PlannedFile {
  const found = plan.files.find((file) => file.file === name);
  if (found === undefined) throw new Error(`${name} is not in the plan`);
  return found;
}

/** Rebuilds the new text a plan shows (for unmasked files), to compare with the bytes written. */
function shownAfter(file: PlannedFile, eol: string): string {
  return file.lines.filter((line) => line.kind !== 'del').map((line) => `${line.text}${eol}`).join('');
}

describe('planning and applying project file changes', () => {
  let copy: FixtureCopy;
  let service: ProjectService;
  let dataDir: string;

  beforeEach(async () => {
    copy = await copyFixtureProject('needs-setup');
    dataDir = path.join(copy.base, 'airlock-data');
    await mkdir(dataDir);
    service = createProjectService({
      settings: createSettingsStore(dataDir, createMemoryLogger()),
      session: staticProfileSession({ credentials: KEYS, region: 'eu-central-1' }),
      log: createMemoryLogger(),
    });
  });
  afterEach(async () => {
    await copy.cleanup();
  });

  it('writes exactly the Dockerfile the plan showed, in the file\'s CRLF style, and nothing else', async () => {
    const before = await snapshotFiles(copy.root);
    const plan = await service.planChanges(copy.root, [
      { kind: 'dockerfile-env', vars: { AIRFLOW__SECRETS__BACKEND: 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend', AIRFLOW__SECRETS__BACKEND_KWARGS: '{"connections_prefix": "airflow/connections"}' } },
    ]);
    const dockerfile = fileOf(plan, 'Dockerfile');
    expect(dockerfile).toMatchObject({ added: 2, removed: 0, masked: false, existed: true });
    expect(dockerfile.lines.filter((line) => line.kind === 'add').map((line) => line.text)).toEqual([
      'ENV AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend',
      'ENV AIRFLOW__SECRETS__BACKEND_KWARGS=\'{"connections_prefix": "airflow/connections"}\'',
    ]);
    await service.applyChanges(copy.root, plan.planId, reviewed(plan));
    const written = await readFile(path.join(copy.root, 'Dockerfile'), 'utf8');
    expect(written).toBe(shownAfter(dockerfile, '\r\n'));
    expect(written).toBe(
      '# syntax=docker/dockerfile:1\r\nFROM quay.io/astronomer/astro-runtime:12.1.0\r\n\r\n# Pipelines read their stage from the environment.\r\nENV PIPELINE_STAGE=staging \\\r\n    PIPELINE_OWNER=data-platform\r\n' +
        'ENV AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend\r\nENV AIRFLOW__SECRETS__BACKEND_KWARGS=\'{"connections_prefix": "airflow/connections"}\'\r\n\r\nUSER astro\r\n',
    );
    const after = await snapshotFiles(copy.root);
    for (const [file, bytes] of before) if (file !== 'Dockerfile') expect(after.get(file)?.equals(bytes), file).toBe(true);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('masks .env values in the plan, writes the real credentials, and reveals a line only on request', async () => {
    const original = await readFile(path.join(copy.root, '.env'), 'utf8');
    const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
    const dotenv = fileOf(plan, '.env');
    expect(dotenv.masked).toBe(true);
    const shown = JSON.stringify(plan);
    for (const value of [KEYS.accessKeyId, KEYS.secretAccessKey, 'hunter2']) expect(shown).not.toContain(value);
    expect(dotenv.lines.filter((line) => line.kind === 'add').map((line) => line.text)).toEqual([
      'AWS_ACCESS_KEY_ID=••••••••',
      'AWS_SECRET_ACCESS_KEY=••••••••',
      'AWS_DEFAULT_REGION=eu-central-1',
    ]);
    expect(plan.notes.join(' ')).toContain('.env holds secrets');
    expect(plan.notes.join(' ')).toContain('long-lived keys of "dev"');

    const secretLine = dotenv.lines.find((line) => line.text.startsWith('AWS_SECRET_ACCESS_KEY'));
    expect(service.revealPlanLine(plan.planId, '.env', 'new', secretLine?.newLine ?? 0)).toBe(`AWS_SECRET_ACCESS_KEY=${KEYS.secretAccessKey}`);

    await service.applyChanges(copy.root, plan.planId, reviewed(plan));
    expect(await readFile(path.join(copy.root, '.env'), 'utf8')).toBe(
      `${original}AWS_ACCESS_KEY_ID=${KEYS.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${KEYS.secretAccessKey}\nAWS_DEFAULT_REGION=eu-central-1\n`,
    );
    // The plan is gone once applied: it can neither be applied again nor revealed.
    expect((await failure(service.applyChanges(copy.root, plan.planId, reviewed(plan)))).code).toBe('NOT_FOUND');
    expect(() => service.revealPlanLine(plan.planId, '.env', 'new', 1)).toThrow(AppError);
  });

  it('replaces temporary credentials with long-lived keys and drops the stale session token', async () => {
    await writeFile(path.join(copy.root, '.env'), 'AWS_ACCESS_KEY_ID=ASIAOLD\nAWS_SECRET_ACCESS_KEY=old\nAWS_SESSION_TOKEN=old-token\nAWS_REGION=us-east-1\n');
    const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
    await service.applyChanges(copy.root, plan.planId, reviewed(plan));
    expect(await readFile(path.join(copy.root, '.env'), 'utf8')).toBe(`AWS_ACCESS_KEY_ID=${KEYS.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${KEYS.secretAccessKey}\nAWS_REGION=us-east-1\n`);
  });

  it('refuses with CONFLICT when a file changes between the plan and the apply, and writes nothing', async () => {
    const plan = await service.planChanges(copy.root, [
      { kind: 'requirement', file: 'requirements.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' },
      { kind: 'ignore-entry', file: '.gitignore', pattern: '.env' },
    ]);
    expect(plan.files.map((file) => file.file)).toEqual(['requirements.txt', '.gitignore']);
    const gitignoreBefore = await readFile(path.join(copy.root, '.gitignore'));
    await writeFile(path.join(copy.root, 'requirements.txt'), 'edited by someone else\n');
    const error = await failure(service.applyChanges(copy.root, plan.planId, reviewed(plan)));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('requirements.txt changed on disk after Airlock read it');
    expect(await readFile(path.join(copy.root, 'requirements.txt'), 'utf8')).toBe('edited by someone else\n');
    expect((await readFile(path.join(copy.root, '.gitignore'))).equals(gitignoreBefore)).toBe(true);
  });

  it('detects a file created after the plan that expected it absent', async () => {
    const plan = await service.planChanges(copy.root, [{ kind: 'ignore-entry', file: '.gitignore', pattern: '.env' }]);
    await writeFile(path.join(copy.root, '.gitignore'), '.env\n');
    // Same name and size would not fool it: the check is on the bytes.
    const replanned = await service.planChanges(copy.root, [{ kind: 'requirement', file: 'requirements.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' }]);
    await writeFile(path.join(copy.root, 'requirements.txt'), (await readFile(path.join(copy.root, 'requirements.txt'), 'utf8')).replace('pandas', 'PANDAS'));
    expect((await failure(service.applyChanges(copy.root, plan.planId, reviewed(plan)))).code).toBe('CONFLICT');
    expect((await failure(service.applyChanges(copy.root, replanned.planId, reviewed(replanned)))).code).toBe('CONFLICT');
  });

  it('keeps the file\'s permissions and leaves no temporary file behind', async () => {
    const file = path.join(copy.root, 'requirements.txt');
    await chmod(file, 0o640);
    const plan = await service.planChanges(copy.root, [{ kind: 'requirement', file: 'requirements.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' }]);
    await service.applyChanges(copy.root, plan.planId, reviewed(plan));
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readFile(file, 'utf8')).toBe(
      '# Astro Runtime includes the following pre-installed providers packages: https://www.astronomer.io/docs/astro/runtime-image-architecture#provider-packages\n-r requirements/base.txt\npandas==2.2.2  # dataframes for the orders DAG\napache-airflow-providers-amazon>=5.1.0\n',
    );
    expect((await readdir(copy.root)).filter((name) => name.includes('airlock-'))).toEqual([]);
  });

  it('creates a missing .env private to the user (0600)', async () => {
    const copyHealthy = await copyFixtureProject('broken-kwargs');
    try {
      const plan = await service.planChanges(copyHealthy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(fileOf(plan, '.env')).toMatchObject({ existed: false, fingerprint: 'absent' });
      const result = await service.applyChanges(copyHealthy.root, plan.planId, reviewed(plan));
      expect(result.files).toEqual([expect.objectContaining({ file: '.env', created: true })]);
      if (os.platform() !== 'win32') expect((await stat(path.join(copyHealthy.root, '.env'))).mode & 0o777).toBe(0o600);
    } finally {
      await copyHealthy.cleanup();
    }
  });

  it('keeps extras, markers and comments when it raises a requirement in an included file', async () => {
    const outdated = await copyFixtureProject('outdated');
    try {
      const plan = await service.planChanges(outdated.root, [{ kind: 'requirement', file: 'requirements-base.txt', name: 'apache-airflow-providers-amazon', specifier: '>=7.3.0' }]);
      await service.applyChanges(outdated.root, plan.planId, reviewed(plan));
      expect(await readFile(path.join(outdated.root, 'requirements-base.txt'), 'utf8')).toBe(
        '# Providers for the AWS DAGs\napache-airflow-providers-amazon[s3fs] >=7.3.0 ; python_version >= "3.8"  # hooks and the secrets backend\n-r requirements.txt\n',
      );
    } finally {
      await outdated.cleanup();
    }
  });

  it('refuses to edit a requirements file pip would not read, or a file outside the project', async () => {
    await writeFile(path.join(copy.root, 'notes.txt'), 'nothing\n');
    const stray = await failure(service.planChanges(copy.root, [{ kind: 'requirement', file: 'notes.txt', name: 'apache-airflow-providers-amazon', specifier: '>=5.1.0' }]));
    expect(stray.code).toBe('INVALID_INPUT');
    expect(stray.message).toContain('not requirements.txt or a file it includes');
    const escape = await failure(service.planChanges(copy.root, [{ kind: 'requirement', file: '../elsewhere.txt', name: 'x', specifier: '>=1' }]));
    expect(escape.code).toBe('INVALID_INPUT');
    await writeFile(path.join(copy.base, 'outside.env'), 'SECRET=1\n');
    await symlink(path.join(copy.base, 'outside.env'), path.join(copy.root, '.env.link'));
    await writeFile(path.join(copy.root, 'requirements.txt'), '-r .env.link\n');
    const linked = await failure(service.planChanges(copy.root, [{ kind: 'requirement', file: '.env.link', name: 'x', specifier: '>=1' }]));
    expect(linked.message).toContain('points outside the project folder');
  });

  it('refuses an edit the setters cannot write losslessly, with their reason and no plan', async () => {
    const error = await failure(service.planChanges(copy.root, [{ kind: 'dockerfile-env', vars: { AIRFLOW__SECRETS__BACKEND_KWARGS: '{\n"a": 1}' } }]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('line break');
  });

  it('says when there is nothing to change instead of planning an empty write', async () => {
    const plan = await service.planChanges(copy.root, [{ kind: 'ignore-entry', file: '.dockerignore', pattern: '.env' }]);
    expect(plan.files).toEqual([]);
    expect(plan.unchanged).toEqual(['.dockerignore already has these settings.']);
  });

  it('refuses a review whose files do not match the plan', async () => {
    const plan = await service.planChanges(copy.root, [{ kind: 'ignore-entry', file: '.gitignore', pattern: '.env' }]);
    const error = await failure(service.applyChanges(copy.root, plan.planId, [{ file: '.gitignore', fingerprint: 'something-else' }]));
    expect(error.code).toBe('INVALID_INPUT');
  });
});
