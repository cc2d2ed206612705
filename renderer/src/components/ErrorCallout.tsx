import { Button, Callout } from '@blueprintjs/core';
import { toHumanError } from '../errors';
import { MessageText } from './MessageText';

/** Shows an API error in human terms, with a retry button when trying again can help. */
export function ErrorCallout({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const human = toHumanError(error);
  return (
    <Callout intent="danger" title={human.title} data-testid="error-callout">
      <p><MessageText text={human.detail} /></p>
      {onRetry !== undefined && human.retryable ? <Button text="Try again" icon="refresh" onClick={onRetry} size="small" /> : null}
    </Callout>
  );
}
