/**
 * The environment matrix (issue 13 item 4): every Airflow id under each environment's prefixes, one
 * column per environment, with the DAG references beside them. Names and states only: comparing
 * values is an explicit button, and even then the main process answers with verdicts and the names
 * of the fields that differ, never a value.
 */
import { Button, ButtonGroup, Callout, Icon, NonIdealState, ProgressBar, Spinner, Tag, type Intent, type IconName } from '@blueprintjs/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { TaskProgress } from '../../../../shared/api';
import type { EnvironmentMatrix as Matrix, MatrixCell, MatrixCellState, MatrixColumn, MatrixComparison, MatrixFilter, MatrixRow } from '../../../../shared/api';
import { rowMatches } from '../../../../shared/environments';
import { secretKinds } from '../../../../shared/secrets';
import { useApiEvent, useApiMutation, useApiQuery } from '../../api';
import { DataTable, type Column, ErrorCallout } from '../../components';
import { DeleteAcrossDialog } from './DeleteAcrossDialog';
import { PromoteDialog, type PromoteRequest } from './PromoteDialog';

const CELL: Readonly<Record<MatrixCellState, { text: string; intent: Intent; icon: IconName }>> = {
  present: { text: 'present', intent: 'success', icon: 'tick' },
  missing: { text: 'missing', intent: 'danger', icon: 'cross' },
  'scheduled-for-deletion': { text: 'scheduled for deletion', intent: 'warning', icon: 'trash' },
  misplaced: { text: 'not where Airflow reads', intent: 'warning', icon: 'warning-sign' },
  unknown: { text: 'not read', intent: 'none', icon: 'help' },
};

const FILTERS: readonly { id: MatrixFilter; text: string }[] = [
  { id: 'all', text: 'All ids' },
  { id: 'missing-somewhere', text: 'Missing somewhere' },
  { id: 'differs', text: 'Differs' },
  { id: 'used-by-dags-but-missing', text: 'Used by DAGs but missing' },
];

function cellTitle(cell: MatrixCell): string {
  if (cell.state === 'misplaced') return `Stored as ${cell.secretName ?? '?'}. ${cell.note ?? ''}`;
  return cell.secretName ?? CELL[cell.state].text;
}

function CellTag({ cell, environment }: { cell: MatrixCell; environment: string }) {
  const look = CELL[cell.state];
  return (
    <Tag minimal intent={look.intent} icon={look.icon} title={cellTitle(cell)} data-testid="matrix-cell" data-environment={environment} data-state={cell.state}>
      {look.text}
    </Tag>
  );
}

function Verdict({ comparison }: { comparison: MatrixComparison }) {
  switch (comparison.state) {
    case 'not-compared':
      return <span className="muted">not compared yet</span>;
    case 'single':
      return <span className="muted">—</span>;
    case 'same':
      return (
        <Tag minimal intent="success" icon="equals" data-testid="matrix-verdict" data-state="same">
          same{comparison.formats.length > 1 ? ` (${comparison.formats.join(' = ')})` : ''}
        </Tag>
      );
    case 'differs':
      return (
        <Tag minimal intent="warning" icon="not-equal-to" data-testid="matrix-verdict" data-state="differs" title={`Different in ${comparison.differentIn.join(', ')}`}>
          differs: {comparison.fields.join(', ')}
        </Tag>
      );
    case 'unreadable':
      return (
        <Tag minimal intent="danger" icon="error" data-testid="matrix-verdict" data-state="unreadable" title={comparison.message}>
          cannot compare
        </Tag>
      );
    default: {
      const never: never = comparison;
      throw new Error(`Unknown comparison ${JSON.stringify(never)}`);
    }
  }
}

function ColumnHeader({ column }: { column: MatrixColumn }) {
  return (
    <span className="matrix-column-header" data-testid="matrix-column" data-environment={column.name}>
      <strong>{column.name}</strong> {column.production ? <Tag intent="warning" minimal>production</Tag> : null}
      <br />
      <span className="muted">
        {column.profile ?? 'no profile'}
        {column.account !== null ? ` · ${column.account}` : ''}
        {column.region !== null ? ` · ${column.region}` : ''}
      </span>
    </span>
  );
}

