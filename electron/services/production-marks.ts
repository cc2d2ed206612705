/**
 * The user's production marks (profiles and AWS account ids), kept in the settings. The session
 * reads them for the production guard; this service is how the UI changes them.
 */
import type { ProductionMarksView } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { normalizeAccountId } from './aws';
import type { SettingsStore } from './settings-store';

export interface ProductionChange {
  readonly profile?: string;
  readonly account?: string;
  readonly production: boolean;
}

export interface ProductionMarksStore {
  view(): ProductionMarksView;
  /** Marks or unmarks one profile or one account (`1234-5678-9012` and `1234 5678 9012` are accepted). */
  set(change: ProductionChange): ProductionMarksView;
}

export function createProductionMarksStore(settings: Pick<SettingsStore, 'get' | 'update'>): ProductionMarksStore {
  const updateMarks = (change: (marks: ProductionMarksView) => ProductionMarksView): ProductionMarksView =>
    settings.update((saved) => {
      const next = change(saved.productionMarks);
      return { ...saved, productionMarks: { profiles: [...new Set(next.profiles)], accounts: [...new Set(next.accounts)] } };
    }).productionMarks;

  return {
    view: () => settings.get().productionMarks,
    set(change) {
      if (change.account !== undefined) {
        const account = normalizeAccountId(change.account);
        if (!/^\d{12}$/.test(account)) throw new AppError('INVALID_INPUT', 'An AWS account id is 12 digits, like 123456789012.', { details: { field: 'account' } });
        return updateMarks((marks) => ({
          ...marks,
          accounts: change.production ? [...marks.accounts, account] : marks.accounts.filter((marked) => normalizeAccountId(marked) !== account),
        }));
      }
      const profile = change.profile;
      if (profile === undefined) throw new AppError('INVALID_INPUT', 'Name a profile or an account id to mark.');
      return updateMarks((marks) => ({
        ...marks,
        profiles: change.production ? [...marks.profiles, profile] : marks.profiles.filter((marked) => marked !== profile),
      }));
    },
  };
}
