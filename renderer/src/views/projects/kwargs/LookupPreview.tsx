/**
 * "Which secret does Airflow read for this id?" Computed locally with the same rules as the
 * backend (prefix rstrip, sep, lookup pattern with Python's re.match), then checked against the
 * active profile with DescribeSecret (metadata only).
 */
import { Button, HTMLSelect, Icon, InputGroup, Spinner, Tag } from '@blueprintjs/core';
import { useDeferredValue, useState } from 'react';
import { describeLookup, effectivePrefixes, formatVersion, versionAtLeast, type BackendKwargs, type LookupKind, type ProviderVersion } from '../../../../../shared/airflow';
import { secretKindList, secretKinds } from '../../../../../shared/secrets';
import { useApiQuery } from '../../../api';
import { useNavigation } from '../../../navigation';
import { MessageText, ExactName } from '../../../components';

export function LookupPreview({ kwargs, fellBack, providerVersion }: { kwargs: BackendKwargs; fellBack: boolean; providerVersion: ProviderVersion | null }) {
  const [kind, setKind] = useState<LookupKind>('connection');
  const [id, setId] = useState('');
  const deferredId = useDeferredValue(id.trim());
  const lookup = deferredId === '' ? null : describeLookup(kwargs, kind, deferredId, { providerVersion });
  const name = lookup?.lookedUp === true ? lookup.secretId : null;
  const status = useApiQuery('projects.secretStatus', { name: name ?? '-' }, { enabled: name !== null, staleTime: 10_000, retry: false });
  const { go } = useNavigation();
  const pattern = kwargs[secretKinds[kind].patternKwarg];
  const patternIgnored = typeof pattern === 'string' && pattern !== '' && providerVersion !== null && !versionAtLeast(providerVersion, [7, 3, 0]);

  return (
    <div className="lookup-preview" data-testid="lookup-preview">
      <div className="lookup-inputs">
        <HTMLSelect value={kind} onChange={(event) => setKind(event.currentTarget.value as LookupKind)} data-testid="preview-kind">
          {secretKindList.map((descriptor) => <option key={descriptor.kind} value={descriptor.kind}>{descriptor.label}</option>)}
        </HTMLSelect>
        <InputGroup
          className="mono"
          value={id}
          onValueChange={setId}
          placeholder={secretKinds[kind].lookupPlaceholder}
          aria-label={secretKinds[kind].idLabel}
          spellCheck={false}
          autoComplete="off"
          fill
          data-testid="preview-id"
        />
      </div>
      {fellBack ? <p className="muted">The JSON does not parse, so this shows what Airflow does then: every default.</p> : null}
      {patternIgnored ? (
        <p className="kwargs-needs-newer" data-testid="preview-pattern-ignored">
          <code>{secretKinds[kind].patternKwarg}</code> needs provider 7.3.0; with {formatVersion(providerVersion ?? [0, 0, 0])} Airflow ignores it and looks up every id.
        </p>
      ) : null}
      {lookup === null ? (
        <p className="muted">Type an id to see the exact secret name Airflow reads.</p>
      ) : lookup.lookedUp ? (
        <div className="lookup-result" data-testid="preview-result" data-looked-up="true">
          <span className="muted">Airflow reads</span> <ExactName as="code" className="lookup-name" text={lookup.secretId} testId="preview-secret-name" />
          <span className="lookup-status" data-testid="preview-status" data-presence={status.data?.presence ?? (status.isFetching ? 'checking' : 'unknown')}>
            {status.isFetching ? <Spinner size={14} /> : null}
            {status.data?.presence === 'exists' ? <Tag intent="success" icon="tick" minimal>exists in {status.data.profile?.name}</Tag> : null}
            {status.data?.presence === 'missing' ? <Tag intent="danger" icon="cross" minimal>not found in {status.data.profile?.name}</Tag> : null}
            {status.data?.presence === 'scheduled-for-deletion' ? <Tag intent="warning" icon="trash" minimal>scheduled for deletion: Airflow cannot read it</Tag> : null}
            {status.data?.presence === 'unknown' ? <Tag minimal icon="help">{status.data.reason ?? 'cannot check'}</Tag> : null}
            {status.data?.presence === 'missing' ? (
              <Button size="small" icon="add" text="Create it" onClick={() => go('secrets', { view: 'secrets', kind: 'create', secretKind: kind, id: deferredId })} data-testid="preview-create" />
            ) : null}
          </span>
        </div>
      ) : (
        <div className="lookup-result" data-testid="preview-result" data-looked-up="false">
          <Icon icon="disable" intent="warning" /> <strong>Not looked up.</strong> <MessageText text={lookup.reason} />
        </div>
      )}
    </div>
  );
}

/** How `<prefix><sep><id>` comes out for each kind, after Python's rstrip of sep characters. */
export function SepSemantics({ kwargs }: { kwargs: BackendKwargs }) {
  const state = effectivePrefixes(kwargs);
  if (!state.ok) return <p className="field-error">{state.reason}</p>;
  return (
    <div className="sep-semantics" data-testid="sep-semantics">
      <p className="muted">
        Secret name = prefix + <code>{JSON.stringify(state.joiner)}</code> + id. Airflow first strips from the end of each prefix every character that occurs in <code>sep</code> (Python&apos;s <code>rstrip</code>), so <code>airflow/connections//</code> and <code>airflow/connections/</code> both become <code>airflow/connections</code>.
      </p>
      <table className="sep-table">
        <tbody>
          {secretKindList.map(({ kind, exampleId }) => {
            const prefix = state.prefixes[kind];
            return (
              <tr key={kind}>
                <td className="mono muted">{secretKinds[kind].prefixKwarg}</td>
                <td className="mono">{prefix === null ? <span className="muted">null: never looked up</span> : prefix === '' ? <span className="muted">"" (none)</span> : prefix}</td>
                <td className="mono">{prefix === null ? '—' : <ExactName text={prefix === '' ? exampleId : `${prefix}${state.joiner}${exampleId}`} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
