/**
 * Sets up the fake `astro` for a test: a temp folder holding the state file and a bin folder
 * whose `astro` is a symlink to ./astro, plus the env that puts it first on PATH.
 *
 * The fake is a real executable spoken to over a real process boundary; see fake-astro-cli.mjs
 * for what it reproduces. The state file doubles as the "Astro server": tests read it to see what
 * the app changed, how often the deployment restarted, and every invocation the app made.
 */
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FakeVariable {
  readonly key: string;
  /** Secret values are stored too: the fake is the server, which knows them. */
  readonly value: string;
  readonly isSecret?: boolean;
  readonly updatedAt?: string | null;
}

export interface FakeDeploymentInput {
  readonly id: string;
  readonly name: string;
  readonly workspaceId: string;
  readonly variables?: readonly FakeVariable[];
  readonly description?: string;
  readonly namespace?: string;
  readonly type?: 'STANDARD' | 'DEDICATED' | 'HYBRID';
  readonly runtimeVersion?: string;
  readonly airflowVersion?: string;
  readonly status?: string;
  readonly updatedAt?: string;
  /** The cloud region the Deployment runs in (default us-east-1). */
  readonly region?: string;
  /** The role ARN Astro reports as the Deployment's workload identity (`inspect --show-workload-identity`). */
  readonly workloadIdentity?: string;
}

export interface FakeDeployment {
  id: string;
  name: string;
  workspaceId: string;
  description: string;
  namespace: string;
  clusterName: string;
  cloudProvider: string;
  region: string;
  runtimeVersion: string;
  airflowVersion: string;
  type: string;
  executor: string;
  status: string;
  isDagDeployEnabled: boolean;
  isCicdEnforced: boolean;
  isRemoteExecutionEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** How many update calls reached the deployment (each restarts it). */
  restarts: number;
  workloadIdentity: string | null;
  variables: { key: string; value: string; isSecret: boolean; updatedAt: string | null }[];
}

export interface FakeWorkspace {
  readonly id: string;
  readonly name: string;
  readonly organizationId?: string;
}

export interface FakeOrganization {
  readonly id: string;
  readonly name: string;
}

export type FakeExpiredLogin = 'waits-for-browser' | 'fails-at-eof';

/** A fault for the next `variable create/update` call (consumed by it). */
export type FakeFault =
  /** These keys are refused like empty values; the rest is applied, then exit 1 (a partial failure). */
  | { readonly kind: 'reject-keys'; readonly keys: readonly string[] }
  /** The update API call fails: nothing is applied. */
  | { readonly kind: 'api-error'; readonly message?: string }
  /** The CLI hangs right before the update call, after printing its per-variable messages. */
  | { readonly kind: 'hang' };

export interface FakeAstroOptions {
  readonly deployments?: readonly FakeDeploymentInput[];
  readonly workspaces?: readonly FakeWorkspace[];
  readonly organizations?: readonly FakeOrganization[];
  /** true: a working session; false: never logged in (no context); 'expired': the refresh fails and the login prompt appears. */
  readonly loggedIn?: boolean | 'expired';
  /**
   * What an expired session's login flow does after the prompt reads Enter or EOF:
   * 'waits-for-browser' (default) waits up to 300 s for a browser login no test completes;
   * 'fails-at-eof' gives up at EOF and the command fails at the API (`status 401`).
   */
  readonly expiredLogin?: FakeExpiredLogin;
  /** How an ASTRO_API_TOKEN is received: valid, malformed (false) or expired. */
  readonly apiTokenValid?: boolean | 'expired';
  /** The workspace a workspace-scoped token selects; organization tokens have none. */
  readonly tokenWorkspaceId?: string;
  readonly currentWorkspaceId?: string | null;
  readonly currentOrganizationId?: string | null;
  readonly failNextUpdate?: FakeFault;
  readonly version?: string;
  /** Prints the upgrade notice on stderr before commands. */
  readonly upgradeAvailable?: string;
  /** Extra strings that must never appear on argv (checked into `argvContainsSecret`). */
  readonly extraSecrets?: readonly string[];
}

