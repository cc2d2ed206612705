/**
 * Decides whether writes under a profile need the production confirmation. Pure: the marks are
 * the user's settings (owned by the app), the account id comes from GetCallerIdentity.
 */
import type { ProductionMarks } from '../../../shared/settings';

/** The marks are the settings' own type: profile names and account ids the user marked as production. */
export type { ProductionMarks };

export type ProductionVerdict =
  | { readonly production: false }
  | { readonly production: true; readonly markedBy: 'profile' | 'account' | 'both' };

/** Account ids are 12 digits; users paste them as `1234-5678-9012` or with spaces. */
export function normalizeAccountId(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function productionVerdict(profileName: string, accountId: string | null, marks: ProductionMarks): ProductionVerdict {
  const byProfile = marks.profiles.includes(profileName);
  const account = accountId === null ? null : normalizeAccountId(accountId);
  const byAccount = account !== null && account !== '' && marks.accounts.some((marked) => normalizeAccountId(marked) === account);
  if (byProfile && byAccount) return { production: true, markedBy: 'both' };
  if (byProfile) return { production: true, markedBy: 'profile' };
  if (byAccount) return { production: true, markedBy: 'account' };
  return { production: false };
}

export function isProductionProfile(profileName: string, accountId: string | null, marks: ProductionMarks): boolean {
  return productionVerdict(profileName, accountId, marks).production;
}
