/**
 * Settings for AWS profiles: which profiles and accounts are production (writes there ask for the
 * account id first), and access keys entered in Airlock for people without AWS files. Keys go to
 * the main process once, on save; this view never receives them back.
 */
import { Button, Callout, FormGroup, HTMLSelect, HTMLTable, InputGroup, Section, SectionCard, Spinner, Switch, Tag } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { knownRegionNames, type AppKeysState, type ProfileSummary } from '../../../../shared/api';
import { useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, ExactName } from '../../components';
import { kindLabel } from '../profiles';

export function ProfilesSettings() {
  return (
    <>
      <ProductionMarksEditor />
      <AppKeys />
    </>
  );
}

function ProductionMarksEditor() {
  const profiles = useApiQuery('profiles.list', {});
  const marks = useApiQuery('profiles.productionMarks', {});
  const mark = useApiMutation('profiles.setProduction');
  const [account, setAccount] = useState('');

  const addAccount = (event: FormEvent) => {
    event.preventDefault();
    mark.mutate({ account, production: true }, { onSuccess: () => setAccount('') });
  };

  return (
    <Section title="Production guard" subtitle="The header turns amber under a production profile, and every change there asks you to type the account id." compact className="settings-section" data-testid="production-settings">
      <SectionCard>
        {mark.error !== null ? <ErrorCallout error={mark.error} /> : null}
        <form className="production-account-form" onSubmit={addAccount}>
          <FormGroup label="Mark an AWS account as production" labelFor="production-account" helperText="Any profile that reaches this account counts as production." inline>
            <InputGroup id="production-account" value={account} onValueChange={setAccount} placeholder="123456789012" className="mono" data-testid="production-account-input" />
          </FormGroup>
          <Button type="submit" icon="add" text="Mark account" disabled={account.trim() === ''} loading={mark.isPending} data-testid="production-account-add" />
        </form>
        <div className="production-accounts">
          {(marks.data?.accounts ?? []).map((marked) => (
            <Tag key={marked} intent="warning" large className="mono" onRemove={() => mark.mutate({ account: marked, production: false })} data-testid={`production-account-${marked}`}>
              {marked}
            </Tag>
          ))}
        </div>
      </SectionCard>
      <SectionCard padded={false}>
        {profiles.isPending ? <Spinner size={20} /> : null}
        {profiles.error !== null ? <ErrorCallout error={profiles.error} onRetry={() => void profiles.refetch()} /> : null}
        {profiles.data === undefined ? null : (
          <HTMLTable compact striped className="settings-table">
            <thead>
              <tr><th>Profile</th><th>Signs in with</th><th>Account</th><th>Production</th></tr>
            </thead>
            <tbody>
              {profiles.data.map((profile) => (
                <ProductionRow key={profile.name} profile={profile} marked={marks.data?.profiles.includes(profile.name) ?? false} onChange={(production) => mark.mutate({ profile: profile.name, production })} />
              ))}
            </tbody>
          </HTMLTable>
        )}
      </SectionCard>
    </Section>
  );
}

function ProductionRow({ profile, marked, onChange }: { profile: ProfileSummary; marked: boolean; onChange: (production: boolean) => void }) {
  return (
    <tr>
      <td>{profile.name}</td>
      <td>{kindLabel(profile.kind)}</td>
      <td className="mono">{profile.account ?? '—'}</td>
      <td>
        <div className="production-cell">
          <Switch checked={marked} onChange={(event) => onChange(event.currentTarget.checked)} label={marked ? 'production' : undefined} className="production-switch" data-testid={`production-switch-${profile.name}`} />
          {profile.productionMarkedBy === 'account' ? <Tag minimal intent="warning">by account</Tag> : null}
        </div>
      </td>
    </tr>
  );
}

function StorageNotice({ storage }: { storage: AppKeysState['storage'] }) {
  if (storage.persistent) {
    return (
      <Callout intent="success" icon="lock" compact data-testid="key-storage-notice">
        Keys you enter here are encrypted with the system keyring ({storage.backend}) and kept when Airlock restarts. They are never written to ~/.aws/credentials.
      </Callout>
    );
  }
  return (
    <Callout intent="warning" icon="time" compact data-testid="key-storage-notice">
      {storage.message} They are never written to disk, logs or ~/.aws/credentials.
    </Callout>
  );
}

const emptyForm = { name: '', accessKeyId: '', secretAccessKey: '', sessionToken: '', region: 'us-east-1', endpoint: '' };

