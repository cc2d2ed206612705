/**
 * The app's one astro CLI runner, built from the settings (the binary path), the token store and
 * an app-private ASTRO_HOME. The runner is rebuilt when the path setting changes and whenever
 * the path is set again (even to the same value: "Use PATH" means "search again"), so the binary
 * is searched and version-checked afresh. The runner itself searches again when its binary is
 * gone at spawn time.
 *
 * A token saved in an earlier run is read once, on first use: every CLI run, status and token
 * change waits for that read here, so no caller has to remember to.
 */
import { isAbsolute } from 'node:path';
import type { AstroStatus, AstroTokenState } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { defaultExtraDirs, findAstroBinary, isVersionAtLeast, createAstroRunner, minimumAstroVersion, type AstroRunner, type AstroRunnerOptions } from '../astro';
import type { SettingsStore } from '../settings-store';
import { privateAstroHome, type AstroTokenStore } from './token-store';

export interface AstroAccess {
  /** The runner for the current settings; each run uses the saved token once it has been read. */
  runner(): AstroRunner;
  status(signal?: AbortSignal): Promise<AstroStatus>;
  /** Sets (after checking it runs) or clears the binary path in the settings, and searches again. */
  setPath(path: string | null): Promise<AstroStatus>;
  /** Keeps the Astro API token the CLI runs with (persisted only through the OS keyring). */
  setToken(token: string): Promise<AstroTokenState>;
  /** Forgets the token, its saved file and the copy the CLI keeps. */
  clearToken(): Promise<AstroTokenState>;
}

export interface AstroAccessDeps {
  readonly settings: Pick<SettingsStore, 'get' | 'update'>;
  readonly tokens: AstroTokenStore;
  /** Airlock's data folder: ASTRO_HOME is `<dataDir>/astro-home` when a token is used. */
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Test seams: folders searched after PATH, the temp root for `--load` files, timeouts. */
  readonly runnerOptions?: Pick<AstroRunnerOptions, 'searchDirs' | 'tempRoot' | 'timeoutMs' | 'writeTimeoutMs' | 'spawnImpl'>;
}

const minimum = `${minimumAstroVersion.major}.${minimumAstroVersion.minor}.${minimumAstroVersion.patch}`;

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', 'The Astro CLI could not be checked. Try again.');
}

export function createAstroAccess(deps: AstroAccessDeps): AstroAccess {
  const env: NodeJS.ProcessEnv = { ...(deps.env ?? process.env) };
  const astroHome = privateAstroHome(deps.dataDir);
  let built: { path: string | null; runner: AstroRunner } | null = null;
  let loading: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    loading ??= deps.tokens.load();
    return loading;
  };

  const runner = (): AstroRunner => {
    const configured = deps.settings.get().astroPath;
    if (built?.path !== configured) {
      built = {
        path: configured,
        runner: createAstroRunner({
          ...(configured === null ? {} : { binaryPath: configured }),
          env,
          astroHome,
          apiToken: async () => {
            await ready();
            return deps.tokens.get();
          },
          ...deps.runnerOptions,
        }),
      };
    }
    return built.runner;
  };

  const status = async (signal?: AbortSignal): Promise<AstroStatus> => {
    await ready();
    const current = runner();
    const base = { configuredPath: deps.settings.get().astroPath, token: deps.tokens.state() };
    let path: string;
    let version;
    try {
      // Version first: running it searches again if the binary found before is gone.
      version = await current.version({ signal });
      path = await current.resolveBinary();
    } catch (error) {
      return { ...base, binary: { found: false, error: asAppError(error).toApiError() }, auth: null };
    }
    const supported = isVersionAtLeast(version, minimumAstroVersion);
    const binary = { found: true as const, path, version: version.raw, supported, minimumVersion: minimum };
    if (!supported) return { ...base, binary, auth: null };
    try {
      const who = await current.whoAmI({ signal });
      return {
        ...base,
        binary,
        auth: {
          loggedIn: true,
          method: who.authMethod,
          organization: who.organization === null ? null : { id: who.organization.id, name: who.organization.name },
          workspace: who.workspace === null ? null : { id: who.workspace.id, name: who.workspace.name },
        },
      };
    } catch (error) {
      return { ...base, binary, auth: { loggedIn: false, error: asAppError(error).toApiError() } };
    }
  };

  return {
    runner,
    status,
    async setPath(path) {
      if (path !== null) {
        const trimmed = path.trim();
        if (!isAbsolute(trimmed)) throw new AppError('INVALID_INPUT', 'The Astro CLI location must be a full path, for example /usr/local/bin/astro.', { details: { field: 'path' } });
        // Checked before saving, so a typo never replaces a working setting.
        await findAstroBinary({ binaryPath: trimmed, pathVariable: env.PATH ?? '', extraDirs: deps.runnerOptions?.searchDirs ?? defaultExtraDirs(process.platform, env.HOME) });
        deps.settings.update((settings) => ({ ...settings, astroPath: trimmed }));
      } else {
        deps.settings.update((settings) => ({ ...settings, astroPath: null }));
      }
      // A fresh runner: nothing found by an earlier search stays pinned.
      built = null;
      return status();
    },
    async setToken(token) {
      await ready();
      return deps.tokens.set(token);
    },
    async clearToken() {
      await ready();
      return deps.tokens.clear();
    },
  };
}
