/**
 * Browser mode: when the server stops accepting this tab (Airlock restarted, or the session was
 * revoked), say so over the whole app, with what to do. The app stays underneath so that text
 * typed but not saved can still be copied out.
 */
import { Callout } from '@blueprintjs/core';
import { describeSessionRefusal, useSessionRefusal } from '../api';

export function SessionEndedNotice() {
  const refusal = useSessionRefusal();
  if (refusal === null) return null;
  const message = describeSessionRefusal(refusal);
  return (
    <Callout className="session-ended" intent="danger" icon="lock" role="alert" title={message.title} data-testid="session-ended" data-refusal={refusal}>
      {message.detail}
    </Callout>
  );
}
