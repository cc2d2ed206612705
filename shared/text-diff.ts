/**
 * Line diffs for every "review before write" screen (secrets, project files, deploy).
 *
 * Lines keep their exact text (no trimming), and the line-ending style is reported separately,
 * so a CRLF file that gains one line does not show up as entirely changed.
 */
import { diffLines } from 'diff';

export type DiffLineKind = 'same' | 'add' | 'del';

export interface DiffLine {
  readonly kind: DiffLineKind;
  readonly text: string;
  /** 1-based line number in the old text (absent for added lines). */
  readonly oldLine?: number;
  /** 1-based line number in the new text (absent for removed lines). */
  readonly newLine?: number;
}

export interface TextDiff {
  readonly lines: readonly DiffLine[];
  readonly added: number;
  readonly removed: number;
  readonly changed: boolean;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(/\r?\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function diffText(before: string, after: string): TextDiff {
  const lines: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  let added = 0;
  let removed = 0;
  for (const change of diffLines(before, after)) {
    for (const text of splitLines(change.value)) {
      if (change.added) {
        lines.push({ kind: 'add', text, newLine: newLine++ });
        added += 1;
      } else if (change.removed) {
        lines.push({ kind: 'del', text, oldLine: oldLine++ });
        removed += 1;
      } else {
        lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
      }
    }
  }
  return { lines, added, removed, changed: added + removed > 0 || before !== after };
}

export interface DiffHunk {
  readonly lines: readonly DiffLine[];
}

/** Groups changes with `context` unchanged lines around them, like a unified diff. */
export function diffHunks(diff: TextDiff, context = 3): DiffHunk[] {
  const keep = new Set<number>();
  diff.lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let i = Math.max(0, index - context); i <= Math.min(diff.lines.length - 1, index + context); i += 1) keep.add(i);
  });
  const hunks: DiffHunk[] = [];
  let current: DiffLine[] = [];
  diff.lines.forEach((line, index) => {
    if (keep.has(index)) {
      current.push(line);
    } else if (current.length > 0) {
      hunks.push({ lines: current });
      current = [];
    }
  });
  if (current.length > 0) hunks.push({ lines: current });
  return hunks;
}
