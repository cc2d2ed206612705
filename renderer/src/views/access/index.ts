/** The public entry of renderer/src/views/access: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { AccessPanel } from './AccessPanel';
export { AccessDeployNotice, AccessHealthItem } from './AccessSummary';
