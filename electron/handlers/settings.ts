import type { DomainHandlers } from '../dispatch';
import type { SettingsStore } from '../services/settings-store';

export function createSettingsHandlers(deps: { settings: SettingsStore }): DomainHandlers<'settings'> {
  return {
    'settings.get': () => Promise.resolve(deps.settings.get()),
    'settings.update': (patch) =>
      Promise.resolve(
        deps.settings.update((current) => ({
          ...current,
          ...(patch.productionMarks === undefined ? {} : { productionMarks: patch.productionMarks }),
          ...(patch.astroPath === undefined ? {} : { astroPath: patch.astroPath }),
        })),
      ),
  };
}
