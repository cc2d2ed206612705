/** A diff of secret values: every line masked until revealed (one line with its eye, or all with the switch). */
import { Switch } from '@blueprintjs/core';
import { useState } from 'react';
import { valuesForDiff } from '../../../../shared/secrets';
import { DiffView } from '../../components';

export function MaskedDiff({ before, after, testId, label }: { before: string; after: string; testId: string; label?: string }) {
  const [revealAll, setRevealAll] = useState(false);
  const shown = valuesForDiff(before, after);
  return (
    <div className="masked-diff">
      <div className="masked-diff-bar">
        {label === undefined ? null : <span className="masked-diff-label">{label}</span>}
        <Switch className="masked-diff-switch" checked={revealAll} label="Reveal values" onChange={(event) => setRevealAll(event.currentTarget.checked)} data-testid={`${testId}-reveal-all`} />
      </div>
      <DiffView key={revealAll ? 'shown' : 'masked'} before={shown.before} after={shown.after} isSecretLine={() => !revealAll} testId={testId} />
    </div>
  );
}
