/**
 * Where `secrets.importPreview` / `secrets.importRun` may read a file from, called through the
 * app's handler table (electron/airlock.ts, `dispatch`) like both transports do: a file picked in
 * the desktop app's open dialog (by handle), a file inside an Astro project, or text the page
 * sends. A path to anything else is refused, and a file that is not an import file gives nothing
 * of itself back.
 */
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock, type AirlockPlatform } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { appApi } from '../app-api';
import { copyFixtureProject, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';

const SECRET = 'hostileSecretValue0123456789abcdef';
const KEY_ID = 'AKIAHOSTILE000000001';
const CREDENTIALS = `[default]\naws_access_key_id=${KEY_ID}\naws_secret_access_key=${SECRET}\n`;
const settingsFixture = path.join(import.meta.dirname, '../../fixtures/imports/airflow_settings.yaml');

let home: string;
let credentialsFile: string;
let project: FixtureCopy;
let dataDir: string;
let airlock: Airlock;
let dialogAnswers: (string | null)[];
const log = createMemoryLogger();
let seen: string[];

async function start(mode: AirlockPlatform['mode']): Promise<void> {
  airlock = createAirlock({
    mode,
    version: 'test',
    dataDir,
    log,
    env: { HOME: home, PATH: '' },
    // The desktop app's open dialog, answered by the test.
    ...(mode === 'electron' ? { pickFile: () => Promise.resolve(dialogAnswers.shift() ?? null) } : {}),
  });
  await call('profiles.select', { name: 'sandbox' });
}

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'airlock-import-home-'));
  await mkdir(path.join(home, '.aws'));
  credentialsFile = path.join(home, '.aws', 'credentials');
  await writeFile(credentialsFile, CREDENTIALS);
  project = await copyFixtureProject('healthy');
  await copyFile(settingsFixture, path.join(project.root, 'airflow_settings.yaml'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'airlock-import-data-'));
  dialogAnswers = [];
  seen = [];
});
afterEach(async () => {
  await airlock.close();
  await project.cleanup();
  await rm(home, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

/** Nothing of the credentials file reached what the window would receive. */
function expectNothingLeaked(): void {
  const shown = seen.join('\n');
  expect(shown).not.toContain(SECRET);
  expect(shown).not.toContain(SECRET.slice(1));
  expect(shown).not.toContain(KEY_ID.slice(1));
  expect(shown).not.toContain('aws_secret_access_key');
}

describe('import sources', () => {
  it('issue 9 item 9: a path to any file is refused, in both modes', async () => {
    for (const mode of ['browser', 'electron'] as const) {
      await start(mode);
      for (const file of [credentialsFile, '/proc/self/environ']) {
        const error = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'file', path: file } });
        expect(error.code).toBe('INVALID_INPUT');
      }
      await airlock.close();
    }
    expectNothingLeaked();
  });

  it('issue 9 item 9: a project file is read only inside a project folder, symlinks included', async () => {
    await start('browser');
    const preview = await call('secrets.importPreview', { kwargs: '', source: { kind: 'project-file', project: project.root, file: 'airflow_settings.yaml' } });
    expect(preview.format).toBe('airflow-settings-yaml');
    expect(preview.items.map((item) => item.id)).toContain('warehouse_postgres');

    await symlink(credentialsFile, path.join(project.root, 'leak.env'));
    await symlink(path.join(home, '.aws'), path.join(project.root, 'aws'));
    const refused = [
      // Climbing out, absolute, or a control character: refused at the door.
      [{ project: project.root, file: '../../.aws/credentials' }, 'INVALID_INPUT'],
      [{ project: project.root, file: 'dags/../../x.env' }, 'INVALID_INPUT'],
      [{ project: project.root, file: credentialsFile }, 'INVALID_INPUT'],
      [{ project: project.root, file: 'a\u0000.env' }, 'INVALID_INPUT'],
      // Symbolic links that lead out of the project folder.
      [{ project: project.root, file: 'leak.env' }, 'INVALID_INPUT'],
      [{ project: project.root, file: 'aws/credentials.env' }, 'INVALID_INPUT'],
      // Inside the project, but not a name an import file has.
      [{ project: project.root, file: 'Dockerfile' }, 'INVALID_INPUT'],
      // A folder that is no Astro project.
      [{ project: home, file: '.aws/credentials.env' }, 'NOT_A_PROJECT'],
      [{ project: path.join(home, '.aws'), file: 'credentials.env' }, 'NOT_A_PROJECT'],
    ] as const;
    for (const [source, code] of refused) {
      const error = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'project-file', ...source } });
      expect(error.code, JSON.stringify(source)).toBe(code);
    }
    expectNothingLeaked();
  });

  it('issue 9 item 9: the desktop app reads only what its open dialog picked, by a handle the page cannot forge', async () => {
    await start('electron');
    dialogAnswers.push(settingsFixture, null);
    const picked = await call('secrets.pickImportFile', {});
    expect(picked.file?.name).toBe('airflow_settings.yaml');
    // The page learns the name, never the folder.
    expect(JSON.stringify(picked)).not.toContain(path.dirname(settingsFixture));
    const handle = picked.file?.handle ?? '';
    const preview = await call('secrets.importPreview', { kwargs: '', source: { kind: 'picked', handle } });
    expect(preview.format).toBe('airflow-settings-yaml');
    const dry = await call('secrets.importRun', { kwargs: '', source: { kind: 'picked', handle }, policy: 'skip', dryRun: true });
    expect(dry.counts['would-create']).toBeGreaterThan(0);

    expect(await call('secrets.pickImportFile', {})).toEqual({ file: null });
    expect((await failure('secrets.importPreview', { kwargs: '', source: { kind: 'picked', handle: '00000000-0000-4000-8000-000000000000' } })).code).toBe('NOT_FOUND');
    expect((await failure('secrets.importPreview', { kwargs: '', source: { kind: 'picked', handle: credentialsFile } })).code).toBe('INVALID_INPUT');
  });

  it('issue 9 item 9: browser mode has no open dialog; the page sends the chosen file itself', async () => {
    await start('browser');
    expect((await failure('secrets.pickImportFile', {})).code).toBe('INVALID_INPUT');
  });

  it('issue 9 item 9: a file that is none of the import formats is refused whole, quoting none of it', async () => {
    await start('browser');
    const attempts: { text: string; format?: string }[] = [
      { text: CREDENTIALS },
      { text: CREDENTIALS, format: 'connections-env' },
      { text: CREDENTIALS.replace('[default]\n', ''), format: 'connections-env' },
      { text: CREDENTIALS, format: 'airflow-settings-yaml' },
      { text: CREDENTIALS, format: 'connections-json' },
      // What /proc/self/environ looks like: NUL-separated.
      { text: `PATH=/usr/bin\u0000AWS_SECRET_ACCESS_KEY=${SECRET}\u0000AIRFLOW_VAR_X=1\u0000`, format: 'dotenv' },
      { text: `PATH=/usr/bin\u0000AWS_SECRET_ACCESS_KEY=${SECRET}\u0000`, format: 'connections-env' },
    ];
    for (const attempt of attempts) {
      const error = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'text', text: attempt.text, fileName: 'credentials' }, ...(attempt.format === undefined ? {} : { format: attempt.format }) });
      expect(error.code, JSON.stringify(attempt.format)).toBe('INVALID_INPUT');
    }
    expectNothingLeaked();
  });
});
