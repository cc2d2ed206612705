/**
 * Delete one id in several environments (issue 13 item 5), by the promote rule: pick the
 * environments and the recovery window (7 to 30 days, as the Secrets view deletes), review every
 * target with its account, region and `aws secretsmanager delete-secret` command, type the account
 * id of each production target, then delete. The result says where it was deleted and where not.
 */
import { Button, Callout, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect } from '@blueprintjs/core';
import { useState } from 'react';
import type { DeleteAcrossPlan, MatrixColumn, MatrixRow, PromoteResult } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation } from '../../api';
import { changesTarget, confirmationsOf, CrossEnvironmentOutcome, CrossEnvironmentReview, productionConfirmed } from './CrossEnvironmentReview';
import { toggled } from '../../../../shared/sets';

const windows = Array.from({ length: 24 }, (_, i) => 30 - i);

export function DeleteAcrossDialog({ path, row, columns, onClose }: { path: string; row: MatrixRow; columns: readonly MatrixColumn[]; onClose: () => void }) {
  const holding = columns.filter((column) => row.cells[column.name]?.state === 'present');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(holding.map((column) => column.name)));
  const [days, setDays] = useState(30);
  const [plan, setPlan] = useState<DeleteAcrossPlan | null>(null);
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});
  const [result, setResult] = useState<PromoteResult | null>(null);
  const review = useApiMutation('environments.deletePlan');
  const apply = useApiMutation('environments.deleteApply');

  const toggle = (name: string): void => setChosen(toggled(chosen, name));
  const deleting = plan?.targets.filter(changesTarget) ?? [];

  return (
    <Dialog isOpen onClose={onClose} title={`Delete ${row.kind} ${row.id} in several environments`} icon="trash" style={{ width: 900 }}>
      <DialogBody>
        {plan === null ? (
          <div data-testid="delete-across-targets">
            <Callout intent="warning" icon="time" compact>
              Each deletion is scheduled with a recovery window: Airflow stops finding the id at once, and you can restore it from <em>Scheduled for deletion</em> until the window ends.
            </Callout>
            {columns.map((column) => (
              <Checkbox key={column.name} checked={chosen.has(column.name)} onChange={() => toggle(column.name)} label={`${column.name}${column.production ? ' (production)' : ''}`} />
            ))}
            <FormGroup label="Recovery window" labelFor="delete-across-days" inline>
              <HTMLSelect id="delete-across-days" value={days} onChange={(event) => setDays(Number(event.currentTarget.value))} data-testid="delete-across-days">
                {windows.map((d) => (
                  <option key={d} value={d}>{`${plural(d, 'day')}${d === 30 ? ' (default)' : ''}`}</option>
                ))}
              </HTMLSelect>
            </FormGroup>
          </div>
        ) : (
          <CrossEnvironmentReview targets={plan.targets} typed={typed} onTyped={setTyped} verb="delete" />
        )}
        <CrossEnvironmentOutcome result={result} errors={[review.error, apply.error]} />
      </DialogBody>
      <DialogFooter
        actions={
          result !== null ? (
            <Button text="Close" onClick={onClose} data-testid="promote-close" />
          ) : plan === null ? (
            <Button
              intent="primary"
              text="Review"
              disabled={chosen.size === 0}
              loading={review.isPending}
              data-testid="delete-across-review"
              onClick={() => void review.mutateAsync({ path, kind: row.kind, id: row.id, in: [...chosen], recoveryWindowDays: days }).then(setPlan, () => undefined)}
            />
          ) : (
            <Button
              intent="danger"
              text={`Schedule deletion in ${plural(deleting.length, 'environment')}`}
              disabled={deleting.length === 0 || !productionConfirmed(plan.targets, typed)}
              loading={apply.isPending}
              data-testid="delete-across-apply"
              onClick={() => void apply.mutateAsync({ planId: plan.planId, confirmations: confirmationsOf(typed) }).then(setResult, () => undefined)}
            />
          )
        }
      />
    </Dialog>
  );
}
