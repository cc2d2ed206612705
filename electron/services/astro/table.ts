/**
 * Reads the CLI's space-padded tables by header name.
 *
 * The CLI (`pkg/printutil`) starts each line with one space and pads every cell, the last one
 * included, to the column width. Widths are measured in bytes but padding is applied per rune, so
 * every row's cells start at the same *code point* offset as the header's column names: slicing
 * by code points from the header's offsets is exact, even for non-ASCII values, and works for
 * values containing single or double spaces. Columns are looked up by name because the CLI adds
 * columns over time (e.g. `REMOTE EXECUTION` in v1.37).
 */

export interface ParsedTable {
  readonly headers: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export type TableParseResult = { readonly ok: true; readonly table: ParsedTable } | { readonly ok: false; readonly problem: string };

interface Column {
  readonly name: string;
  readonly start: number;
}

function columnsOf(line: readonly string[]): Column[] {
  const starts: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ' ') continue;
    const isStart = i === 0 || (i === 1 && line[0] === ' ') || (line[i - 1] === ' ' && line[i - 2] === ' ');
    if (isStart) starts.push(i);
  }
  return starts.map((start, index) => ({
    start,
    name: line
      .slice(start, starts[index + 1] ?? line.length)
      .join('')
      .trim(),
  }));
}

function cellsOf(line: readonly string[], columns: readonly Column[]): Record<string, string> {
  const row: Record<string, string> = {};
  columns.forEach((column, index) => {
    const next = columns[index + 1];
    // The last cell has trailing padding too; cells never carry padding on the left.
    row[column.name] = line
      .slice(column.start, next === undefined ? line.length : next.start)
      .join('')
      .trimEnd();
  });
  return row;
}

/**
 * Finds the first line whose columns include every required header and reads the rows below it,
 * up to the first blank line or the first line that is not indented like a row.
 * Input must already be free of ANSI codes.
 */
export function parseTable(text: string, requiredHeaders: readonly string[]): TableParseResult {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const header = Array.from(lines[index] ?? '');
    const columns = columnsOf(header);
    const names = columns.map((column) => column.name);
    if (!requiredHeaders.every((required) => names.includes(required))) continue;

    const rows: Record<string, string>[] = [];
    const rowIndent = header[0] === ' ' ? ' ' : null;
    for (const raw of lines.slice(index + 1)) {
      if (raw.trim() === '') break;
      if (rowIndent !== null && !raw.startsWith(rowIndent)) break;
      rows.push(cellsOf(Array.from(raw), columns));
    }
    return { ok: true, table: { headers: names, rows } };
  }
  return { ok: false, problem: `no table with the columns ${requiredHeaders.join(', ')} was found` };
}
