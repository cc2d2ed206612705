/**
 * The secrets-backend checklist of the open project: one row per item with its status, what it
 * means, the file lines that show it, and a fix that opens the review dialog.
 */
import { Button, Callout, Collapse, Icon, Intent, Tag, type IconName } from '@blueprintjs/core';
import { useState } from 'react';
import type { HealthItem, HealthStatus, ProjectHealth } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { MessageText, ExactName } from '../../components';
import type { ReviewRequest } from './review-request';
import { AccessHealthItem } from '../access';

export const STATUS_ICON: Record<HealthStatus, IconName> = { ok: 'tick-circle', warning: 'warning-sign', error: 'error', unknown: 'help' };
export const STATUS_INTENT: Record<HealthStatus, Intent> = { ok: Intent.SUCCESS, warning: Intent.WARNING, error: Intent.DANGER, unknown: Intent.NONE };
const STATUS_LABEL: Record<HealthStatus, [one: string, other: string]> = { ok: ['ok', 'ok'], warning: ['warning', 'warnings'], error: ['problem', 'problems'], unknown: ['unknown', 'unknown'] };

export function HealthPanel({
  health,
  refreshing,
  onRefresh,
  onFix,
  onEditKwargs,
  onOpenAccess,
}: {
  health: ProjectHealth;
  refreshing: boolean;
  onRefresh: () => void;
  onFix: (request: ReviewRequest) => void;
  onEditKwargs: () => void;
  /** Shows the access check's row (issue 14 item 3); it leads to the full check. */
  onOpenAccess?: () => void;
}) {
  const counts = (status: HealthStatus) => health.items.filter((item) => item.status === status).length;
  return (
    <div className="health-panel" data-testid="health-panel">
      <div className="health-summary">
        {/* Problems, warnings and oks are counted even at zero ("0 problems" is news); "0 unknown" is not. */}
        {(['error', 'warning', 'ok', 'unknown'] as const).filter((status) => status !== 'unknown' || counts(status) > 0).map((status) => (
          <Tag key={status} minimal round icon={STATUS_ICON[status]} intent={STATUS_INTENT[status]} data-testid={`health-count-${status}`}>
            {plural(counts(status), ...STATUS_LABEL[status])}
          </Tag>
        ))}
        <span className="health-profile muted">
          {health.profile === null ? 'No AWS profile: the AWS checks are skipped.' : `AWS checks as ${health.profile.name} in ${health.profile.region}.`}
        </span>
        <Button icon="refresh" variant="minimal" text="Check again" loading={refreshing} onClick={onRefresh} data-testid="health-refresh" />
      </div>
      {health.project.notes.length > 0 ? (
        <Callout intent="primary" compact icon="info-sign" className="health-notes">
          {health.project.notes.map((note) => (
            <p key={note}><MessageText text={note} /></p>
          ))}
        </Callout>
      ) : null}
      <div className="health-items">
        {health.items.map((item) => (
          <HealthRow key={item.id} item={item} onFix={onFix} onEditKwargs={onEditKwargs} />
        ))}
        {onOpenAccess === undefined || health.profile === null ? null : <AccessHealthItem path={health.project.path} onOpen={onOpenAccess} />}
      </div>
    </div>
  );
}

/** One checklist item: also what the deploy review shows for the items a deploy does not fix. */
export function HealthRow({ item, onFix, onEditKwargs }: { item: HealthItem; onFix: (request: ReviewRequest) => void; onEditKwargs: () => void }) {
  const [open, setOpen] = useState(item.status === 'error' || item.status === 'warning');
  const fix = item.fix;
  return (
    <div className={`health-item health-${item.status}`} data-testid={`health-item-${item.id}`} data-status={item.status}>
      <div className="health-item-head">
        <Icon icon={STATUS_ICON[item.status]} intent={STATUS_INTENT[item.status]} size={18} className="health-icon" />
        <button type="button" className="health-title-button" onClick={() => setOpen(!open)} aria-expanded={open}>
          <span className="health-title">{item.title}</span>
          <span className="health-item-summary"><MessageText text={item.summary} /></span>
        </button>
        <span className="health-actions">
          {item.action === 'edit-kwargs' ? <Button size="small" variant="minimal" icon="edit" text="Open the kwargs editor" onClick={onEditKwargs} data-testid="health-edit-kwargs" /> : null}
          {item.action === 'choose-profile' ? <Tag minimal icon="cloud">Choose a profile in the header</Tag> : null}
          {fix !== null ? (
            <Button size="small" intent="primary" icon="build" text={fix.label} onClick={() => onFix({ title: fix.label, changes: fix.changes })} data-testid="health-fix" />
          ) : null}
          <Button size="small" variant="minimal" icon={open ? 'chevron-up' : 'chevron-down'} aria-label={open ? 'Hide details' : 'Show details'} onClick={() => setOpen(!open)} />
        </span>
      </div>
      <Collapse isOpen={open} keepChildrenMounted>
        <div className="health-details">
          <p className="health-explanation">
            <MessageText text={item.explanation} />
          </p>
          {item.problems.length > 0 ? (
            <ul className="health-problems">
              {item.problems.map((problem) => (
                <li key={problem.message} className={`problem-${problem.severity}`}>
                  <Icon icon={problem.severity === 'error' ? 'error' : 'warning-sign'} intent={problem.severity === 'error' ? 'danger' : 'warning'} size={12} /> <MessageText text={problem.message} />
                </li>
              ))}
            </ul>
          ) : null}
          {item.evidence.length > 0 ? (
            <div className="evidence" data-testid="health-evidence">
              {item.evidence.map((evidence, index) => (
                <div key={index} className="evidence-line">
                  <ExactName wrap="never" className="evidence-where mono" text={evidence.file === null ? 'AWS' : `${evidence.file}${evidence.line === null ? '' : `:${evidence.line}`}`} />
                  <span className={`evidence-text ${evidence.line === null ? 'muted' : 'mono'}`}>
                    {evidence.line === null ? <MessageText text={evidence.text} /> : <ExactName text={evidence.text} />}
                    {evidence.masked ? <Icon icon="lock" size={11} className="evidence-lock" title="Values hidden" /> : null}
                  </span>
                </div>
              ))}
            </div>
          ) : null}
        </div>
      </Collapse>
    </div>
  );
}
