/**
 * Where a project deploys to: the Astro workspaces and Deployments the CLI can see, and the
 * project's target file (`.astro/airlock.json`), whose Deployment is checked against Astro before
 * it is written.
 */
import { DEPLOY_TARGET_FILE, type AstroDeployment, type AstroWorkspace, type DeployTarget, type DeployTargetFile, type ProjectSummary } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log';
import { recogniseProject } from '../project-folder';
import type { AstroAccess } from './astro-access';
import { readEnvironmentTargets, readTargetFile, writeTargetFile, type EnvironmentTarget } from './target-file';

export interface SetTargetInput {
  readonly workspaceId: string;
  readonly deploymentId: string;
  readonly awsProfile?: string | null | undefined;
  readonly production?: boolean | undefined;
}

export interface DeployTargets {
  workspaces(signal?: AbortSignal): Promise<AstroWorkspace[]>;
  deployments(workspaceId: string, signal?: AbortSignal): Promise<AstroDeployment[]>;
  target(path: string): Promise<DeployTargetFile>;
  setTarget(path: string, input: SetTargetInput, signal?: AbortSignal): Promise<DeployTargetFile>;
}

/** Every deploy call starts here: the folder must still be an Astro project (its summary names it as Projects does). */
export function openDeployProject(projectPath: string, home: string | undefined): Promise<ProjectSummary> {
  return recogniseProject(projectPath, home, { suggest: false });
}

/** The project's target, or a clear INVALID_INPUT saying to choose one. */
export async function requireTarget(root: string): Promise<DeployTarget> {
  const file = await readTargetFile(root);
  if (file.target === null) throw new AppError('INVALID_INPUT', file.problem ?? 'Choose the Astro Deployment this project deploys to first.');
  return file.target;
}

/** The named environment's Deployment, or a clear INVALID_INPUT (no such environment, or no Deployment for it). */
export async function requireEnvironmentTarget(root: string, name: string): Promise<EnvironmentTarget> {
  const read = await readEnvironmentTargets(root);
  if (read.problem !== null) throw new AppError('INVALID_INPUT', read.problem);
  const found = read.targets.find((candidate) => candidate.environment === name);
  if (found === undefined) throw new AppError('INVALID_INPUT', `The environment "${name}" has no Astro Deployment in ${DEPLOY_TARGET_FILE} (or no longer exists). Choose its Deployment in Projects → Environments.`);
  return found;
}

export function createDeployTargets(deps: { readonly astro: Pick<AstroAccess, 'runner'>; readonly log: Logger; readonly home?: string | undefined }): DeployTargets {
  return {
    async workspaces(signal) {
      return (await deps.astro.runner().listWorkspaces({ signal })).map((ws) => ({ id: ws.id, name: ws.name, isCurrent: ws.isCurrent }));
    },
    async deployments(workspaceId, signal) {
      const list = await deps.astro.runner().listDeployments(workspaceId, { signal });
      return list
        .map((d) => ({ id: d.id, name: d.name, runtimeVersion: d.runtimeVersion, airflowVersion: d.airflowVersion, region: d.region, cloudProvider: d.cloudProvider, type: d.type }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async target(projectPath) {
      const project = await openDeployProject(projectPath, deps.home);
      return { ...(await readTargetFile(project.path)), project };
    },
    async setTarget(projectPath, input, signal) {
      const project = await openDeployProject(projectPath, deps.home);
      const root = project.path;
      const previous = (await readTargetFile(root)).target;
      // Confirms the Deployment exists in that workspace and takes its real name.
      const info = await deps.astro.runner().inspectDeployment(input.deploymentId, input.workspaceId, { signal });
      const same = previous?.deploymentId === info.id;
      const target: DeployTarget = {
        workspaceId: info.workspaceId,
        workspaceName: info.workspaceName,
        deploymentId: info.id,
        deploymentName: info.name,
        awsProfile: input.awsProfile === undefined ? (previous?.awsProfile ?? null) : input.awsProfile,
        production: input.production ?? (same ? previous.production : false),
      };
      const written = await writeTargetFile(root, target);
      deps.log.info('deploy target set', { deployment: info.id, workspace: info.workspaceId });
      return { ...written, project };
    },
  };
}
