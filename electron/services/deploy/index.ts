/** The public entry of electron/services/deploy: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { createAstroAccess } from './astro-access';
export type { AstroAccess } from './astro-access';
export { sessionDeployGuard } from './deploy-guard';
export { createDeployService } from './deploy-service';
export type { DeployService } from './deploy-service';
export { createDeploymentReader } from './deployment-reader';
export { createSecretRecordsStore } from './secret-records';
export { readTargetFile } from './target-file';
export { createAstroTokenStore } from './token-store';
