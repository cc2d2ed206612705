/**
 * The one review screen: the Deployment, the Dockerfile and .env, each with its diff and a
 * checkbox; the exact commands; one Deploy button (through the production guard); progress with
 * Cancel; then what was deployed and verified per target.
 */
import { Button, Callout, Checkbox, FormGroup, InputGroup, NonIdealState, Spinner, Switch, Tag } from '@blueprintjs/core';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeployOutputLine, DeployPlan, DeployResult, DeployTargetId, FileSection, TaskProgress } from '../../../../shared/api';
import { plural, pluralWord } from '../../../../shared/plural';
import { ApiCallError, useApiEvent, useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, MessageText } from '../../components';
import { useNavigation } from '../../navigation';
import { HealthRow, ReviewChangesDialog, PlannedDiff } from '../projects';
import type { ReviewRequest } from '../projects';
import { DeployProgress } from './DeployProgress';
import { DeployResults } from './DeployResults';
import { DeploymentRows } from './DeploymentSection';
import { TARGET_LABEL } from './labels';
import { AccessDeployNotice } from '../access';
import { withMember } from '../../../../shared/sets';

const KWARGS_SOURCE = { given: 'the kwargs chosen in the editor (not saved yet)', dockerfile: "the Dockerfile's kwargs", default: "Airlock's usual kwargs (the Dockerfile has none)" } as const;
const ORDER: readonly DeployTargetId[] = ['deployment', 'dockerfile', 'dotenv'];

export function DeployReview({ path, environment, kwargsJson }: { path: string; environment?: string | undefined; kwargsJson: string | undefined }) {
  const [includeAws, setIncludeAws] = useState(false);
  const input = { path, includeAwsCredentials: includeAws, ...(kwargsJson === undefined ? {} : { kwargsJson }), ...(environment === undefined ? {} : { environment }) };
  // Each plan is single-use and holds values in the main process: never cached past its screen.
  const plan = useApiQuery('deploy.plan', input, { gcTime: 0, staleTime: Infinity, retry: false, refetchOnWindowFocus: false });
  const [result, setResult] = useState<DeployResult | null>(null);

  const reviewAgain = () => {
    setResult(null);
    void plan.refetch();
  };

  return (
    <div className="deploy-review" data-testid="deploy-review">
      <div className="deploy-review-toolbar">
        <h3 className="deploy-heading">Review</h3>
        <Switch
          className="deploy-switch"
          checked={includeAws}
          onChange={(event) => {
            setResult(null);
            setIncludeAws(event.currentTarget.checked);
          }}
          label="Also deploy the active profile's AWS keys to the Deployment (as secrets)"
          data-testid="include-aws"
        />
        <Button icon="refresh" variant="minimal" text="Review again" loading={plan.isFetching} onClick={reviewAgain} data-testid="review-refresh" />
      </div>
      <AccessDeployNotice path={path} kwargsJson={kwargsJson} />
      {plan.isPending ? (
        <div className="deploy-loading"><Spinner size={20} /> Reading the Deployment and the project files…</div>
      ) : plan.data === undefined ? (
        <ErrorCallout error={plan.error} onRetry={reviewAgain} />
      ) : result !== null ? (
        <>
          <DeployResults result={result} deploymentName={plan.data.deployment.deployment.name} />
          <div className="deploy-after">
            <Button intent="primary" icon="refresh" text="Review again" onClick={reviewAgain} data-testid="review-again" />
            <span className="muted">Reads the Deployment and the files again: a finished deploy shows “Nothing to change”.</span>
          </div>
        </>
      ) : (
        <PlanView key={plan.data.planId} plan={plan.data} kwargsFrom={environment !== undefined && kwargsJson === undefined && plan.data.kwargs.source === 'given' ? `the kwargs recorded for the environment “${environment}”` : KWARGS_SOURCE[plan.data.kwargs.source]} refreshing={plan.isFetching} onDeployed={setResult} onReviewAgain={reviewAgain} />
      )}
    </div>
  );
}

