/**
 * The connection editor: a form by connection type (or the raw stored string), the exact string
 * Airlock stores, what Airflow's own parser reads back from it, and the known traps with fixes.
 */
import { Button, ButtonGroup, Callout, Classes, FormGroup, HTMLSelect, HTMLTable, InputGroup, Radio, RadioGroup, SegmentedControl, Tag } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import {
  connectionTypes,
  connectionTypeSpec,
  detectConnectionTraps,
  parseConnectionSecret,
  type BackendKwargs,
  type ConnectionTypeSpec,
  type ExtraFieldSpec,
  type Problem,
  type StandardField,
} from '../../../../shared/airflow';
import { checkReadBack, connectionFromForm, extraFieldText, parseExtraText, setExtraField, type ConnectionFormState, type StorageFormat } from '../../../../shared/secrets';
import { plural } from '../../../../shared/plural';
import { MASK, SecretInput, SecretTextArea, SecretValue, ExactName } from '../../components';
import { applyFix, withForm, withFormat, withMode, withRaw, type ConnectionDraft, type EditMode } from './connection-draft';
import { extraHoldsSecret } from './connection-secrets';
import { ProblemList } from './ProblemList';

const genericSpec = connectionTypeSpec('generic');
const standardFields: readonly StandardField[] = ['host', 'schema', 'login', 'password', 'port'];
const formKeys: Readonly<Record<StandardField, keyof ConnectionFormState>> = { host: 'host', login: 'login', password: 'password', schema: 'schema', port: 'port' };

export function ConnectionForm({ draft, onChange, kwargs }: { draft: ConnectionDraft; onChange: (next: ConnectionDraft) => void; kwargs: BackendKwargs }) {
  const [modeError, setModeError] = useState(false);
  const traps = useMemo(() => detectConnectionTraps(draft.value, kwargs), [draft.value, kwargs]);
  const fixable = (problem: Problem) => applyFix(draft, problem, kwargs) !== null;

  const switchMode = (mode: EditMode) => {
    const next = withMode(draft, mode, kwargs);
    setModeError(next === null);
    if (next !== null) onChange(next);
  };

  return (
    <div className="connection-form" data-testid="connection-form">
      <div className="form-toolbar">
        <SegmentedControl
          size="small"
          options={[{ label: 'Form', value: 'form' }, { label: 'Stored string', value: 'raw' }]}
          value={draft.mode}
          onValueChange={(value) => switchMode(value as EditMode)}
          data-testid="connection-mode"
        />
        {draft.mode === 'form' ? (
          <RadioGroup inline selectedValue={draft.format} onChange={(event) => onChange(withFormat(draft, event.currentTarget.value as StorageFormat))} className="storage-format" data-testid="storage-format">
            <Radio value="json" labelElement={<>JSON <Tag minimal intent="success">suggested</Tag></>} data-testid="storage-json" />
            <Radio value="uri" label="URI" data-testid="storage-uri" />
          </RadioGroup>
        ) : null}
      </div>
      {modeError ? <Callout intent="warning" className="form-note">Airflow cannot read this string as a connection, so the form cannot show it. Fix the problems below, or edit the string directly.</Callout> : null}
      {draft.mode === 'form' ? <FormFields draft={draft} onChange={onChange} /> : <RawEditor draft={draft} onChange={onChange} />}
      <StoredString value={draft.value} />
      <AirflowReads draft={draft} kwargs={kwargs} />
      <ProblemList
        problems={traps}
        title="Checks"
        testId="connection-traps"
        canFix={fixable}
        onFix={(problem) => {
          const next = applyFix(draft, problem, kwargs);
          if (next !== null) onChange(next);
        }}
      />
    </div>
  );
}

