/** A dense, sortable table of secrets (metadata only: the list never holds values). */
import { Classes, HTMLTable, Icon, Tag } from '@blueprintjs/core';
import type { SecretSummary } from '../../../../shared/api';
import { formatRelative } from '../../components/format';
import { ExactName } from '../../components/ExactName';

export type SortKey = 'id' | 'name' | 'lastChangedAt';
export interface SortState {
  readonly key: SortKey;
  readonly descending: boolean;
}

export function sortSecrets<T extends { id: string | null; name: string; lastChangedAt: string | null }>(rows: readonly T[], sort: SortState): T[] {
  const sorted = [...rows].sort((a, b) => {
    const left = sort.key === 'id' ? (a.id ?? '') : sort.key === 'name' ? a.name : (a.lastChangedAt ?? '');
    const right = sort.key === 'id' ? (b.id ?? '') : sort.key === 'name' ? b.name : (b.lastChangedAt ?? '');
    return left.localeCompare(right);
  });
  return sort.descending ? sorted.reverse() : sorted;
}

export function matchesSearch(row: { name: string; id: string | null; description: string | null; tags: readonly { key: string; value: string }[] }, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [row.name, row.id ?? '', row.description ?? '', ...row.tags.flatMap((t) => [t.key, t.value])].some((text) => text.toLowerCase().includes(needle));
}

export function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort: SortState; onSort: (sort: SortState) => void }) {
  const active = sort.key === sortKey;
  return (
    <th className="sortable" onClick={() => onSort({ key: sortKey, descending: active ? !sort.descending : sortKey === 'lastChangedAt' })} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      {label} {active ? <Icon icon={sort.descending ? 'chevron-down' : 'chevron-up'} size={12} /> : null}
    </th>
  );
}

export function SecretTable({ rows, sort, onSort, selected, onOpen, compact }: { rows: readonly SecretSummary[]; sort: SortState; onSort: (sort: SortState) => void; selected: string | null; onOpen: (row: SecretSummary) => void; compact: boolean }) {
  return (
    <HTMLTable compact striped interactive className={compact ? 'secret-table fixed-table narrow' : 'secret-table fixed-table'}>
      <thead>
        <tr>
          <SortHeader label="Id" sortKey="id" sort={sort} onSort={onSort} />
          <SortHeader label="Secret name" sortKey="name" sort={sort} onSort={onSort} />
          {compact ? null : <th className="description-col">Description</th>}
          {compact ? null : <th className="tags-col">Tags</th>}
          <SortHeader label={compact ? 'Changed' : 'Last changed'} sortKey="lastChangedAt" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {sortSecrets(rows, sort).map((row) => (
          <tr key={row.arn} data-testid="secret-row" data-name={row.name} className={selected === row.name ? 'selected-row' : undefined} onClick={() => onOpen(row)}>
            <td className="mono id-cell"><ExactName text={row.id} /></td>
            <td className="mono muted name-cell"><ExactName text={row.name} /></td>
            {compact ? null : <td className="description-cell" title={row.description ?? undefined}>{row.description ?? ''}</td>}
            {compact ? null : (
              <td className="tags-cell" title={row.tags.map((tag) => `${tag.key}=${tag.value}`).join('\n')}>
                {row.tags.slice(0, 2).map((tag) => <Tag key={tag.key} minimal className="row-tag">{`${tag.key}=${tag.value}`}</Tag>)}
                {row.tags.length > 2 ? <span className={Classes.TEXT_MUTED}>{`+${row.tags.length - 2}`}</span> : null}
              </td>
            )}
            <td title={row.lastChangedAt ?? undefined} className="date-cell">{formatRelative(row.lastChangedAt)}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
