/**
 * A running deploy: the step, a progress bar, what the astro CLI prints (secret values masked by
 * the main process), and Cancel.
 */
import { Button, Callout, ProgressBar } from '@blueprintjs/core';
import type { DeployOutputLine, TaskProgress } from '../../../../shared/api';

export function DeployProgress({ progress, output, cancelling, onCancel }: { progress: TaskProgress | null; output: readonly DeployOutputLine[]; cancelling: boolean; onCancel: () => void }) {
  const total = progress?.total ?? 0;
  const value = progress === null || total === 0 ? undefined : progress.done / total;
  return (
    <Callout intent="primary" icon={null} className="deploy-progress" data-testid="deploy-progress">
      <div className="deploy-progress-head">
        <strong data-testid="deploy-progress-label">{progress?.label ?? 'Starting…'}</strong>
        <Button size="small" icon="stop" text={cancelling ? 'Cancelling…' : 'Cancel'} disabled={cancelling} onClick={onCancel} data-testid="deploy-cancel" />
      </div>
      <ProgressBar intent="primary" value={value} animate stripes />
      {output.length > 0 ? (
        <pre className="deploy-output mono" data-testid="deploy-output">
          {output.slice(-12).map((line) => line.line).join('\n')}
        </pre>
      ) : null}
      <p className="muted deploy-progress-note">Cancel stops the astro CLI. A call it already sent may still be applied; the result below says what Astro has.</p>
    </Callout>
  );
}
