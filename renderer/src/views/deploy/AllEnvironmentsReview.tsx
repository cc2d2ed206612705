/**
 * "Review all environments": one section per environment of the project, each with its own
 * Deployment plan (read by its own CLI run), its call count and its own Deploy button. A
 * production environment asks for its Deployment's name in its own section, and then, as a promote
 * into it does, for its account id (the main process asks through the confirmation dialog):
 * confirming one never confirms another. The project's files are shared by every environment, so they stay in the
 * single review.
 */
import { Button, Callout, FormGroup, InputGroup, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { DeployResult, EnvironmentPlanSection } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout } from '../../components';
import { DeployResults } from './DeployResults';
import { DeploymentRows } from './DeploymentSection';

export function AllEnvironmentsReview({ path }: { path: string }) {
  // Each plan is single-use and holds values in the main process: never cached past its screen.
  const plans = useApiQuery('deploy.planAll', { path }, { gcTime: 0, staleTime: Infinity, retry: false, refetchOnWindowFocus: false });
  const [round, setRound] = useState(0);
  const reviewAgain = () => {
    setRound((n) => n + 1);
    void plans.refetch();
  };
  return (
    <div className="deploy-review deploy-all" data-testid="deploy-all">
      <div className="deploy-review-toolbar">
        <h3 className="deploy-heading">All environments</h3>
        <span className="muted">Each environment's Deployment against its own kwargs. The Dockerfile and .env are shared by every environment: review them one environment at a time.</span>
        <Button icon="refresh" variant="minimal" text="Review again" loading={plans.isFetching} onClick={reviewAgain} data-testid="deploy-all-refresh" />
      </div>
      {plans.isPending ? (
        <div className="deploy-loading"><Spinner size={20} /> Reading every environment's Deployment…</div>
      ) : plans.data === undefined ? (
        <ErrorCallout error={plans.error} onRetry={reviewAgain} />
      ) : (
        plans.data.sections.map((section) => <EnvironmentSection key={`${section.environment}:${section.plan?.planId ?? round}`} section={section} />)
      )}
    </div>
  );
}

function EnvironmentSection({ section }: { section: EnvironmentPlanSection }) {
  const apply = useApiMutation('deploy.apply');
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<DeployResult | null>(null);
  const plan = section.plan;
  const calls = plan?.deployment.calls.length ?? 0;
  const nothing = plan !== null && plan.changedTargets.length === 0;
  const confirmed = !section.production || typed.trim() === section.deploymentName;
  const where = [section.accountId === null ? null : `account ${section.accountId}`, section.region].filter((part) => part !== null).join(' · ');

  const deploy = async () => {
    if (plan === null) return;
    try {
      setResult(await apply.mutateAsync({ planId: plan.planId, targets: ['deployment'], taskId: crypto.randomUUID(), ...(section.production ? { deploymentConfirmation: typed.trim() } : {}) }));
    } catch {
      // Shown from `apply.error`.
    }
  };

  return (
    <section className={`deploy-env-section${section.production ? ' production' : ''}`} data-testid={`deploy-env-${section.environment}`} data-production={String(section.production)}>
      <header className="deploy-env-head">
        <h4>{section.environment}</h4>
        <span className="muted">Deployment “{section.deploymentName}”{where === '' ? '' : ` · ${where}`}</span>
        <span className="deploy-env-tags">
          {section.production ? <Tag intent="warning" icon="warning-sign">production</Tag> : null}
          {plan === null ? null : calls > 0 ? (
            <Tag intent="warning" minimal icon="refresh" data-testid="deploy-env-calls">{plural(calls, 'CLI call')}, each restarts the Deployment</Tag>
          ) : (
            <Tag minimal icon="tick" data-testid="deploy-env-calls">0 CLI calls: nothing to change</Tag>
          )}
        </span>
      </header>
      {section.error !== null ? (
        <Callout intent="danger" compact icon="error" data-testid="deploy-env-error">{section.error.message}</Callout>
      ) : plan === null ? null : result !== null ? (
        <DeployResults result={result} deploymentName={section.deploymentName} />
      ) : (
        <>
          {nothing ? (
            <Callout intent="success" icon="tick-circle" compact title="Nothing to change" className="deploy-env-nothing" data-testid="deploy-env-nothing">
              “{section.deploymentName}” already has these settings: deploying would restart nothing.
            </Callout>
          ) : null}
          {plan.deployment.unavailable !== null ? <Callout intent="danger" compact icon="disable">{plan.deployment.unavailable}</Callout> : null}
          <DeploymentRows planId={plan.planId} section={plan.deployment} />
          {apply.error !== null ? <ErrorCallout error={apply.error} /> : null}
          {nothing ? null : (
            <div className="deploy-env-footer">
              {section.production ? (
                <FormGroup label={`“${section.deploymentName}” is production. Type its name to deploy this environment${section.accountId === null ? '' : ` (its account id ${section.accountId} is asked next)`}:`} labelFor={`deploy-env-confirm-${section.environment}`} inline className="deploy-confirm">
                  <InputGroup id={`deploy-env-confirm-${section.environment}`} value={typed} onValueChange={setTyped} placeholder={section.deploymentName} autoComplete="off" spellCheck={false} data-testid="deploy-env-confirm" />
                </FormGroup>
              ) : null}
              <Button
                intent={section.production ? 'warning' : 'primary'}
                icon="cloud-upload"
                text={`Deploy ${section.environment}`}
                disabled={!plan.deployment.available || !confirmed}
                loading={apply.isPending}
                onClick={() => void deploy()}
                data-testid="deploy-env-button"
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
