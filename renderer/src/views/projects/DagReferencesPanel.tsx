/**
 * The connection ids and variable keys the project's DAGs use: the secret Airflow reads for each
 * under the current kwargs, whether it exists for the active profile, where else it is defined,
 * and which source Airflow ends up using. A missing one can be created in the secrets editor.
 */
import { Button, Callout, HTMLSelect, Icon, InputGroup, NonIdealState, Spinner, Switch, Tag, Tooltip } from '@blueprintjs/core';
import { useState } from 'react';
import type { ProviderVersion } from '../../../../shared/airflow';
import { secretKinds } from '../../../../shared/secrets';
import type { DagReferenceRow, ResolvedBy } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiQuery } from '../../api';
import { useNavigation } from '../../navigation';
import { DataTable, type Column, ErrorCallout, MessageText, ExactName } from '../../components';
import { useWorkspace } from '../../workspace';
import { STATUS_ICON, STATUS_INTENT } from './HealthPanel';

const RESOLVED: Record<ResolvedBy, string> = {
  'secrets-backend': 'Secrets Manager',
  environment: 'environment variable',
  'local-metastore': 'local database only',
  nothing: 'nothing: fails',
  unknown: 'unknown',
};

const SOURCE_LABEL = { 'dockerfile-env': 'Dockerfile ENV', dotenv: '.env', 'airflow-settings': 'airflow_settings.yaml' } as const;

