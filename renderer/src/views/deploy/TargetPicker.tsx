/**
 * Which Astro Deployment the project deploys to, remembered in the project's .astro/airlock.json
 * (ids and names only, so a team can commit it), with the AWS profile the team uses for it.
 */
import { Button, Callout, Checkbox, FormGroup, HTMLSelect, Icon, Section, SectionCard, Spinner, Switch, Tag } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeployTarget, DeployTargetFile } from '../../../../shared/api';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api';
import { ErrorCallout, ExactName } from '../../components';
import { useSelectProfile } from '../../hooks';

export function TargetPicker({ path, file, canList }: { path: string; file: DeployTargetFile; canList: boolean }) {
  const [editing, setEditing] = useState(file.target === null);
  const target = file.target;
  return (
    <Section compact icon="cloud" title="Deployment" className="deploy-card" data-testid="deploy-target"
      rightElement={target !== null && !editing ? <Button size="small" variant="minimal" icon="edit" text="Change" onClick={() => setEditing(true)} data-testid="target-change" /> : undefined}
    >
      <SectionCard>
        {file.problem !== null ? <Callout intent="warning" compact className="deploy-target-problem">{file.problem}</Callout> : null}
        {editing || target === null ? (
          canList ? (
            <TargetForm path={path} current={target} onDone={() => setEditing(false)} onCancel={target === null ? null : () => setEditing(false)} />
          ) : (
            <p className="muted">The astro CLI must be available and logged in to list Deployments (see above).</p>
          )
        ) : (
          <TargetSummary target={target} file={file.file} />
        )}
      </SectionCard>
    </Section>
  );
}

function TargetSummary({ target, file }: { target: DeployTarget; file: string }) {
  const active = useApiQuery('profiles.active', {});
  const select = useSelectProfile();
  const activeName = active.data?.profile.name ?? null;
  const mismatch = target.awsProfile !== null && activeName !== target.awsProfile;
  return (
    <div className="deploy-target-summary" data-testid="target-summary">
      <div className="deploy-target-line">
        <Icon icon="cloud-upload" />
        <strong className="deploy-target-name" data-testid="target-name">{target.deploymentName}</strong>
        <span className="muted">in {target.workspaceName ?? target.workspaceId}</span>
        <ExactName wrap="never" className="mono muted" text={target.deploymentId} />
        {target.production ? <Tag intent="warning" icon="warning-sign">production</Tag> : null}
      </div>
      <div className="deploy-target-line deploy-target-note muted">
        <Icon icon="people" />
        <span className="deploy-target-note-text">
          Remembered in <code>{file}</code>: ids and names only, no secrets, so it is safe to commit and share with your team.
        </span>
      </div>
      {target.awsProfile !== null ? (
        <div className="deploy-target-line">
          <Icon icon="key" />
          <span>
            AWS profile for this project: <strong>{target.awsProfile}</strong>
            {mismatch ? <span className="muted"> (active: {activeName ?? 'none'})</span> : null}
          </span>
          {mismatch ? <Button size="small" variant="outlined" text={`Switch to ${target.awsProfile}`} loading={select.isPending} onClick={() => select.mutate({ name: target.awsProfile ?? '' })} data-testid="target-switch-profile" /> : null}
        </div>
      ) : null}
      {select.error !== null ? <ErrorCallout error={select.error} /> : null}
    </div>
  );
}

