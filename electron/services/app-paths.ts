/**
 * Where Airlock keeps its own files (settings, the sandbox's data, encrypted keys).
 *
 * Browser mode uses the same folder Electron's `app.getPath('userData')` gives for the product
 * name "Airlock", so both modes share one settings file. `AIRLOCK_HOME` overrides it (tests).
 */
import os from 'node:os';
import path from 'node:path';

export interface DataDirInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  /** Electron's userData path, when running under Electron. */
  readonly electronUserData?: string;
}

export function resolveDataDir(input: DataDirInput): string {
  const override = input.env.AIRLOCK_HOME;
  if (override !== undefined && override.trim() !== '') return path.resolve(override);
  if (input.electronUserData !== undefined) return input.electronUserData;
  switch (input.platform) {
    case 'darwin':
      return path.join(input.homeDir, 'Library', 'Application Support', 'Airlock');
    case 'win32':
      return path.join(input.env.APPDATA ?? path.join(input.homeDir, 'AppData', 'Roaming'), 'Airlock');
    default:
      return path.join(input.env.XDG_CONFIG_HOME ?? path.join(input.homeDir, '.config'), 'Airlock');
  }
}

export function defaultDataDir(electronUserData?: string): string {
  return resolveDataDir({
    env: process.env,
    platform: process.platform,
    homeDir: os.homedir(),
    ...(electronUserData === undefined ? {} : { electronUserData }),
  });
}
