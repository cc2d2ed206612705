/**
 * Asks for an MFA code when the main process needs one (a role with `mfa_serial`): the request
 * arrives as an event, the answer goes back with `profiles.answerMfa`. Cancel answers null. The
 * code goes straight to the main process; it is not kept here once sent.
 */
import { Button, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MfaPrompt, MfaPromptClosed } from '../../../../shared/api';
import { useApi, useApiEvent } from '../../api/client';
import { ExactName } from '../../components/ExactName';

export function MfaPromptDialog() {
  const api = useApi();
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
  useEffect(() => {
    void api.result('profiles.mfaPrompts', {}).then((outcome) => {
      if (outcome.ok) for (const prompt of outcome.value) add(prompt);
    });
  }, [api, add]);

  const prompt = prompts[0];
  if (prompt === undefined) return null;
  return <MfaCodeForm key={prompt.requestId} prompt={prompt} onDone={() => remove(prompt)} />;
}

function MfaCodeForm({ prompt, onDone }: { prompt: MfaPrompt; onDone: () => void }) {
  const api = useApi();
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const valid = /^\d{6}$/.test(code);

  const answer = async (value: string | null) => {
    setSending(true);
    await api.result('profiles.answerMfa', { requestId: prompt.requestId, code: value });
    setCode('');
    onDone();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && !sending) void answer(code);
  };

  return (
    <Dialog isOpen onClose={() => void answer(null)} title="MFA code" icon="mobile-phone" canOutsideClickClose={false}>
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
              <Button text="Cancel" onClick={() => void answer(null)} disabled={sending} data-testid="mfa-cancel" />
              <Button type="submit" intent="primary" text="Continue" disabled={!valid} loading={sending} data-testid="mfa-submit" />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
