/**
 * Persisted settings, in the app-data folder, validated by the shared zod schema on every read and
 * write. The file itself is opened through `conf` (browser mode, tests) or `electron-store`, which
 * is built on conf (the desktop app: electron/electron-settings-file.ts); both fill `SettingsFile`,
 * so this service never imports Electron.
 *
 * A corrupt or invalid file is never silently discarded: it is moved aside next to the original
 * (`settings.json.corrupt-<time>`) and the app starts from defaults with a notice.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings';
import type { Logger } from './log';

export interface SettingsStore {
  get(): Settings;
  update(change: (current: Settings) => Settings): Settings;
  /** Set when the file on disk was unreadable and was moved aside at startup. */
  readonly recoveryNotice: string | null;
}

/** The open settings file, as conf and electron-store both give it: the whole object, read and replaced at once. */
export interface SettingsFile {
  store: Settings;
}

export interface SettingsFileOptions {
  /** The folder (absolute): the file is `<cwd>/<name>.json`. */
  readonly cwd: string;
  readonly name: string;
  readonly defaults: Settings;
  readonly configFileMode: number;
}

/** Opens the file, creating it with the defaults when it is missing. */
export type OpenSettingsFile = (options: SettingsFileOptions) => SettingsFile;

export const openConfSettingsFile: OpenSettingsFile = ({ cwd, name, defaults, configFileMode }) =>
  new Conf<Settings>({ cwd, configName: name, projectName: 'airlock', defaults, configFileMode });

export interface SettingsStoreOptions {
  readonly now?: () => Date;
  /** conf unless the entry point hands another (the desktop app: electron-store). */
  readonly openFile?: OpenSettingsFile;
}

const CONFIG_NAME = 'settings';

export function createSettingsStore(dataDir: string, log: Logger, options: SettingsStoreOptions = {}): SettingsStore {
  const now = options.now ?? (() => new Date());
  const openFile = options.openFile ?? openConfSettingsFile;
  const file = path.join(dataDir, `${CONFIG_NAME}.json`);
  let recoveryNotice: string | null = null;

  const moveAside = (reason: string) => {
    const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(file)) renameSync(file, aside);
    recoveryNotice = `Your settings file could not be read (${reason}). It was kept as ${path.basename(aside)} and Airlock started with default settings.`;
    log.warn('settings file moved aside', { reason, aside });
  };

  // Checked before the file is opened, because conf (and so electron-store) rewrites it with its defaults merged in.
  const problem = inspectSettingsFile(file);
  if (problem !== null) moveAside(problem);
  const opened = openFile({ cwd: dataDir, name: CONFIG_NAME, defaults: defaultSettings, configFileMode: 0o600 });

  return {
    get: () => settingsSchema.parse(opened.store),
    update(change) {
      const next = settingsSchema.parse(change(settingsSchema.parse(opened.store)));
      opened.store = next;
      return next;
    },
    get recoveryNotice() {
      return recoveryNotice;
    },
  };
}

/** Why the file on disk cannot be used as it is, or null when it is fine or absent. */
function inspectSettingsFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  return settingsSchema.safeParse(value).success ? null : 'it does not match the expected format';
}
