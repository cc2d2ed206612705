/** The public entry of electron/services/access: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { createAccessCheck } from './access-check';
export type { AccessCheckService } from './access-check';
export { createDeploymentReading } from './deployment-reading';
export { dockerfileKwargs } from './project-kwargs';
