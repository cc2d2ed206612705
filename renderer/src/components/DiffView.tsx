/**
 * A line diff for review screens. Lines marked secret are masked until the user reveals that
 * one line; the mask never depends on the value's length.
 */
import { Button, Classes } from '@blueprintjs/core';
import { useState } from 'react';
import { diffHunks, diffText, type DiffLine, type TextDiff } from '../../../shared/text-diff';
import { toggled as toggle } from '../../../shared/sets';

export interface DiffViewProps {
  readonly before: string;
  readonly after: string;
  /** Lines (by text) whose content must be masked until revealed. */
  readonly isSecretLine?: (line: DiffLine) => boolean;
  /** Unchanged lines shown around each change; undefined shows the whole text. */
  readonly context?: number;
  readonly testId?: string;
}

const MASK = '••••••••';
const prefix: Record<DiffLine['kind'], string> = { same: ' ', add: '+', del: '-' };

export function DiffView({ before, after, isSecretLine, context, testId }: DiffViewProps) {
  const diff: TextDiff = diffText(before, after);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  if (!diff.changed) return <div className={`diff-empty ${Classes.TEXT_MUTED}`} data-testid={testId}>No changes.</div>;
  const groups = context === undefined ? [{ lines: diff.lines }] : diffHunks(diff, context);
  return (
    <div className="diff-view" data-testid={testId}>
      {groups.map((group, groupIndex) => (
        <div className="diff-hunk" key={groupIndex}>
          {group.lines.map((line, index) => {
            const key = `${groupIndex}:${index}`;
            const secret = isSecretLine?.(line) === true;
            const shown = !secret || revealed.has(key);
            return (
              <div className={`diff-line diff-${line.kind}`} key={key} data-kind={line.kind}>
                <span className="diff-no">{line.oldLine ?? ''}</span>
                <span className="diff-no">{line.newLine ?? ''}</span>
                <span className="diff-sign">{prefix[line.kind]}</span>
                <span className="diff-text">{shown ? line.text : maskLine(line.text)}</span>
                {secret ? (
                  <Button
                    size="small"
                    variant="minimal"
                    icon={shown ? 'eye-off' : 'eye-open'}
                    aria-label={shown ? 'Hide this value' : 'Reveal this value'}
                    onClick={() => setRevealed((current) => toggle(current, key))}
                    data-testid="diff-reveal"
                  />
                ) : null}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/**
 * Keeps a name visible (`KEY=`, `ENV KEY `, a JSON `"key": `), masks the rest. Only a name with
 * its separator counts: a first word followed by a space may be the start of the secret itself.
 */
const NAME_PREFIX = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*|\s*ENV\s+[A-Za-z_][A-Za-z0-9_]*[=\s]\s*|\s*"(?:[^"\\]|\\.)*"\s*:\s*)/;

function maskLine(text: string): string {
  const match = NAME_PREFIX.exec(text);
  return match === null ? MASK : `${match[1] ?? ''}${MASK}`;
}

