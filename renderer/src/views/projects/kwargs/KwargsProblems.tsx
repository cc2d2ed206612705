/** The validation problems of the kwargs, each with its fix when the rules offer one. */
import { Button, Icon } from '@blueprintjs/core';
import type { Problem } from '../../../../../shared/airflow';
import { MessageText } from '../../../components';

export function ProblemFixButton({ problem, onFix }: { problem: Problem; onFix: (problem: Problem) => void }) {
  if (problem.fix === undefined || problem.field === undefined) return null;
  return <Button size="small" variant="outlined" icon="wrench" text={problem.fix.label} onClick={() => onFix(problem)} className="problem-fix" data-testid="kwargs-fix" />;
}

export function KwargsProblems({ problems, onFix }: { problems: readonly Problem[]; onFix: (problem: Problem) => void }) {
  if (problems.length === 0) {
    return (
      <div className="kwargs-problems kwargs-problems-none" data-testid="kwargs-problems">
        <Icon icon="tick-circle" intent="success" /> No problems found for this provider version.
      </div>
    );
  }
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="kwargs-problems" data-testid="kwargs-problems">
      {sorted.map((problem) => (
        <li key={`${problem.code}:${problem.field ?? ''}:${problem.message}`} className={`problem-${problem.severity}`} data-testid="kwargs-problem" data-code={problem.code}>
          <Icon icon={problem.severity === 'error' ? 'error' : 'warning-sign'} intent={problem.severity === 'error' ? 'danger' : 'warning'} size={13} />
          <span className="problem-text">
            {problem.field !== undefined && !problem.message.includes(`\`${problem.field}\``) ? <code className="problem-field">{problem.field}</code> : null}
            <MessageText text={problem.message} />
          </span>
          <ProblemFixButton problem={problem} onFix={onFix} />
        </li>
      ))}
    </ul>
  );
}
