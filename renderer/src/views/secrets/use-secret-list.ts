/**
 * The Secrets list as the view shows it: searched, sorted and cut into sections. A keystroke
 * filters in the same render as the search box, so the list paints in the keystroke's frame:
 * the search reads a precomputed index and narrows the previous matches as the needle grows
 * (the bench measured 13 ms of main-thread work at most per keystroke at 9,500 rows; deferring it
 * cost one more frame, 35 ms median keydown to paint against 15 ms now). Sorting a whole list is
 * dearer, so the sort arrows update at once and the list follows in a deferred render.
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
  const deferredSort = useDeferredValue(sort);
  // The search index is built after the rows are shown, in idle slices: the first rows never wait for it.
  useEffect(() => indexForSearch(rows, whenIdle), [rows]);
  return useMemo(() => model.view(rows, deferredSort, search), [model, rows, deferredSort, search]);
}