function FormFields({ draft, onChange }: { draft: ConnectionDraft; onChange: (next: ConnectionDraft) => void }) {
  const form = draft.form;
  const spec: ConnectionTypeSpec | undefined = connectionTypeSpec(form.connType) ?? genericSpec;
  const known = connectionTypes.some((t) => t.connType === form.connType);
  const [custom, setCustom] = useState(!known && form.connType !== '');
  const [showHidden, setShowHidden] = useState(false);
  const set = (patch: Partial<ConnectionFormState>) => onChange(withForm(draft, { ...form, ...patch }));
  const made = connectionFromForm(form);
  const formProblems = made.ok ? [] : made.problems;
  const problemFor = (field: string) => formProblems.find((p) => p.field === field)?.message;
  const hiddenWithValues = standardFields.filter((field) => spec?.fields[field].relevance === 'hidden' && form[formKeys[field]] !== '');

  return (
    <div className="form-fields">
      <FormGroup label="Connection type" labelFor="conn-type" className="field-wide" helperText={spec?.providerPackage === null || spec === undefined ? undefined : `Needs ${spec.providerPackage} in requirements.txt`}>
        <div className="conn-type-row">
          <HTMLSelect
            id="conn-type"
            value={custom ? '__custom__' : form.connType}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (value === '__custom__') {
                setCustom(true);
                return;
              }
              setCustom(false);
              set({ connType: value });
            }}
            data-testid="conn-type"
          >
            <option value="">— choose a type —</option>
            {connectionTypes.map((t) => (
              <option key={t.connType} value={t.connType}>{`${t.label} (${t.connType})`}</option>
            ))}
            <option value="__custom__">Other type…</option>
          </HTMLSelect>
          {custom ? <InputGroup value={form.connType} placeholder="e.g. mssql" onValueChange={(connType) => set({ connType })} data-testid="conn-type-custom" className="mono" /> : null}
        </div>
      </FormGroup>
      <div className="field-grid">
        {standardFields.map((field) => {
          const fieldSpec = spec?.fields[field];
          if (fieldSpec === undefined) return null;
          if (fieldSpec.relevance === 'hidden' && !showHidden && !hiddenWithValues.includes(field)) return null;
          const key = formKeys[field];
          const error = problemFor(field);
          return (
            <FormGroup
              key={field}
              label={fieldSpec.label}
              labelInfo={fieldSpec.relevance === 'required' ? '(required)' : undefined}
              labelFor={`conn-${field}`}
              intent={error === undefined ? 'none' : 'danger'}
              helperText={error}
              className={field === 'host' ? 'field-wide' : undefined}
            >
              {field === 'password' ? (
                <SecretInput id={`conn-${field}`} value={form.password} onChange={(password) => set({ password })} placeholder={fieldSpec.placeholder} what="the password" testId="conn-password" />
              ) : (
                <InputGroup
                  id={`conn-${field}`}
                  value={form[key]}
                  placeholder={fieldSpec.placeholder ?? (field === 'port' && spec?.defaultPort !== null && spec?.defaultPort !== undefined ? String(spec.defaultPort) : undefined)}
                  onValueChange={(text) => set({ [key]: text })}
                  intent={error === undefined ? 'none' : 'danger'}
                  data-testid={`conn-${field}`}
                  spellCheck={false}
                  autoComplete="off"
                />
              )}
            </FormGroup>
          );
        })}
      </div>
      {standardFields.some((f) => spec?.fields[f].relevance === 'hidden') ? (
        <Button variant="minimal" size="small" icon={showHidden ? 'chevron-up' : 'chevron-down'} text={showHidden ? 'Hide fields this type does not use' : 'Show fields this type does not use'} onClick={() => setShowHidden(!showHidden)} />
      ) : null}
      <ExtraEditor form={form} spec={spec} onExtra={(extra) => set({ extra })} error={problemFor('extra')} />
    </div>
  );
}

function ExtraEditor({ form, spec, onExtra, error }: { form: ConnectionFormState; spec: ConnectionTypeSpec | undefined; onExtra: (extra: string) => void; error: string | undefined }) {
  const parsed = parseExtraText(form.extra);
  const extra = parsed.ok ? parsed.extra : null;
  const [allExtras, setAllExtras] = useState(false);
  const typedAll = (spec?.extras ?? []).filter((field) => field.kind !== 'json');
  // The usual few, plus any that are set; the rest on request, so the form stays short.
  const typed = allExtras ? typedAll : typedAll.filter((field, index) => index < 4 || (extra !== null && field.name in extra));
  const jsonFields = (spec?.extras ?? []).filter((field) => field.kind === 'json');
  return (
    <div className="extra-editor">
      {typed.length > 0 ? (
        <div className="field-grid extra-grid">
          {typed.map((field) => (
            <ExtraField key={field.name} field={field} text={extraFieldText(extra, field)} disabled={!parsed.ok} onChange={(text) => {
              const next = setExtraField(form.extra, field, text);
              if (next !== null) onExtra(next);
            }} />
          ))}
        </div>
      ) : null}
      {typedAll.length > typed.length || allExtras ? (
        <Button variant="minimal" size="small" icon={allExtras ? 'chevron-up' : 'chevron-down'} text={allExtras ? 'Fewer extra fields' : `All ${plural(typedAll.length, 'extra field')} of this type`} onClick={() => setAllExtras(!allExtras)} />
      ) : null}
      <FormGroup
        label="Extra (JSON)"
        intent={error === undefined ? 'none' : 'danger'}
        helperText={error ?? spec?.extrasNote}
        className="field-wide"
      >
        <SecretTextArea className="extra-json" value={form.extra} placeholder='{"key": "value"}' onChange={onExtra} intent={error === undefined ? 'none' : 'danger'} secret={extraHoldsSecret(form.extra, spec)} label="Extra (JSON)" json="always" testId="conn-extra" rows={4} />
      </FormGroup>
      <ButtonGroup variant="minimal" className="extra-actions">
        <Button size="small" icon="code" text="Format" disabled={!parsed.ok || extra === null} onClick={() => onExtra(extra === null ? '' : JSON.stringify(extra, null, 2))} />
        {jsonFields.map((field) => (
          <Button key={field.name} size="small" icon="add" text={field.name} title={field.help} disabled={!parsed.ok || (extra !== null && field.name in extra)} onClick={() => {
            const next = setExtraField(form.extra, field, '{}');
            if (next !== null) onExtra(next);
          }} />
        ))}
      </ButtonGroup>
    </div>
  );
}

