/** The public entry of renderer/src/views/deploy: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { AstroTokenForm } from './AstroTokenForm';
export { DeployView } from './DeployView';
