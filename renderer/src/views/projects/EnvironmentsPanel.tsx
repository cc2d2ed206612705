/**
 * The project's environments (dev, staging, prod...), kept in `.astro/airlock.json` for the whole
 * team: list, add, edit and remove them, see when the profile an environment names is missing here
 * or reaches another account, and pick your own profile for it (kept in your settings only).
 */
import { Button, Callout, FormGroup, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Spinner, Switch, Tag, TextArea } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EnvironmentsView, EnvironmentView, KwargsSource, MethodInput } from '../../../../shared/api';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout } from '../../components';

type EnvironmentInput = MethodInput<'environments.put'>['environment'];

const SOURCE_TEXT: Readonly<Record<KwargsSource, string>> = {
  deployment: "the Deployment's variable",
  environment: 'recorded for this environment',
  dockerfile: "the Dockerfile's",
  defaults: "Airflow's defaults",
  unknown: 'unknown (secret on the Deployment)',
};

function useEnvironmentsCache(path: string): (view: EnvironmentsView) => void {
  const queryClient = useQueryClient();
  return (view) => {
    // Shown at once; the contract's invalidations refresh the rest (deploy.target, other reads).
    queryClient.setQueryData(apiQueryKey('environments.list', { path }), view);
  };
}

export function EnvironmentsPanel({ path }: { path: string }) {
  const [readDeployments, setReadDeployments] = useState(false);
  const list = useApiQuery('environments.list', readDeployments ? { path, readDeployments: true } : { path });
  const [editing, setEditing] = useState<EnvironmentView | 'new' | null>(null);
  if (list.isPending) return <Spinner size={24} />;
  if (list.error !== null) return <ErrorCallout error={list.error} onRetry={() => void list.refetch()} />;
  const view = list.data;
  return (
    <div className="environments-panel" data-testid="environments-panel">
      <p className="muted">
        Kept in the project as <code>{view.file}</code>: names, ids and settings only, no secrets, safe to commit. Your own profile picks stay in your settings.
      </p>
      {view.problem !== null ? <Callout intent="danger" title="The environments file cannot be read" data-testid="environments-problem">{view.problem}</Callout> : null}
      {view.migratedFrom === 1 ? (
        <Callout intent="primary" compact data-testid="environments-migrated">This project's deploy target is shown as one environment; the file is rewritten in the new format on your first change, with nothing lost.</Callout>
      ) : null}
      {view.environments.length === 0 && view.problem === null ? <NonIdealState icon="layers" title="No environments yet" description="Add dev, staging or prod, each with its Deployment and AWS profile." /> : null}
      {view.environments.length > 0 ? (
        <HTMLTable compact striped className="environments-table" data-testid="environments-table">
          <thead>
            <tr><th>Environment</th><th>Deployment</th><th>AWS profile</th><th>Account · region</th><th>Backend kwargs</th><th /></tr>
          </thead>
          <tbody>
            {view.environments.map((environment) => (
              <EnvironmentRow key={environment.name} path={path} view={view} environment={environment} onEdit={() => setEditing(environment)} />
            ))}
          </tbody>
        </HTMLTable>
      ) : null}
      <div className="environments-actions">
        <Button icon="add" text="Add environment" disabled={view.problem !== null} onClick={() => setEditing('new')} data-testid="environment-add" />
        <Button icon="refresh" text="Read the Deployments" loading={list.isFetching} onClick={() => (readDeployments ? void list.refetch() : setReadDeployments(true))} data-testid="environments-read-deployments" />
      </div>
      {editing !== null ? <EnvironmentForm path={path} view={view} current={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
    </div>
  );
}

function EnvironmentRow({ path, view, environment, onEdit }: { path: string; view: EnvironmentsView; environment: EnvironmentView; onEdit: () => void }) {
  const profiles = useApiQuery('profiles.list', {});
  const cache = useEnvironmentsCache(path);
  const [pick, setPick] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const setMine = useApiMutation('environments.setMine', { onSuccess: cache });
  const remove = useApiMutation('environments.remove', { onSuccess: cache });
  const { profile, kwargs } = environment;
  const warn = profile.status !== 'ok';
  return (
    <tr data-testid={`environment-${environment.name}`} data-profile-status={profile.status}>
      <td>
        <strong>{environment.name}</strong> {environment.production ? <Tag intent="warning" minimal>production</Tag> : null}
        {view.deployEnvironment === environment.name ? <Tag minimal>deploy</Tag> : null}
      </td>
      <td>{environment.deployment?.deploymentName ?? <span className="muted">none</span>}{environment.deploymentError !== null ? <div className="muted">{environment.deploymentError}</div> : null}</td>
      <td>
        <div>{profile.using ?? <span className="muted">none</span>}{environment.myProfile !== null ? <Tag minimal>yours</Tag> : null}</div>
        {warn && profile.message !== null ? <Callout intent="warning" compact data-testid="environment-profile-warning">{profile.message}</Callout> : null}
        {!warn && profile.message !== null ? <div className="muted">{profile.message}</div> : null}
        <div className="environment-pick">
          <HTMLSelect value={pick} onChange={(event) => setPick(event.currentTarget.value)} aria-label={`Your profile for ${environment.name}`} data-testid="environment-pick">
            <option value="">Your profile…</option>
            {(profiles.data ?? []).map((candidate) => <option key={candidate.name} value={candidate.name}>{candidate.name}</option>)}
          </HTMLSelect>
          <Button small text="Use" disabled={pick === ''} loading={setMine.isPending} onClick={() => setMine.mutate({ path, name: environment.name, profile: pick })} data-testid="environment-use-profile" />
          {environment.myProfile !== null ? <Button small minimal text="Use the team's" onClick={() => setMine.mutate({ path, name: environment.name, profile: null })} /> : null}
        </div>
        {setMine.error !== null ? <ErrorCallout error={setMine.error} /> : null}
      </td>
      <td>{environment.accountId ?? '—'} · {environment.region ?? '—'}</td>
      <td data-testid="environment-kwargs-source" data-source={kwargs.source}>
        {SOURCE_TEXT[kwargs.source]}
        {kwargs.note !== null ? <div className="muted">{kwargs.note}</div> : null}
      </td>
      <td>
        <Button small minimal icon="edit" aria-label={`Edit ${environment.name}`} onClick={onEdit} data-testid="environment-edit" />
        {confirmRemove ? (
          <Button small intent="danger" text="Remove" loading={remove.isPending} onClick={() => remove.mutate({ path, fingerprint: view.fingerprint, name: environment.name })} data-testid="environment-remove-confirm" />
        ) : (
          <Button small minimal icon="trash" aria-label={`Remove ${environment.name}`} onClick={() => setConfirmRemove(true)} data-testid="environment-remove" />
        )}
        {remove.error !== null ? <ErrorCallout error={remove.error} /> : null}
      </td>
    </tr>
  );
}

function EnvironmentForm({ path, view, current, onDone }: { path: string; view: EnvironmentsView; current: EnvironmentView | null; onDone: () => void }) {
  const cache = useEnvironmentsCache(path);
  const workspaces = useApiQuery('deploy.workspaces', {}, { staleTime: 60_000, retry: false });
  const workspaceId = current?.deployment?.workspaceId ?? workspaces.data?.find((ws) => ws.isCurrent)?.id ?? workspaces.data?.[0]?.id ?? null;
  const deployments = useApiQuery('deploy.deployments', { workspaceId: workspaceId ?? 'none' }, { enabled: workspaceId !== null, staleTime: 60_000, retry: false });
  const [draft, setDraft] = useState<EnvironmentInput>({
    name: current?.name ?? '',
    deployment: current?.deployment === null || current === null ? null : { workspaceId: current.deployment.workspaceId, deploymentId: current.deployment.deploymentId },
    awsProfile: current?.awsProfile ?? null,
    accountId: current?.accountId ?? null,
    region: current?.region ?? null,
    backendKwargs: current?.backendKwargs ?? null,
    production: current?.production ?? false,
  });
  const save = useApiMutation('environments.put', {
    onSuccess: (written) => {
      cache(written);
      onDone();
    },
  });
  const text = (value: string): string | null => (value.trim() === '' ? null : value);
  return (
    <div className="environment-form" data-testid="environment-form">
      <FormGroup label="Name" labelFor="environment-name"><InputGroup id="environment-name" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })} data-testid="environment-name" /></FormGroup>
      <FormGroup label="Astro Deployment" labelFor="environment-deployment">
        <HTMLSelect
          id="environment-deployment"
          value={draft.deployment?.deploymentId ?? ''}
          onChange={(event) => setDraft({ ...draft, deployment: event.currentTarget.value === '' || workspaceId === null ? null : { workspaceId, deploymentId: event.currentTarget.value } })}
          data-testid="environment-deployment"
        >
          <option value="">None</option>
          {(deployments.data ?? []).map((deployment) => <option key={deployment.id} value={deployment.id}>{deployment.name}</option>)}
        </HTMLSelect>
        {workspaces.error !== null ? <div className="muted">The astro CLI could not list Deployments: {workspaces.error.message}</div> : null}
      </FormGroup>
      <FormGroup label="AWS profile (the name the team uses)" labelFor="environment-profile"><InputGroup id="environment-profile" value={draft.awsProfile ?? ''} onChange={(event) => setDraft({ ...draft, awsProfile: text(event.currentTarget.value) })} data-testid="environment-profile" /></FormGroup>
      <FormGroup label="Expected AWS account id" labelFor="environment-account"><InputGroup id="environment-account" value={draft.accountId ?? ''} onChange={(event) => setDraft({ ...draft, accountId: text(event.currentTarget.value) })} data-testid="environment-account" /></FormGroup>
      <FormGroup label="Region" labelFor="environment-region"><InputGroup id="environment-region" value={draft.region ?? ''} onChange={(event) => setDraft({ ...draft, region: text(event.currentTarget.value) })} data-testid="environment-region" /></FormGroup>
      <FormGroup label="Backend kwargs it runs with (AIRFLOW__SECRETS__BACKEND_KWARGS on its Deployment; empty: the Dockerfile's)" labelFor="environment-kwargs">
        <TextArea id="environment-kwargs" fill className="code" value={draft.backendKwargs ?? ''} onChange={(event) => setDraft({ ...draft, backendKwargs: text(event.currentTarget.value) })} data-testid="environment-kwargs" />
      </FormGroup>
      <Switch label="Production" checked={draft.production} onChange={(event) => setDraft({ ...draft, production: event.currentTarget.checked })} data-testid="environment-production" />
      {save.error !== null ? <ErrorCallout error={save.error} /> : null}
      <div className="environments-actions">
        <Button intent="primary" text="Save" loading={save.isPending} disabled={draft.name.trim() === ''} onClick={() => save.mutate({ path, fingerprint: view.fingerprint, replacing: current?.name ?? null, environment: draft })} data-testid="environment-save" />
        <Button text="Cancel" onClick={onDone} />
      </div>
    </div>
  );
}
