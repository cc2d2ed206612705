/**
 * Locates the `astro` executable once and pins it to an absolute path, so every later spawn runs
 * the same file no matter how PATH or the cwd change.
 *
 * GUI apps on macOS start with a minimal PATH (no Homebrew), so a few well-known install
 * directories are searched after PATH.
 */
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { astroInstallHint, toolMissingError } from './errors';

export interface FindBinaryOptions {
  /** A configured path; must be absolute. When set, PATH is not searched. */
  readonly binaryPath?: string;
  /** The PATH to search. */
  readonly pathVariable?: string;
  /** Searched after PATH. */
  readonly extraDirs?: readonly string[];
  readonly platform?: NodeJS.Platform;
}

export function defaultExtraDirs(platform: NodeJS.Platform, home: string | undefined): string[] {
  if (platform === 'win32') return [];
  const dirs = ['/opt/homebrew/bin', '/usr/local/bin'];
  if (home !== undefined && home !== '') dirs.push(join(home, '.local', 'bin'), join(home, 'bin'));
  return dirs;
}

async function isExecutableFile(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    if (platform !== 'win32') await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findAstroBinary(options: FindBinaryOptions): Promise<string> {
  const platform = options.platform ?? process.platform;
  if (options.binaryPath !== undefined) {
    if (!isAbsolute(options.binaryPath)) {
      throw new AppError('INVALID_INPUT', 'The Astro CLI location must be a full path (for example /usr/local/bin/astro). Fix it in Settings.');
    }
    if (!(await isExecutableFile(options.binaryPath, platform))) {
      throw new AppError('TOOL_MISSING', `No runnable Astro CLI was found at ${options.binaryPath}. ${astroInstallHint}, or fix its location in Settings.`);
    }
    return options.binaryPath;
  }
  // Only real executables: a .cmd shim would need a shell, and Airlock never spawns through one.
  const names = platform === 'win32' ? ['astro.exe'] : ['astro'];
  // Relative PATH entries would make the result depend on the cwd; they are skipped.
  const dirs = [...(options.pathVariable ?? '').split(delimiter), ...(options.extraDirs ?? [])].filter((dir) => dir !== '' && isAbsolute(dir));
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  throw toolMissingError('on your PATH');
}
