/**
 * The secret editor's state machine (SecretEditor's EditorBody), without React: what the user
 * typed, the version it was opened at (the baseline a save is checked against), the dialog that is
 * open, a conflict with someone else's save, and the notice under the actions. Every change is an
 * action named for what happened; the reducer is pure, so each step can be tested without a DOM.
 *
 * A connection's value is its draft (the stored string plus the form, see connection-draft.ts);
 * a variable's or config value's is its text; an edit of the other shape changes nothing.
 */
import type { BackendKwargs } from '../../../../shared/airflow';
import type { SaveOutcome, SecretDetail, SecretKind, SecretTag } from '../../../../shared/api';
import { assertNever } from '../../../../shared/assert';
import { secretKinds, type KindEditedWith } from '../../../../shared/secrets';
import { draftFromValue, newConnectionDraft, type ConnectionDraft } from './connection-draft';
import { cleanTags, sameTags } from './secret-tags';

/** The value in the editor its kind's descriptor names (`editor`): a connection form's draft, or text. */
export type EditorValue =
  | { readonly editor: 'connection-form'; readonly kind: KindEditedWith<'connection-form'>; readonly draft: ConnectionDraft }
  | { readonly editor: 'text'; readonly kind: KindEditedWith<'text'>; readonly text: string };

/** What is stored, as far as this editor knows: the version a save must still find, and its content. */
export interface Baseline {
  readonly versionId: string | null;
  readonly value: string;
  readonly description: string;
  readonly tags: readonly SecretTag[];
}

/** Someone else's save, found by ours: what is stored now. */
export type Conflict = Extract<SaveOutcome, { outcome: 'conflict' }>['current'];

export type EditorDialog =
  | { readonly kind: 'none' }
  /** The review before a save; its token makes a retried save idempotent. */
  | { readonly kind: 'review'; readonly token: string }
  | { readonly kind: 'delete' };

export interface EditorNotice {
  readonly intent: 'success' | 'warning';
  readonly text: string;
}

export type EditorTab = 'edit' | 'history';

export interface EditorState {
  /** The id being created; an existing secret's id never changes here. */
  readonly id: string;
  readonly value: EditorValue;
  readonly description: string;
  readonly tags: readonly SecretTag[];
  readonly baseline: Baseline;
  readonly tab: EditorTab;
  readonly dialog: EditorDialog;
  readonly conflict: Conflict | null;
  readonly notice: EditorNotice | null;
}

export type EditorAction =
  | { readonly type: 'idTyped'; readonly id: string }
  | { readonly type: 'connectionEdited'; readonly draft: ConnectionDraft }
  | { readonly type: 'textEdited'; readonly text: string }
  | { readonly type: 'descriptionTyped'; readonly description: string }
  | { readonly type: 'tagsEdited'; readonly tags: readonly SecretTag[] }
  | { readonly type: 'tabChosen'; readonly tab: EditorTab }
  | { readonly type: 'reviewOpened'; readonly token: string }
  | { readonly type: 'deleteOpened' }
  | { readonly type: 'dialogClosed' }
  | { readonly type: 'created' }
  | { readonly type: 'saved'; readonly versionId: string | null; readonly concurrentWrite: boolean }
  | { readonly type: 'saveConflicted'; readonly current: Conflict }
  /** The conflict is settled with the stored value: it replaces the user's. */
  | { readonly type: 'theirsTaken'; readonly kwargs: BackendKwargs }
  /** The conflict is settled with the user's value: reviewed again, against the stored version. */
  | { readonly type: 'mineKept'; readonly token: string }
  /** The conflict is put aside: the user keeps editing against the stored version. */
  | { readonly type: 'conflictSetAside' }
  | { readonly type: 'reverted'; readonly kwargs: BackendKwargs }
  /** History rolled the secret back; `keptEdits` when the editor held unsaved edits (they stay). */
  | { readonly type: 'rolledBack'; readonly keptEdits: boolean }
  | { readonly type: 'reloadFailed' };

export function initialEditorState(kind: SecretKind, id: string, initial: SecretDetail | null, kwargs: BackendKwargs): EditorState {
  const stored = initial?.value ?? '';
  const descriptor = secretKinds[kind];
  return {
    id,
    value:
      descriptor.editor === 'connection-form'
        ? { editor: descriptor.editor, kind: descriptor.kind, draft: initial === null ? newConnectionDraft() : draftFromValue(stored, kwargs) }
        : { editor: descriptor.editor, kind: descriptor.kind, text: stored },
    description: initial?.description ?? '',
    tags: initial?.tags ?? [],
    baseline: { versionId: initial?.versionId ?? null, value: stored, description: initial?.description ?? '', tags: initial?.tags ?? [] },
    tab: 'edit',
    dialog: { kind: 'none' },
    conflict: null,
    notice: null,
  };
}

