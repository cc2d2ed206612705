/**
 * The Secrets list as the view shows it: searched, sorted and cut into sections, off the input
 * path. The search box and the sort arrows update at once; the list follows in a deferred render
 * that React interrupts when the user types again, so a keystroke never waits on 10,000 rows.
 * Rows are not deferred: they are not typed, a page or a write costs only its own rows (merged
 * into the order), and deferring them would hold back the first rows and a write's row, which a
 * busy machine showed (seconds late in the renderer tests).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { SecretSummary } from '../../../../shared/api';
import { createSecretListModel, type ListView, type SortState } from './secret-list-model';

export type SecretListView = ListView<SecretSummary>;

export function useSecretList(rows: readonly SecretSummary[], search: string, sort: SortState): SecretListView {
  const [model] = useState(createSecretListModel);
  const deferredSearch = useDeferredValue(search);
  const deferredSort = useDeferredValue(sort);
  return useMemo(() => model.view(rows, deferredSort, deferredSearch), [model, rows, deferredSort, deferredSearch]);
}
