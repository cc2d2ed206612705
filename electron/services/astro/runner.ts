/**
 * The Astro CLI runner: the only way the main process talks to `astro`.
 *
 * It resolves the binary to an absolute path and checks its version (once per binary), then runs
 * only the typed commands of commands.ts (no shell, stdin ignored, ids always passed), with the API
 * token only in the environment, and returns typed results or throws AppError. If the resolved
 * binary is gone when spawned (ENOENT: moved, uninstalled, reinstalled elsewhere), it searches
 * again and retries once; the process never started, so that is safe even for a write.
 *
 * An expired session makes the CLI start its interactive login flow inside any command and wait
 * for a browser; the run is stopped as soon as that prompt appears and answers NOT_LOGGED_IN.
 *
 * Environment: telemetry and colour are turned off; an inherited ASTRO_API_TOKEN is dropped so
 * that authentication is always an explicit choice (`apiToken`). With a token, ASTRO_HOME points
 * at an app-private folder, because the CLI writes the token into `$ASTRO_HOME/.astro/config.yaml`
 * and later runs without the variable would keep using it.
 *
 * cwd: the CLI also reads `.astro/config.yaml` from the cwd as a project config that overrides
 * the global one, so the cwd is never a folder someone else controls (like /tmp or a project):
 * it is ASTRO_HOME with a token (the same file as the global config) and the home folder without.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { AppError } from '../../../shared/errors';
import type { AstroCommand } from './commands';
import { assertAstroId, isAstroCommandKind, isWriteCommand, toArgv } from './commands';
import {
  classifyAstroFailure,
  cancelledError,
  partialFailureError,
  sessionExpiredError,
  spawnErrorCode,
  spawnFailure,
  timeoutError,
  unexpectedOutputError,
} from './errors';
import { defaultExtraDirs, findAstroBinary } from './find-binary';
import { assertLoadable, withLoadFile } from './load-file';
import type { LoadFileVariable } from './load-file';
import type { ParseResult } from './parse';
import {
  isLoginPromptLine,
  isVersionAtLeast,
  parseDeploymentList,
  parseInspect,
  parseOrganizationList,
  parseVariableCommandOutput,
  parseVariableList,
  parseVersion,
  parseWorkspaceList,
  reportsNoDeployments,
  stripAnsi,
} from './parse';
import { createRedactor } from './redact';
import type { OutputStream, SpawnImpl } from './spawn-cli';
import { runProcess } from './spawn-cli';
import type {
  AstroIdentity,
  AstroVersion,
  DeploymentInfo,
  DeploymentSummary,
  OrganizationSummary,
  UpdateVariablesResult,
  VariableTableRow,
  WorkspaceSummary,
} from './types';

/** JSON output for list commands (`--output json`) arrived in v1.42.0. */
export const minimumAstroVersion = { major: 1, minor: 42, patch: 0 } as const;

export interface AstroRunnerOptions {
  /** Absolute path to `astro`; without it, PATH (then a few usual install folders) is searched. */
  readonly binaryPath?: string;
  /** The environment the CLI inherits (PATH, HOME, proxies…). Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  readonly spawnImpl?: SpawnImpl;
  /** Timeout for read commands. Default 60 s. */
  readonly timeoutMs?: number;
  /** Timeout for variable writes (read, write, re-read: three API calls). Default 180 s. */
  readonly writeTimeoutMs?: number;
  /** App-private folder used as ASTRO_HOME whenever an API token is used. Required with `apiToken`. */
  readonly astroHome?: string;
  /** Called before each run; a non-empty result is passed as ASTRO_API_TOKEN. May wait (for a saved token to be read). */
  readonly apiToken?: () => string | undefined | Promise<string | undefined>;
  /** Overrides the cwd chosen above. */
  readonly cwd?: string;
  /** Where the private `--load` folders are created. Defaults to the OS temp folder. */
  readonly tempRoot?: string;
  /** Folders searched after PATH. Defaults to Homebrew and ~/.local/bin style folders. */
  readonly searchDirs?: readonly string[];
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Each output line as it arrives, ANSI stripped and with known secrets masked. */
  readonly onOutput?: (line: string, stream: OutputStream) => void;
  readonly timeoutMs?: number;
}

export interface UpdateVariablesRequest extends CallOptions {
  readonly deploymentId: string;
  readonly workspaceId: string;
  /** Upserted in one CLI call (one deployment restart). Every value must pass `loadFileProblem`. */
  readonly variables: readonly LoadFileVariable[];
  /** Applies to every variable of the call; the CLI can make a variable secret but never un-secret it. */
  readonly secret: boolean;
  /**
   * Keys whose values are masked in output even without `secret` (a variable that is already
   * secret on the Deployment keeps its flag in a plain call, and its value stays private).
   */
  readonly maskKeys?: readonly string[];
}

