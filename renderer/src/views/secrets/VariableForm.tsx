/**
 * The variable (and config value) editor: plain text, with JSON validation and formatting when
 * the value is JSON, and the notes Airflow's own handling gives rise to. An existing value stays
 * masked until the user reveals it.
 */
import { Button, Callout, Classes, FormGroup, Tag } from '@blueprintjs/core';
import { useMemo } from 'react';
import { classifyVariableValue } from '../../../../shared/airflow';
import { secretKinds, type KindEditedWith } from '../../../../shared/secrets';
import { SecretTextArea, useMask } from '../../components';
import { ProblemList } from './ProblemList';

export function VariableForm({ value, onChange, masked, kind }: { value: string; onChange: (value: string) => void; masked: boolean; kind: KindEditedWith<'text'> }) {
  const info = useMemo(() => classifyVariableValue(value), [value]);
  const mask = useMask(value);
  const shown = !masked || !mask.masked;
  const looksJson = /^\s*[[{]/.test(value);
  return (
    <div className="variable-form" data-testid="variable-form">
      <FormGroup
        label={
          <span className="value-label">
            Value
            {info.kind === 'json' ? <Tag minimal intent="success" data-testid="json-tag">{`JSON ${info.jsonType}`}</Tag> : looksJson ? <Tag minimal intent="warning">not valid JSON</Tag> : <Tag minimal>text</Tag>}
            <span className={Classes.TEXT_MUTED}>{`${new TextEncoder().encode(value).length.toLocaleString()} of 65,536 bytes`}</span>
          </span>
        }
        className="field-wide"
      >
        <SecretTextArea rows={8} value={value} onChange={onChange} secret={masked} mask={mask} label="Value" json="when-json" problems={info.notes} testId="variable-value" revealTestId="variable-reveal" />
      </FormGroup>
      {shown && info.kind === 'json' && info.pretty !== value && (info.jsonType === 'object' || info.jsonType === 'array') ? (
        <Button size="small" icon="code" text="Format JSON" onClick={() => onChange(info.pretty)} data-testid="format-json" />
      ) : null}
      {secretKinds[kind].deserializeJson && info.kind === 'json' ? (
        <Callout icon="info-sign" className="form-note">DAGs read it as text with <code>Variable.get(key)</code>, or parsed with <code>Variable.get(key, deserialize_json=True)</code>.</Callout>
      ) : null}
      <ProblemList problems={info.notes} testId="variable-notes" onFix={(problem) => { if (problem.fix !== undefined) onChange(problem.fix.value); }} />
    </div>
  );
}