function ExtraField({ field, text, disabled, onChange }: { field: ExtraFieldSpec; text: string; disabled: boolean; onChange: (text: string) => void }) {
  const id = `extra-${field.name}`;
  let input;
  if (field.kind === 'boolean') {
    input = (
      <HTMLSelect id={id} value={text} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)} fill>
        <option value="">(not set)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </HTMLSelect>
    );
  } else if (field.options !== undefined) {
    input = (
      <HTMLSelect id={id} value={text} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)} fill>
        <option value="">(not set)</option>
        {field.options.map((option) => <option key={option} value={option}>{option}</option>)}
        {text !== '' && !field.options.includes(text) ? <option value={text}>{text}</option> : null}
      </HTMLSelect>
    );
  } else {
    input = field.kind === 'secret'
      ? <SecretInput id={id} value={text} disabled={disabled} onChange={onChange} what={field.label.toLowerCase()} testId={id} />
      : <InputGroup id={id} value={text} disabled={disabled} onValueChange={onChange} spellCheck={false} autoComplete="off" data-testid={id} />;
  }
  return (
    <FormGroup label={field.label} labelFor={id} helperText={field.help} className="extra-field">
      {input}
    </FormGroup>
  );
}

/** The stored string holds the password: masked like every other view of it until revealed. */
function RawEditor({ draft, onChange }: { draft: ConnectionDraft; onChange: (next: ConnectionDraft) => void }) {
  return (
    <FormGroup label="Stored string" helperText="Exactly what is stored in Secrets Manager: a URI (type://login:password@host:port/schema?extras) or JSON." className="field-wide">
      <SecretTextArea rows={5} value={draft.value} onChange={(value) => onChange(withRaw(draft, value))} secret label="Stored string" json="when-json" testId="conn-raw" />
    </FormGroup>
  );
}

function StoredString({ value }: { value: string }) {
  return (
    <div className="stored-string">
      <div className="panel-heading">
        Stored in Secrets Manager <span className={Classes.TEXT_MUTED}>({new TextEncoder().encode(value).length.toLocaleString()} of 65,536 bytes)</span>
      </div>
      <SecretValue value={value} testId="stored-string" />
    </div>
  );
}

function AirflowReads({ draft, kwargs }: { draft: ConnectionDraft; kwargs: BackendKwargs }) {
  const made = draft.mode === 'form' ? connectionFromForm(draft.form) : null;
  const parsed = parseConnectionSecret(draft.value, kwargs);
  const check = made?.ok === true ? checkReadBack(draft.value, made.connection, kwargs) : null;
  const connection = parsed.ok ? parsed.connection : null;
  let verdict;
  if (connection === null) {
    verdict = <Tag intent="danger" icon="error" data-testid="airflow-check">Airflow cannot read this connection</Tag>;
  } else if (check !== null && check.differences.length > 0) {
    verdict = <Tag intent="danger" icon="error" data-testid="airflow-check">{`Airflow would read a different ${check.differences.join(', ')}`}</Tag>;
  } else if (check !== null) {
    verdict = <Tag intent="success" icon="tick" data-testid="airflow-check">Airflow reads exactly these fields</Tag>;
  } else {
    verdict = <Tag icon="info-sign" data-testid="airflow-check">What Airflow reads</Tag>;
  }
  return (
    <div className="airflow-reads" data-testid="airflow-reads">
      <div className="panel-heading">What Airflow reads {verdict}</div>
      {connection === null ? null : (
        <HTMLTable compact className="reads-table">
          <tbody>
            <tr><th>conn_type</th><td className="mono">{connection.conn_type ?? <span className={Classes.TEXT_MUTED}>(none)</span>}</td><th>port</th><td className="mono">{connection.port ?? '—'}</td></tr>
            <tr><th>host</th><td className="mono">{connection.host === null ? '—' : <ExactName text={connection.host} />}</td><th>schema</th><td className="mono">{connection.schema === null ? '—' : <ExactName text={connection.schema} />}</td></tr>
            <tr><th>login</th><td className="mono">{connection.login === null ? '—' : <ExactName text={connection.login} />}</td><th>password</th><td className="mono">{connection.password === null ? '—' : MASK}</td></tr>
            <tr><th>extra</th><td className="mono" colSpan={3}>{connection.extra === null ? '—' : Object.keys(connection.extra).join(', ')}</td></tr>
          </tbody>
        </HTMLTable>
      )}
    </div>
  );
}
