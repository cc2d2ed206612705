/**
 * Issue 11 item 1: the secret editor as a state machine, without a DOM. Each test walks the
 * reducer through what a user does (type, review, save, meet someone else's save, revert, roll
 * back) and checks what the editor would show and write.
 */
import { describe, expect, it } from 'vitest';
import { editorChanges, editorReducer, editorValue, initialEditorState, type EditorAction, type EditorState } from '../../../renderer/src/views/secrets/editor-state';
import { withForm, type ConnectionDraft } from '../../../renderer/src/views/secrets/connection-draft';
import { lookupKinds } from '../../../shared/airflow';
import type { SecretDetail } from '../../../shared/api';
import { secretKinds } from '../../../shared/secrets';

const URI = 'postgres://etl:pw@db.internal:5432/analytics';

function detail(value: string, extra: Partial<SecretDetail> = {}): SecretDetail {
  return { name: 'airflow/connections/warehouse', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:warehouse', description: 'the warehouse', tags: [{ key: 'team', value: 'data' }], lastChangedAt: null, createdAt: null, value, binary: false, versionId: 'v1', versionStages: ['AWSCURRENT'], versionCreatedAt: null, ...extra };
}

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);

function draftOf(state: EditorState): ConnectionDraft {
  if (state.value.kind !== 'connection') throw new Error(`a ${state.value.kind} has no connection draft`);
  return state.value.draft;
}
const editing = (state: EditorState) => editorChanges(state, null);

