/** Result shapes shared by the project-file setters. */

/** What happened to one key (or requirement) in an edit. */
export interface KeyChange {
  readonly key: string;
  readonly action: 'added' | 'replaced' | 'removed' | 'unchanged';
  /** 1-based line of the definition in the new text (for `removed`: where it was in the old text). */
  readonly line: number | null;
}

/** Why an edit was refused. Messages never contain a value, so they are safe to log and show. */
export interface EditProblem<Code extends string> {
  readonly code: Code;
  /** The key the problem is about, when it is about one key. */
  readonly key: string | null;
  readonly message: string;
}

export type EditPlan<Code extends string> =
  | { readonly ok: true; readonly text: string; readonly changes: readonly KeyChange[] }
  | { readonly ok: false; readonly problems: readonly EditProblem<Code>[] };

/** Why a value cannot be written to a file format so that it reads back identically. */
export type UnrepresentableReason = 'line-break' | 'nul-character' | 'invalid-unicode' | 'too-long';

export function unrepresentableMessage(reason: UnrepresentableReason, key: string, format: string): string {
  switch (reason) {
    case 'line-break':
      return `The value for ${key} contains a line break, which ${format} cannot hold.`;
    case 'nul-character':
      return `The value for ${key} contains a NUL character, which no environment variable can hold.`;
    case 'invalid-unicode':
      return `The value for ${key} contains an unpaired surrogate, which cannot be saved as UTF-8.`;
    case 'too-long':
      return `The value for ${key} is longer than ${format} accepts on one line.`;
  }
}
