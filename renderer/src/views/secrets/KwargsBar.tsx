/**
 * The backend kwargs the Secrets view works with, where they come from, and a minimal way to edit
 * them by hand (a JSON text checked with the Airflow rules). The full kwargs editor lives in the
 * Projects view.
 */
import { Button, Callout, Classes, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import { readKwargsInUse, secretKindList } from '../../../../shared/secrets';
import { useWorkspace } from '../../workspace';
import { ExactName, MessageText, CodeEditor } from '../../components';
import type { KwargsState } from './secrets-context';

const sourceLabel = { project: 'from the open project', environment: 'from the environment', manual: 'edited by hand', default: 'none set: Airflow defaults' } as const;

export function KwargsBar({ kwargs }: { kwargs: KwargsState }) {
  const { setManualKwargs, projectPath, environment } = useWorkspace();
  const [editing, setEditing] = useState<string | null>(null);
  const check = editing === null ? null : readKwargsInUse(editing);
  const prefixes = kwargs.read.ok ? kwargs.read.value.prefixes : null;
  const joiner = kwargs.read.ok ? kwargs.read.value.joiner : '/';
  const show = (label: string, prefix: string | null | undefined) => (
    <span className="kwargs-prefix" key={label}>
      <span className={Classes.TEXT_MUTED}>{label}</span>
      {prefix === null || prefix === undefined ? <Tag minimal>off</Tag> : prefix === '' ? <span className="mono">(no prefix)</span> : <ExactName className="mono" text={`${prefix}${joiner}`} />}
    </span>
  );

  return (
    <div className="kwargs-bar" data-testid="kwargs-bar">
      <div className="kwargs-line">
        <span className="kwargs-title">Backend kwargs</span>
        <Tag minimal intent={kwargs.source === 'manual' ? 'warning' : 'none'} data-testid="kwargs-source">{kwargs.source === 'environment' && environment !== null ? `from the environment "${environment.name}"` : sourceLabel[kwargs.source]}</Tag>
        {prefixes === null ? null : (
          <span className="kwargs-prefixes" data-testid="kwargs-prefixes">
            {secretKindList.map(({ kind, many }) => show(many.toLowerCase(), prefixes[kind]))}
          </span>
        )}
        {prefixes === null ? <span className="kwargs-spacer" /> : null}
        {editing === null ? <Button size="small" variant="minimal" icon="edit" text="Edit" onClick={() => setEditing(kwargs.json)} data-testid="kwargs-edit" /> : null}
        {kwargs.source === 'manual' && editing === null ? (
          <Button size="small" variant="minimal" icon="reset" text={environment !== null ? "Use the environment's" : projectPath === null ? 'Use Airflow defaults' : "Use the project's"} onClick={() => setManualKwargs(null)} data-testid="kwargs-reset" />
        ) : null}
      </div>
      {!kwargs.read.ok ? (
        <Callout intent="danger" icon="error" className="kwargs-error" data-testid="kwargs-error"><MessageText text={kwargs.read.message} /></Callout>
      ) : null}
      {editing !== null ? (
        <div className="kwargs-editor">
          <CodeEditor
            minLines={3}
            value={editing}
            label="Backend kwargs (JSON)"
            json="always"
            placeholder='{"connections_prefix": "airflow/connections", "variables_prefix": "airflow/variables"}'
            onChange={setEditing}
            testId="kwargs-text"
          />
          {check !== null && !check.ok ? <Callout intent="danger" className="kwargs-error"><MessageText text={check.message} /></Callout> : null}
          <div className="kwargs-actions">
            <Button size="small" intent="primary" text="Use these kwargs" disabled={check?.ok !== true} onClick={() => {
              setManualKwargs(editing);
              setEditing(null);
            }} data-testid="kwargs-apply" />
            <Button size="small" text="Cancel" onClick={() => setEditing(null)} />
            <span className={Classes.TEXT_MUTED}>Only for this session. To change the project&apos;s kwargs, use the Projects view.</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
