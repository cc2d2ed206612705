/**
 * Entering an Astro API token. The token goes to the main process once, on save, and never comes
 * back; the form only learns whether one is set and whether it survives a restart.
 */
import { Button, Callout, FormGroup, InputGroup } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import type { AstroTokenState } from '../../../../shared/api';
import { useApiMutation } from '../../api';
import { ErrorCallout } from '../../components';

export function AstroTokenForm({ token }: { token: AstroTokenState }) {
  const [value, setValue] = useState('');
  const save = useApiMutation('deploy.setApiToken', { onSuccess: () => setValue('') });
  const clear = useApiMutation('deploy.clearApiToken');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ token: value });
  };

  return (
    <div className="astro-token" data-testid="astro-token">
      {token.source === 'app' ? (
        <div className="astro-token-set">
          <span>An API token entered in Airlock is used{token.persistent ? ' (kept encrypted by your system keyring).' : '.'}</span>
          <Button size="small" variant="outlined" icon="trash" text="Forget the token" loading={clear.isPending} onClick={() => clear.mutate({})} data-testid="astro-token-clear" />
        </div>
      ) : (
        <form className="astro-token-form" onSubmit={submit}>
          <FormGroup
            label="Astro API token (optional)"
            labelFor="astro-token-input"
            helperText={
              <>
                Instead of <code>astro login</code>: a Workspace or Organization token from Astro. It is passed to the astro CLI in its environment only, with a private ASTRO_HOME, so the CLI
                does not save it in your <code>~/.astro</code>.
              </>
            }
          >
            <InputGroup id="astro-token-input" type="password" value={value} onValueChange={setValue} placeholder="Paste the token" autoComplete="off" spellCheck={false} className="mono" data-testid="astro-token-input" />
          </FormGroup>
          <Button type="submit" icon="key" text="Use this token" disabled={value.trim() === ''} loading={save.isPending} data-testid="astro-token-save" />
        </form>
      )}
      {token.notice !== null ? (
        <Callout compact icon="lock" className="astro-token-notice" data-testid="astro-token-notice">
          {token.notice}
        </Callout>
      ) : null}
      {save.error !== null ? <ErrorCallout error={save.error} /> : null}
      {clear.error !== null ? <ErrorCallout error={clear.error} /> : null}
    </div>
  );
}