function PlanView({ plan, kwargsFrom, refreshing, onDeployed, onReviewAgain }: { plan: DeployPlan; kwargsFrom: string; refreshing: boolean; onDeployed: (result: DeployResult) => void; onReviewAgain: () => void }) {
  const apply = useApiMutation('deploy.apply');
  const stop = useApiMutation('deploy.cancel');
  const [selected, setSelected] = useState<ReadonlySet<DeployTargetId>>(new Set(plan.changedTargets));
  const [confirmation, setConfirmation] = useState('');
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [output, setOutput] = useState<readonly DeployOutputLine[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const running = useRef<string | null>(null);
  // The deploy under way (its task id) and how the last one failed are the mutation's own state.
  const taskId = apply.isPending ? (apply.variables?.taskId ?? null) : null;
  const error = apply.error;

  useApiEvent('task.progress', useCallback((payload: TaskProgress) => {
    if (payload.taskId === running.current) setProgress(payload);
  }, []));
  useApiEvent('deploy.output', useCallback((payload: DeployOutputLine) => {
    if (payload.taskId === running.current) setOutput((lines) => [...lines.slice(-50), payload]);
  }, []));
  useEffect(() => () => {
    running.current = null;
  }, []);

  const nothing = plan.changedTargets.length === 0;
  const chosen = ORDER.filter((target) => selected.has(target));
  const needsName = plan.deployment.production && selected.has('deployment');
  const confirmed = !needsName || confirmation.trim() === plan.deployment.deployment.name;
  const stale = error instanceof ApiCallError && (error.apiError.code === 'CONFLICT' || error.apiError.code === 'NOT_FOUND');

  const toggle = (target: DeployTargetId, on: boolean) => setSelected(withMember(selected, target, on));

  const deploy = async () => {
    const id = crypto.randomUUID();
    running.current = id;
    setProgress(null);
    setOutput([]);
    setCancelling(false);
    try {
      onDeployed(await apply.mutateAsync({ planId: plan.planId, targets: [...chosen], taskId: id, ...(needsName ? { deploymentConfirmation: confirmation.trim() } : {}) }));
    } catch {
      // Shown from `apply.error`.
    } finally {
      running.current = null;
    }
  };

  const cancel = () => {
    if (taskId === null) return;
    setCancelling(true);
    // Fire and forget: the running deploy reports how it ended.
    stop.mutate({ taskId });
  };

  const deploymentCalls = plan.deployment.calls.length;
  const summary = chosen.map((target) => (target === 'deployment' ? `the Deployment (${plural(deploymentCalls, 'CLI call')})` : TARGET_LABEL[target]));

  return (
    <div className="deploy-plan" data-testid="deploy-plan">
      <DeployHealth path={plan.projectPath} items={plan.health} onFixed={onReviewAgain} />
      {nothing ? (
        <div className="deploy-nothing" data-testid="nothing-to-change">
          <NonIdealState
            icon="tick-circle"
            title="Nothing to change"
            description="The Deployment, the Dockerfile and .env already have these settings. Deploying would restart nothing and write nothing."
          />
        </div>
      ) : null}
      <p className="muted deploy-kwargs-source" data-testid="deploy-kwargs-source">Backend kwargs: {kwargsFrom}.</p>

      <TargetCard
        id="deployment"
        title={`Astro Deployment “${plan.deployment.deployment.name}”`}
        subtitle={[plan.deployment.deployment.workspaceName, plan.deployment.deployment.runtimeVersion === null ? null : `runtime ${plan.deployment.deployment.runtimeVersion}`, plan.deployment.deployment.status].filter((part) => part !== null).join(' · ')}
        available={plan.deployment.available}
        unavailable={plan.deployment.unavailable}
        changed={plan.changedTargets.includes('deployment')}
        changes={`${plural(plan.deployment.rows.filter((row) => row.action === 'set').length, 'variable')} to set`}
        checked={selected.has('deployment')}
        onToggle={(on) => toggle('deployment', on)}
        tags={
          <>
            {plan.deployment.production ? <Tag intent="warning" icon="warning-sign">production</Tag> : null}
            {deploymentCalls > 0 ? (
              <Tag intent="warning" minimal icon="refresh" data-testid="deploy-calls">{plural(deploymentCalls, 'CLI call')}, each restarts the Deployment</Tag>
            ) : (
              <Tag minimal data-testid="deploy-calls">0 CLI calls: no restart</Tag>
            )}
          </>
        }
      >
        <DeploymentRows planId={plan.planId} section={plan.deployment} />
      </TargetCard>
      <FileCard id="dockerfile" section={plan.dockerfile} changed={plan.changedTargets.includes('dockerfile')} checked={selected.has('dockerfile')} onToggle={(on) => toggle('dockerfile', on)} />
      <FileCard id="dotenv" section={plan.dotenv} changed={plan.changedTargets.includes('dotenv')} checked={selected.has('dotenv')} onToggle={(on) => toggle('dotenv', on)} />

      {taskId !== null ? <DeployProgress progress={progress} output={output} cancelling={cancelling} onCancel={cancel} /> : null}
      {error !== null && !(error instanceof ApiCallError && error.apiError.code === 'CANCELLED' && error.apiError.message.startsWith('You cancelled')) ? (
        <div className="deploy-error">
          <ErrorCallout error={error} />
          {stale ? <Button icon="refresh" text="Review again" onClick={onReviewAgain} data-testid="deploy-review-again" /> : null}
        </div>
      ) : null}

      <div className="deploy-footer" data-testid="deploy-footer">
        {needsName ? (
          <FormGroup label={`“${plan.deployment.deployment.name}” is marked production. Type its name to deploy:`} labelFor="deploy-confirm-name" inline className="deploy-confirm">
            <InputGroup id="deploy-confirm-name" value={confirmation} onValueChange={setConfirmation} placeholder={plan.deployment.deployment.name} autoComplete="off" spellCheck={false} data-testid="deploy-confirm-name" />
          </FormGroup>
        ) : null}
        <span className="deploy-footer-summary muted" data-testid="deploy-summary">
          {nothing ? 'Nothing to deploy.' : chosen.length === 0 ? 'Tick at least one target.' : `Deploys ${summary.join(', ')}; then reads each one back to verify.`}
        </span>
        <Button
          intent="primary"
          large
          icon="cloud-upload"
          text={chosen.length > 1 ? `Deploy ${plural(chosen.length, 'target')}` : 'Deploy'}
          disabled={nothing || chosen.length === 0 || !confirmed || taskId !== null || refreshing || stale}
          loading={taskId !== null}
          onClick={() => void deploy()}
          data-testid="deploy-button"
        />
      </div>
    </div>
  );
}

/**
 * The Health checklist's problems with the backend as this deploy leaves it (the same items, from
 * the same checks): deploying does not fix them, so they are said before the Deploy button, each
 * with its fix. A fix is written through the same review as in Projects, then the plan is made again.
 */
function DeployHealth({ path, items, onFixed }: { path: string; items: DeployPlan['health']; onFixed: () => void }) {
  const { go } = useNavigation();
  const [review, setReview] = useState<ReviewRequest | null>(null);
  if (items.length === 0) return null;
  const errors = items.filter((item) => item.status === 'error').length;
  return (
    <Callout intent={errors > 0 ? 'danger' : 'warning'} icon="warning-sign" className="deploy-health" data-testid="deploy-health"
      title={`The Health checklist finds ${plural(items.length, 'problem')} that this deploy does not fix`}>
      <p>With {pluralWord(items.length, 'it', 'them')}, the deployed secrets backend fails to start or does not read what you expect. Fix {pluralWord(items.length, 'it', 'them')} first, or deploy knowing {pluralWord(items.length, 'it stays', 'they stay')}:</p>
      <div className="health-items">
        {items.map((item) => <HealthRow key={item.id} item={item} onFix={setReview} onEditKwargs={() => go('projects')} />)}
      </div>
      <ReviewChangesDialog
        path={path}
        request={review}
        onClose={() => setReview(null)}
        onApplied={() => {
          setReview(null);
          onFixed();
        }}
      />
    </Callout>
  );
}

function TargetCard({ id, title, subtitle, available, unavailable, changed, changes, checked, onToggle, tags, children }: {
  id: DeployTargetId;
  /** What the "changes" tag says, when there is a count. */
  changes?: string;
  title: string;
  subtitle: string;
  available: boolean;
  unavailable: string | null;
  changed: boolean;
  checked: boolean;
  onToggle: (on: boolean) => void;
  tags?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className={`deploy-target-card${checked ? ' selected' : ''}${changed ? '' : ' unchanged'}`} data-testid={`target-${id}`} data-changed={String(changed)}>
      <header className="deploy-target-card-head">
        <Checkbox className="deploy-target-check" checked={checked} disabled={!available || !changed} onChange={(event) => onToggle(event.currentTarget.checked)} data-testid={`select-${id}`} aria-label={`Deploy ${title}`} />
        <div className="deploy-target-title">
          <strong>{title}</strong>
          {subtitle !== '' ? <span className="muted"><MessageText text={subtitle} /></span> : null}
        </div>
        <div className="deploy-target-tags">
          {!available ? <Tag intent="danger" minimal icon="disable">cannot deploy</Tag> : changed ? <Tag intent="primary" minimal>{changes ?? 'changes'}</Tag> : <Tag minimal icon="tick">up to date</Tag>}
          {tags}
        </div>
      </header>
      {unavailable !== null ? <Callout intent="danger" compact icon="disable" className="deploy-unavailable" data-testid={`unavailable-${id}`}><MessageText text={unavailable} /></Callout> : null}
      <div className="deploy-target-body">{children}</div>
    </section>
  );
}

function FileCard({ id, section, changed, checked, onToggle }: { id: 'dockerfile' | 'dotenv'; section: FileSection; changed: boolean; checked: boolean; onToggle: (on: boolean) => void }) {
  const plan = section.plan;
  return (
    <TargetCard
      id={id}
      title={section.file}
      subtitle={section.purpose}
      available={section.available}
      unavailable={section.unavailable}
      changed={changed}
      changes={plan === null || plan.files.length === 0 ? undefined : `${plural(plan.files.reduce((sum, file) => sum + file.added + file.removed, 0), 'line')} to change`}
      checked={checked}
      onToggle={onToggle}
    >
      {section.notes.length > 0 ? (
        <Callout compact icon="info-sign" className="deploy-file-notes">
          {section.notes.map((note) => <p key={note}><MessageText text={note} /></p>)}
        </Callout>
      ) : null}
      {plan === null ? null : plan.files.length === 0 ? (
        <p className="muted deploy-file-same">{plan.unchanged.join(' ') || `${section.file} already has these settings.`}</p>
      ) : (
        plan.files.map((file) => <PlannedDiff key={file.file} planId={plan.planId} file={file} />)
      )}
    </TargetCard>
  );
}
