/** Secrets scheduled for deletion, with the date and a restore (after a review). */
import { Button, Classes, HTMLTable, NonIdealState } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SecretSummary } from '../../../../shared/api';
import { describeDeletion } from '../../components/format';
import { useGuardedCall } from '../../components/ProductionConfirm';
import { NoSearchMatch } from './NoSearchMatch';
import { ReviewDialog } from './ReviewDialog';
import { kindLabels, type WriteTarget } from './secrets-context';
import { ExactName } from '../../components/ExactName';

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
  const guarded = useGuardedCall();
  const queryClient = useQueryClient();
  if (rows.length === 0 && total > 0) return <NoSearchMatch search={search} what="scheduled secret" onClear={onClearSearch} />;
  if (rows.length === 0) return <NonIdealState icon="trash" title="Nothing scheduled for deletion" description="Deleted secrets stay here, restorable, until their recovery window ends." />;
  return (
    <div data-testid="scheduled-panel">
      <HTMLTable compact striped className="secret-table">
        <thead>
          <tr>
            <th>Id</th>
            <th>Secret name</th>
            <th>Kind</th>
            <th>Deletion</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.arn} data-testid="scheduled-row" data-name={row.name}>
              <td className="mono id-cell"><ExactName text={row.id} /></td>
              <td className="mono muted name-cell"><ExactName text={row.name} /></td>
              <td>{kindLabels[row.kind].one}</td>
              <td className="date-cell" data-testid="deletion-date" title={row.deletedAt ?? undefined}>{describeDeletion(row.deletedAt, now)}</td>
              <td className="row-actions"><Button size="small" icon="undo" text="Restore…" onClick={() => setRestoring(row)} data-testid="restore" /></td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
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
          await guarded('secrets.restore', { name: restoring.name });
          await queryClient.invalidateQueries({ queryKey: ['secrets.list'] });
          setRestoring(null);
        }}
        onClose={() => setRestoring(null)}
      />
    </div>
  );
}