/** The matrix as the main process sent it, with the verdicts of the last comparison merged in. */
export function MatrixTable({
  matrix,
  verdicts,
  filter,
  onCopy,
  onDelete,
}: {
  matrix: Matrix;
  verdicts: ReadonlyMap<string, MatrixComparison>;
  filter: MatrixFilter;
  onCopy?: (request: PromoteRequest) => void;
  onDelete?: (row: MatrixRow) => void;
}) {
  const rows = useMemo(
    () =>
      matrix.rows
        .map((row) => ({ ...row, comparison: verdicts.get(`${row.kind}:${row.id}`) ?? row.comparison }))
        .filter((row) => rowMatches(row, filter)),
    [matrix.rows, verdicts, filter],
  );
  const columns: Column<MatrixRow>[] = [
    {
      id: 'id',
      header: 'Airflow id',
      className: 'matrix-id',
      cell: (row) => (
        <>
          <Tag minimal>{secretKinds[row.kind].shortLabel}</Tag> <code>{row.id}</code>
        </>
      ),
    },
    {
      id: 'dags',
      header: 'DAGs',
      className: 'matrix-dags',
      cell: (row) => (row.dagReferences > 0 ? <span title={`${row.dagReferences} place(s) in the DAGs read it`}><Icon icon="diagram-tree" size={12} /> {row.dagReferences}</span> : <span className="muted">—</span>),
    },
    ...matrix.columns.map(
      (column): Column<MatrixRow> => ({
        id: `environment-${column.name}`,
        header: column.name,
        className: 'matrix-cell',
        cell: (row) => {
          const cell = row.cells[column.name];
          return cell === undefined ? null : <CellTag cell={cell} environment={column.name} />;
        },
      }),
    ),
    { id: 'same', header: 'Same as Airflow reads it?', className: 'matrix-verdict', cell: (row) => <Verdict comparison={row.comparison} /> },
  ];
  return (
    <>
      <div className="matrix-columns">
        {matrix.columns.map((column) => (
          <div key={column.name}>
            <ColumnHeader column={column} />
            {column.error !== null ? <Callout compact intent="danger" data-testid="matrix-column-error">{column.error}</Callout> : null}
          </div>
        ))}
      </div>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(row) => `${row.kind}:${row.id}`}
        rowAttributes={(row) => ({ 'data-testid': 'matrix-row', 'data-id': `${row.kind}:${row.id}` })}
        {...(onCopy === undefined
          ? {}
          : {
              actions: {
                className: 'matrix-actions',
                cell: (row: MatrixRow) => {
                  // The first environment that stores it where Airflow reads it is the source.
                  const from = matrix.columns.find((column) => row.cells[column.name]?.state === 'present')?.name;
                  return from === undefined || matrix.columns.length < 2 ? null : (
                    <>
                      <Button size="small" variant="minimal" icon="duplicate" text={`Copy from ${from}…`} onClick={() => onCopy({ row, from })} data-testid="matrix-copy" />
                      {onDelete === undefined ? null : <Button size="small" variant="minimal" icon="trash" intent="danger" title="Delete in several environments…" onClick={() => onDelete(row)} data-testid="matrix-delete" />}
                    </>
                  );
                },
              },
            })}
        empty={<NonIdealState icon="tick-circle" title="No id matches this filter" />}
        className="environment-matrix"
        testId="environment-matrix"
      />
    </>
  );
}

export function EnvironmentMatrixPanel({ path }: { path: string }) {
  const matrix = useApiQuery('environments.matrix', { path });
  const compare = useApiMutation('environments.compareValues');
  const [filter, setFilter] = useState<MatrixFilter>('all');
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, MatrixComparison>>(new Map());
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const running = useRef<string | null>(null);
  const [copying, setCopying] = useState<PromoteRequest | null>(null);
  const [deleting, setDeleting] = useState<MatrixRow | null>(null);
  useApiEvent(
    'task.progress',
    useCallback((payload: TaskProgress) => {
      if (payload.taskId === running.current) setProgress(payload);
    }, []),
  );

  if (matrix.isPending) return <Spinner size={24} />;
  if (matrix.error !== null) return <ErrorCallout error={matrix.error} onRetry={() => void matrix.refetch()} />;
  const data = matrix.data;
  if (data.problem !== null) return <Callout intent="danger" title="The environments file cannot be read">{data.problem}</Callout>;
  if (data.columns.length === 0) return <NonIdealState icon="layers" title="No environments yet" description="Add dev, staging or prod on the Environments tab to compare them here." />;

  const compareValues = async (): Promise<void> => {
    const taskId = crypto.randomUUID();
    running.current = taskId;
    setProgress(null);
    try {
      const result = await compare.mutateAsync({ path, taskId });
      setVerdicts(new Map(result.rows.map((row) => [`${row.kind}:${row.id}`, row.comparison])));
    } finally {
      running.current = null;
    }
  };

  return (
    <div className="matrix-panel" data-testid="matrix-panel">
      <p className="muted">
        Every connection, variable and config id under each environment&apos;s prefixes, read with that environment&apos;s own profile. Names only: values stay in AWS until you compare them, and even then only the verdict is shown.
      </p>
      <div className="matrix-toolbar">
        <ButtonGroup>
          {FILTERS.map((option) => (
            <Button key={option.id} text={option.text} active={filter === option.id} onClick={() => setFilter(option.id)} data-testid={`matrix-filter-${option.id}`} />
          ))}
        </ButtonGroup>
        <Button icon="refresh" text="Reload" onClick={() => void matrix.refetch()} loading={matrix.isFetching} />
        <Button icon="comparison" intent="primary" text="Compare values" onClick={() => void compareValues().catch(() => undefined)} loading={compare.isPending} data-testid="matrix-compare" />
      </div>
      {compare.isPending && progress !== null ? (
        <div className="matrix-progress" data-testid="matrix-progress">
          <ProgressBar value={progress.total === null || progress.total === 0 ? undefined : progress.done / progress.total} intent="primary" />
          <span className="muted">{progress.label}: {progress.done} of {progress.total ?? '?'}</span>
        </div>
      ) : null}
      {compare.error !== null ? <ErrorCallout error={compare.error} /> : null}
      {data.dagScanError !== null ? <Callout compact intent="warning">The DAGs could not be scanned: {data.dagScanError}</Callout> : null}
      <MatrixTable matrix={data} verdicts={verdicts} filter={filter} onCopy={setCopying} onDelete={setDeleting} />
      {copying !== null ? <PromoteDialog path={path} request={copying} columns={data.columns} onClose={() => setCopying(null)} /> : null}
      {deleting !== null ? <DeleteAcrossDialog path={path} row={deleting} columns={data.columns} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
