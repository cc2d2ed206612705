/**
 * Issue 11 item 1: the import wizard as a state machine, without a DOM: choosing a file, the
 * preview, dry runs and runs, failures, retries of the failed items, and what "Import" says
 * when it would write nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  busyWith,
  expectedVersions,
  failedKeys,
  importBlocker,
  importReducer,
  initialImportState,
  shownPreview,
  shownResult,
  writableCount,
  type ImportAction,
  type ImportState,
} from '../../../renderer/src/views/secrets/import-state';
import type { ImportOutcome, ImportPreview, ImportRunResult } from '../../../shared/api';
import type { ImportPlanItem } from '../../../shared/imports';

function item(id: string, status: ImportPlanItem['status'], currentVersionId: string | null = null): ImportPlanItem {
  return { key: `connection:${id}:0`, kind: 'connection', id, location: 'line 1', name: status === 'invalid' ? null : `airflow/connections/${id}`, status, reason: status === 'invalid' ? 'no conn_type' : null, warnings: [], value: status === 'invalid' ? null : 'x', current: null, currentVersionId };
}

const preview: ImportPreview = { format: 'airflow-settings-yaml', fileProblems: [], ignored: 0, items: [item('fresh', 'new'), item('moved', 'changed', 'v3'), item('same', 'identical', 'v1'), item('broken', 'invalid')] };
const counts = (outcomes: Partial<Record<ImportOutcome, number>>): Record<ImportOutcome, number> => ({ created: 0, updated: 0, unchanged: 0, 'skipped-exists': 0, 'skipped-invalid': 0, conflict: 0, failed: 0, 'would-create': 0, 'would-update': 0, ...outcomes });
const failedRun: ImportRunResult = {
  dryRun: false,
  results: [
    { key: 'connection:fresh:0', kind: 'connection', id: 'fresh', name: 'airflow/connections/fresh', outcome: 'failed', message: 'throttled', error: null },
    { key: 'connection:moved:0', kind: 'connection', id: 'moved', name: 'airflow/connections/moved', outcome: 'skipped-exists', message: null, error: null },
  ],
  counts: counts({ failed: 1, 'skipped-exists': 1 }),
};

const run = (state: ImportState, ...actions: ImportAction[]) => actions.reduce(importReducer, state);
const pasted: ImportAction = { type: 'sourceChosen', input: { kind: 'text', text: 'connections: []' }, label: 'pasted text' };
const previewed = run(initialImportState, pasted, { type: 'previewStarted' }, { type: 'previewArrived', preview });

describe('issue 11 item 1: the import wizard state machine', () => {
  it('issue 11 item 1: a preview shows while it runs the one before, and arrives with every diff closed', () => {
    const opened = run(previewed, { type: 'diffToggled', key: 'connection:moved:0' });
    expect(opened.expanded.has('connection:moved:0')).toBe(true);
    const again = run(opened, { type: 'previewStarted' });
    expect([again.step.name, busyWith(again.step), shownPreview(again.step)]).toEqual(['previewing', 'preview', preview]);
    const arrived = run(again, { type: 'previewArrived', preview });
    expect([arrived.step.name, busyWith(arrived.step), arrived.expanded.size]).toEqual(['previewed', null, 0]);
  });

  it('issue 11 item 1: another file drops the preview, the result and the failure; a late answer for the old file is not shown', () => {
    const failed = run(previewed, { type: 'runStarted', dryRun: false }, { type: 'runFailed', error: new Error('x') });
    const other = run(failed, { type: 'sourceChosen', input: { kind: 'text', text: 'variables: []' }, label: 'pasted text' });
    expect([other.step, other.failure, other.source?.input]).toEqual([{ name: 'unpreviewed' }, null, { kind: 'text', text: 'variables: []' }]);

    const racing = run(initialImportState, pasted, { type: 'previewStarted' }, { type: 'sourceChosen', input: { kind: 'text', text: 'b' }, label: 'pasted text' }, { type: 'previewArrived', preview });
    expect(shownPreview(racing.step)).toBeNull();
  });

  it('issue 11 item 1: a failed preview keeps the preview before it, with the failure', () => {
    const failure = new Error('unreadable');
    expect(run(previewed, { type: 'previewStarted' }, { type: 'previewFailed', error: failure })).toMatchObject({ step: { name: 'previewed', preview }, failure });
    expect(run(initialImportState, pasted, { type: 'previewStarted' }, { type: 'previewFailed', error: failure })).toMatchObject({ step: { name: 'unpreviewed' }, failure });
  });

  it('issue 11 item 1: a run needs a preview and no other call under way; its result stays shown through the next run', () => {
    expect(run(initialImportState, { type: 'runStarted', dryRun: true })).toBe(initialImportState);
    const dry = run(previewed, { type: 'runStarted', dryRun: true });
    expect(busyWith(dry.step)).toBe('dry');
    expect(run(dry, { type: 'runStarted', dryRun: false })).toBe(dry);

    const done = run(dry, { type: 'runFinished', result: failedRun });
    expect([busyWith(done.step), shownResult(done.step)]).toEqual([null, failedRun]);
    const retrying = run(done, { type: 'runStarted', dryRun: false });
    expect([busyWith(retrying.step), shownResult(retrying.step)]).toEqual(['run', failedRun]);
    // A new preview hides the last result.
    expect(shownResult(run(done, { type: 'previewStarted' }).step)).toBeNull();
  });

  it('issue 11 item 1: progress belongs to the call under way; a new call starts without it', () => {
    const progress = { taskId: 't', label: 'Importing', done: 1, total: 4 };
    const reported = run(previewed, { type: 'runStarted', dryRun: false }, { type: 'progressReported', progress });
    expect(reported.progress).toEqual(progress);
    expect(run(reported, { type: 'runFinished', result: failedRun }, { type: 'runStarted', dryRun: true }).progress).toBeNull();
  });

  it('issue 11 item 1: what Import would write, why it would write nothing, and what a retry runs', () => {
    expect(writableCount(preview, 'skip')).toBe(1);
    expect(writableCount(preview, 'overwrite')).toBe(2);
    expect(importBlocker(null, 'skip')).toBe('Preview the file first.');
    expect(importBlocker(preview, 'skip')).toBeNull();
    const nothingNew = { ...preview, items: [item('moved', 'changed', 'v3'), item('same', 'identical', 'v1')] };
    expect(importBlocker(nothingNew, 'skip')).toBe('Nothing new to import; 1 changed item is skipped unless you choose to overwrite.');
    expect(importBlocker(nothingNew, 'overwrite')).toBeNull();
    expect(importBlocker({ ...preview, items: [item('same', 'identical', 'v1')] }, 'skip')).toBe('Nothing to import: every item is identical or invalid.');
    expect(expectedVersions(preview)).toEqual({ 'airflow/connections/fresh': null, 'airflow/connections/moved': 'v3', 'airflow/connections/same': 'v1' });
    expect(failedKeys(failedRun)).toEqual(['connection:fresh:0']);
    expect(failedKeys(null)).toEqual([]);
  });

  it('issue 11 item 1: the options change only themselves', () => {
    const chosen = run(previewed, { type: 'formatChosen', format: 'dotenv' }, { type: 'storageChosen', storage: 'uri' }, { type: 'policyChosen', policy: 'overwrite' }, { type: 'pasteToggled' });
    expect(chosen).toEqual({ ...previewed, format: 'dotenv', storage: 'uri', policy: 'overwrite', pasting: true });
  });
});
