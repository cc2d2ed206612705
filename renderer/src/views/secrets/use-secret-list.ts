/**
 * The Secrets list as the view shows it: searched, sorted and cut into sections, off the input
 * path. The search box and the sort arrows update at once; the list follows in a deferred render
 * that React interrupts when the user types again, so a keystroke never waits on 10,000 rows.
 * Rows arriving in pages simply grow the array; each page costs only its own rows.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { SecretSummary } from '../../../../shared/api';
import { createSecretListModel, type ListView, type SortState } from './secret-list-model';

export type SecretListView = ListView<SecretSummary>;

export function useSecretList(rows: readonly SecretSummary[], search: string, sort: SortState): SecretListView {
  const [model] = useState(createSecretListModel);
  const deferredRows = useDeferredValue(rows);
  const deferredSearch = useDeferredValue(search);
  const deferredSort = useDeferredValue(sort);
  return useMemo(() => model.view(deferredRows, deferredSort, deferredSearch), [model, deferredRows, deferredSort, deferredSearch]);
}