export function DagReferencesPanel({ path, providerVersion }: { path: string; providerVersion: ProviderVersion | null }) {
  const workspace = useWorkspace();
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<'all' | 'connection' | 'variable'>('all');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { go } = useNavigation();
  // The kwargs in use (the project's, or the ones chosen for browsing): what the secrets view uses too.
  const query = useApiQuery('projects.dagReferences', { path, kwargsJson: workspace.kwargsJson, providerVersion }, { staleTime: 30_000 });

  if (query.isPending) return <Spinner size={24} />;
  if (query.error !== null) return <ErrorCallout error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const needle = filter.trim().toLowerCase();
  const rows = data.rows.filter(
    (row) =>
      (kind === 'all' || row.kind === kind) &&
      (!onlyProblems || row.status !== 'ok') &&
      (needle === '' || row.id.toLowerCase().includes(needle) || row.occurrences.some((occurrence) => occurrence.file.toLowerCase().includes(needle))),
  );
  const source = data.kwargsSource === 'given' ? (workspace.kwargsSource === 'manual' ? 'the kwargs chosen for browsing' : "the project's kwargs") : data.kwargsSource === 'dockerfile' ? "the Dockerfile's kwargs" : "Airflow's default kwargs";

  return (
    <div className="dag-references" data-testid="dag-references">
      <div className="toolbar dag-toolbar">
        <span className="muted">
          {plural(data.rows.length, 'id')} in {plural(data.scannedFiles, 'Python file')} under dags/ and include/, resolved with {source}
          {data.profile === null ? '' : ` for ${data.profile.name} in ${data.profile.region}`}
          {data.listCalls > 0 ? ` (${plural(data.listCalls, 'ListSecrets call')})` : ''}.
        </span>
        <InputGroup leftIcon="search" placeholder="Filter by id or file" value={filter} onValueChange={setFilter} data-testid="dag-filter" />
        <HTMLSelect value={kind} onChange={(event) => setKind(event.currentTarget.value as typeof kind)} data-testid="dag-kind">
          <option value="all">All kinds</option>
          <option value="connection">Connections</option>
          <option value="variable">Variables</option>
        </HTMLSelect>
        <Switch checked={onlyProblems} onChange={(event) => setOnlyProblems(event.currentTarget.checked)} label="Only problems" className="dag-switch" data-testid="dag-only-problems" />
        <Button icon="refresh" variant="minimal" loading={query.isFetching} onClick={() => void query.refetch()} aria-label="Scan again" />
      </div>
      {data.kwargsFellBack ? <Callout intent="warning" compact>The kwargs are not valid JSON, so these names use Airflow&apos;s defaults, as Airflow itself would.</Callout> : null}
      {data.secretsError !== null ? <Callout intent="primary" compact icon="info-sign"><MessageText text={data.secretsError} /></Callout> : null}
      <DataTable
        className="dag-table"
        testId="dag-table"
        rows={rows}
        columns={dagColumns}
        rowKey={(row) => `${row.kind}:${row.id}`}
        rowAttributes={(row) => ({ 'data-testid': 'dag-row', 'data-id': row.id, 'data-status': row.status })}
        actions={{
          className: 'dag-action',
          cell: (row) => (canCreate(row) ? <Button size="small" icon="add" text="Create in secrets" aria-label="Create in secrets" title="Create in secrets" onClick={() => go('secrets', { view: 'secrets', kind: 'create', secretKind: row.kind, id: row.id })} data-testid="dag-create" /> : null),
        }}
        // Only a scan that found nothing says so; filters that hide every row leave the header.
        empty={data.rows.length === 0 ? <NonIdealState icon="search" title="No references found" description="No Variable.get, get_connection, *_conn_id argument or Jinja reference in dags/ or include/." /> : undefined}
      />
      {data.dynamic.length > 0 ? (
        <div className="dag-dynamic">
          <h4 className="kwargs-heading">Computed at run time (not resolvable here)</h4>
          <ul>
            {data.dynamic.map((item) => (
              <li key={`${item.file}:${item.line}:${item.expression}`} className="mono">
                <ExactName className="muted" text={`${item.file}:${item.line}`} /> {item.kind} from <ExactName as="code" text={item.expression} /> <span className="muted">({item.reason})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.skipped.length > 0 ? (
        <p className="muted">
          Skipped: {data.skipped.map((item) => `${item.file} (${item.reason})`).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}

/** A missing secret that Airflow would look up can be created from here. */
function canCreate(row: DagReferenceRow): boolean {
  return row.lookup.lookedUp && row.secret === 'missing';
}

const dagColumns: readonly Column<DagReferenceRow>[] = [
  {
    id: 'status',
    header: '',
    cell: (row) => (
      <Tooltip content={<span className="kwarg-tooltip">{row.explanation}</span>}>
        <Icon icon={STATUS_ICON[row.status]} intent={STATUS_INTENT[row.status]} />
      </Tooltip>
    ),
  },
  {
    id: 'id',
    header: 'Id',
    className: 'dag-id',
    cell: (row) => <><Tag minimal className="kind-tag">{secretKinds[row.kind].shortLabel}</Tag> <ExactName wrap="never" className="mono" text={row.id} /></>,
  },
  {
    id: 'secret',
    header: 'Secret Airflow reads',
    className: 'dag-secret-cell',
    cell: (row) => (row.lookup.lookedUp ? (
      <span className="dag-secret">
        <ExactName as="code" text={row.lookup.secretId} />{' '}
        {row.secret === 'exists' ? <Tag minimal intent="success">exists</Tag> : null}
        {row.secret === 'missing' ? <Tag minimal intent="danger">missing</Tag> : null}
        {row.secret === 'scheduled-for-deletion' ? <Tag minimal intent="warning">deleting</Tag> : null}
        {row.secret === 'unknown' ? <Tag minimal>not checked</Tag> : null}
      </span>
    ) : (
      <Tooltip content={<span className="kwarg-tooltip"><MessageText text={row.lookup.reason} /></span>}>
        <span className="muted">not looked up</span>
      </Tooltip>
    )),
  },
  {
    id: 'others',
    header: 'Also defined in',
    cell: (row) => (row.otherDefinitions.length === 0 ? <span className="muted">—</span> : row.otherDefinitions.map((other) => (
      <Tooltip key={`${other.source}:${other.line}`} content={`${other.file}:${other.line} ${other.name}`}>
        <span className="source-tag">{SOURCE_LABEL[other.source]}</span>
      </Tooltip>
    ))),
  },
  {
    id: 'resolved',
    header: 'Airflow uses',
    cell: (row) => (
      <>
        <span className={`resolved resolved-${row.resolvedBy}`}>{RESOLVED[row.resolvedBy]}</span>
        <div className="muted dag-explanation">
          <MessageText text={row.explanation} />
        </div>
      </>
    ),
  },
  {
    id: 'used',
    header: 'Used in',
    className: 'mono dag-used',
    cell: (row) => {
      const first = row.occurrences[0];
      return (
        <>
          {first === undefined ? null : (
            <Tooltip content={<span className="mono">{first.snippet}</span>}>
              <ExactName wrap="never" text={`${first.file}:${first.line}`} />
            </Tooltip>
          )}
          {row.occurrences.length > 1 ? <span className="muted"> +{row.occurrences.length - 1}</span> : null}
        </>
      );
    },
  },
];
