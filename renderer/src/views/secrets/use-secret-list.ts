/**
 * The Secrets list as the view shows it: searched, sorted and cut into sections, off the input
 * path. The search box and the sort arrows update at once; the list follows in a deferred render
 * that React interrupts when the user types again, so a keystroke never waits on 10,000 rows.
 * Rows are not deferred: they are not typed, a page or a write costs only its own rows (merged
 * into the order), and deferring them would hold back the first rows and a write's row, which a
 * busy machine showed (seconds late in the renderer tests).
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { SecretSummary } from '../../../../shared/api';
import { createSecretListModel, indexForSearch, type ListView, type SortState } from './secret-list-model';

export type SecretListView = ListView<SecretSummary>;

/** Runs `work` when the window is idle (soon at the latest); returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 0);
  return () => clearTimeout(id);
}

export function useSecretList(rows: readonly SecretSummary[], search: string, sort: SortState): SecretListView {
  const [model] = useState(createSecretListModel);
  const deferredSearch = useDeferredValue(search);
  const deferredSort = useDeferredValue(sort);
  // The search index is built after the rows are shown, in idle slices: the first rows never wait for it.
  useEffect(() => indexForSearch(rows, whenIdle), [rows]);
  return useMemo(() => model.view(rows, deferredSort, deferredSearch), [model, rows, deferredSort, deferredSearch]);
}
