import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/services/log';
import { createProjectService, type ProjectService } from '../../../../electron/services/projects/project-service';
import { createSettingsStore } from '../../../../electron/services/settings-store';
import type { ChangePlan, PlannedFile } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { isPathIgnored } from '../../../../shared/ignore-files';
import { copyFixtureProject, snapshotFiles, staticProfileSession, type FixtureCopy, type FixtureName } from './fixture-projects';

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

/**
 * A file Airlock puts a secret into (electron/services/projects/secret-files.ts), through the
 * service as the checklist's fixes use it: a .env that receives keys brings its ignore entries into
 * the same reviewed change, applying refuses to write keys into a .env that git or Docker would
 * take, and a file that gains a secret is written 0600 (one that gains none keeps its mode).
 */
describe('a file that receives a secret', () => {
  const copies: FixtureCopy[] = [];
  let service: ProjectService;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-secret-files-'));
    service = createProjectService({
      settings: createSettingsStore(dataDir, createMemoryLogger()),
      session: staticProfileSession({ credentials: KEYS, region: 'eu-central-1' }),
      log: createMemoryLogger(),
    });
  });
  afterEach(async () => {
    for (const copy of copies.splice(0)) await copy.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function project(name: FixtureName): Promise<FixtureCopy> {
    const copy = await copyFixtureProject(name);
    copies.push(copy);
    return copy;
  }

  const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
  const posix = os.platform() !== 'win32';

  describe('a .env that receives secrets is kept out of git and the image', () => {
    it('issue 9 item 2: the checklist fix that writes the keys to .env adds .env to .gitignore in the same reviewed change, written first', async () => {
      // needs-setup: .dockerignore ignores .env, .gitignore does not.
      const copy = await project('needs-setup');
      const dockerignoreBefore = await readFile(path.join(copy.root, '.dockerignore'), 'utf8');
      const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);

      expect(plan.files.map((file) => file.file)).toEqual(['.gitignore', '.env']);
      const gitignore = fileOf(plan, '.gitignore');
      expect(gitignore.lines.filter((line) => line.kind === 'add').map((line) => line.text)).toEqual(['.env']);
      expect(gitignore.requiredBy).toMatch(/^\.env will hold secrets: this entry makes sure a commit does not take it along\.$/);
      expect(gitignore.summary).toEqual(['.env: added (line 6)']);
      expect(fileOf(plan, '.env').requiredBy).toBeNull();
      expect(plan.notes.join(' ')).toContain('.gitignore did not ignore it: this change adds it there too');

      await service.applyChanges(copy.root, plan.planId, reviewed(plan));
      const gitignoreAfter = await readFile(path.join(copy.root, '.gitignore'), 'utf8');
      expect(isPathIgnored(gitignoreAfter, '.env', 'git')).toMatchObject({ ignored: true, line: 6 });
      expect(await readFile(path.join(copy.root, '.dockerignore'), 'utf8')).toBe(dockerignoreBefore);
      expect(await readFile(path.join(copy.root, '.env'), 'utf8')).toContain(`AWS_SECRET_ACCESS_KEY=${KEYS.secretAccessKey}\n`);
    });

    it('issue 9 item 2: adds .env to both ignore files, creating them when missing', async () => {
      const copy = await project('broken-kwargs');
      await writeFile(path.join(copy.root, '.gitignore'), '');
      await rm(path.join(copy.root, '.dockerignore'));
      const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-env', vars: { AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey } }]);
      expect(plan.files.map((file) => [file.file, file.existed])).toEqual([
        ['.gitignore', true],
        ['.dockerignore', false],
        ['.env', false],
      ]);
      expect(fileOf(plan, '.dockerignore').requiredBy).toContain('the image `astro deploy` builds does not contain it');
      await service.applyChanges(copy.root, plan.planId, reviewed(plan));
      expect(await readFile(path.join(copy.root, '.gitignore'), 'utf8')).toBe('.env\n');
      expect(await readFile(path.join(copy.root, '.dockerignore'), 'utf8')).toBe('.env\n');
    });

    it('leaves the ignore files out of the plan when .env gains no secret, or when they ignore it already', async () => {
      const copy = await project('needs-setup');
      const plain = await service.planChanges(copy.root, [{ kind: 'dotenv-env', vars: { AIRFLOW__SECRETS__BACKEND: 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend' } }]);
      expect(plain.files.map((file) => file.file)).toEqual(['.env']);
      const healthy = await project('healthy');
      const keys = await service.planChanges(healthy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(keys.files.map((file) => file.file)).toEqual(['.env']);
    });

    it('issue 9 item 2: applying refuses to write keys into a .env that .gitignore stopped ignoring after the review, and writes nothing', async () => {
      // healthy: both ignore files list .env, so the review needs no entry; the profile's keys differ from the file's.
      const copy = await project('healthy');
      const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(plan.files.map((file) => file.file)).toEqual(['.env']);
      const envBefore = await readFile(path.join(copy.root, '.env'), 'utf8');
      await writeFile(path.join(copy.root, '.gitignore'), '.DS_Store\n');

      const error = await failure(service.applyChanges(copy.root, plan.planId, reviewed(plan)));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('.gitignore does not keep .env out of git, and this change would put secrets into it, so nothing was written. Review the changes again: the new review adds .env to .gitignore.');
      expect(await readFile(path.join(copy.root, '.env'), 'utf8')).toBe(envBefore);

      // The one-click fix: reviewing again brings the entry along.
      const again = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(again.files.map((file) => file.file)).toEqual(['.gitignore', '.env']);
      await service.applyChanges(copy.root, again.planId, reviewed(again));
      expect(await readFile(path.join(copy.root, '.gitignore'), 'utf8')).toBe('.DS_Store\n.env\n');
    });
  });

  describe('a file that gains a secret is private to the user', () => {
    it('issue 9 item 3: writing keys into a 0644 .env leaves it 0600, and the review says so', async () => {
      const copy = await project('healthy');
      const dotenv = path.join(copy.root, '.env');
      await chmod(dotenv, 0o644);
      const plan = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(fileOf(plan, '.env')).toMatchObject({ addsSecret: true, mode: { before: 0o644, after: 0o600 } });
      expect(plan.notes).toContain('.env will hold secret values, so Airlock writes it readable by you only (mode 0600; it is 0644 now).');
      await service.applyChanges(copy.root, plan.planId, reviewed(plan));
      if (posix) expect(await modeOf(dotenv)).toBe(0o600);
    });

    it('issue 9 item 3: a file that gains no secret keeps its mode, the ignore entries included', async () => {
      const copy = await project('needs-setup');
      const dotenv = path.join(copy.root, '.env');
      const gitignore = path.join(copy.root, '.gitignore');
      await chmod(dotenv, 0o644);
      await chmod(gitignore, 0o664);
      const plain = await service.planChanges(copy.root, [{ kind: 'dotenv-env', vars: { AWS_DEFAULT_REGION: 'eu-west-1' } }]);
      expect(fileOf(plain, '.env')).toMatchObject({ addsSecret: false, mode: { before: 0o644, after: 0o644 } });
      expect(plain.notes.join(' ')).not.toContain('0600');
      await service.applyChanges(copy.root, plain.planId, reviewed(plain));
      if (posix) expect(await modeOf(dotenv)).toBe(0o644);

      const keys = await service.planChanges(copy.root, [{ kind: 'dotenv-aws-credentials' }]);
      expect(fileOf(keys, '.gitignore')).toMatchObject({ addsSecret: false, mode: { before: 0o664, after: 0o664 } });
      await service.applyChanges(copy.root, keys.planId, reviewed(keys));
      if (posix) {
        expect(await modeOf(gitignore)).toBe(0o664);
        expect(await modeOf(dotenv)).toBe(0o600);
      }
    });
  });
});