function TargetForm({ path, current, onDone, onCancel }: { path: string; current: DeployTarget | null; onDone: () => void; onCancel: (() => void) | null }) {
  const queryClient = useQueryClient();
  const workspaces = useApiQuery('deploy.workspaces', {}, { staleTime: 60_000, retry: false });
  const active = useApiQuery('profiles.active', {});
  const [workspaceId, setWorkspaceId] = useState<string | null>(current?.workspaceId ?? null);
  const [deploymentId, setDeploymentId] = useState<string | null>(current?.deploymentId ?? null);
  const [production, setProduction] = useState(current?.production ?? false);
  const [rememberProfile, setRememberProfile] = useState(true);

  const chosenWorkspace = workspaceId ?? workspaces.data?.find((ws) => ws.isCurrent)?.id ?? workspaces.data?.[0]?.id ?? null;
  const deployments = useApiQuery('deploy.deployments', { workspaceId: chosenWorkspace ?? 'none' }, { enabled: chosenWorkspace !== null, staleTime: 60_000, retry: false });
  const chosenDeployment = deploymentId !== null && deployments.data?.some((d) => d.id === deploymentId) === true ? deploymentId : (deployments.data?.[0]?.id ?? null);
  const activeProfile = active.data?.profile.name ?? null;

  const save = useApiMutation('deploy.setTarget', {
    onSuccess: (written) => {
      queryClient.setQueryData(apiQueryKey('deploy.target', { path }), written);
      onDone();
    },
  });

  if (workspaces.isPending) return <Spinner size={20} />;
  if (workspaces.error !== null) return <ErrorCallout error={workspaces.error} onRetry={() => void workspaces.refetch()} />;

  return (
    <div className="deploy-target-form" data-testid="target-form">
      <div className="deploy-target-selects">
        <FormGroup label="Workspace" labelFor="deploy-workspace">
          <HTMLSelect
            id="deploy-workspace"
            value={chosenWorkspace ?? ''}
            onChange={(event) => {
              setWorkspaceId(event.currentTarget.value);
              setDeploymentId(null);
            }}
            options={workspaces.data.map((ws) => ({ value: ws.id, label: ws.name }))}
            data-testid="target-workspace"
          />
        </FormGroup>
        <FormGroup label="Deployment" labelFor="deploy-deployment">
          {deployments.isPending && chosenWorkspace !== null ? (
            <Spinner size={16} />
          ) : deployments.data?.length === 0 ? (
            <span className="muted">No Deployments in this workspace.</span>
          ) : (
            <HTMLSelect
              id="deploy-deployment"
              value={chosenDeployment ?? ''}
              onChange={(event) => setDeploymentId(event.currentTarget.value)}
              options={(deployments.data ?? []).map((d) => ({ value: d.id, label: `${d.name}${d.runtimeVersion === null ? '' : ` · runtime ${d.runtimeVersion}`}` }))}
              data-testid="target-deployment"
            />
          )}
        </FormGroup>
      </div>
      {deployments.error !== null ? <ErrorCallout error={deployments.error} onRetry={() => void deployments.refetch()} /> : null}
      <Switch checked={production} onChange={(event) => setProduction(event.currentTarget.checked)} label="This Deployment is production: ask me to type its name before every deploy" data-testid="target-production" />
      {activeProfile !== null ? (
        <Checkbox checked={rememberProfile} onChange={(event) => setRememberProfile(event.currentTarget.checked)} data-testid="target-remember-profile">
          Remember <strong>{activeProfile}</strong> as this project&apos;s AWS profile
        </Checkbox>
      ) : null}
      <div className="deploy-target-actions">
        <Button
          intent="primary"
          icon="floppy-disk"
          text="Use this Deployment"
          disabled={chosenWorkspace === null || chosenDeployment === null}
          loading={save.isPending}
          onClick={() => {
            if (chosenWorkspace === null || chosenDeployment === null) return;
            save.mutate({ path, workspaceId: chosenWorkspace, deploymentId: chosenDeployment, production, ...(rememberProfile && activeProfile !== null ? { awsProfile: activeProfile } : {}) });
          }}
          data-testid="target-save"
        />
        {onCancel !== null ? <Button variant="minimal" text="Cancel" onClick={onCancel} /> : null}
        <span className="muted">Saved in the project as <code>.astro/airlock.json</code>: no secrets, safe to commit.</span>
      </div>
      {save.error !== null ? <ErrorCallout error={save.error} /> : null}
    </div>
  );
}
