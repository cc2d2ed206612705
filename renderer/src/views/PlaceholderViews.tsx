/**
 * Views whose features arrive with their own issues (projects, deploy). Until then they say
 * plainly what they will do, instead of pretending to work.
 */
import { NonIdealState } from '@blueprintjs/core';

export function ProjectsView() {
  return (
    <NonIdealState
      icon="folder-open"
      title="Astro projects"
      description="Open an Astro project folder to see its secrets-backend setup at a glance. This view is not built yet."
    />
  );
}

export function DeployView() {
  return (
    <NonIdealState
      icon="cloud-upload"
      title="Deploy"
      description="Review one diff of the Dockerfile, .env and your Astro Deployment, then deploy in one click. This view is not built yet."
    />
  );
}
