/**
 * The Airflow secrets as one dense, sortable table (metadata only: the list never holds values),
 * virtualized for 10,000 rows (issue 12 item 4): only the rows in view (and a few either side)
 * are in the DOM, section headings are items of the list, the column headings stick to the top.
 * Rows keep their natural height (long names wrap at their separators): a row element is measured
 * when it mounts and whenever its height changes (the virtualizer's ResizeObserver). Keyboard: arrows, Home and End move between rows, Enter opens one.
 *
 * The list scrolls with the pane it sits in (the nearest scrolling ancestor), so the toolbar,
 * tabs and notices above it behave as before.
 */
import { Classes, HTMLTable, Icon } from '@blueprintjs/core';
import { secretKinds } from '../../../../shared/secrets';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { SecretKind, SecretSummary } from '../../../../shared/api';
import { ExactName, formatRelative } from '../../components';
import { nextRowIndex, type ListItem, type SortKey, type SortState } from './secret-list-model';
import type { SecretListView } from './use-secret-list';
import { StaticTag } from './StaticTag';
import { useStableCallback } from './use-stable-callback';
import './secret-table.css';

export { matchesSearch, type SortKey, type SortState } from './secret-list-model';

/**
 * First guesses, every row is measured once rendered. They are the heights a one-line row has
 * (a tag makes it taller), so that most measures change nothing: a measure that differs makes the
 * virtualizer re-place every later row and, above the view, correct the scroll (another render).
 */
const ROW_HEIGHT = 30;
const ROW_WITH_TAGS_HEIGHT = 34;
const SECTION_HEIGHT = 44;

function estimateHeight(item: Item | undefined, compact: boolean): number {
  if (item?.type === 'section') return SECTION_HEIGHT;
  return !compact && item !== undefined && item.row.tags.length > 0 ? ROW_WITH_TAGS_HEIGHT : ROW_HEIGHT;
}

/** Rows rendered beyond each edge of the view, so a fast scroll shows no blank. */
const OVERSCAN = 4;
/** Rows rendered before the pane has been measured (the first frame; layout-free tests). */
const FIRST_SCREEN = 40;

export function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort: SortState; onSort: (sort: SortState) => void }) {
  const active = sort.key === sortKey;
  return (
    <th className="sortable" onClick={() => onSort({ key: sortKey, descending: active ? !sort.descending : sortKey === 'lastChangedAt' })} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      {label} {active ? <Icon icon={sort.descending ? 'chevron-down' : 'chevron-up'} size={12} /> : null}
    </th>
  );
}

type Item = ListItem<SecretSummary>;
type RowItem = Extract<Item, { type: 'row' }>;

/** Where the list sits in its scrolling pane: its top, and how much sticks over the pane's top. */
interface PaneLayout {
  readonly listTop: number;
  readonly stickyHeight: number;
}

function scrollingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node !== null; node = node.parentElement) {
    if (/^(auto|scroll|overlay)$/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

function measurePane(table: HTMLTableElement, head: HTMLTableSectionElement, pane: HTMLElement): PaneLayout {
  const tableTop = table.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
  const headCell = head.querySelector('th');
  const stickyTop = headCell === null ? 0 : Number.parseFloat(getComputedStyle(headCell).top) || 0;
  return { listTop: Math.round(tableTop + head.offsetHeight), stickyHeight: Math.round(stickyTop + head.offsetHeight) };
}

/** Rendered indexes grouped by section, so that each section keeps its own `<tbody>`. */
function bySection(items: readonly Item[], indexes: readonly number[]): { kind: SecretKind; indexes: number[] }[] {
  const groups: { kind: SecretKind; indexes: number[] }[] = [];
  for (const index of indexes) {
    const item = items[index];
    if (item === undefined) continue;
    const last = groups.at(-1);
    if (last?.kind === item.kind) last.indexes.push(index);
    else groups.push({ kind: item.kind, indexes: [index] });
  }
  return groups;
}

/** Memoized: a keystroke renders the view at once, and the table only when the (deferred) list changed. */
export const SecretTable = memo(function SecretTable({ list, sort, onSort, selected, onOpen, compact }: { list: SecretListView; sort: SortState; onSort: (sort: SortState) => void; selected: string | null; onOpen: (row: SecretSummary) => void; compact: boolean }) {
  const { items } = list;
  const columns = compact ? 3 : 5;
  const tableRef = useRef<HTMLTableElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [pane, setPane] = useState<HTMLElement | null>(null);
  const [layout, setLayout] = useState<PaneLayout>({ listTop: 0, stickyHeight: 0 });

  // The virtualizer places every item again (all 10,000) whenever these two change identity: they
  // change with the items only, not on every render (each scroll frame renders this table).
  const estimateSize = useCallback((index: number) => estimateHeight(items[index], compact), [items, compact]);
  const getItemKey = useCallback((index: number) => items[index]?.key ?? index, [items]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself on scroll; nothing here memoizes its results
  const virtualizer = useVirtualizer<HTMLElement, HTMLTableRowElement>({
    count: items.length,
    getScrollElement: () => pane,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    scrollMargin: layout.listTop,
    scrollPaddingStart: layout.stickyHeight,
  });

  // Find the pane and where the list starts in it, after every render: notices above it come and
  // go. No dependency list on purpose; the state is set only when a measure changed, so it settles.
  // Not while scrolling: nothing above the list moves then, and reading a position would force a
  // layout in the middle of every scroll frame (measured once the scroll ends).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs after every render, see above
  useLayoutEffect(() => {
    const table = tableRef.current;
    const head = headRef.current;
    if (table === null || head === null) return;
    const found = pane?.contains(table) === true ? pane : scrollingAncestor(table);
    if (found !== pane) setPane(found);
    if (found === null || (found === pane && virtualizer.isScrolling)) return;
    const next = measurePane(table, head, found);
    if (next.listTop !== layout.listTop || next.stickyHeight !== layout.stickyHeight) setLayout(next);
  });

  // Narrower columns wrap names differently: forget the measured heights.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [compact, virtualizer]);

  // The row the keyboard moves from (roving tabindex), and a focus to give once that row renders.
  const [activeName, setActiveName] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const rowElement = (name: string) => [...(tableRef.current?.querySelectorAll<HTMLElement>('tr[data-name]') ?? [])].find((row) => row.dataset.name === name) ?? null;
  useLayoutEffect(() => {
    const name = pendingFocus.current;
    if (name === null) return;
    const element = rowElement(name);
    if (element !== null) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });
  // Row elements show whichever secret is at their place (see the keys below): the focus follows
  // its secret to the element now showing it (also when its old place was dropped, which drops the
  // focus), and leaves the table once the secret is no longer rendered, as it did before.
  const rowHasFocus = useRef(false);
  useLayoutEffect(() => {
    if (!rowHasFocus.current || activeName === null) return;
    const focused = document.activeElement;
    const table = tableRef.current;
    const dropped = focused === null || focused === document.body;
    const elsewhere = focused instanceof HTMLTableRowElement && table?.contains(focused) === true && focused.dataset.name !== activeName;
    if (!dropped && !elsewhere) return;
    const element = rowElement(activeName);
    if (element !== null) {
      element.focus({ preventScroll: true });
      return;
    }
    rowHasFocus.current = false;
    if (elsewhere) focused.blur();
  });
  // A row focused by Tab or a click is the row the keyboard moves from.
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const name = event.target instanceof HTMLTableRowElement ? event.target.dataset.name : undefined;
    rowHasFocus.current = name !== undefined;
    if (name !== undefined && name !== activeName) setActiveName(name);
  };
  const onBlur = (event: FocusEvent<HTMLTableElement>) => {
    if (!(event.relatedTarget instanceof Node && tableRef.current?.contains(event.relatedTarget) === true)) rowHasFocus.current = false;
  };

  // The selected row (the one open in the editor) stays in view: when it is newly selected (also
  // once a just-created secret reaches the list), and after a write that moves it while it was shown.
  const reveal = useRef<string | null>(null);
  const selectedShown = useRef(false);
  const lastSelected = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (selected !== lastSelected.current) {
      lastSelected.current = selected;
      reveal.current = selected;
    }
    if (selected === null) return;
    const index = list.indexOfName(selected);
    if (index === -1) return;
    if (reveal.current === selected || selectedShown.current) {
      reveal.current = null;
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
  }, [selected, list, virtualizer]);

  // The rows keep one stable callback, whatever the view passes.
  const open = useStableCallback((row: SecretSummary) => {
    setActiveName(row.name);
    onOpen(row);
  });

  const moveTo = (index: number) => {
    const item = items[index];
    if (item?.type !== 'row') return;
    setActiveName(item.row.name);
    pendingFocus.current = item.row.name;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const from = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('tr[data-testid="secret-row"]') : null;
    if (from === null) return;
    const index = Number(from.dataset.index);
    const item = items[index];
    let next: number | null;
    switch (event.key) {
      case 'ArrowDown':
        next = nextRowIndex(items, index, 1);
        break;
      case 'ArrowUp':
        next = nextRowIndex(items, index, -1);
        break;
      case 'Home':
        next = nextRowIndex(items, -1, 1);
        break;
      case 'End':
        next = nextRowIndex(items, items.length, -1);
        break;
      case 'Enter':
        event.preventDefault();
        if (item?.type === 'row') open(item.row);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next !== null) moveTo(next);
  };

  const virtualItems = virtualizer.getVirtualItems();
  const firstShown = virtualItems[0];
  const lastShown = virtualItems.at(-1);
  const indexes = firstShown === undefined ? items.slice(0, FIRST_SCREEN).map((_, index) => index) : virtualItems.map((item) => item.index);
  const spaceAbove = firstShown === undefined ? 0 : firstShown.start - layout.listTop;
  const spaceBelow = lastShown === undefined ? 0 : virtualizer.getTotalSize() + layout.listTop - lastShown.end;

  selectedShown.current = selected !== null && indexes.includes(list.indexOfName(selected));
  const activeIndex = activeName === null ? -1 : list.indexOfName(activeName);
  const tabStop = indexes.includes(activeIndex) ? activeIndex : (indexes.find((index) => items[index]?.type === 'row') ?? -1);
  const groups = bySection(items, indexes);

  return (
    <HTMLTable compact ref={tableRef} className={compact ? 'secret-table secret-list fixed-table narrow' : 'secret-table secret-list fixed-table'} onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur} aria-rowcount={items.length + 1} data-testid="secret-list">
      <thead ref={headRef}>
        <tr aria-rowindex={1}>
          <SortHeader label="Id" sortKey="id" sort={sort} onSort={onSort} />
          <SortHeader label="Secret name" sortKey="name" sort={sort} onSort={onSort} />
          {compact ? null : <th className="description-col">Description</th>}
          {compact ? null : <th className="tags-col">Tags</th>}
          <SortHeader label={compact ? 'Changed' : 'Last changed'} sortKey="lastChangedAt" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      {groups.map((group, groupIndex) => (
        <tbody key={group.kind} data-testid={`section-${group.kind}`}>
          {groupIndex === 0 && spaceAbove > 0 ? <Spacer height={spaceAbove} columns={columns} /> : null}
          {group.indexes.map((index, position) => {
            const item = items[index];
            if (item === undefined) return null;
            // Rows are keyed by their place among the rendered ones, so a scroll frame or a keystroke
            // updates the row elements in place instead of removing and creating (and measuring)
            // them all; the virtualizer's ResizeObserver still sees a row whose height changes, and
            // the focus follows its secret (above).
            const key = item.type === 'section' ? item.key : `place:${position}`;
            return item.type === 'section'
              ? <SectionRow key={key} index={index} kind={item.kind} count={item.count} columns={columns} measure={virtualizer.measureElement} />
              : <SecretRow key={key} index={index} item={item} selected={item.row.name === selected} tabStop={index === tabStop} compact={compact} measure={virtualizer.measureElement} onOpen={open} />;
          })}
          {groupIndex === groups.length - 1 && spaceBelow > 0 ? <Spacer height={spaceBelow} columns={columns} /> : null}
        </tbody>
      ))}
    </HTMLTable>
  );
});

