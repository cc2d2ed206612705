/**
 * The import wizard: pick or paste a file (airflow_settings.yaml, `airflow connections export`
 * JSON/YAML/env, a .env with AIRFLOW_CONN_* / AIRFLOW_VAR_*), preview every item (new, changed
 * with a diff, identical, invalid with the reason), choose the conflict policy, dry-run, run, see
 * each item's outcome and retry the failed ones. Running the same file again writes nothing.
 */
import { Button, Callout, Classes, Dialog, DialogBody, DialogFooter, FileInput, FormGroup, HTMLSelect, HTMLTable, ProgressBar, Radio, RadioGroup, Tag, TextArea } from '@blueprintjs/core';
import { Fragment, useCallback, useReducer, useState } from 'react';
import type { ImportOutcome, ImportSource, TaskProgress } from '../../../../shared/api';
import { secretsCliScript, type SecretsCliCommand } from '../../../../shared/aws-cli-commands';
import { plural } from '../../../../shared/plural';
import { importFormatLabels, importFormats, type ImportFormat, type ImportStatus } from '../../../../shared/imports';
import type { StorageFormat } from '../../../../shared/secrets';
import { useApiEvent, useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, MessageText, ExactName } from '../../components';
import { useWorkspace } from '../../workspace';
import { busyWith, expectedVersions, failedKeys as failedKeysOf, importBlocker, importReducer, initialImportState, shownPreview, shownResult, writableCount, type ImportPolicy } from './import-state';
import { MaskedDiff } from './MaskedDiff';
import { newRequestToken, type KwargsState, type WriteTarget } from './secrets-context';

const statusIntent: Readonly<Record<ImportStatus, 'success' | 'primary' | 'none' | 'danger'>> = { new: 'success', changed: 'primary', identical: 'none', invalid: 'danger' };
const outcomeIntent: Readonly<Record<ImportOutcome, 'success' | 'primary' | 'none' | 'danger' | 'warning'>> = {
  created: 'success',
  updated: 'primary',
  unchanged: 'none',
  'skipped-exists': 'none',
  'skipped-invalid': 'none',
  conflict: 'warning',
  failed: 'danger',
  'would-create': 'success',
  'would-update': 'primary',
};
/** How the result line counts each outcome: words that read right after any number. */
const outcomeCountLabel: Readonly<Record<ImportOutcome, string>> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  'skipped-exists': 'skipped as existing',
  'skipped-invalid': 'skipped as invalid',
  conflict: 'left alone (changed since the preview)',
  failed: 'failed',
  'would-create': 'to create',
  'would-update': 'to update',
};