function AppKeys() {
  const state = useApiQuery('profiles.appKeys', {});
  const save = useApiMutation('profiles.saveAppKeys');
  const remove = useApiMutation('profiles.removeAppKeys');
  const [form, setForm] = useState(emptyForm);
  const field = (name: keyof typeof emptyForm) => (value: string) => setForm((current) => ({ ...current, [name]: value }));
  const complete = form.name.trim() !== '' && form.accessKeyId.trim() !== '' && form.secretAccessKey.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        name: form.name.trim(),
        accessKeyId: form.accessKeyId.trim(),
        secretAccessKey: form.secretAccessKey,
        region: form.region,
        ...(form.sessionToken.trim() === '' ? {} : { sessionToken: form.sessionToken }),
        ...(form.endpoint.trim() === '' ? {} : { endpoint: form.endpoint.trim() }),
      },
      // Keys leave this window on save; nothing keeps them here afterwards.
      { onSuccess: () => setForm(emptyForm) },
    );
  };

  return (
    <Section title="Keys entered in Airlock" subtitle="For when you have no AWS config files. They appear as profiles in the header." compact className="settings-section" data-testid="app-keys-settings">
      <SectionCard>
        {state.isPending ? <Spinner size={20} /> : null}
        {state.error !== null ? <ErrorCallout error={state.error} onRetry={() => void state.refetch()} /> : null}
        {state.data === undefined ? null : <StorageNotice storage={state.data.storage} />}
        {state.data !== undefined && state.data.keys.length > 0 ? (
          <HTMLTable compact striped className="settings-table">
            <thead>
              <tr><th>Profile</th><th>Access key</th><th>Region</th><th>Endpoint</th><th>Stored</th><th /></tr>
            </thead>
            <tbody>
              {state.data.keys.map((key) => (
                <tr key={key.name} data-testid={`app-key-${key.name}`}>
                  <td>{key.name}</td>
                  <td className="mono">…{key.accessKeyIdLast4}</td>
                  <td>{key.region ?? '—'}</td>
                  <td className="mono">{key.endpoint === null ? 'AWS' : <ExactName text={key.endpoint} />}</td>
                  <td>{key.persisted ? 'encrypted on disk' : 'memory only'}</td>
                  <td><Button size="small" variant="minimal" icon="trash" intent="danger" title={`Remove the keys of ${key.name}`} loading={remove.isPending && remove.variables.name === key.name} onClick={() => remove.mutate({ name: key.name })} data-testid={`app-key-remove-${key.name}`} /></td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        ) : null}
      </SectionCard>
      <SectionCard>
        <form className="app-keys-form" onSubmit={submit} autoComplete="off">
          <FormGroup label="Profile name" labelFor="app-key-name">
            <InputGroup id="app-key-name" value={form.name} onValueChange={field('name')} placeholder="my-account" data-testid="app-key-name" />
          </FormGroup>
          <FormGroup label="Region" labelFor="app-key-region">
            <HTMLSelect id="app-key-region" value={form.region} onChange={(event) => field('region')(event.currentTarget.value)} options={[...knownRegionNames]} data-testid="app-key-region" />
          </FormGroup>
          <FormGroup label="Access key id" labelFor="app-key-id">
            <InputGroup id="app-key-id" value={form.accessKeyId} onValueChange={field('accessKeyId')} placeholder="AKIA…" className="mono" spellCheck={false} data-testid="app-key-id" />
          </FormGroup>
          <FormGroup label="Secret access key" labelFor="app-key-secret">
            <InputGroup id="app-key-secret" type="password" value={form.secretAccessKey} onValueChange={field('secretAccessKey')} className="mono" spellCheck={false} data-testid="app-key-secret" />
          </FormGroup>
          <FormGroup label="Session token" labelInfo="(optional)" labelFor="app-key-token">
            <InputGroup id="app-key-token" type="password" value={form.sessionToken} onValueChange={field('sessionToken')} className="mono" spellCheck={false} data-testid="app-key-token" />
          </FormGroup>
          <FormGroup label="Endpoint" labelInfo="(optional, for emulators)" labelFor="app-key-endpoint">
            <InputGroup id="app-key-endpoint" value={form.endpoint} onValueChange={field('endpoint')} placeholder="http://127.0.0.1:4566" className="mono" data-testid="app-key-endpoint" />
          </FormGroup>
          <div className="app-keys-actions">
            <Button type="submit" intent="primary" icon="floppy-disk" text="Save keys" disabled={!complete} loading={save.isPending} data-testid="app-key-save" />
            {save.error !== null ? <ErrorCallout error={save.error} /> : null}
          </div>
        </form>
      </SectionCard>
    </Section>
  );
}
