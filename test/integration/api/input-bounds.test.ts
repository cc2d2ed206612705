/**
 * Input the window sends, or files Airlock reads for it, that must be refused with a clear
 * INVALID_INPUT instead of crashing a handler (INTERNAL) or being stored as is: the astro path
 * (one rule for `settings.update` and `deploy.setAstroPath`), JSON nested deeper than Airlock
 * reads, and YAML alias bombs. Called through the app's handler table like both transports do.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { MAX_NESTING_DEPTH } from '../../../shared/parse-limits';
import { appApi } from '../app-api';
import { copyFixtureProject, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';

let dataDir: string;
let project: FixtureCopy;
let airlock: Airlock;
const log = createMemoryLogger();
const seen: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'airlock-bounds-'));
  project = await copyFixtureProject('healthy');
  airlock = createAirlock({ mode: 'browser', version: 'test', dataDir, log, env: { HOME: project.base, PATH: '' } });
});
afterEach(async () => {
  await airlock.close();
  await project.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const { call, failure } = appApi({ airlock: () => airlock, log, seen: () => seen, transport: 'http' });

/** `depth` lists inside each other: `[[[…]]]`. */
const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** A kwargs object whose prefix value nests `depth` levels in all. */
const nestedKwargs = (depth: number) => `{"connections_prefix": ${nestedJson(depth - 1)}}`;
/** Nine times nine times … "x": a few hundred bytes that expand to millions of nodes. */
const aliasBomb = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
airflow:
  connections: *f
`;

describe('the astro path', () => {
  const bad = ['astro', './bin/astro', '~/bin/astro', '/usr/local/bin/astro\u0000', '/usr/local/bin/astro\n--help', '/usr/local/bin/as\rtro', '/usr/local/bin/as\ttro', '   '];

  it('issue 9 item 10: settings.update refuses what deploy.setAstroPath refuses, and stores nothing', async () => {
    for (const value of bad) {
      const viaSettings = await failure('settings.update', { astroPath: value });
      const viaDeploy = await failure('deploy.setAstroPath', { path: value });
      expect(viaSettings.code, JSON.stringify(value)).toBe('INVALID_INPUT');
      expect(viaDeploy.code, JSON.stringify(value)).toBe('INVALID_INPUT');
      if (viaSettings.code !== 'INVALID_INPUT' || viaDeploy.code !== 'INVALID_INPUT') continue;
      // One rule, so one reason.
      expect(viaSettings.details?.issues).toEqual([{ path: 'astroPath', message: expect.stringMatching(/full path|control character/) as unknown }]);
      expect(viaDeploy.details?.issues).toEqual([{ path: 'path', message: (viaSettings.details?.issues as { message: string }[] | undefined)?.[0]?.message }]);
    }
    expect((await call('settings.get', {})).astroPath).toBeNull();
    const stored = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '{}')) as { astroPath?: unknown };
    expect(stored.astroPath ?? null).toBeNull();
  });

  it('issue 9 item 10: a full path is stored trimmed, and null still means "search PATH"', async () => {
    expect((await call('settings.update', { astroPath: '  /opt/astro/bin/astro\n' })).astroPath).toBe('/opt/astro/bin/astro');
    expect((await call('settings.update', { astroPath: 'C:\\Tools\\astro.exe' })).astroPath).toBe('C:\\Tools\\astro.exe');
    expect((await call('settings.update', { astroPath: null })).astroPath).toBeNull();
  });
});

describe('nesting and alias bounds', () => {
  const tooDeep = (message: string) => expect(message).toMatch(new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep`));

  it('issue 9 item 12: kwargs JSON nested too deep in secrets.list answers INVALID_INPUT', async () => {
    await call('profiles.select', { name: 'sandbox' });
    for (const kwargs of [nestedKwargs(30_000), nestedKwargs(MAX_NESTING_DEPTH + 1)]) {
      const error = await failure('secrets.list', { kwargs });
      expect(error.code).toBe('INVALID_INPUT');
      tooDeep(error.message);
    }
    // The bound is not lower than it says.
    expect((await failure('secrets.list', { kwargs: nestedKwargs(MAX_NESTING_DEPTH) })).message).not.toMatch(/levels deep/);
  });

  it('issue 9 item 12: kwargs JSON nested too deep in projects.dagReferences answers INVALID_INPUT', async () => {
    const error = await failure('projects.dagReferences', { path: project.root, kwargsJson: nestedKwargs(30_000) });
    expect(error.code).toBe('INVALID_INPUT');
    tooDeep(error.message);
    // The same kwargs in the project's Dockerfile: Airflow's fallback is described, nothing crashes.
    const dockerfile = path.join(project.root, 'Dockerfile');
    await writeFile(dockerfile, `${await readFile(dockerfile, 'utf8')}\nENV AIRFLOW__SECRETS__BACKEND_KWARGS='${nestedKwargs(30_000)}'\n`);
    expect((await call('projects.dagReferences', { path: project.root })).kwargsFellBack).toBe(true);
    expect((await call('projects.health', { path: project.root })).items.length).toBeGreaterThan(0);
  });

  it('issue 9 item 12: a connections-json import nested too deep answers INVALID_INPUT', async () => {
    await call('profiles.select', { name: 'sandbox' });
    const text = `{"deep": {"conn_type": "http", "extra": {"a": ${nestedJson(200_000)}}}}`;
    for (const format of ['connections-json', undefined] as const) {
      const error = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'text', text, fileName: 'connections.json' }, ...(format === undefined ? {} : { format }) });
      expect(error.code).toBe('INVALID_INPUT');
      tooDeep(error.message);
    }
    // An extra given as a JSON string inside the file is bounded the same way.
    const inString = JSON.stringify({ deep: { conn_type: 'http', extra: `{"a": ${nestedJson(200_000)}}` } });
    const preview = await call('secrets.importPreview', { kwargs: '', source: { kind: 'text', text: inString }, format: 'connections-json' });
    expect(preview.items).toMatchObject([{ id: 'deep', status: 'invalid' }]);
  });

  it('issue 9 item 12: an airflow_settings.yaml with an alias bomb or deep nesting answers INVALID_INPUT', async () => {
    await call('profiles.select', { name: 'sandbox' });
    const bomb = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'text', text: aliasBomb, fileName: 'airflow_settings.yaml' } });
    expect(bomb.code).toBe('INVALID_INPUT');
    expect(bomb.message).toMatch(/aliases/);

    const deepYaml = `airflow:\n  connections:\n    - conn_id: x\n      conn_extra: ${nestedJson(MAX_NESTING_DEPTH + 1)}\n`;
    const deep = await failure('secrets.importPreview', { kwargs: '', source: { kind: 'text', text: deepYaml, fileName: 'airflow_settings.yaml' } });
    expect(deep.code).toBe('INVALID_INPUT');
    tooDeep(deep.message);

    // The project's own airflow_settings.yaml with the bomb: the DAG references say why, nothing crashes.
    await writeFile(path.join(project.root, 'airflow_settings.yaml'), aliasBomb);
    const references = await call('projects.dagReferences', { path: project.root });
    expect(JSON.stringify(references)).toMatch(/aliases/);
  });
});