export interface AstroRunner {
  /** The absolute path of the `astro` being used (searched again after it was found gone). */
  resolveBinary(): Promise<string>;
  version(options?: CallOptions): Promise<AstroVersion>;
  whoAmI(options?: CallOptions): Promise<AstroIdentity>;
  listOrganizations(options?: CallOptions): Promise<OrganizationSummary[]>;
  listWorkspaces(options?: CallOptions): Promise<WorkspaceSummary[]>;
  /** Without a workspace id the CLI uses its current workspace (which API tokens often lack). */
  listDeployments(workspaceId?: string, options?: CallOptions): Promise<DeploymentSummary[]>;
  /** The best read path: structured variables with `is_secret` and `updated_at`. */
  inspectDeployment(deploymentId: string, workspaceId: string, options?: CallOptions): Promise<DeploymentInfo>;
  /** The `variable list` table. Advisory; prefer inspectDeployment. */
  listVariables(deploymentId: string, workspaceId: string, options?: CallOptions): Promise<VariableTableRow[]>;
  /** Upserts variables through a private `--load` file. Writes are serialised per runner. */
  updateVariables(request: UpdateVariablesRequest): Promise<UpdateVariablesResult>;
}

interface ExecuteOptions extends CallOptions {
  /** Strings to mask in streamed output and errors, besides the token. */
  readonly secrets?: readonly string[];
  readonly requestedKeys?: readonly string[];
}

interface ExecuteResult {
  readonly stdout: string;
  readonly stderr: string;
}

interface Cached<T> {
  (): Promise<T>;
  /** Drops the cached result: the next call loads afresh. */
  forget(): void;
}

/** Caches a successful async result; a failure is not cached, so the next call tries again. */
function once<T>(load: () => Promise<T>): Cached<T> {
  let pending: Promise<T> | null = null;
  const get = (): Promise<T> => {
    if (pending === null) {
      const attempt: Promise<T> = load().catch((error: unknown) => {
        if (pending === attempt) pending = null;
        throw error;
      });
      pending = attempt;
    }
    return pending;
  };
  const forget = (): void => {
    pending = null;
  };
  return Object.assign(get, { forget });
}

/** The resolved binary was not there when spawned (ENOENT). Caught inside the runner, never thrown out of it. */
class BinaryGone extends Error {
  constructor(
    readonly binaryPath: string,
    readonly spawnError: unknown,
  ) {
    super(`The Astro CLI is no longer at ${binaryPath}.`);
    this.name = 'BinaryGone';
  }
}

function valueOf<T>(command: AstroCommand, result: ParseResult<T>): T {
  if (!result.ok) throw unexpectedOutputError(command, result.problem);
  return result.value;
}

