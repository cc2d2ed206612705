/**
 * Export of the secrets under the prefixes to an import format. Values are included only when the
 * user ticks the box; otherwise the file lists the ids only.
 */
import { Button, Callout, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect } from '@blueprintjs/core';
import { secretKindList } from '../../../../shared/secrets';
import { useState } from 'react';
import type { ExportOutcome, SecretKind } from '../../../../shared/api';
import { exportableKinds, exportFormats, importFormatLabels, type ExportFormat } from '../../../../shared/imports';
import { useApiMutation } from '../../api';
import { downloadText, ErrorCallout, ExactName } from '../../components';
import type { KwargsState } from './secrets-context';
import { withMember } from '../../../../shared/sets';

export function ExportDialog({ isOpen, onClose, kwargs }: { isOpen: boolean; onClose: () => void; kwargs: KwargsState }) {
  const exporting = useApiMutation('secrets.export', {
    onSuccess: (result) => {
      if (result.content !== null) downloadText(result.fileName, result.content);
    },
  });
  const [format, setFormat] = useState<ExportFormat>('airflow-settings-yaml');
  const [kinds, setKinds] = useState<ReadonlySet<SecretKind>>(new Set(exportableKinds));
  const [includeValues, setIncludeValues] = useState(false);
  // The last export's outcome stays shown until the dialog closes; a new export replaces it.
  const outcome: ExportOutcome | null = exporting.data ?? null;
  const close = () => {
    exporting.reset();
    setIncludeValues(false);
    onClose();
  };
  const run = () => exporting.mutate({ kwargs: kwargs.json, format, includeValues, kinds: [...kinds] });
  return (
    <Dialog isOpen={isOpen} onClose={close} title="Export" icon="export">
      <div className="dialog-contents" data-testid="export-dialog">
      <DialogBody>
        <FormGroup label="Format" labelFor="export-format">
          <HTMLSelect id="export-format" value={format} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)} data-testid="export-format">
            {exportFormats.map((f) => <option key={f} value={f}>{importFormatLabels[f]}</option>)}
          </HTMLSelect>
        </FormGroup>
        <FormGroup label="Include" inline>
          {secretKindList.map(({ kind, many }) => (
            <Checkbox key={kind} inline label={many} checked={kinds.has(kind)} onChange={(event) => setKinds(withMember(kinds, kind, event.currentTarget.checked))} />
          ))}
        </FormGroup>
        <Checkbox checked={includeValues} onChange={(event) => setIncludeValues(event.currentTarget.checked)} label="Include the secret values (passwords, tokens) in the file" data-testid="export-values" />
        {includeValues ? (
          <Callout intent="warning" icon="warning-sign">The file will hold every value in plain text. Keep it out of Git and delete it when done.</Callout>
        ) : (
          <Callout icon="info-sign">Without values, the file lists the ids only (a template); importing it changes nothing.</Callout>
        )}
        {exporting.error === null ? null : <ErrorCallout error={exporting.error} />}
        {outcome === null ? null : (
          <Callout intent={outcome.cancelled ? 'none' : 'success'} className="panel-note" data-testid="export-result">
            {outcome.cancelled ? 'Cancelled; nothing was saved.' : `${outcome.included} exported${outcome.savedPath === null ? ` to ${outcome.fileName} (downloaded)` : ` to ${outcome.savedPath}`}.`}
            {outcome.skipped.length > 0 ? <ul>{outcome.skipped.map((s) => <li key={`${s.kind}:${s.id}`}><ExactName className="mono" text={s.id} />: {s.reason}</li>)}</ul> : null}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter actions={<>
        <Button text="Close" onClick={close} />
        <Button intent="primary" icon="export" text="Export" loading={exporting.isPending} disabled={kinds.size === 0 || !kwargs.read.ok} onClick={run} data-testid="export-run" />
      </>} />
      </div>
    </Dialog>
  );
}