export function ImportDialog({ isOpen, onClose, kwargs, target }: { isOpen: boolean; onClose: () => void; kwargs: KwargsState; target: WriteTarget | null }) {
  const { projectPath } = useWorkspace();
  // The desktop app picks files in the main process's open dialog; the page only gets a handle.
  const desktop = useApiQuery('app.info', {}).data?.mode === 'electron';
  const [state, dispatch] = useReducer(importReducer, initialImportState);
  const { source, pasting, format, storage, policy, step, failure, expanded, progress } = state;
  const pick = useApiMutation('secrets.pickImportFile');
  const previewer = useApiMutation('secrets.importPreview');
  const runner = useApiMutation('secrets.importRun');
  const [taskId] = useState(newRequestToken);
  useApiEvent('task.progress', useCallback((event: TaskProgress) => {
    if (event.taskId === taskId) dispatch({ type: 'progressReported', progress: event });
  }, [taskId]));

  const sourceLabel = source?.label ?? '';
  const preview = shownPreview(step);
  const result = shownResult(step);
  const busy = busyWith(step);
  const chooseSource = (input: ImportSource, label: string) => dispatch({ type: 'sourceChosen', input, label });
  const pickFile = async () => {
    dispatch({ type: 'filePickStarted' });
    try {
      const { file } = await pick.mutateAsync({});
      if (file !== null) chooseSource({ kind: 'picked', handle: file.handle }, file.name);
    } catch (error) {
      dispatch({ type: 'filePickFailed', error });
    }
  };
  const common = () => (source === null ? null : { kwargs: kwargs.json, source: source.input, storage, taskId, ...(format === 'auto' ? {} : { format }) });

  const runPreview = async () => {
    const input = common();
    if (input === null) return;
    dispatch({ type: 'previewStarted' });
    try {
      dispatch({ type: 'previewArrived', preview: await previewer.mutateAsync(input) });
    } catch (error) {
      dispatch({ type: 'previewFailed', error });
    }
  };

  const runImport = async (dryRun: boolean, only?: readonly string[]) => {
    const input = common();
    if (input === null || preview === null || busy !== null) return;
    dispatch({ type: 'runStarted', dryRun });
    try {
      const outcome = await runner.mutateAsync({ ...input, policy, dryRun, expectedVersions: expectedVersions(preview), ...(only === undefined ? {} : { only: [...only] }) });
      dispatch({ type: 'runFinished', result: outcome });
    } catch (error) {
      dispatch({ type: 'runFailed', error });
    }
  };

  const counts = preview === null ? null : (['new', 'changed', 'identical', 'invalid'] as const).map((status) => [status, preview.items.filter((i) => i.status === status).length] as const);
  const writable = writableCount(preview, policy);
  const blocker = importBlocker(preview, policy);
  const failedKeys = failedKeysOf(result);
  const toggle = (key: string) => dispatch({ type: 'diffToggled', key });

  return (
    <Dialog isOpen={isOpen} onClose={busy === null ? onClose : undefined} title="Import connections and variables" icon="import" className="import-dialog">
      <div className="dialog-contents" data-testid="import-dialog">
      <DialogBody>
        <div className="import-source">
          <FormGroup label="File" className="import-file">
            <div className="import-source-row">
              {desktop ? (
                <Button icon="document-open" text={sourceLabel === '' ? 'Choose a file…' : sourceLabel} onClick={() => void pickFile()} data-testid="import-pick-file" />
              ) : (
                <FileInput
                  text={sourceLabel === '' ? 'Choose a file…' : sourceLabel}
                  hasSelection={sourceLabel !== ''}
                  buttonText="Browse"
                  inputProps={{ accept: '.yaml,.yml,.json,.env,.txt,text/*', 'aria-label': 'File to import' }}
                  onInputChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    if (file === undefined) return;
                    void file.text().then((text) => chooseSource({ kind: 'text', text, fileName: file.name }, file.name));
                  }}
                  data-testid="import-file"
                />
              )}
              <Button icon="clipboard" text="Paste" active={pasting} onClick={() => dispatch({ type: 'pasteToggled' })} data-testid="import-paste-toggle" />
              {projectPath === null ? null : (
                <>
                  <Button icon="folder-open" text="airflow_settings.yaml" title={`From ${projectPath}`} onClick={() => chooseSource({ kind: 'project-file', project: projectPath, file: 'airflow_settings.yaml' }, 'airflow_settings.yaml (project)')} />
                  <Button icon="folder-open" text=".env" title={`From ${projectPath}`} onClick={() => chooseSource({ kind: 'project-file', project: projectPath, file: '.env' }, '.env (project)')} />
                </>
              )}
            </div>
          </FormGroup>
          {pasting ? (
            <TextArea fill rows={5} className="mono" placeholder="Paste an airflow_settings.yaml, an export, or AIRFLOW_CONN_… lines" onChange={(event) => chooseSource({ kind: 'text', text: event.currentTarget.value }, 'pasted text')} data-testid="import-paste" />
          ) : null}
          <div className="import-options">
            <FormGroup label="Format" labelFor="import-format" inline>
              <HTMLSelect id="import-format" value={format} onChange={(event) => dispatch({ type: 'formatChosen', format: event.currentTarget.value as ImportFormat | 'auto' })} data-testid="import-format">
                <option value="auto">Detect</option>
                {importFormats.map((f) => <option key={f} value={f}>{importFormatLabels[f]}</option>)}
              </HTMLSelect>
            </FormGroup>
            <FormGroup label="Store connections as" inline>
              <RadioGroup inline selectedValue={storage} onChange={(event) => dispatch({ type: 'storageChosen', storage: event.currentTarget.value as StorageFormat })}>
                <Radio value="json" label="JSON (suggested)" />
                <Radio value="uri" label="URI" />
              </RadioGroup>
            </FormGroup>
            <Button intent="primary" icon="eye-open" text="Preview" disabled={source === null || !kwargs.read.ok} loading={busy === 'preview'} onClick={() => void runPreview()} data-testid="import-preview" />
          </div>
        </div>
        {busy !== null && progress !== null ? <ProgressBar className="import-progress" value={progress.total === null || progress.total === 0 ? undefined : progress.done / progress.total} intent="primary" /> : null}
        {failure === null ? null : <ErrorCallout error={failure} />}
        {preview === null ? null : (
          <div className="import-preview" data-testid="import-preview-table">
            <div className="import-counts">
              <span className="panel-heading">{`Preview: ${importFormatLabels[preview.format]}`}</span>
              {counts?.map(([status, n]) => <Tag key={status} minimal intent={statusIntent[status]} data-testid={`count-${status}`}>{`${n} ${status}`}</Tag>)}
              {preview.ignored > 0 ? <span className={Classes.TEXT_MUTED}>{`${plural(preview.ignored, 'placeholder or unrelated entry', 'placeholder or unrelated entries')} ignored`}</span> : null}
            </div>
            {preview.fileProblems.length > 0 ? <Callout intent="danger" className="panel-note">{preview.fileProblems.map((p) => <div key={p}><MessageText text={p} /></div>)}</Callout> : null}
            <HTMLTable compact striped className="secret-table import-table">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Kind</th>
                  <th>Id</th>
                  <th>Secret name</th>
                  <th>Notes</th>
                  <th>In file</th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((item) => {
                  const outcome = result?.results.find((r) => r.key === item.key);
                  const canDiff = item.status === 'changed' || item.status === 'new';
                  return (
                    <Fragment key={item.key}>
                      <tr data-testid="import-row" data-status={item.status} data-id={item.id}>
                        <td>
                          <Tag minimal intent={statusIntent[item.status]} className="status-tag">{item.status}</Tag>
                          {outcome === undefined ? null : <Tag intent={outcomeIntent[outcome.outcome]} className="status-tag" data-testid="import-outcome">{outcome.outcome}</Tag>}
                        </td>
                        <td>{item.kind}</td>
                        <td className="mono id-cell">{item.id === '' ? <span className={Classes.TEXT_MUTED}>(none)</span> : <ExactName text={item.id} />}</td>
                        <td className="mono muted name-cell">{item.name === null ? '—' : <ExactName text={item.name} />}</td>
                        <td className="notes-cell">
                          {item.reason === null ? null : <div><MessageText text={item.reason} /></div>}
                          {item.warnings.map((w) => <div key={w} className={Classes.TEXT_MUTED}><MessageText text={w} /></div>)}
                          {outcome === undefined || outcome.message === null || outcome.message === item.reason ? null : <div className="outcome-message" data-testid="import-outcome-message"><MessageText text={outcome.message} /></div>}
                          {canDiff ? <Button size="small" variant="minimal" icon={expanded.has(item.key) ? 'chevron-up' : 'changes'} text={expanded.has(item.key) ? 'Hide diff' : 'Diff'} onClick={() => toggle(item.key)} data-testid="import-diff-toggle" /> : null}
                        </td>
                        <td className={`${Classes.TEXT_MUTED} location-cell`}>{item.location}</td>
                      </tr>
                      {expanded.has(item.key) ? (
                        <tr className="diff-row">
                          <td colSpan={6}>
                            <ImportDiff before={item.current ?? ''} after={item.value ?? ''} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </HTMLTable>
            <div className="import-run">
              <FormGroup label="Secrets that already exist with another value" inline>
                <RadioGroup inline selectedValue={policy} onChange={(event) => dispatch({ type: 'policyChosen', policy: event.currentTarget.value as ImportPolicy })} data-testid="import-policy">
                  <Radio value="skip" label="Skip them" />
                  <Radio value="overwrite" label="Overwrite them (a new version; the old one stays in History)" data-testid="import-overwrite" />
                </RadioGroup>
              </FormGroup>
            </div>
            {writable === 0 ? null : (
              <details className="import-commands">
                <summary>Equivalent AWS CLI commands</summary>
                <pre className="cli-command" data-testid="import-commands">
                  {secretsCliScript(
                    preview.items.flatMap((item): SecretsCliCommand[] => {
                      if (item.name === null) return [];
                      if (item.status === 'new') return [{ op: 'create-secret', name: item.name }];
                      if (item.status === 'changed' && policy === 'overwrite') return [{ op: 'put-secret-value', secretId: item.name }];
                      return [];
                    }),
                    target?.cli ?? {},
                  )}
                </pre>
              </details>
            )}
            {result === null ? null : (
              <Callout intent={result.counts.failed > 0 || result.counts.conflict > 0 ? 'warning' : 'success'} className="panel-note" data-testid="import-result">
                {result.dryRun ? 'Dry run, nothing written: ' : 'Done: '}
                {(Object.entries(result.counts) as [ImportOutcome, number][]).filter(([, n]) => n > 0).map(([outcome, n]) => `${n} ${outcomeCountLabel[outcome]}`).join(', ')}.
                {result.counts.failed > 0 ? ' The failed items can be retried; everything else is done.' : ''}
                {result.counts.conflict > 0 ? ' Items that changed after the preview were left alone: preview again.' : ''}
              </Callout>
            )}
          </div>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Close" onClick={onClose} disabled={busy !== null} />
            {failedKeys.length > 0 ? <Button icon="refresh" text={`Retry failed (${failedKeys.length})`} loading={busy === 'run'} onClick={() => void runImport(false, failedKeys)} data-testid="import-retry" /> : null}
            <Button icon="lab-test" text="Dry run" disabled={preview === null || busy !== null} loading={busy === 'dry'} onClick={() => void runImport(true)} data-testid="import-dry-run" />
            <Button intent="primary" icon="import" text={writable === 0 ? 'Import' : `Import ${plural(writable, 'item')}`} title={blocker ?? undefined} disabled={blocker !== null || busy !== null} loading={busy === 'run'} onClick={() => void runImport(false)} data-testid="import-run" />
          </>
        }
      >
        {blocker === null ? null : <span className={Classes.TEXT_MUTED} data-testid="import-run-reason">{blocker}</span>}
        {target === null ? null : <span className={Classes.TEXT_MUTED}>{`Into ${target.profile}${target.account === null ? '' : ` (${target.account})`}, ${target.region}`}</span>}
      </DialogFooter>
      </div>
    </Dialog>
  );
}

function ImportDiff({ before, after }: { before: string; after: string }) {
  return <MaskedDiff before={before} after={after} testId="import-diff" label="stored now → from the file" />;
}
