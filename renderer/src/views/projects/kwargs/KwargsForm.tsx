/**
 * The form half of the kwargs editor: one field per kwarg the provider knows, grouped, with its
 * default as the placeholder and its problems underneath. Every edit goes through `onChange`,
 * which rewrites the JSON text; the form never holds a value of its own.
 */
import { Button, Collapse, FormGroup, HTMLSelect, InputGroup, Tag, Tooltip } from '@blueprintjs/core';
import { useState } from 'react';
import { backendKwargsSpec, credentialKwargs, formatVersion, type BackendKwargs, type KwargSpec, type Problem } from '../../../../../shared/airflow';
import { plural } from '../../../../../shared/plural';
import { SecretInput, MessageText } from '../../../components';
import { ProblemFixButton } from './KwargsProblems';

const UNSET = '__unset__';

const GROUPS: readonly { group: KwargSpec['group']; title: string; description: string }[] = [
  { group: 'lookup', title: 'Lookup', description: 'Which secret names Airflow asks for.' },
  { group: 'aws', title: 'AWS', description: 'How the backend reaches Secrets Manager.' },
  { group: 'client', title: 'boto3 client', description: 'Passed to the Secrets Manager client.' },
  { group: 'legacy', title: 'Legacy', description: 'Settings older providers read; newer ones ignore them.' },
];

/** AWS fields shown even when unset; the others stay under "More". */
const COMMON_AWS = new Set(['region_name', 'role_arn', 'endpoint_url', 'profile_name']);

function has(kwargs: BackendKwargs, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(kwargs, key);
}

function shown(spec: KwargSpec, kwargs: BackendKwargs): boolean {
  if (has(kwargs, spec.name)) return true;
  if (spec.group === 'legacy' || spec.status === 'avoid' || spec.status === 'deprecated' || spec.status === 'ineffective') return false;
  return true;
}

export interface FieldProps {
  readonly spec: KwargSpec;
  readonly kwargs: BackendKwargs;
  readonly problems: readonly Problem[];
  readonly onSet: (key: string, value: unknown) => void;
  readonly onFix: (problem: Problem) => void;
}

