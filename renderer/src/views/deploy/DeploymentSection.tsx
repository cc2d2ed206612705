/**
 * The Deployment part of the review: one row per variable Airlock owns (before → after, with
 * masked values revealed one at a time by the main process), the variables it leaves alone, and
 * the exact commands with the private file each one reads.
 */
import { Button, Callout, HTMLTable, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { DeploymentSection as Section, ShownValue, VariableRow } from '../../../../shared/api';
import { VALUE_MASK } from '../../../../shared/deploy';
import { useApiMutation } from '../../api';
import { toHumanError } from '../../errors';
import { plural, pluralWord } from '../../../../shared/plural';
import { STATUS_INTENT, STATUS_LABEL } from './labels';
import { ExactName, CommandBlock } from '../../components';

type Side = 'current' | 'desired';

function useReveal(planId: string) {
  const reveal = useApiMutation('deploy.revealLine');
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const error = reveal.error === null ? null : toHumanError(reveal.error).detail;
  const toggle = async (key: string, side: Side): Promise<void> => {
    const id = `${side}:${key}`;
    if (revealed.has(id)) {
      const next = new Map(revealed);
      next.delete(id);
      setRevealed(next);
      return;
    }
    try {
      const { text } = await reveal.mutateAsync({ planId, key, side });
      setRevealed(new Map(revealed).set(id, text));
    } catch {
      // Shown from `reveal.error`.
    }
  };
  return { revealed, error, toggle };
}

function Value({ shown, revealedText, onToggle, testId }: { shown: ShownValue; revealedText: string | undefined; onToggle: () => void; testId: string }) {
  return (
    <span className="deploy-value">
      <ExactName className="mono deploy-value-text" text={revealedText ?? shown.text} testId={testId} />
      {shown.masked ? (
        <Button size="small" variant="minimal" icon={revealedText === undefined ? 'eye-open' : 'eye-off'} aria-label={revealedText === undefined ? 'Reveal this value' : 'Hide this value'} onClick={onToggle} data-testid="reveal-value" />
      ) : null}
    </span>
  );
}

function CurrentCell({ row, reveal }: { row: VariableRow; reveal: ReturnType<typeof useReveal> }) {
  if (row.current === null) return <span className="muted">not set</span>;
  if (row.current.shown === null) return <span className="muted"><Tag minimal icon="lock">secret</Tag> value not readable</span>;
  return <Value shown={row.current.shown} revealedText={reveal.revealed.get(`current:${row.key}`)} onToggle={() => void reveal.toggle(row.key, 'current')} testId="current-value" />;
}

export function DeploymentRows({ planId, section }: { planId: string; section: Section }) {
  const reveal = useReveal(planId);
  return (
    <div className="deploy-deployment" data-testid="deployment-rows">
      <HTMLTable compact className="deploy-rows">
        <thead>
          <tr>
            <th className="deploy-col-status">Status</th>
            <th>Variable</th>
            <th>On the Deployment now</th>
            <th>After the deploy</th>
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr key={row.key} className={`deploy-row deploy-row-${row.status}`} data-testid={`deploy-row-${row.key}`} data-status={row.status}>
              <td className="deploy-col-status">
                <Tag minimal intent={STATUS_INTENT[row.status]} round>{STATUS_LABEL[row.status]}</Tag>
              </td>
              <td>
                <div className="deploy-key"><ExactName className="mono" text={row.key} />{row.secretAfter ? <Tag minimal icon="lock" className="deploy-secret-tag">secret</Tag> : null}</div>
                <div className="deploy-note muted">{row.note}</div>
              </td>
              <td><CurrentCell row={row} reveal={reveal} /></td>
              <td>
                {row.action === 'none' ? <span className="muted">no change</span> : <Value shown={row.desired} revealedText={reveal.revealed.get(`desired:${row.key}`)} onToggle={() => void reveal.toggle(row.key, 'desired')} testId="desired-value" />}
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      {section.untouched.length > 0 ? (
        <div className="deploy-untouched" data-testid="deploy-untouched">
          <span className="muted">{plural(section.untouched.length, 'other variable')} left untouched (never removed or blanked):</span>{' '}
          {section.untouched.map((variable) => (
            <Tag key={variable.key} minimal className="mono" icon={variable.isSecret ? 'lock' : undefined} htmlTitle={variable.key}>{variable.key}</Tag>
          ))}
        </div>
      ) : null}
      {section.calls.length > 0 ? (
        <div className="deploy-commands" data-testid="deploy-commands">
          <div className="deploy-commands-title">
            The exact {pluralWord(section.calls.length, 'command')} Airlock runs. Values go only into a private file (mode 0600, deleted right after), never onto the command line:
          </div>
          {section.calls.map((call, index) => (
            <div className="deploy-command" key={index} data-testid="deploy-command">
              <CommandBlock commands={[section.commands[index] ?? '']} prompt className="deploy-command-line" />
              {call.fileLines.map((line, lineIndex) => {
                const key = call.keys[lineIndex] ?? '';
                const masked = line.endsWith(VALUE_MASK);
                const shown = reveal.revealed.get(`desired:${key}`);
                return (
                  <div className="mono deploy-command-file" key={key}>
                    <span className="muted">variables.env:</span> <ExactName text={shown === undefined ? line : `${key}=${shown}`} />
                    {masked ? (
                      <Button size="small" variant="minimal" icon={shown === undefined ? 'eye-open' : 'eye-off'} aria-label={shown === undefined ? 'Reveal this value' : 'Hide this value'} onClick={() => void reveal.toggle(key, 'desired')} />
                    ) : null}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      ) : null}
      {reveal.error !== null ? <Callout intent="danger" compact>{reveal.error}</Callout> : null}
    </div>
  );
}