/** The exact string the editor would store. */
export function editorValue(state: EditorState): string {
  return state.value.editor === 'connection-form' ? state.value.draft.value : state.value.text;
}

/** The value replaced by `text` (a connection's draft read again from it, with Airflow's parser). */
function withValue(value: EditorValue, text: string, kwargs: BackendKwargs): EditorValue {
  return value.editor === 'connection-form' ? { ...value, draft: draftFromValue(text, kwargs) } : { ...value, text };
}

/** The baseline moved to the version stored now (someone else's). */
function atStoredVersion(baseline: Baseline, conflict: Conflict): Baseline {
  return { ...baseline, versionId: conflict.versionId, value: conflict.value ?? '' };
}

const SAVED: EditorNotice = { intent: 'success', text: 'Saved. Airflow reads the new value from its next lookup.' };
const SAVED_CONCURRENTLY: EditorNotice = {
  intent: 'warning',
  text: 'Saved, but someone else saved a different value at the same moment. Theirs is kept as AWSPREVIOUS: compare in History.',
};

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'idTyped':
      return { ...state, id: action.id };
    case 'connectionEdited':
      return state.value.editor === 'connection-form' ? { ...state, value: { ...state.value, draft: action.draft } } : state;
    case 'textEdited':
      return state.value.editor === 'connection-form' ? state : { ...state, value: { ...state.value, text: action.text } };
    case 'descriptionTyped':
      return { ...state, description: action.description };
    case 'tagsEdited':
      return { ...state, tags: action.tags };
    case 'tabChosen':
      return { ...state, tab: action.tab };
    case 'reviewOpened':
      return { ...state, dialog: { kind: 'review', token: action.token } };
    case 'deleteOpened':
      return { ...state, dialog: { kind: 'delete' } };
    case 'dialogClosed':
    case 'created':
      return { ...state, dialog: { kind: 'none' } };
    case 'saved': {
      const baseline = { versionId: action.versionId ?? state.baseline.versionId, value: editorValue(state), description: state.description, tags: cleanTags(state.tags) };
      return { ...state, baseline, dialog: { kind: 'none' }, conflict: null, notice: action.concurrentWrite ? SAVED_CONCURRENTLY : SAVED };
    }
    case 'saveConflicted':
      return { ...state, dialog: { kind: 'none' }, conflict: action.current, notice: null };
    case 'theirsTaken':
      if (state.conflict === null) return state;
      return { ...state, baseline: atStoredVersion(state.baseline, state.conflict), value: withValue(state.value, state.conflict.value ?? '', action.kwargs), conflict: null };
    case 'mineKept':
      if (state.conflict === null) return state;
      return { ...state, baseline: atStoredVersion(state.baseline, state.conflict), conflict: null, dialog: { kind: 'review', token: action.token } };
    case 'conflictSetAside':
      if (state.conflict === null) return state;
      return { ...state, baseline: atStoredVersion(state.baseline, state.conflict), conflict: null };
    case 'reverted':
      return { ...state, value: withValue(state.value, state.baseline.value, action.kwargs), description: state.baseline.description, tags: state.baseline.tags };
    case 'rolledBack':
      return {
        ...state,
        tab: 'edit',
        notice: action.keptEdits ? { intent: 'warning', text: 'Rolled back. Your unsaved edits are kept; saving them will show both values first.' } : state.notice,
      };
    case 'reloadFailed':
      return { ...state, notice: { intent: 'warning', text: 'Rolled back. The new value could not be loaded; close and reopen the secret.' } };
    default:
      return assertNever(action, 'Unknown secret editor action');
  }
}

export interface EditorChanges {
  readonly valueChanged: boolean;
  readonly descriptionChanged: boolean;
  readonly tagsChanged: boolean;
  /** Anything a save would write, or (creating) anything typed at all. */
  readonly dirty: boolean;
}

/** What differs from the baseline. Creating, `openedId` is the id the editor was opened with. */
export function editorChanges(state: EditorState, creating: { readonly openedId: string } | null): EditorChanges {
  const valueChanged = editorValue(state) !== state.baseline.value;
  const descriptionChanged = state.description !== state.baseline.description;
  const tagsChanged = !sameTags(state.tags, state.baseline.tags);
  const dirty = creating !== null
    ? state.id !== creating.openedId || valueChanged || state.description !== '' || state.tags.length > 0
    : valueChanged || descriptionChanged || tagsChanged;
  return { valueChanged, descriptionChanged, tagsChanged, dirty };
}
