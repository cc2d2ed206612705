/**
 * Deleting a secret: scheduled with a recovery window (7 to 30 days, 30 by default) so it can be
 * restored, or, only after the user types the secret's full name, at once without recovery.
 */
import { Callout, Checkbox, FormGroup, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import { plural } from '../../../../shared/plural';
import { useApiMutation } from '../../api';
import { ReviewDialog } from './ReviewDialog';
import type { WriteTarget } from './secrets-context';
import { ExactName } from '../../components';

const windows = Array.from({ length: 24 }, (_, i) => 30 - i);

export function DeleteDialog({ isOpen, name, target, onClose, onDeleted }: { isOpen: boolean; name: string; target: WriteTarget | null; onClose: () => void; onDeleted: (forced: boolean) => void }) {
  const [days, setDays] = useState(30);
  const [force, setForce] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useApiMutation('secrets.delete');
  const close = () => {
    setForce(false);
    setTyped('');
    onClose();
  };
  return (
    <ReviewDialog
      isOpen={isOpen}
      title={force ? 'Delete without recovery' : 'Delete secret'}
      intent="danger"
      icon="trash"
      summary={
        force ? (
          <Callout intent="danger" icon="trash">
            <ExactName as="strong" className="mono" text={name} /> will be deleted at once. It cannot be restored, and Airflow stops finding it immediately.
          </Callout>
        ) : (
          <Callout intent="warning" icon="time">
            <ExactName as="strong" className="mono" text={name} /> will be scheduled for deletion. Airflow stops finding it now; you can restore it from <em>Scheduled for deletion</em> until the recovery window ends.
          </Callout>
        )
      }
      details={
        <div className="delete-options">
          <FormGroup label="Recovery window" labelFor="recovery-days" inline disabled={force}>
            <HTMLSelect id="recovery-days" value={days} disabled={force} onChange={(event) => setDays(Number(event.currentTarget.value))} data-testid="recovery-days">
              {windows.map((d) => <option key={d} value={d}>{`${plural(d, 'day')}${d === 30 ? ' (default)' : ''}`}</option>)}
            </HTMLSelect>
          </FormGroup>
          <Checkbox checked={force} onChange={(event) => setForce(event.currentTarget.checked)} label="Delete immediately, without any recovery" data-testid="force-delete" />
          {force ? (
            <FormGroup label={<>Type <ExactName as="strong" className="mono" text={name} /> to confirm</>} labelFor="force-name">
              <InputGroup id="force-name" value={typed} onValueChange={setTyped} className="mono" autoComplete="off" spellCheck={false} data-testid="force-delete-name" />
            </FormGroup>
          ) : null}
        </div>
      }
      commands={[{ op: 'delete-secret', secretId: name, ...(force ? { force: true } : { recoveryWindowDays: days }) }]}
      target={target}
      confirmLabel={force ? 'Delete permanently' : `Schedule deletion in ${plural(days, 'day')}`}
      confirmDisabled={force && typed !== name}
      onConfirm={async () => {
        await remove.mutateAsync({ name, recoveryWindowDays: days, ...(force ? { forceDeleteConfirmName: typed } : {}) });
        onDeleted(force);
        close();
      }}
      onClose={close}
    />
  );
}
