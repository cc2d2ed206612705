/**
 * Deploy: the astro CLI's status, the project's Deployment, and one review of everything a deploy
 * changes (the Deployment's variables, the Dockerfile, .env) before one click deploys it.
 *
 * Nothing here runs until the view is first shown: views stay mounted while hidden, and the astro
 * CLI takes seconds per call.
 */
import { Button, NonIdealState, Spinner } from '@blueprintjs/core';
import { useState } from 'react';
import { useApiQuery } from '../../api';
import { ErrorCallout, ExactName } from '../../components';
import { useNavigation } from '../../navigation';
import { useWorkspace } from '../../workspace';
import { AstroStatusCard, useAstroStatus } from './AstroStatusCard';
import { AllEnvironmentsReview } from './AllEnvironmentsReview';
import { DeployReview } from './DeployReview';
import { TargetPicker } from './TargetPicker';
import './deploy.css';

export function DeployView() {
  const { view, go } = useNavigation();
  const workspace = useWorkspace();
  const [shown, setShown] = useState(view === 'deploy');
  // Adjusted while rendering (not in an effect): once shown, it stays rendered.
  if (view === 'deploy' && !shown) setShown(true);
  if (!shown) return null;
  if (workspace.projectPath === null) {
    return (
      <NonIdealState
        icon="cloud-upload"
        title="Open an Astro project to deploy it"
        description="Deploy reviews, in one diff, the secrets-backend variables of your Astro Deployment, the Dockerfile and .env, then deploys them in one click and checks each one."
        action={<Button intent="primary" icon="folder-open" text="Open a project" onClick={() => go('projects')} data-testid="deploy-open-project" />}
      />
    );
  }
  // The environment chosen in the header is the one reviewed; without one, the project's deploy environment.
  const environment = workspace.environment?.deploymentName == null ? undefined : workspace.environment.name;
  return <DeployProject key={workspace.projectPath} path={workspace.projectPath} environment={environment} kwargsJson={workspace.kwargsSource === 'manual' ? workspace.kwargsJson : undefined} />;
}

function DeployProject({ path, environment, kwargsJson }: { path: string; environment: string | undefined; kwargsJson: string | undefined }) {
  const status = useAstroStatus();
  const target = useApiQuery('deploy.target', { path }, { retry: false });
  const environments = useApiQuery('environments.list', { path });
  const [all, setAll] = useState(false);
  const ready = status.data?.binary.found === true && status.data.binary.supported && status.data.auth?.loggedIn === true;
  const deployable = (environments.data?.environments ?? []).filter((entry) => entry.deployment !== null).length;

  return (
    <div className="deploy-view" data-testid="deploy-view">
      <div className="deploy-header">
        {/* One name everywhere: the project as the main process names it (project.name), the path as the hint. */}
        <h2>Deploy{target.data === undefined ? null : <> <span className="deploy-project-name" data-testid="deploy-project-name">{target.data.project.name}</span></>}</h2>
        <ExactName wrap="truncate" className="mono muted deploy-project-path" text={path} testId="deploy-project-path" />
      </div>
      <div className="deploy-top">
        <AstroStatusCard />
        {target.isPending ? (
          <Spinner size={20} />
        ) : target.data === undefined ? (
          <ErrorCallout error={target.error} onRetry={() => void target.refetch()} />
        ) : (
          <TargetPicker path={path} file={target.data} canList={ready} />
        )}
      </div>
      {ready && deployable > 1 ? (
        <div className="deploy-scope" data-testid="deploy-scope">
          <Button active={!all} text={environment === undefined ? 'This Deployment' : `Environment “${environment}”`} onClick={() => setAll(false)} data-testid="deploy-scope-one" />
          <Button active={all} icon="layers" text="Review all environments" onClick={() => setAll(true)} data-testid="deploy-scope-all" />
        </div>
      ) : null}
      {ready && all && deployable > 1 ? (
        <AllEnvironmentsReview path={path} />
      ) : target.data?.target != null && ready ? (
        <DeployReview key={environment ?? ''} path={path} environment={environment} kwargsJson={kwargsJson} />
      ) : null}
    </div>
  );
}
