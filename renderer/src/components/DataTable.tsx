/**
 * The one table for lists of records beside the secrets list (outside the prefixes, scheduled for
 * deletion, DAG references): the columns are data, an empty list shows the panel's own empty
 * state, and row actions sit in the last column. Each panel keeps its cells, classes, test ids and
 * the order of its rows; the table owns the markup and the empty case.
 */
import { HTMLTable } from '@blueprintjs/core';
import type { ReactNode } from 'react';

/** What a panel puts on a row or a cell besides its content: test ids and data the tests read, a title. */
export interface DataAttributes {
  readonly [name: `data-${string}`]: string | undefined;
  readonly title?: string | undefined;
}

export interface Column<Row> {
  /** Keys the column's cells. */
  readonly id: string;
  /** The header text; '' for a column of icons. */
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
  readonly className?: string;
  readonly attributes?: (row: Row) => DataAttributes;
}

export interface DataTableProps<Row> {
  /** In the order they are shown. */
  readonly rows: readonly Row[];
  readonly columns: readonly Column<Row>[];
  readonly rowKey: (row: Row) => string;
  readonly rowAttributes?: (row: Row) => DataAttributes;
  /** The last column, without a header: the buttons that act on one row. */
  readonly actions?: { readonly className: string; readonly cell: (row: Row) => ReactNode };
  /** Shown instead of the table when there is no row; omitted, the table shows its header alone. */
  readonly empty?: ReactNode;
  readonly className: string;
  readonly testId?: string;
}

export function DataTable<Row>({ rows, columns, rowKey, rowAttributes, actions, empty, className, testId }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <HTMLTable compact striped className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => <th key={column.id}>{column.header}</th>)}
          {actions === undefined ? null : <th />}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowAttributes?.(row)}>
            {columns.map((column) => (
              <td key={column.id} className={column.className} {...column.attributes?.(row)}>
                {column.cell(row)}
              </td>
            ))}
            {actions === undefined ? null : <td className={actions.className}>{actions.cell(row)}</td>}
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
