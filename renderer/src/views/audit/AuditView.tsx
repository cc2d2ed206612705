/**
 * Airlock's own audit log: every write it made (secrets, project files, deploys, stored keys),
 * newest first, with where it went. Names only; the log never holds a value.
 */
import { Button, ButtonGroup, Callout, Classes, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useDeferredValue, useEffect, useState } from 'react';
import type { AuditEntry, AuditOutcome } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation, useApiQuery } from '../../api';
import { useNavigation } from '../../navigation';
import { downloadText, ErrorCallout, ExactName, formatDateTime } from '../../components';
import './audit.css';

const domains = [
  { value: '', label: 'All actions' },
  { value: 'secrets', label: 'Secrets' },
  { value: 'projects', label: 'Project files' },
  { value: 'deploy', label: 'Deploys and Astro' },
  { value: 'profiles', label: 'Profiles and keys' },
  { value: 'sandbox', label: 'Sandbox' },
] as const;

const outcomeIntent = { ok: 'success', failed: 'danger', cancelled: 'warning' } as const;

function where(entry: AuditEntry): string {
  const parts = [entry.profile, entry.account, entry.region, entry.environment].filter((part) => part !== null);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

export function AuditView() {
  const { view } = useNavigation();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [domain, setDomain] = useState('');
  const filter = { text: useDeferredValue(text), ...(outcome === '' ? {} : { outcome }), ...(domain === '' ? {} : { domain }) };
  const page = useApiQuery('audit.list', { ...filter, limit: 500 });
  const exporting = useApiMutation('audit.export', {
    onSuccess: (result) => {
      if (result.content !== null) downloadText(result.fileName, result.content);
    },
  });
  const exported = exporting.data ?? null;
  const { refetch } = page;

  // The log grows while other views write: read it again each time this view is shown.
  useEffect(() => {
    if (view === 'audit') void refetch();
  }, [view, refetch]);

  const runExport = (format: 'csv' | 'jsonl') => exporting.mutate({ ...filter, format });

  return (
    <div className="audit-view" data-testid="audit-view">
      <div className="audit-toolbar">
        <InputGroup leftIcon="search" placeholder="Filter by name, profile, account, action…" value={text} onValueChange={setText} data-testid="audit-filter" aria-label="Filter the audit log" />
        <HTMLSelect value={domain} onChange={(event) => setDomain(event.currentTarget.value)} aria-label="Kind of action" data-testid="audit-domain">
          {domains.map((item) => <option key={item.value} value={item.value}>{item.label}</option>)}
        </HTMLSelect>
        <HTMLSelect value={outcome} onChange={(event) => setOutcome(event.currentTarget.value as AuditOutcome | '')} aria-label="Outcome" data-testid="audit-outcome">
          <option value="">Any outcome</option>
          <option value="ok">Done</option>
          <option value="failed">Failed</option>
          <option value="cancelled">Cancelled</option>
        </HTMLSelect>
        <Button icon="refresh" variant="minimal" aria-label="Read the log again" onClick={() => void refetch()} loading={page.isFetching} />
        <ButtonGroup>
          <Button icon="export" text="Export CSV" onClick={() => runExport('csv')} data-testid="audit-export-csv" />
          <Button text="JSON Lines" onClick={() => runExport('jsonl')} data-testid="audit-export-jsonl" />
        </ButtonGroup>
      </div>
      {exporting.error === null ? null : <ErrorCallout error={exporting.error} />}
      {exported === null ? null : (
        <Callout intent="success" icon="tick" className="audit-exported" data-testid="audit-exported">
          {exported.cancelled ? 'Cancelled; nothing was saved.' : `${exported.count} entries exported to ${exported.savedPath ?? `${exported.fileName} (downloaded)`}.`}
        </Callout>
      )}
      {page.isPending ? <Spinner /> : page.error !== null ? <ErrorCallout error={page.error} onRetry={() => void refetch()} /> : (
        <>
          {page.data.unreadableLines === 0 ? null : (
            <Callout intent="warning" data-testid="audit-unreadable">
              {plural(page.data.unreadableLines, 'line')} of the log could not be read (a write cut short by a crash, or an edit by hand). They are skipped and left as they are.
            </Callout>
          )}
          {page.data.entries.length === 0 ? (
            <NonIdealState icon="history" title={page.data.total === 0 && text === '' && outcome === '' && domain === '' ? 'Nothing written yet' : 'No entry matches'} description="Every change Airlock makes to secrets, project files and Deployments is listed here." />
          ) : (
            <div className="audit-table-scroll">
              <HTMLTable compact striped className="audit-table" data-testid="audit-table">
                <thead>
                  <tr><th>When</th><th>Action</th><th>Target</th><th>Profile · account · region</th><th>Outcome</th><th>Note</th></tr>
                </thead>
                <tbody>
                  {page.data.entries.map((entry) => (
                    <tr key={entry.seq} data-testid="audit-row" data-action={entry.action} data-outcome={entry.outcome}>
                      <td className="date-cell" title={entry.time}>{formatDateTime(entry.time)}</td>
                      <td className="mono">{entry.action}</td>
                      <td><ExactName text={entry.target} /></td>
                      <td className="audit-where">{where(entry)}</td>
                      <td><Tag minimal intent={outcomeIntent[entry.outcome]}>{entry.outcome === 'ok' ? 'done' : entry.outcome}{entry.errorCode === null ? '' : ` · ${entry.errorCode}`}</Tag></td>
                      <td className={Classes.TEXT_MUTED}>{entry.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </HTMLTable>
            </div>
          )}
          <p className={`audit-footer ${Classes.TEXT_MUTED}`} data-testid="audit-count">
            {page.data.entries.length < page.data.total ? `The newest ${page.data.entries.length} of ${page.data.total} matching entries.` : `${plural(page.data.total, 'entry', 'entries')}.`} Kept in <span className="mono">{page.data.logPath}</span>, rotated by size.
          </p>
        </>
      )}
    </div>
  );
}
