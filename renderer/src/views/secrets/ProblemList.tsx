/** Problems from the Airflow rules, each with its fix button where one applies. Fix values (which may hold the secret) are never displayed. */
import { Button, Icon } from '@blueprintjs/core';
import type { Problem } from '../../../../shared/airflow';
import { MessageText } from '../../components';

export function ProblemList({
  problems,
  title,
  testId,
  canFix,
  onFix,
}: {
  problems: readonly Problem[];
  title?: string;
  testId?: string;
  canFix?: (problem: Problem) => boolean;
  onFix?: (problem: Problem) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="problem-list" data-testid={testId}>
      {title === undefined ? null : <div className="panel-heading">{title}</div>}
      {problems.map((problem, index) => (
        <div key={`${problem.code}-${problem.field ?? ''}-${index}`} className={`problem problem-${problem.severity}`} data-testid="problem" data-code={problem.code}>
          <Icon icon={problem.severity === 'error' ? 'error' : 'warning-sign'} intent={problem.severity === 'error' ? 'danger' : 'warning'} size={14} />
          <span className="problem-message"><MessageText text={problem.message} /></span>
          {problem.fix !== undefined && onFix !== undefined && (canFix?.(problem) ?? true) ? (
            <Button size="small" intent={problem.severity === 'error' ? 'primary' : 'none'} text={problem.fix.label} onClick={() => onFix(problem)} data-testid="problem-fix" />
          ) : null}
        </div>
      ))}
    </div>
  );
}
