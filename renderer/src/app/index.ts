/** The public entry of renderer/src/app: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { App } from './App';
export { SessionEndedNotice } from './SessionEndedNotice';