describe('issue 11 item 1: the secret editor state machine', () => {
  it('issue 11 item 1: an opened connection is its stored string read into the form, unchanged until edited', () => {
    const state = initialEditorState('connection', 'warehouse', detail(URI), {});
    expect(state.value.kind).toBe('connection');
    expect(editorValue(state)).toBe(URI);
    expect(draftOf(state).mode).toBe('form');
    expect(editing(state)).toEqual({ valueChanged: false, descriptionChanged: false, tagsChanged: false, dirty: false });
  });

  it('issue 11 item 1: edits make the editor dirty; a revert goes back to what is stored', () => {
    const opened = initialEditorState('variable', 'threshold', detail('10'), {});
    const edited = run(opened, { type: 'textEdited', text: '11' }, { type: 'descriptionTyped', description: 'new' }, { type: 'tagsEdited', tags: [] });
    expect(editing(edited)).toEqual({ valueChanged: true, descriptionChanged: true, tagsChanged: true, dirty: true });
    const reverted = run(edited, { type: 'reverted', kwargs: {} });
    expect(editorValue(reverted)).toBe('10');
    expect(editing(reverted).dirty).toBe(false);
  });

  it('issue 11 item 1: a variable ignores a connection edit and a connection ignores a text edit', () => {
    const variable = initialEditorState('variable', 'threshold', detail('10'), {});
    const connection = initialEditorState('connection', 'warehouse', detail(URI), {});
    expect(run(variable, { type: 'connectionEdited', draft: draftOf(connection) })).toBe(variable);
    expect(run(connection, { type: 'textEdited', text: 'x' })).toBe(connection);
  });

  it('issue 11 item 1: creating, the editor is dirty once anything is typed, id included', () => {
    const blank = initialEditorState('variable', '', null, {});
    expect(editorChanges(blank, { openedId: '' }).dirty).toBe(false);
    expect(editorChanges(run(blank, { type: 'idTyped', id: 'pg' }), { openedId: '' }).dirty).toBe(true);
    expect(editorChanges(run(blank, { type: 'tagsEdited', tags: [{ key: '', value: '' }] }), { openedId: '' }).dirty).toBe(true);
  });

  it('issue 11 item 1: a save moves the baseline to what was saved, closes the review and says so', () => {
    const opened = initialEditorState('connection', 'warehouse', detail(URI), {});
    const draft = draftOf(opened);
    const edited = run(opened, { type: 'connectionEdited', draft: withForm(draft, { ...draft.form, port: '5433' }) }, { type: 'tagsEdited', tags: [{ key: ' team ', value: 'ops' }] }, { type: 'reviewOpened', token: 't1' });
    expect(edited.dialog).toEqual({ kind: 'review', token: 't1' });
    expect(editorValue(edited)).toContain('5433');

    const saved = run(edited, { type: 'saved', versionId: 'v2', concurrentWrite: false });
    expect(saved.dialog).toEqual({ kind: 'none' });
    expect(saved.baseline).toEqual({ versionId: 'v2', value: editorValue(edited), description: 'the warehouse', tags: [{ key: 'team', value: 'ops' }] });
    expect(saved.notice?.intent).toBe('success');
    expect(editing(saved).dirty).toBe(false);
    // A save that raced another keeps both and says where theirs is.
    expect(run(edited, { type: 'saved', versionId: null, concurrentWrite: true }).notice?.text).toContain('AWSPREVIOUS');
    expect(run(edited, { type: 'saved', versionId: null, concurrentWrite: true }).baseline.versionId).toBe('v1');
  });

  it('issue 11 item 1: a conflict closes the review, keeps the edits, and each way out moves the baseline to their version', () => {
    const opened = initialEditorState('variable', 'threshold', detail('10'), {});
    const conflicted = run(opened, { type: 'textEdited', text: 'mine' }, { type: 'reviewOpened', token: 't1' }, { type: 'saveConflicted', current: { versionId: 'v9', value: 'theirs', lastChangedAt: null } });
    expect(conflicted.dialog).toEqual({ kind: 'none' });
    expect(conflicted.conflict?.versionId).toBe('v9');
    expect(editorValue(conflicted)).toBe('mine');

    const theirs = run(conflicted, { type: 'theirsTaken', kwargs: {} });
    expect([editorValue(theirs), theirs.baseline.versionId, theirs.conflict, editing(theirs).dirty]).toEqual(['theirs', 'v9', null, false]);

    const mine = run(conflicted, { type: 'mineKept', token: 't2' });
    expect([editorValue(mine), mine.baseline.versionId, mine.conflict, mine.dialog]).toEqual(['mine', 'v9', null, { kind: 'review', token: 't2' }]);

    const aside = run(conflicted, { type: 'conflictSetAside' });
    expect([editorValue(aside), aside.baseline.value, aside.conflict, aside.dialog.kind]).toEqual(['mine', 'theirs', null, 'none']);
    // Without a conflict, its ways out change nothing.
    expect(run(opened, { type: 'theirsTaken', kwargs: {} })).toBe(opened);
  });

  it('issue 11 item 1: taking theirs for a connection reads their string into the form', () => {
    const opened = initialEditorState('connection', 'warehouse', detail(URI), {});
    const theirs = run(opened, { type: 'saveConflicted', current: { versionId: 'v9', value: URI.replace('5432', '6543'), lastChangedAt: null } }, { type: 'theirsTaken', kwargs: {} });
    expect(draftOf(theirs).form.port).toBe('6543');
  });

  it('issue 11 item 1: a roll back returns to the edit tab, and says the unsaved edits were kept only when there were some', () => {
    const inHistory = run(initialEditorState('variable', 'threshold', detail('10'), {}), { type: 'tabChosen', tab: 'history' });
    expect(run(inHistory, { type: 'rolledBack', keptEdits: false })).toMatchObject({ tab: 'edit', notice: null });
    expect(run(inHistory, { type: 'rolledBack', keptEdits: true }).notice?.text).toContain('unsaved edits are kept');
    expect(run(inHistory, { type: 'reloadFailed' }).notice?.text).toContain('could not be loaded');
  });

  it('issue 11 item 1: the delete dialog opens and closes; a created secret closes the review', () => {
    const opened = initialEditorState('variable', 'threshold', detail('10'), {});
    expect(run(opened, { type: 'deleteOpened' }).dialog).toEqual({ kind: 'delete' });
    expect(run(opened, { type: 'deleteOpened' }, { type: 'dialogClosed' }).dialog).toEqual({ kind: 'none' });
    expect(run(opened, { type: 'reviewOpened', token: 't' }, { type: 'created' }).dialog).toEqual({ kind: 'none' });
  });
});

describe('issue 11 item 5: the editor is the one its kind descriptor names', () => {
  it('issue 11 item 5: each kind opens in its descriptor\'s editor, and the stored string comes back unchanged', () => {
    const opened = lookupKinds.map((kind) => initialEditorState(kind, 'an_id', detail(URI), {}));
    expect(opened.map((state) => [state.value.kind, state.value.editor])).toEqual([
      ['connection', 'connection-form'],
      ['variable', 'text'],
      ['config', 'text'],
    ]);
    for (const state of opened) {
      expect(state.value.editor, state.value.kind).toBe(secretKinds[state.value.kind].editor);
      expect(editorValue(state), state.value.kind).toBe(URI);
      // A text edit reaches only the text editors; the connection form keeps its draft.
      const edited = run(state, { type: 'textEdited', text: 'other' });
      expect(editorValue(edited), state.value.kind).toBe(state.value.editor === 'text' ? 'other' : URI);
    }
  });
});
