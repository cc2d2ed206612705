/** The scale table's rows and how they print: metric, measured, limit/goal, ratio (measured / limit). */
export interface ScaleRow {
  readonly metric: string;
  readonly measured: string;
  readonly limit: string;
  /** measured / limit for the row's main number; above 1 misses the goal. null: no single number. */
  readonly ratio: number | null;
  readonly note?: string;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

function cells(row: readonly string[]): string {
  return `| ${row.join(' | ')} |`;
}

/** A Markdown table, so it can be pasted as it is. */
export function formatScaleTable(rows: readonly ScaleRow[]): string {
  const lines = [cells(['metric', 'measured', 'limit / goal', 'ratio']), cells(['---', '---', '---', '---'])];
  for (const row of rows) {
    const ratio = row.ratio === null ? '-' : `${row.ratio.toFixed(2)}${row.ratio > 1 ? ' (misses)' : ''}`;
    lines.push(cells([row.metric, row.measured + (row.note === undefined ? '' : ` (${row.note})`), row.limit, ratio]));
  }
  return lines.join('\n');
}
