/**
 * Review before write: the main process plans the change (the exact bytes it will write, held
 * under a plan id), this dialog shows the diff per file, and Apply writes that plan and nothing
 * else. A file edited on disk in between is refused (CONFLICT) and can be reviewed again.
 */
import { Button, Callout, Dialog, DialogBody, DialogFooter, NonIdealState, Spinner } from '@blueprintjs/core';
import type { ApplyResult } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, MessageText } from '../../components';
import { PlannedDiff } from './PlannedDiff';
import type { ReviewRequest } from './review-request';

export type { ReviewRequest } from './review-request';

export function ReviewChangesDialog({ path, request, onClose, onApplied }: { path: string; request: ReviewRequest | null; onClose: () => void; onApplied: (result: ApplyResult) => void }) {
  return (
    <Dialog isOpen={request !== null} onClose={onClose} title={request?.title ?? 'Review changes'} icon="changes" className="review-dialog">
      {request !== null ? (
        <div className="review-dialog-content" data-testid="review-dialog">
          <ReviewBody path={path} request={request} onClose={onClose} onApplied={onApplied} />
        </div>
      ) : null}
    </Dialog>
  );
}

function ReviewBody({ path, request, onClose, onApplied }: { path: string; request: ReviewRequest; onClose: () => void; onApplied: (result: ApplyResult) => void }) {
  // Each opening plans afresh (gcTime 0): a plan is single-use and may have been applied already.
  const plan = useApiQuery('projects.planChanges', { path, changes: [...request.changes] }, { gcTime: 0, staleTime: Infinity, retry: false, refetchOnWindowFocus: false });
  const apply = useApiMutation('projects.applyChanges', { onSuccess: onApplied });

  if (plan.isPending) {
    return (
      <DialogBody>
        <Spinner size={24} />
      </DialogBody>
    );
  }
  if (plan.error !== null) {
    return (
      <>
        <DialogBody>
          <ErrorCallout error={plan.error} onRetry={() => void plan.refetch()} />
        </DialogBody>
        <DialogFooter actions={<Button text="Close" onClick={onClose} />} />
      </>
    );
  }
  const current = plan.data;
  const nothing = current.files.length === 0;
  const conflict = apply.error?.apiError.code === 'CONFLICT' || apply.error?.apiError.code === 'NOT_FOUND';
  return (
    <>
      <DialogBody className="review-body">
        {current.notes.length > 0 ? (
          <Callout intent="warning" icon="info-sign" compact className="review-notes" data-testid="review-notes">
            {current.notes.map((note) => (
              <p key={note}>
                <MessageText text={note} />
              </p>
            ))}
          </Callout>
        ) : null}
        {nothing ? (
          <NonIdealState icon="tick" title="Nothing to change" description={current.unchanged.join(' ') || 'The files already have these settings.'} />
        ) : (
          current.files.map((file) => <PlannedDiff key={file.file} planId={current.planId} file={file} />)
        )}
        {current.unchanged.length > 0 && !nothing ? <p className="muted">{current.unchanged.join(' ')}</p> : null}
        {apply.error !== null ? (
          <div className="review-error">
            <ErrorCallout error={apply.error} />
            {conflict ? (
              <Button
                icon="refresh"
                text="Review again"
                onClick={() => {
                  apply.reset();
                  void plan.refetch();
                }}
                data-testid="review-again"
              />
            ) : null}
          </div>
        ) : null}
      </DialogBody>
      <DialogFooter
        minimal={false}
        actions={
          <>
            <Button text="Cancel" onClick={onClose} data-testid="review-cancel" />
            <Button
              intent="primary"
              icon="floppy-disk"
              text={current.files.length === 1 ? `Write ${current.files[0]?.file ?? ''}` : `Write ${plural(current.files.length, 'file')}`}
              disabled={nothing || conflict}
              loading={apply.isPending}
              onClick={() => apply.mutate({ path, planId: current.planId, files: current.files.map((file) => ({ file: file.file, fingerprint: file.fingerprint })) })}
              data-testid="review-apply"
            />
          </>
        }
      >
        <span className="muted">Only the lines shown change; every other byte stays as it is.</span>
      </DialogFooter>
    </>
  );
}
