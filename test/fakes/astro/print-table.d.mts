/** Types for print-table.mjs, so TypeScript tests can render tables exactly as the CLI does. */
export declare const greenRowStart: string;
export declare const colourEnd: string;
export declare function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options?: { readonly colouredRows?: ReadonlySet<number>; readonly selectionPrompt?: boolean },
): string;
