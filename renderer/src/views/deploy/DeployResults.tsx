/**
 * What a deploy did, per target, and what reading each target back showed.
 */
import { Callout, Icon, Tag, type Intent } from '@blueprintjs/core';
import type { DeployResult, TargetResult, VerificationCheck } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { OUTCOME_INTENT, OUTCOME_LABEL, TARGET_LABEL } from './labels';
import { MessageText, ExactName } from '../../components';

/** The Deployment first: it is what the user worries about (the files are written before it). */
const DISPLAY_ORDER: readonly TargetResult['target'][] = ['deployment', 'dockerfile', 'dotenv'];

const HEADLINE: Readonly<Record<DeployResult['outcome'], { title: string; intent: Intent }>> = {
  deployed: { title: 'Deployed and verified', intent: 'success' },
  'nothing-to-change': { title: 'Nothing to change', intent: 'none' },
  partial: { title: 'Only part of the deploy went through', intent: 'warning' },
  failed: { title: 'The deploy failed', intent: 'danger' },
  cancelled: { title: 'The deploy was cancelled', intent: 'warning' },
};

function CheckLine({ check }: { check: VerificationCheck }) {
  const icon = check.ok === true ? 'tick' : check.ok === false ? 'cross' : 'help';
  const intent = check.ok === true ? 'success' : check.ok === false ? 'danger' : 'none';
  return (
    <li className="deploy-check" data-ok={String(check.ok)}>
      <Icon icon={icon} intent={intent} size={14} />
      {check.key !== null ? <ExactName className="mono deploy-check-key" text={check.key} /> : null}
      <span><MessageText text={check.detail} /></span>
    </li>
  );
}

function TargetBlock({ result, deploymentName }: { result: TargetResult; deploymentName: string }) {
  const verified = result.verified === true ? 'verified' : result.verified === false ? 'not as planned' : null;
  return (
    <div className={`deploy-result deploy-result-${result.outcome}`} data-testid={`result-${result.target}`} data-outcome={result.outcome} data-verified={String(result.verified)}>
      <div className="deploy-result-head">
        <strong>{result.target === 'deployment' ? `${TARGET_LABEL.deployment} "${deploymentName}"` : TARGET_LABEL[result.target]}</strong>
        <Tag minimal intent={OUTCOME_INTENT[result.outcome]}>{OUTCOME_LABEL[result.outcome]}</Tag>
        {verified !== null ? <Tag minimal icon={result.verified === true ? 'tick-circle' : 'error'} intent={result.verified === true ? 'success' : 'danger'} data-testid="result-verified">{verified}</Tag> : null}
        {result.target === 'deployment' && result.calls > 0 ? <Tag minimal>{plural(result.calls, 'CLI call')}</Tag> : null}
      </div>
      <p className="deploy-result-message"><MessageText text={result.message} /></p>
      {result.checks.length > 0 ? (
        <ul className="deploy-checks" data-testid="result-checks">
          {result.checks.map((check, index) => (
            <CheckLine key={`${check.key ?? 'summary'}-${index}`} check={check} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function DeployResults({ result, deploymentName }: { result: DeployResult; deploymentName: string }) {
  const headline = HEADLINE[result.outcome];
  return (
    <Callout intent={headline.intent} title={headline.title} icon={result.outcome === 'deployed' ? 'tick-circle' : undefined} className="deploy-results" data-testid="deploy-results" data-outcome={result.outcome}>
      <div className="deploy-result-list">
        {[...result.targets].sort((a, b) => DISPLAY_ORDER.indexOf(a.target) - DISPLAY_ORDER.indexOf(b.target)).map((target) => (
          <TargetBlock key={target.target} result={target} deploymentName={deploymentName} />
        ))}
      </div>
    </Callout>
  );
}
