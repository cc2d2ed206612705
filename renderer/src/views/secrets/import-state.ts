/**
 * The import wizard's state machine (ImportDialog), without React: the file chosen, the options,
 * and the step the wizard is in: nothing previewed yet, previewing, previewed (with the last run's
 * result), or running. Each change is an action named for what happened; the reducer is pure, so
 * the wizard's rules can be tested without a DOM. A call's answer counts only in the step that made
 * the call: once the user chose another file, the previous file's preview or result is not shown.
 */
import type { ImportPreview, ImportRunResult, ImportSource, TaskProgress } from '../../../../shared/api';
import { assertNever } from '../../../../shared/assert';
import type { ImportFormat } from '../../../../shared/imports';
import { plural } from '../../../../shared/plural';
import type { StorageFormat } from '../../../../shared/secrets';
import { toggled } from '../../../../shared/sets';

export type ImportPolicy = 'skip' | 'overwrite';

export type ImportStep =
  | { readonly name: 'unpreviewed' }
  /** The preview shown meanwhile (null the first time) stays until the new one arrives. */
  | { readonly name: 'previewing'; readonly shown: ImportPreview | null }
  | { readonly name: 'previewed'; readonly preview: ImportPreview; readonly result: ImportRunResult | null }
  | { readonly name: 'running'; readonly preview: ImportPreview; readonly result: ImportRunResult | null; readonly dryRun: boolean };

export interface ImportState {
  readonly source: { readonly input: ImportSource; readonly label: string } | null;
  readonly pasting: boolean;
  readonly format: ImportFormat | 'auto';
  readonly storage: StorageFormat;
  readonly policy: ImportPolicy;
  readonly step: ImportStep;
  /** The last call's failure (a pick, a preview or a run), until the next call. */
  readonly failure: unknown;
  /** The items whose diff is open. */
  readonly expanded: ReadonlySet<string>;
  /** The running call's progress. */
  readonly progress: TaskProgress | null;
}

export type ImportAction =
  | { readonly type: 'sourceChosen'; readonly input: ImportSource; readonly label: string }
  | { readonly type: 'pasteToggled' }
  | { readonly type: 'formatChosen'; readonly format: ImportFormat | 'auto' }
  | { readonly type: 'storageChosen'; readonly storage: StorageFormat }
  | { readonly type: 'policyChosen'; readonly policy: ImportPolicy }
  | { readonly type: 'diffToggled'; readonly key: string }
  | { readonly type: 'filePickStarted' }
  | { readonly type: 'filePickFailed'; readonly error: unknown }
  | { readonly type: 'previewStarted' }
  | { readonly type: 'previewArrived'; readonly preview: ImportPreview }
  | { readonly type: 'previewFailed'; readonly error: unknown }
  | { readonly type: 'runStarted'; readonly dryRun: boolean }
  | { readonly type: 'runFinished'; readonly result: ImportRunResult }
  | { readonly type: 'runFailed'; readonly error: unknown }
  | { readonly type: 'progressReported'; readonly progress: TaskProgress };

export const initialImportState: ImportState = {
  source: null,
  pasting: false,
  format: 'auto',
  storage: 'json',
  policy: 'skip',
  step: { name: 'unpreviewed' },
  failure: null,
  expanded: new Set(),
  progress: null,
};

/** The preview on screen, whatever the step. */
export function shownPreview(step: ImportStep): ImportPreview | null {
  switch (step.name) {
    case 'unpreviewed':
      return null;
    case 'previewing':
      return step.shown;
    case 'previewed':
    case 'running':
      return step.preview;
    default:
      return assertNever(step, 'Unknown import step');
  }
}

/** The last run's result on screen (a preview in progress hides it). */
export function shownResult(step: ImportStep): ImportRunResult | null {
  return step.name === 'previewed' || step.name === 'running' ? step.result : null;
}

/** Which call is under way: the preview, a dry run or a run; null when none. */
export function busyWith(step: ImportStep): 'preview' | 'dry' | 'run' | null {
  if (step.name === 'previewing') return 'preview';
  if (step.name === 'running') return step.dryRun ? 'dry' : 'run';
  return null;
}


export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'sourceChosen':
      // Another file: nothing of the previous one's preview or result still applies.
      return { ...state, source: { input: action.input, label: action.label }, step: { name: 'unpreviewed' }, failure: null };
    case 'pasteToggled':
      return { ...state, pasting: !state.pasting };
    case 'formatChosen':
      return { ...state, format: action.format };
    case 'storageChosen':
      return { ...state, storage: action.storage };
    case 'policyChosen':
      return { ...state, policy: action.policy };
    case 'diffToggled':
      return { ...state, expanded: toggled(state.expanded, action.key) };
    case 'filePickStarted':
      return { ...state, failure: null };
    case 'filePickFailed':
      return { ...state, failure: action.error };
    case 'previewStarted':
      return { ...state, step: { name: 'previewing', shown: shownPreview(state.step) }, failure: null, progress: null };
    case 'previewArrived':
      return state.step.name === 'previewing' ? { ...state, step: { name: 'previewed', preview: action.preview, result: null }, expanded: new Set() } : state;
    case 'previewFailed': {
      if (state.step.name !== 'previewing') return state;
      const preview = state.step.shown;
      return { ...state, step: preview === null ? { name: 'unpreviewed' } : { name: 'previewed', preview, result: null }, failure: action.error };
    }
    case 'runStarted': {
      const preview = shownPreview(state.step);
      if (preview === null || busyWith(state.step) !== null) return state;
      return { ...state, step: { name: 'running', preview, result: shownResult(state.step), dryRun: action.dryRun }, failure: null, progress: null };
    }
    case 'runFinished':
      return state.step.name === 'running' ? { ...state, step: { name: 'previewed', preview: state.step.preview, result: action.result } } : state;
    case 'runFailed':
      return state.step.name === 'running' ? { ...state, step: { name: 'previewed', preview: state.step.preview, result: state.step.result }, failure: action.error } : state;
    case 'progressReported':
      return { ...state, progress: action.progress };
    default:
      return assertNever(action, 'Unknown import action');
  }
}

/** How many items a run would write under the chosen policy. */
export function writableCount(preview: ImportPreview | null, policy: ImportPolicy): number {
  return preview?.items.filter((item) => item.status === 'new' || (item.status === 'changed' && policy === 'overwrite')).length ?? 0;
}

/** Why "Import" writes nothing yet, in a few words; null when it can run. */
export function importBlocker(preview: ImportPreview | null, policy: ImportPolicy): string | null {
  if (preview === null) return 'Preview the file first.';
  if (writableCount(preview, policy) > 0) return null;
  const changed = preview.items.filter((item) => item.status === 'changed').length;
  if (changed > 0 && policy === 'skip') return `Nothing new to import; ${plural(changed, 'changed item is', 'changed items are')} skipped unless you choose to overwrite.`;
  return 'Nothing to import: every item is identical or invalid.';
}

/** The version each previewed secret had (null: it did not exist): a run leaves alone any that changed since. */
export function expectedVersions(preview: ImportPreview): Record<string, string | null> {
  return Object.fromEntries(preview.items.filter((item) => item.name !== null && item.status !== 'invalid').map((item) => [item.name ?? '', item.currentVersionId]));
}

/** The items the last run failed: "Retry failed" runs only these. */
export function failedKeys(result: ImportRunResult | null): string[] {
  return result?.results.filter((item) => item.outcome === 'failed').map((item) => item.key) ?? [];
}
