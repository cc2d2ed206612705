/**
 * The Astro CLI's table printer (pkg/printutil, reference/astro-cli.md §1.3), reproduced exactly:
 * every line starts with one space; each column is as wide as its longest cell *in bytes* plus 5;
 * every cell, the last one included, is left-aligned and padded with spaces *per rune* (Go's
 * `%-Ns`), so lines keep trailing spaces and non-ASCII cells get extra padding.
 */

const ESC = String.fromCharCode(27);
export const greenRowStart = `${ESC}[1;32m`;
export const colourEnd = `${ESC}[0m`;

const byteLength = (text) => Buffer.byteLength(text, 'utf8');
const runeLength = (text) => Array.from(text).length;

/**
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {{ colouredRows?: Set<number>, selectionPrompt?: boolean }} [options]
 * @returns {string} the table, each line ending in "\n"
 */
export function renderTable(header, rows, options = {}) {
  const widths = header.map((title, column) => Math.max(byteLength(title), ...rows.map((row) => byteLength(row[column] ?? ''))) + 5);
  const render = (cells) => ' ' + cells.map((cell, column) => cell + ' '.repeat(Math.max(0, widths[column] - runeLength(cell)))).join('');
  const prefix = (text) => (options.selectionPrompt ? text.padEnd(5, ' ') : '');
  const lines = [prefix('#') + render(header)];
  rows.forEach((row, index) => {
    const line = render(row);
    // The "current" row is wrapped in raw colour codes whether or not stdout is a TTY.
    lines.push(prefix(String(index + 1)) + (options.colouredRows?.has(index) ? `${greenRowStart}${line}${colourEnd}` : line));
  });
  return lines.map((line) => `${line}\n`).join('');
}
