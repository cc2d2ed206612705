/**
 * Promote one id from one environment to others (issue 13 item 5): pick the targets, review every
 * target (account, region, what changes by field name, the `aws secretsmanager` command), type the
 * account id of each production target, then write. The result says which environments got it.
 * No value is ever shown: the main process keeps it in the plan.
 */
import { Button, Checkbox, Dialog, DialogBody, DialogFooter, HTMLTable, InputGroup, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { MatrixColumn, MatrixRow, PromotePlan, PromoteResult } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation } from '../../api';
import { CommandBlock, ErrorCallout } from '../../components';

export interface PromoteRequest {
  readonly row: MatrixRow;
  readonly from: string;
}

export function PromoteDialog({ path, request, columns, onClose }: { path: string; request: PromoteRequest; columns: readonly MatrixColumn[]; onClose: () => void }) {
  const others = columns.filter((column) => column.name !== request.from);
  const [targets, setTargets] = useState<ReadonlySet<string>>(new Set(others.filter((column) => request.row.cells[column.name]?.state !== 'present').map((column) => column.name)));
  const [plan, setPlan] = useState<PromotePlan | null>(null);
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});
  const [result, setResult] = useState<PromoteResult | null>(null);
  const review = useApiMutation('environments.promotePlan');
  const apply = useApiMutation('environments.promoteApply');

  const toggle = (name: string): void => {
    const next = new Set(targets);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setTargets(next);
  };
  const writable = plan?.targets.filter((target) => target.action === 'create' || target.action === 'update') ?? [];
  const confirmed = writable.every((target) => !target.production || (typed[target.environment] ?? '').replace(/[\s-]/g, '') === (target.account ?? target.environment));

  return (
    <Dialog isOpen onClose={onClose} title={`Copy ${request.row.kind} ${request.row.id} from ${request.from}`} style={{ width: 860 }}>
      <DialogBody>
        {plan === null ? (
          <div data-testid="promote-targets">
            <p>An exact copy of the value {request.from} stores, to:</p>
            {others.map((column) => (
              <Checkbox key={column.name} checked={targets.has(column.name)} onChange={() => toggle(column.name)} label={`${column.name}${column.production ? ' (production)' : ''}`} />
            ))}
          </div>
        ) : (
          <HTMLTable compact className="promote-review" data-testid="promote-review">
            <thead>
              <tr><th>Environment</th><th>Account · region</th><th>Change</th><th>Command</th></tr>
            </thead>
            <tbody>
              {plan.targets.map((target) => (
                <tr key={target.environment} data-testid="promote-target" data-environment={target.environment}>
                  <td>
                    {target.environment} {target.production ? <Tag intent="warning" minimal>production</Tag> : null}
                  </td>
                  <td>{target.account ?? 'account unknown'} · {target.region ?? '?'}</td>
                  <td>
                    {target.problem ?? (target.action === 'unchanged' ? 'already the same' : `${target.action} ${target.secretName ?? ''}: ${target.changedFields.join(', ')}`)}
                    {target.production && (target.action === 'create' || target.action === 'update') ? (
                      <InputGroup
                        small
                        placeholder={`Type ${target.account ?? target.environment} to write to production`}
                        value={typed[target.environment] ?? ''}
                        onChange={(event) => setTyped({ ...typed, [target.environment]: event.target.value })}
                        data-testid="promote-confirm"
                      />
                    ) : null}
                  </td>
                  <td>{target.command === null ? '—' : <CommandBlock commands={[target.command]} />}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
        {result !== null ? <p data-testid="promote-result">{result.summary}</p> : null}
        {review.error !== null ? <ErrorCallout error={review.error} /> : null}
        {apply.error !== null ? <ErrorCallout error={apply.error} /> : null}
      </DialogBody>
      <DialogFooter
        actions={
          result !== null ? (
            <Button text="Close" onClick={onClose} />
          ) : plan === null ? (
            <Button
              intent="primary"
              text="Review"
              disabled={targets.size === 0}
              loading={review.isPending}
              data-testid="promote-review-button"
              onClick={() => void review.mutateAsync({ path, kind: request.row.kind, id: request.row.id, from: request.from, to: [...targets] }).then(setPlan, () => undefined)}
            />
          ) : (
            <Button
              intent={writable.some((target) => target.production) ? 'warning' : 'primary'}
              text={`Write to ${plural(writable.length, 'environment')}`}
              disabled={writable.length === 0 || !confirmed}
              loading={apply.isPending}
              data-testid="promote-apply"
              onClick={() => void apply.mutateAsync({ planId: plan.planId, confirmations: Object.fromEntries(Object.entries(typed).map(([name, text]) => [name, text.replace(/[\s-]/g, '')])) }).then(setResult, () => undefined)}
            />
          )
        }
      />
    </Dialog>
  );
}