export interface FakeCall {
  readonly seq: number;
  readonly argv: readonly string[];
  /** e.g. `deployment variable update`, or null if the argv did not parse. */
  readonly command: string | null;
  readonly cwd: string;
  /** Which of the auth/colour/telemetry env vars were set (names only). */
  readonly envNames: readonly string[];
  readonly astroHome: string | null;
  readonly telemetryDisabled: boolean;
  readonly clicolor: string | null;
  readonly stdin: 'pipe' | 'null-device' | 'file' | 'tty' | 'closed' | 'other';
  /** The fake process's id, to check that it was stopped. */
  readonly pid: number;
  /** What the process is blocked on right now: an interactive prompt's stdin read, or the browser login. */
  readonly waitingFor: 'stdin' | 'browser-login' | null;
  /** True if any argv element contained a secret variable value (or the API token). */
  readonly argvContainsSecret: boolean;
  /** True if any argv element contained a value from the --load file. */
  readonly argvContainsLoadedValue: boolean;
  /** Positional `KEY=VALUE` arguments (values on the command line). */
  readonly positionalValueCount: number;
  readonly loadFile: { readonly path: string; readonly mode: number | null; readonly dirMode: number | null } | null;
  /** Null while running, and for ever when the process was killed. */
  readonly exitCode: number | null;
}

export interface FakeAstroState {
  version: string;
  loggedIn: boolean | 'expired';
  expiredLogin: FakeExpiredLogin;
  apiTokenValid: boolean | 'expired';
  tokenWorkspaceId: string | null;
  currentWorkspaceId: string | null;
  currentOrganizationId: string | null;
  organizations: FakeOrganization[];
  workspaces: FakeWorkspace[];
  deployments: FakeDeployment[];
  failNextUpdate: FakeFault | null;
  upgradeAvailable: string | null;
  extraSecrets: string[];
  clock: string;
  calls: FakeCall[];
  telemetryNoticeShown: string[];
}

export interface FakeAstro {
  /** Put this first on PATH. It holds only `astro`. */
  readonly binDir: string;
  readonly binaryPath: string;
  readonly statePath: string;
  /** The temp folder holding everything; `default-home/` inside it stands in for the real ~. */
  readonly dir: string;
  readonly env: { readonly PATH: string; readonly FAKE_ASTRO_STATE: string };
  readState(): FakeAstroState;
  updateState(change: (state: FakeAstroState) => void): void;
  calls(): FakeCall[];
  deployment(id: string): FakeDeployment;
  cleanup(): void;
}

const fakeScript = fileURLToPath(new URL('./astro', import.meta.url));
const startClock = '2026-08-01T10:00:00Z';

export const defaultOrganization: FakeOrganization = { id: 'clorg0000000000000000001', name: 'Acme' };
export const defaultWorkspace: FakeWorkspace = { id: 'clws0000000000000000000001', name: 'Data Team', organizationId: defaultOrganization.id };

const SECRETS_MANAGER_BACKEND = 'airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend';
const environmentKwargs = (region: string): string => JSON.stringify({ connections_prefix: 'airflow/connections', variables_prefix: 'airflow/variables', region_name: region });

/**
 * A team's dev and prod Deployments, one per environment of the sandbox (dev in us-east-1, prod
 * in eu-west-1, like the sandbox's dev and prod accounts), as Astro holds them after someone set
 * the backend by hand with `astro deployment variable update`: dev's kwargs went in as a plain
 * variable (inspect shows the value), prod's with `--secret` (inspect shows `"value": null`).
 */
