/**
 * The deploy service wired like the app wires it, against the fake `astro` as a real child
 * process: the real settings store, token store, records, projects service and file helpers, with
 * a fixed AWS profile standing in for the session (no AWS call is made: only its keys are read).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeployOutputLine, TaskProgress } from '../../../shared/api';
import { createAstroAccess, type AstroAccess } from '../../../electron/services/deploy/astro-access';
import type { DeployGuard } from '../../../electron/services/deploy/deploy-guard';
import { createDeployService, type DeployService } from '../../../electron/services/deploy/deploy-service';
import { createDeploymentReader } from '../../../electron/services/deploy/deployment-reader';
import type { DeploymentVariablesSource } from '../../../electron/services/projects/health/deployment-source';
import { createSecretRecordsStore } from '../../../electron/services/deploy/secret-records';
import { createAstroTokenStore } from '../../../electron/services/deploy/token-store';
import { createMemoryLogger } from '../../../electron/services/log';
import { createProjectService } from '../../../electron/services/projects/project-service';
import { createSettingsStore } from '../../../electron/services/settings-store';
import { createFakeAstro, defaultWorkspace, type FakeAstro, type FakeAstroOptions } from '../../fakes/astro/fake-astro';
import { copyFixtureProject, staticProfileSession, type FixtureCopy, type FixtureName, type StaticProfileOptions } from '../../unit/electron/projects/fixture-projects';

export const WS = defaultWorkspace.id;
export const PROD = 'clx1prod0000000000000000';
export const DATADOG_SECRET = 'dd-secret-9f8e7d6c5b4a';

export const standardDeployment: NonNullable<FakeAstroOptions['deployments']>[number] = {
  id: PROD,
  name: 'prod',
  workspaceId: WS,
  variables: [
    { key: 'AIRFLOW__CORE__PARALLELISM', value: '12' },
    { key: 'DATADOG_API_KEY', value: DATADOG_SECRET, isSecret: true },
    { key: 'ENV_TYPE', value: 'dev' },
  ],
};

export interface Harness {
  readonly fake: FakeAstro;
  readonly service: DeployService;
  /** The checklist's reader of the project's Deployment, as the composition root hands it to projects. */
  readonly healthSource: DeploymentVariablesSource;
  readonly astro: AstroAccess;
  readonly project: FixtureCopy;
  readonly dataDir: string;
  readonly tempRoot: string;
  readonly progress: TaskProgress[];
  readonly output: DeployOutputLine[];
  readonly logLines: string[];
  /** `deployment variable update` invocations. */
  updateCalls(): ReturnType<FakeAstro['calls']>;
  /** Everything in the runner's temp root (the private --load folders). */
  tempEntries(): string[];
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  readonly fake?: FakeAstroOptions;
  readonly fixture?: FixtureName;
  readonly profile?: StaticProfileOptions;
  readonly guard?: DeployGuard;
  /** Replaces PATH for the app (e.g. without the fake, to test a missing binary). */
  readonly path?: string;
  readonly onOutput?: (line: DeployOutputLine, service: DeployService) => void;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = createFakeAstro({ deployments: [standardDeployment], ...options.fake });
  const project = await copyFixtureProject(options.fixture ?? 'healthy');
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-deploy-data-'));
  const tempRoot = join(fake.dir, 'tmp');
  mkdirSync(tempRoot);
  const log = createMemoryLogger();
  const settings = createSettingsStore(dataDir, log);
  const astro = createAstroAccess({
    settings,
    tokens: createAstroTokenStore({ directory: dataDir, cipher: null }),
    dataDir,
    env: { PATH: options.path ?? fake.env.PATH, FAKE_ASTRO_STATE: fake.env.FAKE_ASTRO_STATE, HOME: fake.dir },
    runnerOptions: { searchDirs: [], tempRoot },
  });
  const session = staticProfileSession(options.profile);
  const records = createSecretRecordsStore({ directory: dataDir });
  const reader = createDeploymentReader({ astro, records });
  const projects = createProjectService({ settings, session, log });
  const progress: TaskProgress[] = [];
  const output: DeployOutputLine[] = [];
  let service: DeployService | null = null;
  service = createDeployService({
    astro,
    reader,
    projects,
    session,
    guard: options.guard ?? (() => Promise.resolve()),
    records,
    onProgress: (item) => progress.push(item),
    onOutput: (line) => {
      output.push(line);
      if (service !== null) options.onOutput?.(line, service);
    },
    log,
  });
  return {
    fake,
    service,
    healthSource: reader.healthSource,
    astro,
    project,
    dataDir,
    tempRoot,
    progress,
    output,
    logLines: log.lines,
    updateCalls: () => fake.calls().filter((call) => call.command === 'deployment variable update'),
    tempEntries: () => readdirSync(tempRoot),
    cleanup: async () => {
      fake.cleanup();
      await project.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
