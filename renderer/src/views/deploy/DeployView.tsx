import { NonIdealState } from '@blueprintjs/core';

/** Deploy (filled in by the deploy issue). */
export function DeployView() {
  return (
    <NonIdealState
      icon="cloud-upload"
      title="Deploy"
      description="Review one diff of the Dockerfile, .env and your Astro Deployment, then deploy in one click. This view is not built yet."
    />
  );
}
