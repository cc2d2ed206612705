/**
 * The app as electron/airlock.ts composes it, for the environments tests: the fake `astro` as a
 * child process on the app's PATH holding a dev and a prod Deployment, a fresh copy of the healthy
 * fixture project, a fresh data folder, and `call`/`failure` through `dispatch` like both
 * transports, recording every result so a test can prove no value crossed into the window.
 * Registers its own beforeEach/afterEach; read the parts through the getters inside a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createAirlock, type Airlock } from '../../../electron/airlock';
import { createMemoryLogger } from '../../../electron/services/log';
import { createFakeAstro, environmentDeployments, type FakeAstro } from '../../fakes/astro/fake-astro';
import { copyFixtureProject, type FixtureCopy } from '../../unit/electron/projects/fixture-projects';
import { appApi } from '../app-api';

export interface EnvironmentsApp extends ReturnType<typeof appApi> {
  readonly fake: FakeAstro;
  readonly project: FixtureCopy;
  readonly dataDir: string;
  readonly airlock: Airlock;
  readonly log: ReturnType<typeof createMemoryLogger>;
  /** Every API result so far, as JSON. */
  readonly seen: string[];
}

interface Running {
  fake: FakeAstro;
  project: FixtureCopy;
  dataDir: string;
  airlock: Airlock;
  seen: string[];
}

export function useEnvironmentsApp(name: string): EnvironmentsApp {
  const log = createMemoryLogger();
  let running: Running | null = null;
  const now = (): Running => {
    if (running === null) throw new Error('the environments app runs only inside a test');
    return running;
  };

  beforeEach(async () => {
    const fake = createFakeAstro({ deployments: [environmentDeployments.dev, environmentDeployments.prod] });
    const project = await copyFixtureProject('healthy');
    const dataDir = await mkdtemp(join(tmpdir(), `airlock-${name}-`));
    const airlock = createAirlock({ mode: 'browser', version: 'test', dataDir, log, env: { PATH: fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir } });
    running = { fake, project, dataDir, airlock, seen: [] };
  });
  afterEach(async () => {
    const { airlock, fake, project, dataDir } = now();
    running = null;
    await airlock.close();
    fake.cleanup();
    await project.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  const api = appApi({ airlock: () => now().airlock, log, seen: () => now().seen, transport: 'http' });
  return {
    ...api,
    log,
    get fake() {
      return now().fake;
    },
    get project() {
      return now().project;
    },
    get dataDir() {
      return now().dataDir;
    },
    get airlock() {
      return now().airlock;
    },
    get seen() {
      return now().seen;
    },
  };
}
