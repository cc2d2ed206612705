/**
 * Asks for an MFA code when the main process needs one (a role with `mfa_serial`): the request
 * arrives as an event, the answer goes back with `profiles.answerMfa`. Cancel answers null. The
 * code goes straight to the main process; it is not kept here once sent.
 */
import { Button, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MfaPrompt, MfaPromptClosed } from '../../../../shared/api';
import { useApiEvent, useApiFetch, useApiMutation } from '../../api';
import { ExactName } from '../../components';

export function MfaPromptDialog() {
  const read = useApiFetch();
  const [prompts, setPrompts] = useState<readonly MfaPrompt[]>([]);

  const add = useCallback((prompt: MfaPrompt) => {
    setPrompts((current) => (current.some((known) => known.requestId === prompt.requestId) ? current : [...current, prompt]));
  }, []);
  const remove = useCallback((closed: Pick<MfaPromptClosed, 'requestId'>) => {
    setPrompts((current) => current.filter((prompt) => prompt.requestId !== closed.requestId));
  }, []);
  useApiEvent('profiles.mfaRequested', add);
  useApiEvent('profiles.mfaClosed', remove);
  // Prompts that were already waiting when this window opened (or reloaded).
  // Read once, never kept: a cached list could bring back a prompt answered since.
  useEffect(() => {
    read('profiles.mfaPrompts', {}, { staleTime: 0, gcTime: 0 }).then(
      (waiting) => {
        for (const prompt of waiting) add(prompt);
      },
      () => undefined,
    );
  }, [read, add]);

  const prompt = prompts[0];
  if (prompt === undefined) return null;
  return <MfaCodeForm key={prompt.requestId} prompt={prompt} onDone={() => remove(prompt)} />;
}

function MfaCodeForm({ prompt, onDone }: { prompt: MfaPrompt; onDone: () => void }) {
  const [code, setCode] = useState('');
  // Answered or not, the prompt is done: the main process reports a refused code itself.
  const send = useApiMutation('profiles.answerMfa', {
    onSettled: () => {
      setCode('');
      onDone();
    },
  });
  const sending = send.isPending || send.isSuccess || send.isError;
  const valid = /^\d{6}$/.test(code);

  const answer = (value: string | null) => send.mutate({ requestId: prompt.requestId, code: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && !sending) answer(code);
  };

  return (
    <Dialog isOpen onClose={() => answer(null)} title="MFA code" icon="mobile-phone" canOutsideClickClose={false}>
      {/* Dialog does not pass data attributes on, so the form carries the test id. */}
      <form onSubmit={submit} data-testid="mfa-dialog">
        <DialogBody>
          <p>
            Profile <strong>{prompt.profile}</strong> needs a code from your MFA device.
          </p>
          <ExactName as="div" className={`${Classes.TEXT_MUTED} mono mfa-serial`} text={prompt.serialNumber} />
          <FormGroup label="6-digit code" labelFor="mfa-code">
            <InputGroup
              id="mfa-code"
              autoFocus
              value={code}
              onValueChange={(value) => setCode(value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder="123456"
              className="mfa-code-input mono"
              data-testid="mfa-code"
            />
          </FormGroup>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text="Cancel" onClick={() => answer(null)} disabled={sending} data-testid="mfa-cancel" />
              <Button type="submit" intent="primary" text="Continue" disabled={!valid} loading={sending} data-testid="mfa-submit" />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
