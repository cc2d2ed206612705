import { NonIdealState } from '@blueprintjs/core';

/** Astro projects (filled in by the projects issue). */
export function ProjectsView() {
  return (
    <NonIdealState
      icon="folder-open"
      title="Astro projects"
      description="Open an Astro project folder to see its secrets-backend setup at a glance. This view is not built yet."
    />
  );
}
