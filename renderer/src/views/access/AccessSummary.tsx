/**
 * The access check's result where decisions are made (issue 14 item 3): a row in the health
 * checklist and a callout in the deploy review. Both block nothing; they say plainly when the
 * deployed backend would be denied, and lead to the full check.
 */
import { Button, Callout, Icon, Spinner } from '@blueprintjs/core';
import { MessageText } from '../../components';
import { useAccessCheck } from './AccessPanel';
import { OVERALL_HEALTH, OVERALL_ICON, OVERALL_INTENT, OVERALL_TITLE } from './verdicts';

/** One checklist row, in the checklist's own look. */
export function AccessHealthItem({ path, onOpen }: { path: string; onOpen: () => void }) {
  const check = useAccessCheck(path);
  const status = check.data === undefined ? 'unknown' : OVERALL_HEALTH[check.data.overall];
  const summary = check.isPending ? 'Checking IAM…' : check.data === undefined ? (check.error?.message ?? 'The access check failed.') : check.data.headline;
  return (
    <div className={`health-item health-${status}`} data-testid="health-item-access" data-status={status}>
      <div className="health-item-head">
        {check.isPending ? <Spinner size={18} className="health-icon" /> : <Icon icon={check.data === undefined ? 'help' : OVERALL_ICON[check.data.overall]} intent={check.data === undefined ? 'none' : OVERALL_INTENT[check.data.overall]} size={18} className="health-icon" />}
        <button type="button" className="health-title-button" onClick={onOpen}>
          <span className="health-title">{check.data === undefined ? 'Airflow can read its secrets' : OVERALL_TITLE[check.data.overall]}</span>
          <span className="health-item-summary"><MessageText text={summary} /></span>
        </button>
        <span className="health-actions">
          <Button size="small" variant="minimal" icon="shield" text="Open the access check" onClick={onOpen} data-testid="health-open-access" />
        </span>
      </div>
    </div>
  );
}

/** The deploy review's note: deploying is never blocked, but a denial is said before the button. */
export function AccessDeployNotice({ path, kwargsJson }: { path: string; kwargsJson: string | undefined }) {
  const check = useAccessCheck(path, kwargsJson ?? null);
  if (check.data === undefined) return null;
  const { overall, headline } = check.data;
  return (
    <Callout intent={OVERALL_INTENT[overall]} icon={OVERALL_ICON[overall]} compact title={OVERALL_TITLE[overall]} className="deploy-access" data-testid="deploy-access" data-overall={overall}>
      <MessageText text={headline} />
      {overall === 'allowed' ? null : <span className="muted"> Deploying is not blocked; Projects → Access shows the deciding statements and the fix.</span>}
    </Callout>
  );
}
