/** Secrets scheduled for deletion, with the date and a restore (after a review). */
import { Button, Classes, NonIdealState } from '@blueprintjs/core';
import { secretKinds } from '../../../../shared/secrets';
import { useState } from 'react';
import type { SecretSummary } from '../../../../shared/api';
import { useApiMutation } from '../../api';
import { DataTable, type Column, describeDeletion, ExactName } from '../../components';
import { NoSearchMatch } from './NoSearchMatch';
import { ReviewDialog } from './ReviewDialog';
import type { WriteTarget } from './secrets-context';

function scheduledColumns(now: Date | undefined): readonly Column<SecretSummary>[] {
  return [
    { id: 'id', header: 'Id', className: 'mono id-cell', cell: (row) => <ExactName text={row.id} /> },
    { id: 'name', header: 'Secret name', className: 'mono muted name-cell', cell: (row) => <ExactName text={row.name} /> },
    { id: 'kind', header: 'Kind', cell: (row) => secretKinds[row.kind].one },
    {
      id: 'deletion',
      header: 'Deletion',
      className: 'date-cell',
      attributes: (row) => ({ 'data-testid': 'deletion-date', title: row.deletedAt ?? undefined }),
      cell: (row) => describeDeletion(row.deletedAt, now),
    },
  ];
}

export function ScheduledPanel({ rows, total, search, onClearSearch, target, now }: {
  rows: readonly SecretSummary[];
  total: number;
  search: string;
  onClearSearch: () => void;
  target: WriteTarget | null;
  /** The clock the dates are read against (tests fix it). */
  now?: Date;
}) {
  const [restoring, setRestoring] = useState<SecretSummary | null>(null);
  const restore = useApiMutation('secrets.restore');
  const empty = total > 0
    ? <NoSearchMatch search={search} what="scheduled secret" onClear={onClearSearch} />
    : <NonIdealState icon="trash" title="Nothing scheduled for deletion" description="Deleted secrets stay here, restorable, until their recovery window ends." />;
  if (rows.length === 0) return empty;
  return (
    <div data-testid="scheduled-panel">
      <DataTable
        className="secret-table"
        rows={rows}
        columns={scheduledColumns(now)}
        rowKey={(row) => row.arn}
        rowAttributes={(row) => ({ 'data-testid': 'scheduled-row', 'data-name': row.name })}
        actions={{ className: 'row-actions', cell: (row) => <Button size="small" icon="undo" text="Restore…" onClick={() => setRestoring(row)} data-testid="restore" /> }}
      />
      <p className={Classes.TEXT_MUTED}>AWS deletes each secret for good when its recovery window (chosen at deletion, 7 to 30 days) ends.</p>
      <ReviewDialog
        isOpen={restoring !== null}
        title="Restore secret"
        icon="undo"
        summary={<><ExactName as="strong" className="mono" text={restoring?.name ?? ''} /> is restored with all its versions; Airflow finds it again from its next lookup.</>}
        commands={restoring === null ? [] : [{ op: 'restore-secret', secretId: restoring.name }]}
        target={target}
        confirmLabel="Restore"
        onConfirm={async () => {
          if (restoring === null) return;
          await restore.mutateAsync({ name: restoring.name });
          setRestoring(null);
        }}
        onClose={() => setRestoring(null)}
      />
    </div>
  );
}