/** Stands in for the rows not rendered, so the pane scrolls the whole list. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="virtual-spacer" aria-hidden>
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

const SectionRow = memo(function SectionRow({ index, kind, count, columns, measure }: { index: number; kind: SecretKind; count: number; columns: number; measure: (element: HTMLTableRowElement | null) => void }) {
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} className="section-row" data-testid="section-heading">
      <th colSpan={columns} scope="rowgroup">
        <div className="section-heading">
          <span className="section-title">{secretKinds[kind].many}</span>
          <StaticTag round>{String(count)}</StaticTag>
        </div>
      </th>
    </tr>
  );
});

const SecretRow = memo(function SecretRow({ index, item, selected, tabStop, compact, measure, onOpen }: {
  index: number;
  item: RowItem;
  selected: boolean;
  tabStop: boolean;
  compact: boolean;
  measure: (element: HTMLTableRowElement | null) => void;
  onOpen: (row: SecretSummary) => void;
}) {
  const { row } = item;
  const classes = ['secret-row', item.stripe ? 'stripe' : '', selected ? 'selected-row' : ''].filter((name) => name !== '').join(' ');
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} data-testid="secret-row" data-name={row.name} className={classes} tabIndex={tabStop ? 0 : -1} onClick={() => onOpen(row)}>
      <td className="mono id-cell"><ExactName text={row.id} /></td>
      <td className="mono muted name-cell"><ExactName text={row.name} /></td>
      {compact ? null : <td className="description-cell" title={row.description ?? undefined}>{row.description ?? ''}</td>}
      {compact ? null : (
        <td className="tags-cell" title={row.tags.map((tag) => `${tag.key}=${tag.value}`).join('\n')}>
          {row.tags.slice(0, 2).map((tag) => <StaticTag key={tag.key} className="row-tag">{`${tag.key}=${tag.value}`}</StaticTag>)}
          {row.tags.length > 2 ? <span className={Classes.TEXT_MUTED}>{`+${row.tags.length - 2}`}</span> : null}
        </td>
      )}
      <td title={row.lastChangedAt ?? undefined} className="date-cell">{formatRelative(row.lastChangedAt)}</td>
    </tr>
  );
});
