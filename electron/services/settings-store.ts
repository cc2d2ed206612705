/**
 * Persisted settings through `conf` (the library electron-store is built on), in the app-data
 * folder, validated by the shared zod schema on every read and write.
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

const CONFIG_NAME = 'settings';

export function createSettingsStore(dataDir: string, log: Logger, now: () => Date = () => new Date()): SettingsStore {
  const file = path.join(dataDir, `${CONFIG_NAME}.json`);
  let recoveryNotice: string | null = null;

  const moveAside = (reason: string) => {
    const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(file)) renameSync(file, aside);
    recoveryNotice = `Your settings file could not be read (${reason}). It was kept as ${path.basename(aside)} and Airlock started with default settings.`;
    log.warn('settings file moved aside', { reason, aside });
  };

  const open = (): Conf<Settings> =>
    new Conf<Settings>({ cwd: dataDir, configName: CONFIG_NAME, projectName: 'airlock', defaults: defaultSettings, configFileMode: 0o600 });

  // Checked before conf opens the file, because conf rewrites it with its defaults merged in.
  const problem = inspectSettingsFile(file);
  if (problem !== null) moveAside(problem);
  const conf = open();

  return {
    get: () => settingsSchema.parse(conf.store),
    update(change) {
      const next = settingsSchema.parse(change(settingsSchema.parse(conf.store)));
      conf.store = next;
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
