/** The public entry of renderer/src/workspace: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { useWorkspace, WorkspaceProvider } from './workspace';
export type { ChosenEnvironment, KwargsSource } from './workspace';
