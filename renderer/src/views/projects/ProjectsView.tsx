/**
 * Astro projects: pick a project folder, then its secrets-backend health, the backend kwargs
 * editor, the DAG references and the relevant file lines. Every file change goes through one
 * review dialog that shows the exact diff before anything is written.
 */
import { Alert, Button, Callout, NonIdealState, Spinner, Tab, Tabs, type TabId } from '@blueprintjs/core';
import { useState } from 'react';
import type { ApplyResult, ProjectHealth } from '../../../../shared/api';
import { useApiQuery } from '../../api';
import { ErrorCallout, ExactName } from '../../components';
import { useWorkspace } from '../../workspace';
import { DagReferencesPanel } from './DagReferencesPanel';
import { EnvironmentMatrixPanel } from './EnvironmentMatrix';
import { EnvironmentsPanel } from './EnvironmentsPanel';
import { FilesPanel } from './FilesPanel';
import { HealthPanel } from './HealthPanel';
import { KwargsEditor } from './kwargs/KwargsEditor';
import { ProjectPicker } from './ProjectPicker';
import { ReviewChangesDialog, type ReviewRequest } from './ReviewChangesDialog';
import './projects.css';
import { AccessPanel } from '../access';

export function ProjectsView() {
  const workspace = useWorkspace();
  if (workspace.projectPath === null) return <ProjectPicker onOpened={(project) => workspace.openProject(project.path)} />;
  // Keyed by path: another project starts with fresh editor state.
  return <OpenProject key={workspace.projectPath} path={workspace.projectPath} onClose={() => workspace.openProject(null)} />;
}

function OpenProject({ path, onClose }: { path: string; onClose: () => void }) {
  // The workspace takes the project's kwargs from this same query (useOpenProjectKwargs).
  const health = useApiQuery('projects.health', { path });

  if (health.isPending) return <Spinner />;
  // A failed re-check keeps the last checklist (and the editor's unsaved edits) on screen.
  if (health.data === undefined) {
    return (
      <div className="project-error">
        <ErrorCallout error={health.error} onRetry={() => void health.refetch()} />
        <Button icon="arrow-left" text="Choose another project" onClick={onClose} />
      </div>
    );
  }
  return (
    <>
      {health.error !== null ? (
        <div className="project-refresh-error">
          <ErrorCallout error={health.error} onRetry={() => void health.refetch()} />
        </div>
      ) : null}
      <ProjectTabs path={path} health={health.data} refreshing={health.isFetching} onRefresh={() => void health.refetch()} onClose={onClose} />
    </>
  );
}

function ProjectTabs({ path, health, refreshing, onRefresh, onClose }: { path: string; health: ProjectHealth; refreshing: boolean; onRefresh: () => void; onClose: () => void }) {
  const [tab, setTab] = useState<TabId>('health');
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(new Set(['health']));
  const [review, setReview] = useState<ReviewRequest | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  const [kwargsDirty, setKwargsDirty] = useState(false);
  const [confirmSwitch, setConfirmSwitch] = useState(false);
  const problems = health.items.filter((item) => item.status === 'error' || item.status === 'warning').length;
  const select = (next: TabId) => {
    setTab(next);
    setApplied(null);
    setVisited(new Set(visited).add(next));
  };
  const openReview = (request: ReviewRequest) => {
    setApplied(null);
    setReview(request);
  };

  return (
    <div className="project-view" data-testid="project-view">
      <div className="project-header">
        <div className="project-title">
          <h2 data-testid="project-name">{health.project.name}</h2>
          <ExactName wrap="truncate" className="mono muted project-path" text={health.project.path} testId="project-path-shown" />
        </div>
        <Button icon="folder-open" variant="minimal" text="Switch project" onClick={() => (kwargsDirty ? setConfirmSwitch(true) : onClose())} data-testid="switch-project" />
        <Alert
          isOpen={confirmSwitch}
          intent="warning"
          icon="warning-sign"
          cancelButtonText="Keep editing"
          confirmButtonText="Discard and switch"
          onCancel={() => setConfirmSwitch(false)}
          onConfirm={() => {
            setConfirmSwitch(false);
            onClose();
          }}
          data-testid="switch-project-confirm"
        >
          The backend kwargs have edits that are not saved to the project. Switching discards them.
        </Alert>
      </div>
      {applied !== null ? (
        <Callout intent="success" icon="tick" compact className="applied-note" data-testid="applied-note">
          Wrote {applied.files.map((file) => `${file.file}${file.created ? ' (new)' : ''}`).join(', ')}. The checklist was run again.
        </Callout>
      ) : null}
      <Tabs id="project-tabs" selectedTabId={tab} onChange={select} animate={false} size="large" className="project-tabs">
        <Tab
          id="health"
          title="Health"
          icon="heart"
          tagContent={problems > 0 ? problems : undefined}
          tagProps={{ intent: 'warning', round: true }}
          panel={<HealthPanel health={health} refreshing={refreshing} onRefresh={onRefresh} onFix={openReview} onEditKwargs={() => select('kwargs')} onOpenAccess={() => select('access')} />}
          data-testid="tab-health"
        />
        <Tab id="kwargs" title="Backend kwargs" icon="settings" panel={<KwargsEditor health={health} onSave={openReview} onDirtyChange={setKwargsDirty} />} data-testid="tab-kwargs" />
        <Tab
          id="dags"
          title="DAG references"
          icon="diagram-tree"
          panel={visited.has('dags') ? <DagReferencesPanel path={path} providerVersion={health.provider.atLeast} /> : <NonIdealState icon="diagram-tree" title="DAG references" />}
          data-testid="tab-dags"
        />
        <Tab
          id="environments"
          title="Environments"
          icon="layers"
          panel={visited.has('environments') ? <EnvironmentsPanel path={path} /> : <NonIdealState icon="layers" title="Environments" />}
          data-testid="tab-environments"
        />
        <Tab
          id="matrix"
          title="Matrix"
          icon="grid-view"
          panel={visited.has('matrix') ? <EnvironmentMatrixPanel path={path} /> : <NonIdealState icon="grid-view" title="Matrix" />}
          data-testid="tab-matrix"
        />
        <Tab id="files" title="Files" icon="document" panel={<FilesPanel files={health.files} />} data-testid="tab-files" />
        <Tab id="access" title="Access" icon="shield" panel={visited.has('access') ? <AccessPanel path={path} /> : <NonIdealState icon="shield" title="Access" />} data-testid="tab-access" />
      </Tabs>
      <ReviewChangesDialog
        path={path}
        request={review}
        onClose={() => setReview(null)}
        onApplied={(result) => {
          setReview(null);
          setApplied(result);
          onRefresh();
        }}
      />
    </div>
  );
}
