/**
 * One file of a change plan as a line diff. The main process already masked secret lines; a
 * masked line can be revealed on request, which asks the main process for that one line. The
 * header says when the write makes the file private (it gains a secret) and why a file the user
 * did not ask for is in the plan (the ignore entry that keeps a .env out of git and the image).
 */
import { Button, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { PlannedDiffLine, PlannedFile } from '../../../../shared/api';
import { useApiMutation } from '../../api';
import { toHumanError } from '../../errors';
import { ExactName, withBreaks } from '../../components';

const SIGN: Record<PlannedDiffLine['kind'], string> = { same: ' ', add: '+', del: '-' };

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

function modeText(mode: PlannedFile['mode']): string {
  const was = mode.before === null || (mode.before & 0o777) === (mode.after & 0o777) ? '' : `, was ${octal(mode.before)}`;
  return `mode ${octal(mode.after)}: readable by you only${was}`;
}
const CONTEXT = 3;

/** Groups changed lines with a few unchanged lines around them, like a unified diff. */
function hunks(lines: readonly PlannedDiffLine[]): PlannedDiffLine[][] {
  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let i = Math.max(0, index - CONTEXT); i <= Math.min(lines.length - 1, index + CONTEXT); i += 1) keep.add(i);
  });
  const groups: PlannedDiffLine[][] = [];
  let current: PlannedDiffLine[] = [];
  lines.forEach((line, index) => {
    if (keep.has(index)) current.push(line);
    else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

export function PlannedDiff({ planId, file }: { planId: string; file: PlannedFile }) {
  const reveal = useApiMutation('projects.revealPlanLine');
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const error = reveal.error === null ? null : toHumanError(reveal.error).detail;

  const toggle = async (key: string, line: PlannedDiffLine): Promise<void> => {
    if (revealed.has(key)) {
      const next = new Map(revealed);
      next.delete(key);
      setRevealed(next);
      return;
    }
    const side = line.kind === 'del' ? 'old' : 'new';
    const number = side === 'old' ? line.oldLine : line.newLine;
    if (number === null) return;
    try {
      const { text } = await reveal.mutateAsync({ planId, file: file.file, side, line: number });
      setRevealed(new Map(revealed).set(key, text));
    } catch {
      // Shown from `reveal.error`.
    }
  };

  return (
    <div className="planned-file" data-testid="planned-file" data-file={file.file}>
      <div className="planned-file-header">
        <ExactName className="mono planned-file-name" text={file.file} />
        {!file.existed ? <Tag minimal intent="primary">new file</Tag> : null}
        <Tag minimal intent="success">+{file.added}</Tag>
        <Tag minimal intent="danger">−{file.removed}</Tag>
        {file.lineEnding === 'crlf' ? <Tag minimal>CRLF kept</Tag> : null}
        {file.masked ? <Tag minimal icon="lock">values masked</Tag> : null}
        {file.addsSecret ? <Tag minimal intent="warning" icon="shield" data-testid="planned-mode">{modeText(file.mode)}</Tag> : null}
        {file.requiredBy !== null ? <Tag minimal intent="primary" icon="tick" data-testid="planned-required">included</Tag> : null}
      </div>
      {file.requiredBy !== null ? <div className="planned-file-summary" data-testid="planned-required-by">{file.requiredBy}</div> : null}
      {file.summary.length > 0 ? <div className="planned-file-summary muted">{file.summary.join(' · ')}</div> : null}
      <div className="diff-view" data-testid="planned-diff">
        {hunks(file.lines).map((group, groupIndex) => (
          <div className="diff-hunk" key={groupIndex}>
            {group.map((line, index) => {
              const key = `${groupIndex}:${index}`;
              const shown = revealed.get(key);
              return (
                <div className={`diff-line diff-${line.kind}`} key={key} data-kind={line.kind} data-masked={line.masked ? 'true' : 'false'}>
                  <span className="diff-no">{line.oldLine ?? ''}</span>
                  <span className="diff-no">{line.newLine ?? ''}</span>
                  <span className="diff-sign">{SIGN[line.kind]}</span>
                  <span className="diff-text exact-name" data-testid="diff-text">{withBreaks(shown ?? line.text)}</span>
                  {line.masked ? (
                    <Button
                      size="small"
                      variant="minimal"
                      icon={shown === undefined ? 'eye-open' : 'eye-off'}
                      aria-label={shown === undefined ? 'Reveal this line' : 'Hide this line'}
                      onClick={() => void toggle(key, line)}
                      data-testid="reveal-line"
                    />
                  ) : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {error !== null ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
