/**
 * The backend kwargs editor: a form and a JSON editor over one JSON text, validated for the
 * provider version the project pins, with a lookup preview and the sep rules. "Save to project"
 * goes through the review dialog; "Use for browsing" makes the Secrets view use these kwargs.
 */
import { Button, Callout, Checkbox, FormGroup, HTMLSelect, Tag } from '@blueprintjs/core';
import { useEffect, useMemo, useState } from 'react';
import { compareVersions, formatVersion, minimumProviderVersionFor, validateBackendKwargs, type Problem, type ProviderVersion } from '../../../../../shared/airflow';
import { BACKEND_ENV, BACKEND_KWARGS_ENV, SECRETS_MANAGER_BACKEND_CLASS, type ProjectChange, type ProjectHealth } from '../../../../../shared/api';
import { plural, pluralWord } from '../../../../../shared/plural';
import { useApiQuery } from '../../../api';
import { SecretTextArea, MessageText } from '../../../components';
import { toHumanError } from '../../../errors';
import { useWorkspace } from '../../../workspace';
import type { ReviewRequest } from '../ReviewChangesDialog';
import { KwargsForm } from './KwargsForm';
import { KwargsProblems } from './KwargsProblems';
import { applyProblemFix, editorTextFor, envValueFor, holdsCredentials, kwargsToEditorText, parseKwargsText, setKwarg } from './kwargs-model';
import { LookupPreview, SepSemantics } from './LookupPreview';

const VERSIONS: readonly ProviderVersion[] = [
  [5, 1, 0],
  [6, 0, 0],
  [7, 0, 0],
  [7, 3, 0],
  [8, 0, 0],
  [9, 0, 0],
];

