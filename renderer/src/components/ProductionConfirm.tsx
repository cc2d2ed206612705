/**
 * The production guard in the UI. A write that fails with CONFIRMATION_REQUIRED opens this
 * dialog, which names the account and asks the user to type it; the write is then retried with
 * that confirmation. Nothing is retried without the user typing the exact value.
 */
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConfirmationDetails } from '../../../shared/api';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/api';
import { ApiCallError, useApi } from '../api/client';

type Ask = (details: ConfirmationDetails) => Promise<string | null>;

const ConfirmContext = createContext<Ask | null>(null);

export function ProductionConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmationDetails | null>(null);
  const [typed, setTyped] = useState('');
  const resolver = useRef<((value: string | null) => void) | null>(null);

  const ask = useCallback<Ask>((details) => {
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
    <ConfirmContext.Provider value={ask}>
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
    </ConfirmContext.Provider>
  );
}

/**
 * Calls a write method; when the API asks for a production confirmation, asks the user and
 * retries once with it. Resolves with the result, or rejects with the API error (CANCELLED when
 * the user declined).
 */
export function useGuardedCall() {
  const api = useApi();
  const ask = useContext(ConfirmContext);
  if (ask === null) throw new Error('useGuardedCall needs a <ProductionConfirmProvider>');
  return useMemo(
    () =>
      async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
        const first = await api.result(method, input);
        if (first.ok) return first.value;
        if (first.error.code !== 'CONFIRMATION_REQUIRED' || first.error.details === undefined) throw new ApiCallError(first.error);
        const typed = await ask(first.error.details);
        if (typed === null) throw new ApiCallError({ code: 'CANCELLED', message: 'You cancelled the change; nothing was written.', retryable: false });
        return api.call(method, { ...input, productionConfirmation: typed });
      },
    [api, ask],
  );
}
