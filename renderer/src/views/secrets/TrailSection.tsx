/**
 * "Who changed it": CloudTrail's record of writes to this secret, under its versions. Names who
 * (IAM user, SSO user, role session), when, and with which tool; Airlock's own writes are marked.
 * CloudTrail never holds a value, so there is nothing to mask here.
 */
import { Button, Callout, Classes, HTMLTable, Spinner, Tag } from '@blueprintjs/core';
import type { TrailEvent, TrailStatus } from '../../../../shared/api';
import { assertNever } from '../../../../shared/assert';
import { useApiQuery } from '../../api';
import { ErrorCallout, ExactName, formatDateTime } from '../../components';

const eventLabels: Readonly<Record<string, string>> = {
  CreateSecret: 'Created',
  PutSecretValue: 'New value',
  UpdateSecret: 'Updated',
  DeleteSecret: 'Deleted',
  RestoreSecret: 'Restored',
  UpdateSecretVersionStage: 'Label moved',
  TagResource: 'Tagged',
  UntagResource: 'Tags removed',
  PutResourcePolicy: 'Policy set',
  DeleteResourcePolicy: 'Policy removed',
  RotateSecret: 'Rotated',
  CancelRotateSecret: 'Rotation cancelled',
};

function ToolTag({ event }: { event: TrailEvent }) {
  return (
    <Tag minimal intent={event.tool.kind === 'airlock' ? 'primary' : 'none'} title={event.tool.userAgent === '' ? undefined : event.tool.userAgent}>
      {event.tool.label}
    </Tag>
  );
}

function StatusNote({ status, onRetry }: { status: TrailStatus; onRetry: () => void }) {
  switch (status.kind) {
    case 'complete':
      return null;
    case 'truncated':
      return <p className={Classes.TEXT_MUTED} data-testid="trail-truncated">The newest {status.shown} changes are shown; CloudTrail holds more.</p>;
    case 'no-permission':
      return <Callout intent="warning" icon="lock" data-testid="trail-no-permission">{status.message}</Callout>;
    case 'throttled':
      return (
        <Callout intent="warning" icon="time" data-testid="trail-throttled">
          {status.message} <Button size="small" text="Try again" onClick={onRetry} />
        </Callout>
      );
    default:
      return assertNever(status, 'Unknown trail status');
  }
}

export function TrailSection({ name, arn }: { name: string; arn: string | null }) {
  // CloudTrail allows 2 lookups a second per account: read once per opening, refresh on request.
  // The ARN the editor already has spares the lookup a DescribeSecret to find it.
  const trail = useApiQuery('audit.secretTrail', arn === null ? { name } : { name, arn }, { staleTime: 60_000, retry: false });
  return (
    <div className="trail-section" data-testid="trail-section">
      <div className="panel-heading">
        Who changed it <span className={Classes.TEXT_MUTED}>(AWS CloudTrail)</span>
        <Button size="small" variant="minimal" icon="refresh" aria-label="Read CloudTrail again" onClick={() => void trail.refetch()} loading={trail.isFetching} />
      </div>
      {trail.isPending ? <Spinner size={20} /> : trail.error !== null ? <ErrorCallout error={trail.error} onRetry={() => void trail.refetch()} /> : (
        <>
          <StatusNote status={trail.data.status} onRetry={() => void trail.refetch()} />
          {trail.data.events.length === 0 ? (
            trail.data.status.kind === 'complete' ? <p className={Classes.TEXT_MUTED} data-testid="trail-empty">CloudTrail has no change to this secret in the last 90 days.</p> : null
          ) : (
            <HTMLTable compact striped className="trail-table">
              <thead>
                <tr><th>When</th><th>Change</th><th>Who</th><th>Tool</th></tr>
              </thead>
              <tbody>
                {trail.data.events.map((event) => (
                  <tr key={event.eventId} data-testid="trail-row" data-event={event.eventName} data-tool={event.tool.kind}>
                    <td className="date-cell" title={event.time}>{formatDateTime(event.time)}</td>
                    <td>
                      {eventLabels[event.eventName] ?? event.eventName}
                      {event.detail === null ? null : <span className={Classes.TEXT_MUTED}> · {event.detail}</span>}
                      {event.errorCode === null ? null : <Tag minimal intent="danger" className="trail-refused" title="AWS refused this call; it changed nothing">refused: {event.errorCode}</Tag>}
                    </td>
                    <td title={event.actor.arn ?? undefined}><ExactName text={event.actor.name} /></td>
                    <td><ToolTag event={event} /></td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          )}
          <p className={`trail-delay ${Classes.TEXT_MUTED}`}>
            CloudTrail lists a change about 5 minutes after it happens (sometimes up to 15), in region {trail.data.region}, for 90 days.
          </p>
        </>
      )}
    </div>
  );
}
