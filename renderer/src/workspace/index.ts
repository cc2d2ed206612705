/** The public entry of renderer/src/workspace: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { chosenFrom, headerIsProduction, switchBlocker } from './environment-choice';
export { useOpenProjectKwargs } from './use-open-project-kwargs';
export { useWorkspace, WorkspaceProvider } from './workspace';
export type { ChosenEnvironment, KwargsSource } from './workspace';