export function KwargsForm({ kwargs, problems, onSet, onFix }: { kwargs: BackendKwargs; problems: readonly Problem[]; onSet: (key: string, value: unknown) => void; onFix: (problem: Problem) => void }) {
  const [moreAws, setMoreAws] = useState(false);
  const unknownKeys = Object.keys(kwargs).filter((key) => !backendKwargsSpec.some((spec) => spec.name === key));
  return (
    <div className="kwargs-form" data-testid="kwargs-form">
      {GROUPS.map(({ group, title, description }) => {
        const specs = backendKwargsSpec.filter((spec) => spec.group === group && shown(spec, kwargs));
        if (specs.length === 0) return null;
        const primary = group === 'aws' ? specs.filter((spec) => COMMON_AWS.has(spec.name) || has(kwargs, spec.name)) : specs;
        const more = group === 'aws' ? specs.filter((spec) => !primary.includes(spec)) : [];
        return (
          <fieldset key={group} className="kwargs-group" data-testid={`kwargs-group-${group}`}>
            <legend>
              {title} <span className="muted">{description}</span>
            </legend>
            {primary.map((spec) => (
              <KwargField key={spec.name} spec={spec} kwargs={kwargs} problems={problems.filter((problem) => problem.field === spec.name)} onSet={onSet} onFix={onFix} />
            ))}
            {more.length > 0 ? (
              <>
                <Button variant="minimal" size="small" icon={moreAws ? 'chevron-up' : 'chevron-down'} text={moreAws ? 'Fewer AWS settings' : `${plural(more.length, 'more AWS setting')}`} onClick={() => setMoreAws(!moreAws)} />
                <Collapse isOpen={moreAws}>
                  {more.map((spec) => (
                    <KwargField key={spec.name} spec={spec} kwargs={kwargs} problems={problems.filter((problem) => problem.field === spec.name)} onSet={onSet} onFix={onFix} />
                  ))}
                </Collapse>
              </>
            ) : null}
          </fieldset>
        );
      })}
      {unknownKeys.length > 0 ? (
        <fieldset className="kwargs-group" data-testid="kwargs-group-unknown">
          <legend>
            Not backend settings <span className="muted">Airflow passes these to the AWS session settings, which ignore them.</span>
          </legend>
          {unknownKeys.map((key) => (
            <div key={key} className="kwarg-field kwarg-unknown">
              <div className="kwarg-label">
                <code>{key}</code>
                <span className="mono muted">{JSON.stringify(kwargs[key])}</span>
                <Button size="small" variant="minimal" icon="trash" text="Remove" onClick={() => onSet(key, undefined)} />
              </div>
              <FieldProblems problems={problems.filter((problem) => problem.field === key)} onFix={onFix} />
            </div>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

function FieldProblems({ problems, onFix }: { problems: readonly Problem[]; onFix: (problem: Problem) => void }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems">
      {problems.map((problem) => (
        <li key={`${problem.code}:${problem.message}`} className={`problem-${problem.severity}`}>
          <MessageText text={problem.message} /> <ProblemFixButton problem={problem} onFix={onFix} />
        </li>
      ))}
    </ul>
  );
}

function statusTag(spec: KwargSpec) {
  if (spec.removedIn !== null) return <Tag minimal intent="danger">removed in {formatVersion(spec.removedIn)}</Tag>;
  if (spec.deprecatedIn !== null || spec.status === 'deprecated') return <Tag minimal intent="warning">deprecated{spec.deprecatedIn === null ? '' : ` in ${formatVersion(spec.deprecatedIn)}`}</Tag>;
  if (spec.status === 'avoid') return <Tag minimal intent="warning">avoid</Tag>;
  if (spec.status === 'ineffective') return <Tag minimal>no effect</Tag>;
  if (spec.addedIn !== null && (spec.addedIn[0] > 5 || spec.addedIn[1] > 1)) return <Tag minimal>{formatVersion(spec.addedIn)}+</Tag>;
  return null;
}

function KwargField(props: FieldProps) {
  const { spec, kwargs, problems, onFix } = props;
  const intent = problems.some((problem) => problem.severity === 'error') ? 'danger' : problems.length > 0 ? 'warning' : 'none';
  return (
    <FormGroup
      className={`kwarg-field kwarg-${intent}`}
      intent={intent}
      label={
        <span className="kwarg-label">
          <Tooltip content={<span className="kwarg-tooltip">{spec.description}</span>} placement="top-start">
            <code>{spec.name}</code>
          </Tooltip>
          <span className="muted kwarg-type">{spec.type}</span>
          {statusTag(spec)}
        </span>
      }
      helperText={<FieldProblems problems={problems} onFix={onFix} />}
      data-testid={`kwarg-${spec.name}`}
    >
      <FieldInput {...props} />
      {has(kwargs, spec.name) && spec.group === 'legacy' ? null : <div className="kwarg-description muted"><MessageText text={spec.description} /></div>}
    </FormGroup>
  );
}

function describeDefault(spec: KwargSpec): string {
  if (spec.default === undefined) return 'not set';
  return spec.default === null ? 'null' : typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default);
}

function FieldInput({ spec, kwargs, onSet }: FieldProps) {
  const present = has(kwargs, spec.name);
  const value = kwargs[spec.name];
  if (spec.type === 'string | null') return <NullableStringInput spec={spec} present={present} value={value} onSet={onSet} />;
  if (spec.type === 'boolean' || spec.type === 'boolean | string') {
    const mode = !present ? UNSET : typeof value === 'boolean' ? String(value) : typeof value === 'string' ? 'path' : 'other';
    return (
      <div className="kwarg-inline">
        <HTMLSelect
          value={mode}
          onChange={(event) => {
            const next = event.currentTarget.value;
            onSet(spec.name, next === UNSET ? undefined : next === 'true' ? true : next === 'false' ? false : next === 'path' ? '' : value);
          }}
          data-testid={`kwarg-${spec.name}-mode`}
        >
          <option value={UNSET}>Not set{spec.default === undefined ? '' : ` (default ${describeDefault(spec)})`}</option>
          <option value="true">true</option>
          <option value="false">false</option>
          {spec.type === 'boolean | string' ? <option value="path">CA bundle path…</option> : null}
          {mode === 'other' ? <option value="other">{JSON.stringify(value)}</option> : null}
        </HTMLSelect>
        {mode === 'path' ? <TextInput name={spec.name} value={typeof value === 'string' ? value : ''} placeholder="/path/to/ca-bundle.pem" onCommit={(text) => onSet(spec.name, text)} /> : null}
      </div>
    );
  }
  if (spec.type === 'string') {
    const text = typeof value === 'string' ? value : present ? JSON.stringify(value) : '';
    if (credentialKwargs.includes(spec.name)) {
      return <SecretInput id={`kwarg-${spec.name}`} value={text} what={spec.name} testId={`kwarg-${spec.name}-input`} onChange={(next) => onSet(spec.name, next === '' ? undefined : next)} />;
    }
    return (
      <TextInput
        name={spec.name}
        value={text}
        placeholder={spec.default === undefined ? 'not set' : `default: ${describeDefault(spec)}`}
        onCommit={(next) => onSet(spec.name, next === '' ? undefined : next)}
      />
    );
  }
  return <JsonValueInput spec={spec} present={present} value={value} onSet={onSet} />;
}

/** Unset (default), a string ("" = no prefix / no filter), or null (lookups disabled). */
function NullableStringInput({ spec, present, value, onSet }: { spec: KwargSpec; present: boolean; value: unknown; onSet: (key: string, value: unknown) => void }) {
  const isPrefix = spec.name.endsWith('_prefix');
  const mode = !present ? UNSET : value === null ? 'null' : typeof value === 'string' ? 'value' : 'other';
  return (
    <div className="kwarg-inline">
      <HTMLSelect
        value={mode}
        onChange={(event) => {
          const next = event.currentTarget.value;
          onSet(spec.name, next === UNSET ? undefined : next === 'null' ? null : next === 'value' ? (isPrefix ? describeDefault(spec) : '') : value);
        }}
        data-testid={`kwarg-${spec.name}-mode`}
      >
        <option value={UNSET}>{isPrefix ? `Default (${describeDefault(spec)})` : 'Not set (every id)'}</option>
        <option value="value">{isPrefix ? 'Custom prefix' : 'Pattern'}</option>
        <option value="null">{isPrefix ? 'null: never look up' : 'null (every id)'}</option>
        {mode === 'other' ? <option value="other">{JSON.stringify(value)}</option> : null}
      </HTMLSelect>
      {mode === 'value' ? (
        <TextInput
          name={spec.name}
          value={typeof value === 'string' ? value : ''}
          placeholder={isPrefix ? '"" — no prefix: the id is the whole secret name' : 'e.g. ^(aws|snowflake)_'}
          onCommit={(next) => onSet(spec.name, next)}
        />
      ) : null}
      {mode === UNSET ? <span className="muted kwarg-default">{isPrefix ? `reads ${describeDefault(spec)}/…` : 'every id is looked up'}</span> : null}
      {mode === 'null' && isPrefix ? <span className="muted kwarg-default">Airflow never asks Secrets Manager for these.</span> : null}
    </div>
  );
}

/** A text input that keeps what the user types and commits each change (the JSON follows). */
function TextInput({ name, value, placeholder, onCommit }: { name: string; value: string; placeholder: string; onCommit: (text: string) => void }) {
  return (
    <InputGroup
      className="mono kwarg-input"
      value={value}
      placeholder={placeholder}
      onValueChange={onCommit}
      spellCheck={false}
      autoComplete="off"
      data-testid={`kwarg-${name}-input`}
    />
  );
}

/** Objects and lists are typed as JSON; they reach the kwargs only once they parse. */
function JsonValueInput({ spec, present, value, onSet }: { spec: KwargSpec; present: boolean; value: unknown; onSet: (key: string, value: unknown) => void }) {
  const committed = present ? JSON.stringify(value) : '';
  const [draft, setDraft] = useState<{ text: string; from: string } | null>(null);
  const text = draft !== null && draft.from === committed ? draft.text : committed;
  let error: string | null = null;
  if (text.trim() !== '') {
    try {
      JSON.parse(text);
    } catch {
      error = 'Not valid JSON yet; the kwargs keep the last valid value.';
    }
  }
  return (
    <div>
      <InputGroup
        className="mono kwarg-input"
        value={text}
        intent={error === null ? 'none' : 'danger'}
        placeholder={spec.name === 'extra_conn_words' ? '{"login": ["db_user"]}' : '{}'}
        onValueChange={(next) => {
          if (next.trim() === '') {
            setDraft({ text: next, from: '' });
            onSet(spec.name, undefined);
            return;
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(next);
          } catch {
            // Keep the draft; the kwargs change once it parses.
            setDraft({ text: next, from: committed });
            return;
          }
          // The draft stays on screen as typed while the kwargs hold its value.
          setDraft({ text: next, from: JSON.stringify(parsed) });
          onSet(spec.name, parsed);
        }}
        spellCheck={false}
        data-testid={`kwarg-${spec.name}-input`}
      />
      {error !== null ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