export const environmentDeployments = {
  dev: {
    id: 'clx1envdev00000000000000',
    name: 'airflow-dev',
    workspaceId: defaultWorkspace.id,
    region: 'us-east-1',
    variables: [
      { key: 'AIRFLOW__SECRETS__BACKEND', value: SECRETS_MANAGER_BACKEND },
      { key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: environmentKwargs('us-east-1') },
      { key: 'ENV_TYPE', value: 'dev' },
    ],
  },
  prod: {
    id: 'clx1envprod0000000000000',
    name: 'airflow-prod',
    workspaceId: defaultWorkspace.id,
    region: 'eu-west-1',
    variables: [
      { key: 'AIRFLOW__SECRETS__BACKEND', value: SECRETS_MANAGER_BACKEND },
      { key: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: environmentKwargs('eu-west-1'), isSecret: true },
      { key: 'ENV_TYPE', value: 'prod' },
    ],
  },
} as const satisfies Record<'dev' | 'prod', FakeDeploymentInput>;

function toDeployment(input: FakeDeploymentInput, index: number): FakeDeployment {
  return {
    id: input.id,
    name: input.name,
    workspaceId: input.workspaceId,
    description: input.description ?? '',
    namespace: input.namespace ?? `fake-namespace-${1000 + index}`,
    clusterName: '',
    cloudProvider: 'AWS',
    region: input.region ?? 'us-east-1',
    runtimeVersion: input.runtimeVersion ?? '3.1-12',
    airflowVersion: input.airflowVersion ?? '3.1.7',
    type: input.type ?? 'STANDARD',
    executor: 'ASTRO',
    status: input.status ?? 'HEALTHY',
    isDagDeployEnabled: true,
    isCicdEnforced: false,
    isRemoteExecutionEnabled: false,
    createdAt: '2026-07-01T09:00:00Z',
    updatedAt: input.updatedAt ?? startClock,
    restarts: 0,
    workloadIdentity: input.workloadIdentity ?? null,
    variables: (input.variables ?? []).map((v) => ({ key: v.key, value: v.value, isSecret: v.isSecret ?? false, updatedAt: v.updatedAt === undefined ? startClock : v.updatedAt })),
  };
}

export function createFakeAstro(options: FakeAstroOptions = {}): FakeAstro {
  const dir = mkdtempSync(join(tmpdir(), 'fake-astro-'));
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  chmodSync(fakeScript, 0o755);
  const binaryPath = join(binDir, 'astro');
  symlinkSync(fakeScript, binaryPath);

  const workspaces = [...(options.workspaces ?? [defaultWorkspace])];
  const organizations = [...(options.organizations ?? [defaultOrganization])];
  const state: FakeAstroState = {
    version: options.version ?? '1.45.0',
    loggedIn: options.loggedIn ?? true,
    expiredLogin: options.expiredLogin ?? 'waits-for-browser',
    apiTokenValid: options.apiTokenValid ?? true,
    tokenWorkspaceId: options.tokenWorkspaceId ?? null,
    currentWorkspaceId: options.currentWorkspaceId === undefined ? (workspaces[0]?.id ?? null) : options.currentWorkspaceId,
    currentOrganizationId: options.currentOrganizationId === undefined ? (organizations[0]?.id ?? null) : options.currentOrganizationId,
    organizations,
    workspaces,
    deployments: (options.deployments ?? []).map(toDeployment),
    failNextUpdate: options.failNextUpdate ?? null,
    upgradeAvailable: options.upgradeAvailable ?? null,
    extraSecrets: [...(options.extraSecrets ?? [])],
    clock: startClock,
    calls: [],
    telemetryNoticeShown: [],
  };
  const statePath = join(dir, 'state.json');
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);

  const readState = (): FakeAstroState => JSON.parse(readFileSync(statePath, 'utf8')) as FakeAstroState;
  return {
    binDir,
    binaryPath,
    statePath,
    dir,
    env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, FAKE_ASTRO_STATE: statePath },
    readState,
    updateState: (change) => {
      const current = readState();
      change(current);
      writeFileSync(statePath, `${JSON.stringify(current, null, 2)}\n`);
    },
    calls: () => readState().calls,
    deployment: (id) => {
      const found = readState().deployments.find((d) => d.id === id);
      if (found === undefined) throw new Error(`fake astro: no deployment ${id}`);
      return found;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