export function createAstroRunner(options: AstroRunnerOptions = {}): AstroRunner {
  if (options.apiToken !== undefined && options.astroHome === undefined) {
    throw new AppError('INTERNAL', 'The Astro runner needs a private ASTRO_HOME folder when an API token is configured. This is a bug in Airlock.');
  }
  const baseEnv = options.env ?? process.env;
  const readTimeoutMs = options.timeoutMs ?? 60_000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 180_000;

  const resolveBinary = once(() =>
    findAstroBinary({
      binaryPath: options.binaryPath,
      pathVariable: baseEnv.PATH ?? '',
      extraDirs: options.searchDirs ?? defaultExtraDirs(process.platform, baseEnv.HOME),
    }),
  );

  const prepareAstroHome = once(async () => {
    if (options.astroHome !== undefined) await mkdir(options.astroHome, { recursive: true, mode: 0o700 });
  });

  const currentToken = async (): Promise<string | undefined> => {
    const token = await options.apiToken?.();
    return token === undefined || token.trim() === '' ? undefined : token.trim();
  };

  const environmentFor = (token: string | undefined): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...baseEnv };
    delete env.ASTRO_API_TOKEN;
    delete env.CLICOLOR_FORCE;
    env.ASTRO_TELEMETRY_DISABLED = '1';
    env.CLICOLOR = '0';
    if (token !== undefined && options.astroHome !== undefined) {
      env.ASTRO_API_TOKEN = token;
      env.ASTRO_HOME = options.astroHome;
      // The legacy key pair would compete with the token.
      delete env.ASTRONOMER_KEY_ID;
      delete env.ASTRONOMER_KEY_SECRET;
    }
    return env;
  };

  const cwdFor = (token: string | undefined): string => {
    if (options.cwd !== undefined) return options.cwd;
    if (token !== undefined && options.astroHome !== undefined) return options.astroHome;
    return baseEnv.HOME ?? homedir();
  };

  /** Runs one command on one binary. Throws BinaryGone when that binary is not there. */
  const runOn = async (binaryPath: string, command: AstroCommand, call: ExecuteOptions): Promise<ExecuteResult> => {
    // The union type is the allowlist; this guards callers that bypass the type checker.
    if (!isAstroCommandKind(command.kind)) throw new AppError('INTERNAL', 'Airlock tried to run an Astro CLI command it does not allow. This is a bug in Airlock.');
    const argv = toArgv(command);
    if (call.signal?.aborted === true) throw cancelledError(command);
    const token = await currentToken();
    if (token !== undefined) await prepareAstroHome();
    const redact = createRedactor([token, ...(call.secrets ?? [])]);
    const timeoutMs = call.timeoutMs ?? (isWriteCommand(command) ? writeTimeoutMs : readTimeoutMs);
    const onOutput = call.onOutput;

    const outcome = await runProcess({
      binaryPath,
      argv,
      env: environmentFor(token),
      cwd: cwdFor(token),
      timeoutMs,
      signal: call.signal,
      onLine: onOutput === undefined ? undefined : (line, stream) => onOutput(redact(stripAnsi(line)), stream),
      spawnImpl: options.spawnImpl,
      // The login flow waits for stdin and then a browser (minutes): stop it at its first line.
      stopOnStdoutLine: isLoginPromptLine,
    });

    switch (outcome.kind) {
      case 'spawn-error':
        if (spawnErrorCode(outcome.error) === 'ENOENT') throw new BinaryGone(binaryPath, outcome.error);
        throw spawnFailure(outcome.error, binaryPath);
      case 'timeout':
        throw timeoutError(command, timeoutMs);
      case 'cancelled':
        throw cancelledError(command);
      case 'stopped-on-output':
        throw sessionExpiredError();
      case 'output-too-large':
        throw new AppError('INTERNAL', 'The Astro CLI printed far more output than expected and was stopped. Update the Astro CLI and try again.');
      case 'exited':
        if (outcome.exitCode !== 0) {
          throw classifyAstroFailure({
            command,
            exitCode: outcome.exitCode,
            signal: outcome.signal,
            stdout: outcome.stdout,
            stderr: outcome.stderr,
            redact,
            requestedKeys: call.requestedKeys,
          });
        }
        return { stdout: outcome.stdout, stderr: outcome.stderr };
      default: {
        const unexpected: never = outcome;
        throw new AppError('INTERNAL', `Unexpected process outcome ${JSON.stringify(unexpected)}.`);
      }
    }
  };

  /**
   * Runs `task` with the resolved binary. If that binary is gone, searches again (a configured
   * path is just checked again, and is reported missing if it still is) and retries once.
   */
  const withBinary = async <T>(task: (binaryPath: string) => Promise<T>): Promise<T> => {
    try {
      return await task(await resolveBinary());
    } catch (error) {
      if (!(error instanceof BinaryGone)) throw error;
    }
    resolveBinary.forget();
    try {
      return await task(await resolveBinary());
    } catch (error) {
      if (!(error instanceof BinaryGone)) throw error;
      resolveBinary.forget();
      throw spawnFailure(error.spawnError, error.binaryPath);
    }
  };

  const versionOf = async (binaryPath: string, call: CallOptions): Promise<AstroVersion> => {
    const command: AstroCommand = { kind: 'version' };
    const { stdout } = await runOn(binaryPath, command, call);
    return valueOf(command, parseVersion(stdout));
  };

  const version = (call: CallOptions = {}): Promise<AstroVersion> => withBinary((binaryPath) => versionOf(binaryPath, call));

  const checkSupported = async (binaryPath: string): Promise<AstroVersion> => {
    const found = await versionOf(binaryPath, {});
    if (!isVersionAtLeast(found, minimumAstroVersion)) {
      const { major, minor, patch } = minimumAstroVersion;
      throw new AppError(
        'TOOL_MISSING',
        `Astro CLI ${found.raw} is too old: Airlock needs ${major}.${minor}.${patch} or newer. Update it (for example \`brew upgrade astro\`) and try again.`,
        { details: { found: found.raw, required: `${major}.${minor}.${patch}` } },
      );
    }
    return found;
  };

  // The version gate is passed once per binary: a binary found by a new search is checked afresh.
  let gate: { readonly binaryPath: string; readonly check: Promise<AstroVersion> } | null = null;
  const ensureSupported = (binaryPath: string): Promise<AstroVersion> => {
    if (gate !== null && gate.binaryPath === binaryPath) return gate.check;
    const check = checkSupported(binaryPath);
    gate = { binaryPath, check };
    // A failed check is not kept, so the next call checks again.
    void check.catch(() => {
      if (gate?.check === check) gate = null;
    });
    return check;
  };

  const execute = async (command: AstroCommand, call: ExecuteOptions): Promise<ExecuteResult> => {
    if (call.signal?.aborted === true) throw cancelledError(command);
    return withBinary(async (binaryPath) => {
      await ensureSupported(binaryPath);
      return runOn(binaryPath, command, call);
    });
  };

  const listOrganizations = async (call: CallOptions = {}) => {
    const command: AstroCommand = { kind: 'organization-list' };
    return valueOf(command, parseOrganizationList((await execute(command, call)).stdout));
  };

  const listWorkspaces = async (call: CallOptions = {}) => {
    const command: AstroCommand = { kind: 'workspace-list' };
    return valueOf(command, parseWorkspaceList((await execute(command, call)).stdout));
  };

  // Two writes to one deployment must never overlap: each is a read-modify-write of the whole list.
  let writeChain: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writeChain.then(task, task);
    writeChain = next.catch(() => undefined);
    return next;
  };

  return {
    resolveBinary,
    version: async (call) => {
      // Also proves the binary runs; the version gate is not applied so an old CLI can be reported.
      return version(call);
    },
    whoAmI: async (call = {}) => {
      const organizations = await listOrganizations(call);
      const workspaces = await listWorkspaces(call);
      const singleOrg = organizations.length === 1 ? (organizations[0] ?? null) : null;
      return {
        authMethod: (await currentToken()) === undefined ? 'session' : 'api-token',
        organization: organizations.find((org) => org.isCurrent) ?? singleOrg,
        workspace: workspaces.find((ws) => ws.isCurrent) ?? null,
        workspaces,
      };
    },
    listOrganizations,
    listWorkspaces,
    listDeployments: async (workspaceId, call = {}) => {
      const command: AstroCommand = workspaceId === undefined ? { kind: 'deployment-list' } : { kind: 'deployment-list', workspaceId };
      return valueOf(command, parseDeploymentList((await execute(command, call)).stdout));
    },
    inspectDeployment: async (deploymentId, workspaceId, call = {}) => {
      const command: AstroCommand = { kind: 'deployment-inspect', deploymentId, workspaceId };
      const { stdout } = await execute(command, call);
      if (reportsNoDeployments(stdout)) {
        throw new AppError('NOT_FOUND', 'The selected Astro workspace has no deployments. Refresh the deployment list and pick another workspace or deployment.');
      }
      const info = valueOf(command, parseInspect(stdout));
      if (info.id !== deploymentId) throw unexpectedOutputError(command, 'it described a different deployment');
      return info;
    },
    listVariables: async (deploymentId, workspaceId, call = {}) => {
      const command: AstroCommand = { kind: 'variable-list', deploymentId, workspaceId };
      return valueOf(command, parseVariableList((await execute(command, call)).stdout));
    },
    updateVariables: async (request) => {
      assertAstroId('deployment id', request.deploymentId);
      assertAstroId('workspace id', request.workspaceId);
      assertLoadable(request.variables);
      const keys = request.variables.map((variable) => variable.key);
      // Plain variables are visible in the Astro UI anyway; secret values are masked in all output.
      const secrets = request.variables.filter((variable) => request.secret || request.maskKeys?.includes(variable.key) === true).map((variable) => variable.value);
      return serialised(() =>
        withLoadFile(
          request.variables,
          async (envFile) => {
            const command: AstroCommand = {
              kind: 'variable-update',
              deploymentId: request.deploymentId,
              workspaceId: request.workspaceId,
              envFile,
              secret: request.secret,
            };
            const { stdout } = await execute(command, {
              secrets,
              requestedKeys: keys,
              signal: request.signal,
              onOutput: request.onOutput,
              timeoutMs: request.timeoutMs,
            });
            const report = parseVariableCommandOutput(stdout);
            // Exit 0 means every valid line was applied. If the CLI's messages were readable but
            // leave a key unaccounted for, say so rather than claim success; if none were readable
            // (a future wording), trust the exit code.
            if (report.outcomes.length === 0) return { applied: keys, report };
            const applied = report.outcomes.filter((o) => o.outcome === 'added' || o.outcome === 'updated').map((o) => o.key);
            if (keys.some((key) => !applied.includes(key))) throw partialFailureError(stdout, keys);
            return { applied, report };
          },
          { tempRoot: options.tempRoot },
        ),
      );
    },
  };
}
