/**
 * The production guard in the UI. A write that fails with CONFIRMATION_REQUIRED (every write goes
 * through `useApiMutation`) opens this dialog, which names the account and asks the user to type
 * it; the write is then retried with that confirmation. Nothing is retried without the user typing
 * the exact value.
 */
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ConfirmationDetails } from '../../../shared/api';
import { ProductionConfirmationContext, type AskForConfirmation } from '../api';

export function ProductionConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmationDetails | null>(null);
  const [typed, setTyped] = useState('');
  const resolver = useRef<((value: string | null) => void) | null>(null);

  const ask = useCallback<AskForConfirmation>((details) => {
    resolver.current?.(null);
    setTyped('');
    setRequest(details);
    return new Promise((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (value: string | null) => {
    resolver.current?.(value);
    resolver.current = null;
    setRequest(null);
  };

  const matches = request !== null && typed.trim() === request.expected;
  return (
    <ProductionConfirmationContext.Provider value={ask}>
      {children}
      <Dialog isOpen={request !== null} onClose={() => finish(null)} title="Production: confirm this change" icon="warning-sign" data-testid="production-confirm">
        {request !== null ? (
          <>
            <DialogBody>
              <Callout intent="warning" icon={null}>
                You are about to <strong>{request.action}</strong> in{' '}
                {request.account === null ? <>the production profile <strong>{request.profile}</strong></> : <>production account <strong className="mono">{request.account}</strong> (profile <strong>{request.profile}</strong>)</>}.
              </Callout>
              <FormGroup label={`Type ${request.account === null ? 'the profile name' : 'the account id'} to confirm`} labelFor="production-confirm-input" className="confirm-input">
                <InputGroup id="production-confirm-input" autoFocus value={typed} onValueChange={setTyped} placeholder={request.expected} data-testid="production-confirm-input" autoComplete="off" spellCheck={false} />
              </FormGroup>
            </DialogBody>
            <DialogFooter actions={<>
              <Button text="Cancel" onClick={() => finish(null)} />
              <Button intent="warning" text="Confirm and apply" disabled={!matches} onClick={() => finish(typed.trim())} data-testid="production-confirm-apply" />
            </>} />
          </>
        ) : null}
      </Dialog>
    </ProductionConfirmationContext.Provider>
  );
}
