/**
 * The side panel that creates or edits one secret. Everything the user typed lives in this
 * component's state: it survives refetches, view switches and profile switches, and a failed or
 * conflicting save keeps it. Saving always goes through a review (diff + AWS CLI command), and an
 * update carries the version the editor opened, so a concurrent change shows both values instead
 * of being overwritten.
 */
import { Button, Callout, Classes, FormGroup, InputGroup, Spinner, Tab, TabPanel, Tabs, Tag } from '@blueprintjs/core';
import { useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { detectConnectionTraps, hasErrors, validateSecretValueSize } from '../../../../shared/airflow';
import type { SecretsCliCommand } from '../../../../shared/aws-cli-commands';
import type { SecretDetail, SecretKind } from '../../../../shared/api';
import { connectionFromForm, secretKinds, secretNameFor, tagChanges } from '../../../../shared/secrets';
import { useApiFetch, useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, ExactName, formatDateTime, MessageText } from '../../components';
import { ConnectionForm } from './ConnectionForm';
import { DeleteDialog } from './DeleteDialog';
import { HistoryPanel } from './HistoryPanel';
import { MaskedDiff } from './MaskedDiff';
import { ReviewDialog } from './ReviewDialog';
import { editorChanges, editorReducer, editorValue, initialEditorState, type Conflict } from './editor-state';
import { newRequestToken, useWriteTarget, type KwargsState } from './secrets-context';
import { cleanTags } from './secret-tags';
import { TagsEditor } from './TagsEditor';
import { VariableForm } from './VariableForm';

export type EditorTarget =
  | { readonly mode: 'create'; readonly kind: SecretKind; readonly id: string; readonly seq: number }
  | { readonly mode: 'edit'; readonly kind: SecretKind; readonly id: string; readonly name: string; readonly seq: number };

const EDITOR_TABS = 'secret-editor-tabs';

export interface EditorCallbacks {
  readonly onClose: () => void;
  readonly onCreated: (created: { name: string; kind: SecretKind; id: string }) => void;
  readonly onDeleted: () => void;
  readonly onDirtyChange: (dirty: boolean) => void;
}

export function SecretEditor({ target, kwargs, ...callbacks }: { target: EditorTarget; kwargs: KwargsState } & EditorCallbacks) {
  if (target.mode === 'create') return <EditorBody target={target} initial={null} kwargs={kwargs} {...callbacks} />;
  return <EditorLoader target={target} kwargs={kwargs} {...callbacks} />;
}

function EditorLoader({ target, kwargs, ...callbacks }: { target: Extract<EditorTarget, { mode: 'edit' }>; kwargs: KwargsState } & EditorCallbacks) {
  // Once loaded, the editor never goes back to this query: a refetch (profile switch, window focus)
  // must not replace what the user is editing.
  const [loaded, setLoaded] = useState<SecretDetail | null>(null);
  const [reloads, setReloads] = useState(0);
  const detail = useApiQuery('secrets.get', { name: target.name }, { enabled: loaded === null, staleTime: 0, gcTime: 0 });
  if (loaded === null && detail.data !== undefined && !detail.isFetching) setLoaded(detail.data);
  if (loaded === null) {
    return (
      <div className="secret-editor" data-testid="secret-editor">
        <EditorHeader title={target.id} name={target.name} kind={target.kind} onClose={callbacks.onClose} />
        {detail.error !== null ? <ErrorCallout error={detail.error} onRetry={() => void detail.refetch()} /> : <Spinner size={24} />}
      </div>
    );
  }
  return (
    <EditorBody
      key={`${loaded.versionId}:${reloads}`}
      target={target}
      initial={loaded}
      kwargs={kwargs}
      {...callbacks}
      onReload={(next) => {
        setLoaded(next);
        setReloads((n) => n + 1);
      }}
    />
  );
}

function EditorHeader({ title, name, kind, onClose, extra }: { title: string; name: string | null; kind: SecretKind; onClose: () => void; extra?: ReactNode }) {
  return (
    <div className="editor-header">
      <div className="editor-title">
        <Tag minimal icon={secretKinds[kind].icon}>{secretKinds[kind].one}</Tag>
        {title === '' ? <span className="editor-id" data-testid="editor-title">{`New ${secretKinds[kind].one}`}</span> : <ExactName className="editor-id mono" text={title} testId="editor-title" />}
        {extra}
      </div>
      {name === null ? null : <ExactName as="div" className={`mono ${Classes.TEXT_MUTED} editor-name`} text={name} testId="editor-name" />}
      <Button className="editor-close" variant="minimal" icon="cross" aria-label="Close the editor" onClick={onClose} data-testid="editor-close" />
    </div>
  );
}

function EditorBody({
  target,
  initial,
  kwargs,
  onClose,
  onCreated,
  onDeleted,
  onDirtyChange,
  onReload,
}: { target: EditorTarget; initial: SecretDetail | null; kwargs: KwargsState; onReload?: (detail: SecretDetail) => void } & EditorCallbacks) {
  const kind = target.kind;
  const use = kwargs.read.ok ? kwargs.read.value : null;
  const airflowKwargs = use?.kwargs ?? {};
  const writeTarget = useWriteTarget();
  const [openedUnder] = useState(() => writeTarget?.profile ?? null);
  const [state, dispatch] = useReducer(editorReducer, null, () => initialEditorState(kind, target.id, initial, airflowKwargs));
  const { id, description, tags, baseline, tab, dialog, conflict, notice } = state;
  const create = useApiMutation('secrets.create');
  const update = useApiMutation('secrets.update');
  const read = useApiFetch();

  const creating = target.mode === 'create';
  const value = editorValue(state);
  const { valueChanged, descriptionChanged, tagsChanged, dirty } = editorChanges(state, creating ? { openedId: target.id } : null);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const name = target.mode === 'edit' ? target.name : null;
  const idProblems = useMemo(() => (creating && use !== null ? secretKinds[kind].validateId(id, use.kwargs) : []), [creating, id, kind, use]);
  const createName = creating && use !== null && id !== '' ? secretNameFor(use, kind, id) : null;
  const targetName = name ?? (createName?.ok === true ? createName.name : null);

  const blockers: string[] = [];
  if (creating && use === null) blockers.push('The backend kwargs in use cannot be read; fix them above first.');
  if (creating && id === '') blockers.push(`Enter the ${secretKinds[kind].idLabel.toLowerCase()}.`);
  if (creating && hasErrors(idProblems)) blockers.push(`The ${secretKinds[kind].idLabel.toLowerCase()} cannot be used (see above).`);
  if (createName !== null && !createName.ok) blockers.push(createName.reason);
  const sizeProblems = validateSecretValueSize(value);
  if (hasErrors(sizeProblems)) blockers.push(sizeProblems[0]?.message ?? '');
  if (state.value.editor === 'connection-form') {
    const draft = state.value.draft;
    if (draft.mode === 'form' && !connectionFromForm(draft.form).ok) blockers.push('Some fields are not valid (see above).');
    else if (hasErrors(detectConnectionTraps(value, airflowKwargs))) blockers.push('Airflow could not use this connection as it is: fix the errors in Checks first.');
  }
  if (!creating && openedUnder !== null && writeTarget !== null && writeTarget.profile !== openedUnder) {
    blockers.push(`This secret was opened under profile "${openedUnder}", but the active profile is now "${writeTarget.profile}". Switch back to save it; your edits are kept.`);
  }
  const canSave = (creating || dirty) && blockers.length === 0 && writeTarget !== null;

  const commands: SecretsCliCommand[] = [];
  if (creating && targetName !== null) {
    commands.push({ op: 'create-secret', name: targetName, description, tags: cleanTags(tags) });
  } else if (name !== null) {
    if (valueChanged) commands.push({ op: 'put-secret-value', secretId: name });
    if (descriptionChanged) commands.push({ op: 'update-secret', secretId: name, description });
    const { changed, removed } = tagChanges(baseline.tags, cleanTags(tags));
    if (changed.length > 0) commands.push({ op: 'tag-resource', secretId: name, tags: changed });
    if (removed.length > 0) commands.push({ op: 'untag-resource', secretId: name, tagKeys: removed });
  }

  const save = async (token: string) => {
    if (creating) {
      const created = await create.mutateAsync({ kwargs: kwargs.json, kind, id, value, description, tags: cleanTags(tags), clientRequestToken: token });
      dispatch({ type: 'created' });
      onCreated({ name: created.name, kind, id });
      return;
    }
    if (name === null || baseline.versionId === null) return;
    const outcome = await update.mutateAsync({
      name,
      expectedVersionId: baseline.versionId,
      clientRequestToken: token,
      ...(valueChanged ? { value } : {}),
      ...(descriptionChanged ? { description } : {}),
      ...(tagsChanged ? { tags: cleanTags(tags) } : {}),
    });
    if (outcome.outcome === 'conflict') dispatch({ type: 'saveConflicted', current: outcome.current });
    else dispatch({ type: 'saved', versionId: outcome.versionId, concurrentWrite: outcome.concurrentWrite });
  };

  // After a roll back the editor starts again from the new current version (read afresh, never cached).
  const reload = async () => {
    if (name === null || onReload === undefined) return;
    try {
      onReload(await read('secrets.get', { name }, { staleTime: 0, gcTime: 0 }));
    } catch {
      dispatch({ type: 'reloadFailed' });
    }
  };

  const conflictPanel = conflict === null ? null : (
    <ConflictPanel
      conflict={conflict}
      mine={value}
      onChoose={(choice) => dispatch(choice === 'theirs' ? { type: 'theirsTaken', kwargs: airflowKwargs } : { type: 'mineKept', token: newRequestToken() })}
      onKeepEditing={() => dispatch({ type: 'conflictSetAside' })}
    />
  );

  const editTab = (
    <div className="editor-edit">
      {creating ? (
        <FormGroup
          label={secretKinds[kind].idLabel}
          labelFor="secret-id"
          intent={hasErrors(idProblems) ? 'danger' : 'none'}
          helperText={
            idProblems.length > 0 ? <MessageText text={idProblems.map((p) => p.message).join(' ')} /> : targetName === null ? undefined : <>Stored as <ExactName className="mono" text={targetName} testId="target-name" /></>
          }
        >
          <InputGroup id="secret-id" value={id} onValueChange={(next) => dispatch({ type: 'idTyped', id: next })} className="mono" placeholder={secretKinds[kind].idPlaceholder} autoFocus spellCheck={false} autoComplete="off" data-testid="secret-id" />
        </FormGroup>
      ) : null}
      {state.value.editor === 'connection-form' ? (
        <ConnectionForm draft={state.value.draft} onChange={(draft) => dispatch({ type: 'connectionEdited', draft })} kwargs={airflowKwargs} />
      ) : (
        <VariableForm value={state.value.text} onChange={(text) => dispatch({ type: 'textEdited', text })} masked={!creating} kind={state.value.kind} />
      )}
      <div className="metadata">
        <FormGroup label="Description" labelFor="secret-description" helperText="Shown in the list; Airflow never reads it.">
          <InputGroup id="secret-description" value={description} onValueChange={(next) => dispatch({ type: 'descriptionTyped', description: next })} data-testid="secret-description" />
        </FormGroup>
        <FormGroup label="Tags">
          <TagsEditor tags={tags} onChange={(next) => dispatch({ type: 'tagsEdited', tags: next })} />
        </FormGroup>
      </div>
    </div>
  );

  return (
    <div className="secret-editor" data-testid="secret-editor">
      <EditorHeader
        title={creating ? id : target.id}
        name={targetName}
        kind={kind}
        onClose={onClose}
        extra={dirty ? <Tag intent="warning" minimal data-testid="unsaved">unsaved</Tag> : null}
      />
      {initial !== null ? (
        <div className={`editor-meta ${Classes.TEXT_MUTED}`}>
          {`Version ${baseline.versionId?.slice(0, 8) ?? ''} · changed ${formatDateTime(initial.lastChangedAt)}`}
          {initial.binary ? <Tag intent="warning" minimal>binary: Airflow ignores it</Tag> : null}
        </div>
      ) : null}
      {creating ? null : (
        <Tabs id={EDITOR_TABS} className="editor-tabs" selectedTabId={tab} onChange={(next) => dispatch({ type: 'tabChosen', tab: next === 'history' ? 'history' : 'edit' })}>
          <Tab id="edit" title="Edit" />
          <Tab id="history" title="History" data-testid="history-tab" />
        </Tabs>
      )}
      {/* Only this body scrolls: the header, the tabs and the actions stay in view. */}
      {creating ? <div className="editor-body">{conflictPanel}{editTab}</div> : (
        <TabPanel id={tab} parentId={EDITOR_TABS} selectedTabId={tab} className="editor-body" panel={
          tab === 'edit' ? <>{conflictPanel}{editTab}</> : name === null ? <></> : <HistoryPanel name={name} arn={initial?.arn ?? null} target={writeTarget} dirty={dirty} onRolledBack={() => {
            dispatch({ type: 'rolledBack', keptEdits: dirty });
            if (!dirty) void reload();
          }} />
        } />
      )}
      {/* Saving and deleting belong to the edit tab; the history has its own roll back. */}
      {tab === 'history' && !creating ? null : <div className="editor-footer" data-testid="editor-footer">
        {notice !== null ? <Callout intent={notice.intent} compact icon={notice.intent === 'success' ? 'tick-circle' : 'warning-sign'} className="editor-notice" data-testid="editor-notice">{notice.text}</Callout> : null}
        {blockers.length > 0 && (creating || dirty) ? (
          <Callout intent="warning" className="editor-blockers" data-testid="save-blockers">{blockers.map((b) => <div key={b}><MessageText text={b} /></div>)}</Callout>
        ) : null}
        <div className="editor-actions">
          <Button intent="primary" icon="floppy-disk" text={creating ? 'Review and create…' : 'Review and save…'} disabled={!canSave} onClick={() => dispatch({ type: 'reviewOpened', token: newRequestToken() })} data-testid="editor-save" />
          {!creating && dirty ? (
            <Button text="Revert" icon="reset" onClick={() => dispatch({ type: 'reverted', kwargs: airflowKwargs })} data-testid="editor-revert" />
          ) : null}
          {!creating && name !== null ? <Button intent="danger" variant="minimal" icon="trash" text="Delete…" onClick={() => dispatch({ type: 'deleteOpened' })} data-testid="editor-delete" /> : null}
        </div>
      </div>}
      <ReviewDialog
        isOpen={dialog.kind === 'review'}
        title={creating ? `Create ${secretKinds[kind].one}` : `Save ${secretKinds[kind].one}`}
        summary={
          creating ? <>A new secret <ExactName as="strong" className="mono" text={targetName ?? ''} /> will be created.</> : <>Changes to <ExactName as="strong" className="mono" text={name ?? ''} />{baseline.versionId === null ? null : <> (against version <span className="mono">{baseline.versionId.slice(0, 8)}</span>; if it changed meanwhile, you will see both values instead)</>}.</>
        }
        diff={creating || valueChanged ? { before: creating ? '' : baseline.value, after: value } : null}
        details={
          !creating && (descriptionChanged || tagsChanged) ? (
            <ul className="metadata-changes">
              {descriptionChanged ? <li>Description: <em>{baseline.description === '' ? '(none)' : baseline.description}</em> → <em>{description === '' ? '(none)' : description}</em></li> : null}
              {tagsChanged ? <li>Tags: {cleanTags(tags).map((t) => `${t.key}=${t.value}`).join(', ') || '(none)'}</li> : null}
            </ul>
          ) : null
        }
        commands={commands}
        target={writeTarget}
        confirmLabel={creating ? 'Create' : 'Save'}
        onConfirm={() => save(dialog.kind === 'review' ? dialog.token : newRequestToken())}
        onClose={() => dispatch({ type: 'dialogClosed' })}
      />
      {name === null ? null : (
        <DeleteDialog isOpen={dialog.kind === 'delete'} name={name} target={writeTarget} onClose={() => dispatch({ type: 'dialogClosed' })} onDeleted={() => {
          dispatch({ type: 'dialogClosed' });
          onDeleted();
        }} />
      )}
    </div>
  );
}

function ConflictPanel({ conflict, mine, onChoose, onKeepEditing }: { conflict: Conflict; mine: string; onChoose: (choice: 'mine' | 'theirs') => void; onKeepEditing: () => void }) {
  return (
    <Callout intent="warning" icon="git-merge" title="Someone changed this secret since you opened it" className="conflict-panel" data-testid="conflict-panel">
      <p>
        Nothing was written. Below, <strong>theirs</strong> (stored now, changed {formatDateTime(conflict.lastChangedAt)}) is compared with <strong>yours</strong>: lines marked − are only in theirs, + only in yours.
      </p>
      <div className="conflict-columns">
        <MaskedDiff before={conflict.value ?? ''} after={mine} testId="conflict-diff" label="theirs → yours" />
      </div>
      <div className="conflict-actions">
        <Button intent="primary" icon="floppy-disk" text="Overwrite with mine…" onClick={() => onChoose('mine')} data-testid="conflict-mine" />
        <Button icon="import" text="Take theirs" onClick={() => onChoose('theirs')} data-testid="conflict-theirs" />
        <Button variant="minimal" text="Keep editing" onClick={onKeepEditing} data-testid="conflict-edit" />
      </div>
    </Callout>
  );
}
