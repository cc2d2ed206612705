/**
 * Secrets that look like Airflow secrets but that Airflow never reads with the kwargs in use,
 * each with the reason and a one-click move to the name it would read. Listing reads no value;
 * the connection check reads connection values only when the user asks for it.
 */
import { Button, Callout, Classes, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { OutsideReason } from '../../../../shared/secrets';
import type { OutsideSecret } from '../../../../shared/api';
import { plural, pluralWord } from '../../../../shared/plural';
import { useApiMutation, useApiQuery } from '../../api';
import { DataTable, type Column, ErrorCallout, formatRelative, MessageText, ExactName } from '../../components';
import { MoveDialog } from './MoveDialog';
import { NoSearchMatch } from './NoSearchMatch';
import { matchesSearch } from './SecretTable';
import type { KwargsState, WriteTarget } from './secrets-context';

const reasonLabels: Readonly<Record<OutsideReason, string>> = {
  'not-looked-up': 'not looked up',
  'leading-slash': 'leading /',
  'wrong-separator': 'wrong separator',
  'wrong-case': 'wrong case',
  'wrong-prefix': 'wrong prefix',
  'prefix-disabled': 'prefix disabled',
  'unknown-kind': 'no prefix',
  'not-a-connection': 'variable as connection',
};

const outsideColumns: readonly Column<OutsideSecret>[] = [
  { id: 'name', header: 'Secret name', className: 'mono name-cell', cell: (row) => <ExactName text={row.name} /> },
  {
    id: 'reason',
    header: 'Why Airflow does not read it',
    className: 'reason-cell',
    cell: (row) => <><Tag minimal intent="warning" className="reason-tag">{reasonLabels[row.reason]}</Tag> <MessageText text={row.message} /></>,
  },
  { id: 'suggested', header: 'Airflow reads', className: 'mono name-cell', cell: (row) => (row.suggestedName === null ? '—' : <ExactName text={row.suggestedName} />) },
  { id: 'changed', header: 'Last changed', className: 'date-cell', cell: (row) => formatRelative(row.lastChangedAt) },
];

/** Misplaced secrets Airflow would read once moved; the others cannot be moved to a name it reads. */
function canMove(row: OutsideSecret): boolean {
  return row.reason !== 'not-looked-up' && row.reason !== 'prefix-disabled';
}

/**
 * What the panel found and how: by name (always, from the listing) and by value (only after the
 * user asks, since it reads the connections' values). Before the check it says the check exists,
 * so a count "by name" is never mistaken for everything misplaced.
 */
export function outsideSummary(byName: number, check: { readonly checked: number; readonly items: readonly OutsideSecret[] } | undefined): string {
  const found = `${plural(byName, 'secret')} found by name`;
  if (check === undefined) return `${found}. Check connection values to look for variables stored under the connections prefix (it reads those values; listing never does).`;
  const stray = check.items.length;
  const verdict = stray === 0
    ? pluralWord(check.checked, 'it is a connection', 'all are connections')
    : `${stray} ${pluralWord(stray, 'is a variable', 'are variables')} stored under the connections prefix, listed below`;
  return `${found}; ${plural(check.checked, 'connection value')} checked: ${verdict}.`;
}

export function OutsidePanel({ kwargs, notLookedUp, search, onClearSearch, target }: { kwargs: KwargsState; notLookedUp: readonly OutsideSecret[]; search: string; onClearSearch: () => void; target: WriteTarget | null }) {
  const outside = useApiQuery('secrets.listOutside', { kwargs: kwargs.json }, { enabled: kwargs.read.ok });
  const check = useApiMutation('secrets.checkConnectionValues');
  const [moving, setMoving] = useState<OutsideSecret | null>(null);

  const foundByName = new Set([...notLookedUp, ...(outside.data?.items ?? [])].map((item) => item.name)).size;
  const byName = new Map<string, OutsideSecret>();
  for (const item of [...notLookedUp, ...(outside.data?.items ?? []), ...(check.data?.items ?? [])]) byName.set(item.name, item);
  const all = [...byName.values()];
  const rows = all.filter((row) => matchesSearch(row, search)).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="outside-panel" data-testid="outside-panel">
      <div className="panel-toolbar">
        <span className={Classes.TEXT_MUTED}>
          Names that look like Airflow secrets (leading <code>/</code>, <code>airflow…</code>, or the words connection, variable, config) but that Airflow never reads with these kwargs.
        </span>
        <Button
          size="small"
          icon="search-template"
          text="Check connection values"
          title="Reads the value of every connection under the prefix to find variables stored there by mistake. Values are not shown."
          loading={check.isPending}
          onClick={() => check.mutate({ kwargs: kwargs.json })}
          data-testid="check-connection-values"
        />
      </div>
      {outside.data === undefined ? null : (
        <Callout compact intent={check.data === undefined ? 'primary' : check.data.items.length === 0 ? 'success' : 'warning'} className="panel-note" data-testid="outside-summary">
          {outsideSummary(foundByName, check.data)}
        </Callout>
      )}
      {check.error !== null ? <ErrorCallout error={check.error} /> : null}
      {outside.error !== null ? <ErrorCallout error={outside.error} onRetry={() => void outside.refetch()} /> : null}
      {outside.isPending && kwargs.read.ok ? <Spinner size={24} /> : (
        <DataTable
          className="secret-table outside-table"
          rows={rows}
          columns={outsideColumns}
          rowKey={(row) => row.name}
          rowAttributes={(row) => ({ 'data-testid': 'outside-row', 'data-name': row.name })}
          actions={{ className: 'row-actions', cell: (row) => (canMove(row) ? <Button size="small" icon="move" text="Move…" onClick={() => setMoving(row)} data-testid="outside-move" /> : null) }}
          empty={all.length > 0
            ? <NoSearchMatch search={search} what="misplaced secret" onClear={onClearSearch} />
            : <NonIdealState icon="tick-circle" title="Nothing misplaced" description="No secret that looks like an Airflow secret is outside the prefixes." />}
        />
      )}
      {moving === null ? null : <MoveDialog key={moving.name} secret={moving} kwargs={kwargs} target={target} onClose={() => {
        setMoving(null);
        check.reset();
      }} />}
    </div>
  );
}
