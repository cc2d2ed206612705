/** The public entry of electron/services/environments: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { createEnvironmentMatrixService } from './environment-matrix';
export type { EnvironmentMatrixService } from './environment-matrix';
export { createEnvironmentsService } from './environments-service';
export type { EnvironmentsService } from './environments-service';
export { createPromoteService } from './promote';
export type { PromoteService } from './promote';
export { createDeleteAcrossService } from './delete-across';
export type { DeleteAcrossService } from './delete-across';
