/**
 * The review before every write: what changes (a diff of the value, masked line by line until
 * revealed), where it goes (profile, account, region), and the equivalent `aws secretsmanager`
 * commands. Nothing is written until the user confirms; a failure is shown here and the user's
 * edit stays where it was.
 */
import { Button, Callout, Classes, Dialog, DialogBody, DialogFooter, Tag, type Intent } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import { useState, type ReactNode } from 'react';
import { maskedValueNote, secretsCliCommand, type SecretsCliCommand } from '../../../../shared/aws-cli-commands';
import { pluralWord } from '../../../../shared/plural';
import { ErrorCallout, CommandBlock } from '../../components';
import { MaskedDiff } from './MaskedDiff';
import type { WriteTarget } from './secrets-context';

export interface ReviewDiff {
  readonly before: string;
  readonly after: string;
}

export interface ReviewDialogProps {
  readonly isOpen: boolean;
  readonly title: string;
  readonly intent?: Intent;
  /** The title's icon; by default the eye of a value review when there is a value diff, else none. */
  readonly icon?: IconName;
  readonly summary: ReactNode;
  readonly diff?: ReviewDiff | null;
  readonly details?: ReactNode;
  readonly commands: readonly SecretsCliCommand[];
  readonly target: WriteTarget | null;
  readonly confirmLabel: string;
  readonly confirmDisabled?: boolean;
  /** Runs the write; a rejection is shown in the dialog. */
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

export function ReviewDialog(props: ReviewDialogProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const close = () => {
    if (busy) return;
    setFailure(null);
    props.onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await props.onConfirm();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const hasDiff = props.diff !== undefined && props.diff !== null;
  const valueNote = maskedValueNote(props.commands);
  return (
    <Dialog isOpen={props.isOpen} onClose={close} title={props.title} icon={props.icon ?? (hasDiff ? 'eye-open' : undefined)} className="secrets-review-dialog">
      <div className="dialog-contents" data-testid="review-dialog">
      <DialogBody>
        <div className="review-summary">{props.summary}</div>
        {props.target === null ? null : (
          <div className="review-target" data-testid="review-target">
            <span className={Classes.TEXT_MUTED}>Writes to</span>
            <Tag minimal icon="person" htmlTitle={props.target.profile}>{props.target.profile}</Tag>
            {props.target.account === null ? null : <Tag minimal className="mono" htmlTitle={props.target.account}>{props.target.account}</Tag>}
            <Tag minimal htmlTitle={props.target.region}>{props.target.region}</Tag>
            {props.target.production ? <Tag intent="warning" icon="warning-sign">production</Tag> : null}
          </div>
        )}
        {props.details}
        {!hasDiff ? null : (
          <div className="review-section">
            <div className="review-heading">Value</div>
            <MaskedDiff before={props.diff?.before ?? ''} after={props.diff?.after ?? ''} testId="review-diff" />
          </div>
        )}
        {props.commands.length === 0 ? null : (
          <div className="review-section">
            <div className="review-heading">
              Equivalent AWS CLI {pluralWord(props.commands.length, 'command')}
              {valueNote === null ? null : <> <span className={Classes.TEXT_MUTED} data-testid="review-value-note">({valueNote})</span></>}
            </div>
            <CommandBlock commands={props.commands.map((command) => secretsCliCommand(command, props.target?.cli ?? {}))} testId="review-command" />
          </div>
        )}
        {failure === null ? null : (
          <div className="review-section">
            <ErrorCallout error={failure} />
            <Callout intent="primary" icon="info-sign" className="review-kept">Nothing you typed was lost: close this review to keep editing, or try again.</Callout>
          </div>
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Cancel" onClick={close} disabled={busy} data-testid="review-cancel" />
            <Button intent={props.intent ?? 'primary'} text={props.confirmLabel} loading={busy} disabled={props.confirmDisabled === true} onClick={() => void confirm()} data-testid="review-confirm" />
          </>
        }
      />
      </div>
    </Dialog>
  );
}
