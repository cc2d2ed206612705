/**
 * Promote one id from one environment to others (issue 13 item 5): pick the targets and how (an
 * exact copy, or for a connection a template: its structure and non-secret fields, the secrets
 * left empty for the user to fill in the connection form), review every target (account, region,
 * what changes by field name, the `aws secretsmanager` command), type the account id of each
 * production target, then write. The result says which environments got it. The source's value
 * never reaches the window: the main process keeps it in the plan, and a template has its secrets
 * emptied there.
 */
import { Button, Callout, Checkbox, Dialog, DialogBody, DialogFooter, Radio, RadioGroup } from '@blueprintjs/core';
import { useState } from 'react';
import type { MatrixColumn, MatrixRow, PromotePlan, PromoteResult, PromoteTemplate } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation } from '../../api';
import { ConnectionForm, draftFromValue, type ConnectionDraft } from '../secrets';
import { changesTarget, confirmationsOf, CrossEnvironmentOutcome, CrossEnvironmentReview, productionConfirmed } from './CrossEnvironmentReview';
import { secretKinds } from '../../../../shared/secrets';
import { toggled } from '../../../../shared/sets';

export interface PromoteRequest {
  readonly row: MatrixRow;
  readonly from: string;
}

type Mode = PromotePlan['mode'];

/** The template's form reads it as Airflow would with the default kwargs: nothing here depends on the prefixes. */
const formKwargs = {};

export function PromoteDialog({ path, request, columns, onClose }: { path: string; request: PromoteRequest; columns: readonly MatrixColumn[]; onClose: () => void }) {
  const others = columns.filter((column) => column.name !== request.from);
  const [targets, setTargets] = useState<ReadonlySet<string>>(new Set(others.filter((column) => request.row.cells[column.name]?.state !== 'present').map((column) => column.name)));
  const [mode, setMode] = useState<Mode>('copy');
  const [template, setTemplate] = useState<PromoteTemplate | null>(null);
  const [draft, setDraft] = useState<ConnectionDraft | null>(null);
  const [plan, setPlan] = useState<PromotePlan | null>(null);
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});
  const [result, setResult] = useState<PromoteResult | null>(null);
  const loadTemplate = useApiMutation('environments.promoteTemplate');
  const review = useApiMutation('environments.promotePlan');
  const apply = useApiMutation('environments.promoteApply');

  const toggle = (name: string): void => setTargets(toggled(targets, name));
  const writable = plan?.targets.filter(changesTarget) ?? [];
  const confirmed = plan !== null && productionConfirmed(plan.targets, typed);
  const input = { path, kind: request.row.kind, id: request.row.id, from: request.from, to: [...targets] };

  const step = plan !== null ? 'review' : template !== null && draft !== null ? 'form' : 'targets';

  return (
    <Dialog isOpen onClose={onClose} title={`Copy ${request.row.kind} ${request.row.id} from ${request.from}${mode === 'template' ? ' as a template' : ''}`} style={{ width: 900 }}>
      <DialogBody>
        {step === 'targets' ? (
          <div data-testid="promote-targets">
            {secretKinds[request.row.kind].editor === 'connection-form' ? (
              <RadioGroup selectedValue={mode} onChange={(event) => setMode(event.currentTarget.value as Mode)} data-testid="promote-mode">
                <Radio value="copy" label={`An exact copy of the value ${request.from} stores`} data-testid="promote-mode-copy" />
                <Radio value="template" label="A template: the type, host, port, schema, login and non-secret extras; you fill in the password and secret extras for the targets" data-testid="promote-mode-template" />
              </RadioGroup>
            ) : (
              <p>An exact copy of the value {request.from} stores, to:</p>
            )}
            {others.map((column) => (
              <Checkbox key={column.name} checked={targets.has(column.name)} onChange={() => toggle(column.name)} label={`${column.name}${column.production ? ' (production)' : ''}`} />
            ))}
          </div>
        ) : null}
        {step === 'form' && template !== null && draft !== null ? (
          <div data-testid="promote-template">
            <Callout intent="primary" icon="edit" compact>
              {template.emptied.length === 0
                ? `${request.from}'s connection holds no secret field; check the fields for ${[...targets].join(', ')}.`
                : `Left empty, for you to fill in for ${[...targets].join(', ')}: ${template.emptied.join(', ')}.`}
            </Callout>
            <ConnectionForm draft={draft} onChange={setDraft} kwargs={formKwargs} />
          </div>
        ) : null}
        {step === 'review' && plan !== null ? <CrossEnvironmentReview targets={plan.targets} typed={typed} onTyped={setTyped} verb="write" /> : null}
        <CrossEnvironmentOutcome result={result} errors={[loadTemplate.error, review.error, apply.error]} />
      </DialogBody>
      <DialogFooter
        actions={
          result !== null ? (
            <Button text="Close" onClick={onClose} data-testid="promote-close" />
          ) : step === 'targets' && mode === 'template' ? (
            <Button
              intent="primary"
              text="Fill in the template"
              disabled={targets.size === 0}
              loading={loadTemplate.isPending}
              data-testid="promote-template-button"
              onClick={() =>
                void loadTemplate.mutateAsync({ path, id: request.row.id, from: request.from }).then((loaded) => {
                  setTemplate(loaded);
                  setDraft(draftFromValue(loaded.value));
                }, () => undefined)
              }
            />
          ) : step !== 'review' ? (
            <Button
              intent="primary"
              text="Review"
              disabled={targets.size === 0 || (step === 'form' && draft?.value === '')}
              loading={review.isPending}
              data-testid="promote-review-button"
              onClick={() => void review.mutateAsync(step === 'form' && draft !== null ? { ...input, value: draft.value } : input).then(setPlan, () => undefined)}
            />
          ) : plan === null ? null : (
            <>
              {template !== null ? <Button text="Back to the form" onClick={() => setPlan(null)} data-testid="promote-back" /> : null}
              <Button
              intent={writable.some((target) => target.production) ? 'warning' : 'primary'}
              text={`Write to ${plural(writable.length, 'environment')}`}
              disabled={writable.length === 0 || !confirmed}
              loading={apply.isPending}
              data-testid="promote-apply"
              onClick={() => void apply.mutateAsync({ planId: plan.planId, confirmations: confirmationsOf(typed) }).then(setResult, () => undefined)}
              />
            </>
          )
        }
      />
    </Dialog>
  );
}
