/** The public entry of renderer/src/navigation: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { NavigationProvider, useNavigation } from './navigation';
export type { NavigationIntent, ViewName } from './navigation';
