/** The public entry of electron/services/projects: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export type { DeploymentCheckResult, DeploymentVariablesSource, SingleDeploymentResult } from './health/deployment-source';
export { deployedBackendProblems } from './health/run-health';
export { credentialNotes, resolveLocalCredentials } from './local-credentials';
export type { LocalCredentials } from './local-credentials';
export { isMaskedDotenvKey } from './masking';
export { createProjectService } from './project-service';
export type { ProjectService } from './project-service';
export type { ProjectSession } from './project-session';
export { formatMode, ignoreGapsOnDisk, joinFiles, needsIgnoreEntries } from './secret-files';
