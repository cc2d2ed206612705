/**
 * Moving a misplaced secret to the name Airflow reads: the value, description and tags are copied
 * to the new name, then the old secret is scheduled for deletion (30-day recovery window).
 */
import { Callout, FormGroup, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import { hasErrors } from '../../../../shared/airflow';
import type { OutsideSecret, SecretKind } from '../../../../shared/api';
import { secretKindList, secretKinds, secretNameFor } from '../../../../shared/secrets';
import { useApiMutation } from '../../api';
import { MessageText, ExactName } from '../../components';
import { ReviewDialog } from './ReviewDialog';
import { newRequestToken, type KwargsState, type WriteTarget } from './secrets-context';

export function MoveDialog({ secret, kwargs, target, onClose }: { secret: OutsideSecret; kwargs: KwargsState; target: WriteTarget | null; onClose: () => void }) {
  const [kind, setKind] = useState<SecretKind>(secret.kind ?? 'connection');
  const [id, setId] = useState(secret.id ?? secret.name.split('/').pop() ?? '');
  const [token] = useState(newRequestToken);
  const move = useApiMutation('secrets.move');
  const use = kwargs.read.ok ? kwargs.read.value : null;
  const idProblems = use === null || id === '' ? [] : secretKinds[kind].validateId(id, use.kwargs);
  const to = use === null || id === '' || hasErrors(idProblems) ? null : secretNameFor(use, kind, id);
  const toName = to?.ok === true ? to.name : null;
  return (
    <ReviewDialog
      isOpen
      title="Move to the name Airflow reads"
      icon="move"
      summary={<Callout icon="move" intent="primary"><ExactName as="strong" className="mono" text={secret.name} /> is copied (value, description, tags) to the name below, then scheduled for deletion with a 30-day recovery window.</Callout>}
      details={
        <div className="move-form">
          <FormGroup label="As" labelFor="move-kind" inline>
            <HTMLSelect id="move-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as SecretKind)} data-testid="move-kind">
              {secretKindList.map((k) => <option key={k.kind} value={k.kind}>{k.one}</option>)}
            </HTMLSelect>
          </FormGroup>
          <FormGroup label={secretKinds[kind].idLabel} labelFor="move-id" intent={hasErrors(idProblems) ? 'danger' : 'none'} helperText={idProblems.length > 0 ? <MessageText text={idProblems.map((p) => p.message).join(' ')} /> : undefined}>
            <InputGroup id="move-id" value={id} onValueChange={setId} className="mono" data-testid="move-id" />
          </FormGroup>
          <div>New name: {toName === null ? <span data-testid="move-target">—</span> : <ExactName className="mono" text={toName} testId="move-target" />}</div>
          {to !== null && !to.ok ? <Callout intent="danger"><MessageText text={to.reason} /></Callout> : null}
          {toName === secret.name ? <Callout intent="warning">That is already its name.</Callout> : null}
        </div>
      }
      commands={toName === null ? [] : [
        { op: 'get-secret-value', secretId: secret.name },
        { op: 'create-secret', name: toName, description: secret.description, tags: secret.tags },
        { op: 'delete-secret', secretId: secret.name, recoveryWindowDays: 30 },
      ]}
      target={target}
      confirmLabel="Move"
      confirmDisabled={toName === null || toName === secret.name}
      onConfirm={async () => {
        await move.mutateAsync({ kwargs: kwargs.json, from: secret.name, toKind: kind, toId: id, clientRequestToken: token });
        onClose();
      }}
      onClose={onClose}
    />
  );
}
