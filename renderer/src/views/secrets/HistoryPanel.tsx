/**
 * A secret's versions with their labels and dates, a diff between any two, and a roll back that
 * moves AWSCURRENT to an earlier version (after a review). Values are masked until revealed.
 */
import { Button, Callout, Classes, HTMLTable, NonIdealState, Radio, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { SecretVersion } from '../../../../shared/api';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, ExactName, formatDateTime } from '../../components';
import { MaskedDiff } from './MaskedDiff';
import { ReviewDialog } from './ReviewDialog';
import { TrailSection } from './TrailSection';
import type { WriteTarget } from './secrets-context';

const shortId = (id: string) => id.slice(0, 8);

function useVersionValue(name: string, versionId: string | null) {
  return useApiQuery('secrets.get', { name, versionId: versionId ?? '' }, { enabled: versionId !== null, staleTime: Infinity });
}

export function HistoryPanel({ name, arn, target, dirty, onRolledBack }: { name: string; arn: string | null; target: WriteTarget | null; dirty: boolean; onRolledBack: () => void }) {
  const history = useApiQuery('secrets.history', { name });
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [rollbackTo, setRollbackTo] = useState<SecretVersion | null>(null);
  const versions = history.data?.versions ?? [];
  const current = versions.find((v) => v.stages.includes('AWSCURRENT')) ?? null;
  const previous = versions.find((v) => v.stages.includes('AWSPREVIOUS')) ?? null;
  // With one version there is nothing to compare or roll back to: no pickers, no diff, no value read.
  const single = versions.length === 1;
  const from = single ? null : (picked.from ?? previous?.versionId ?? null);
  const to = single ? null : (picked.to ?? current?.versionId ?? null);
  const fromValue = useVersionValue(name, from);
  const toValue = useVersionValue(name, to);
  const rollbackValue = useVersionValue(name, rollbackTo?.versionId ?? null);
  const currentValue = useVersionValue(name, rollbackTo === null ? null : (current?.versionId ?? null));
  const rollback = useApiMutation('secrets.rollback');

  if (history.isPending) return <Spinner size={24} />;
  if (history.error !== null) return <ErrorCallout error={history.error} onRetry={() => void history.refetch()} />;
  if (versions.length === 0) return <NonIdealState icon="history" title="No versions" />;

  const diffReady = fromValue.data !== undefined && toValue.data !== undefined;

  return (
    <div className="history-panel" data-testid="history-panel">
      <HTMLTable compact striped className="history-table">
        <thead>
          <tr>
            {single ? null : <th title="Diff from">From</th>}
            {single ? null : <th title="Diff to">To</th>}
            <th>Version</th>
            <th>Labels</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.versionId} data-testid="history-row" data-stages={version.stages.join(' ')}>
              {single ? null : <td><Radio checked={from === version.versionId} onChange={() => setPicked({ from: version.versionId, to })} aria-label="Diff from this version" className="history-radio" /></td>}
              {single ? null : <td><Radio checked={to === version.versionId} onChange={() => setPicked({ from, to: version.versionId })} aria-label="Diff to this version" className="history-radio" /></td>}
              <td className="mono" title={version.versionId}><ExactName wrap="never" text={shortId(version.versionId)} /></td>
              <td>
                {version.stages.length === 0 ? <span className={Classes.TEXT_MUTED}>deprecated</span> : version.stages.map((stage) => (
                  <Tag key={stage} minimal intent={stage === 'AWSCURRENT' ? 'success' : 'none'} className="stage-tag">{stage}</Tag>
                ))}
              </td>
              <td title={version.createdAt ?? undefined} className="date-cell">{formatDateTime(version.createdAt)}</td>
              <td className="row-actions">
                {version.stages.includes('AWSCURRENT') ? null : (
                  <Button size="small" icon="undo" text="Roll back" onClick={() => setRollbackTo(version)} data-testid="rollback" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      {single ? (
        <p className={`history-single ${Classes.TEXT_MUTED}`} data-testid="history-single">
          This is the only version so far. Each save adds one; from two on, you can compare any two here and roll back.
        </p>
      ) : (
        <>
          <div className="panel-heading">
            Diff <span className="mono">{from === null ? '—' : shortId(from)}</span> → <span className="mono">{to === null ? '—' : shortId(to)}</span>
          </div>
          {fromValue.error !== null ? <ErrorCallout error={fromValue.error} /> : null}
          {toValue.error !== null ? <ErrorCallout error={toValue.error} /> : null}
          {from === null || to === null ? <span className={Classes.TEXT_MUTED}>Pick a version in From and one in To to compare them.</span> : !diffReady ? <Spinner size={20} /> : <MaskedDiff before={fromValue.data?.value ?? ''} after={toValue.data?.value ?? ''} testId="history-diff" />}
        </>
      )}
      <TrailSection name={name} arn={arn} />
      <ReviewDialog
        isOpen={rollbackTo !== null}
        title="Roll back"
        intent="warning"
        summary={
          <>
            <Callout intent="warning" icon="undo">
              AWSCURRENT moves to version <span className="mono">{rollbackTo === null ? '' : shortId(rollbackTo.versionId)}</span> ({formatDateTime(rollbackTo?.createdAt ?? null)}). Airflow reads that value from now on; the current one stays in the history as AWSPREVIOUS.
            </Callout>
            {dirty ? <Callout intent="primary" className="review-kept">You have unsaved edits. They stay in the editor; saving them afterwards will show both values first.</Callout> : null}
          </>
        }
        diff={rollbackValue.data !== undefined && currentValue.data !== undefined ? { before: currentValue.data.value ?? '', after: rollbackValue.data.value ?? '' } : null}
        commands={rollbackTo === null || current === null ? [] : [{ op: 'update-secret-version-stage', secretId: name, stage: 'AWSCURRENT', moveToVersionId: rollbackTo.versionId, removeFromVersionId: current.versionId }]}
        target={target}
        confirmLabel="Roll back"
        confirmDisabled={current === null}
        onConfirm={async () => {
          if (rollbackTo === null || current === null) return;
          await rollback.mutateAsync({ name, toVersionId: rollbackTo.versionId, expectedCurrentVersionId: current.versionId });
          setRollbackTo(null);
          setPicked({ from: null, to: null });
          onRolledBack();
        }}
        onClose={() => setRollbackTo(null)}
      />
    </div>
  );
}
