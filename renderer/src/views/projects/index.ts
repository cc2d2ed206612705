/** The public entry of renderer/src/views/projects: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { HealthRow } from './HealthPanel';
export { PlannedDiff } from './PlannedDiff';
export { ProjectsView } from './ProjectsView';
export type { ReviewRequest } from './review-request';
export { ReviewChangesDialog } from './ReviewChangesDialog';
// The stylesheet of the components above, for the views outside that show them (Deploy shows
// HealthRow, PlannedDiff and ReviewChangesDialog). After them, so that the bundle's CSS keeps its order.
import './projects.css';