export function KwargsEditor({ health, onSave, onDirtyChange }: { health: ProjectHealth; onSave: (request: ReviewRequest) => void; onDirtyChange?: (dirty: boolean) => void }) {
  const workspace = useWorkspace();
  const projectJson = health.backend.kwargsJson;
  const [text, setText] = useState(() => editorTextFor(projectJson));
  const [loadedFrom, setLoadedFrom] = useState<string | null>(projectJson);
  const [baseline, setBaseline] = useState(() => editorTextFor(projectJson));
  const [versionChoice, setVersionChoice] = useState('project');
  const [alsoDotenv, setAlsoDotenv] = useState(true);
  /** The value last sent for review: when the Dockerfile comes back with it, the edits are saved. */
  const [awaitingSave, setAwaitingSave] = useState<string | null>(null);
  const dirty = text !== baseline;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  // The project's kwargs changed on disk (after a save, or another edit): follow them unless
  // the user has unsaved edits, which are never thrown away silently.
  if (projectJson !== loadedFrom && projectJson !== null && projectJson === awaitingSave) {
    setLoadedFrom(projectJson);
    setBaseline(text);
    setAwaitingSave(null);
  } else if (projectJson !== loadedFrom && !dirty) {
    setLoadedFrom(projectJson);
    setText(editorTextFor(projectJson));
    setBaseline(editorTextFor(projectJson));
  }
  const changedOnDisk = projectJson !== loadedFrom && dirty;

  const parsed = useMemo(() => parseKwargsText(text), [text]);
  const projectVersion = health.provider.atLeast;
  const providerVersion: ProviderVersion | null =
    versionChoice === 'project' ? projectVersion : versionChoice === 'unknown' ? null : (VERSIONS.find((version) => formatVersion(version) === versionChoice) ?? null);
  const names = useApiQuery('projects.secretNames', {}, { enabled: health.profile !== null, staleTime: 60_000, retry: false });
  const existing = names.data?.complete === true ? names.data.names : undefined;
  const problems: Problem[] = useMemo(
    () => (parsed.ok ? [...parsed.warnings, ...validateBackendKwargs(parsed.kwargs, { providerVersion, ...(existing === undefined ? {} : { existingSecretNames: existing }) })] : []),
    [parsed, providerVersion, existing],
  );

  const update = (next: Record<string, unknown>) => setText(kwargsToEditorText(next));
  const onSet = (key: string, value: unknown) => {
    if (parsed.ok) update(setKwarg(parsed.kwargs, key, value));
  };
  const onFix = (problem: Problem) => {
    if (parsed.ok) update(applyProblemFix(parsed.kwargs, problem));
  };

  const minimum = parsed.ok ? minimumProviderVersionFor(parsed.kwargs) : health.providerMinimum;
  const needsNewer = projectVersion !== null && compareVersions(projectVersion, minimum) < 0;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const dotenvDefinesKwargs = health.files.some((file) => file.file === '.env' && file.lines.some((line) => line.text.startsWith(BACKEND_KWARGS_ENV)));
  const save = () => {
    if (!parsed.ok) return;
    const value = envValueFor(text, parsed.kwargs);
    const vars: Record<string, string> = { [BACKEND_KWARGS_ENV]: value };
    if (health.backend.backendClass === null) vars[BACKEND_ENV] = SECRETS_MANAGER_BACKEND_CLASS;
    const changes: ProjectChange[] = [{ kind: 'dockerfile-env', vars }];
    if (dotenvDefinesKwargs && alsoDotenv) changes.push({ kind: 'dotenv-env', vars: { [BACKEND_KWARGS_ENV]: value } });
    setAwaitingSave(value);
    onSave({ title: errors > 0 ? `Save the kwargs (${plural(errors, 'error')} ${pluralWord(errors, 'remains', 'remain')})` : 'Save the kwargs to the project', changes });
  };
  const usingThese = workspace.kwargsSource === 'manual' && parsed.ok && workspace.kwargsJson === envValueFor(text, parsed.kwargs);

  return (
    <div className="kwargs-editor" data-testid="kwargs-editor">
      <div className="kwargs-toolbar">
        <FormGroup inline label="Provider version" labelFor="provider-version" className="kwargs-version">
          <HTMLSelect id="provider-version" value={versionChoice} onChange={(event) => setVersionChoice(event.currentTarget.value)} data-testid="provider-version">
            <option value="project">{projectVersion === null ? 'From requirements.txt (unknown)' : `From requirements.txt (${formatVersion(projectVersion)}+)`}</option>
            {VERSIONS.map((version) => (
              <option key={formatVersion(version)} value={formatVersion(version)}>
                {formatVersion(version)}
              </option>
            ))}
            <option value="unknown">Unknown</option>
          </HTMLSelect>
        </FormGroup>
        <span className={needsNewer ? 'kwargs-needs-newer' : 'muted'} data-testid="kwargs-minimum">
          {parsed.ok ? `These kwargs need provider ${formatVersion(minimum)} or later${needsNewer ? `, but requirements.txt allows ${formatVersion(projectVersion)}` : ''}.` : ''}
        </span>
        {dirty ? (
          <Tag intent="warning" minimal icon="edit" data-testid="kwargs-dirty">Unsaved changes</Tag>
        ) : (
          <Tag minimal icon={projectJson === null ? 'document' : 'saved'}>{projectJson === null ? 'Not in the Dockerfile yet' : 'Same as the Dockerfile'}</Tag>
        )}
        <span className="kwargs-toolbar-actions">
          <Button text="Revert" icon="undo" variant="minimal" disabled={!dirty} onClick={() => setText(baseline)} data-testid="kwargs-revert" />
          <Button
            text={usingThese ? 'Used for browsing' : 'Use for browsing'}
            icon="eye-open"
            disabled={!parsed.ok || usingThese}
            onClick={() => parsed.ok && workspace.setManualKwargs(envValueFor(text, parsed.kwargs))}
            data-testid="kwargs-use"
          />
          <Button text="Save to project…" icon="floppy-disk" intent="primary" disabled={!parsed.ok || !health.project.hasDockerfile} onClick={save} data-testid="kwargs-save" />
        </span>
      </div>
      {workspace.kwargsSource === 'manual' ? (
        <Callout compact intent="primary" icon="eye-open" className="kwargs-manual-note">
          The Secrets view uses kwargs from this editor, not the project's.{' '}
          <Button size="small" variant="minimal" text="Go back to the project's" onClick={() => workspace.setManualKwargs(null)} data-testid="kwargs-unuse" />
        </Callout>
      ) : null}
      {changedOnDisk ? (
        <Callout compact intent="warning" icon="refresh" className="kwargs-manual-note" data-testid="kwargs-changed-on-disk">
          The Dockerfile&apos;s kwargs changed since you started editing. Your edits are kept.{' '}
          <Button
            size="small"
            text="Load the Dockerfile's kwargs"
            onClick={() => {
              setLoadedFrom(projectJson);
              setText(editorTextFor(projectJson));
              setBaseline(editorTextFor(projectJson));
            }}
          />
        </Callout>
      ) : null}
      {dotenvDefinesKwargs ? (
        <Checkbox checked={alsoDotenv} onChange={(event) => setAlsoDotenv(event.currentTarget.checked)} label=".env also sets the kwargs (it overrides the Dockerfile for astro dev): write them there too" data-testid="kwargs-also-dotenv" />
      ) : null}
      <div className="kwargs-columns">
        <div className="kwargs-column">
          {parsed.ok ? (
            <KwargsForm kwargs={parsed.kwargs} problems={problems} onSet={onSet} onFix={onFix} />
          ) : (
            <Callout intent="danger" icon="lock" title="The form is frozen until the JSON is valid" data-testid="kwargs-frozen">
              Airflow does not stop on invalid kwargs: it drops all of them and uses every default. Airlock will not guess what you meant; fix the JSON on the right.
            </Callout>
          )}
        </div>
        <div className="kwargs-column kwargs-side">
          <FormGroup label={<span>JSON <span className="muted">({BACKEND_KWARGS_ENV})</span></span>} intent={parsed.ok ? 'none' : 'danger'}>
            <SecretTextArea
              className="kwargs-json"
              label={`JSON (${BACKEND_KWARGS_ENV})`}
              json="always"
              problems={parsed.ok ? problems : undefined}
              value={text}
              onChange={setText}
              secret={holdsCredentials(text)}
              rows={Math.min(18, Math.max(8, text.split('\n').length + 1))}
              intent={parsed.ok ? 'none' : 'danger'}
              testId="kwargs-json"
            />
          </FormGroup>
          {!parsed.ok ? (
            <div className="field-error" data-testid="kwargs-json-error">
              {parsed.problems.map((problem) => (
                <p key={problem.code}>
                  <MessageText text={problem.message} />
                </p>
              ))}
            </div>
          ) : null}
          <h4 className="kwargs-heading">Problems</h4>
          {parsed.ok ? <KwargsProblems problems={problems} onFix={onFix} /> : <p className="muted">Shown once the JSON parses.</p>}
          {names.error !== null ? <p className="muted">Prefixes not checked against your secrets: <MessageText text={toHumanError(names.error).detail} /></p> : null}
          {names.data !== undefined && !names.data.complete ? <p className="muted">The account has more secrets than Airlock lists for this check, so prefixes are not checked against them.</p> : null}
          <h4 className="kwargs-heading">Lookup preview</h4>
          <LookupPreview kwargs={parsed.ok ? parsed.kwargs : {}} fellBack={!parsed.ok} providerVersion={providerVersion} />
          <h4 className="kwargs-heading">How names are built</h4>
          <SepSemantics kwargs={parsed.ok ? parsed.kwargs : {}} />
        </div>
      </div>
    </div>
  );
}
