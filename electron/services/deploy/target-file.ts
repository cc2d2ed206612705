/**
 * The project-local target file, `.astro/airlock.json`: which Astro workspace and Deployment the
 * project deploys to, the AWS profile the team uses with it, and whether the Deployment is
 * production. It holds ids and names only (no secret), so a team can commit and share it. Once
 * the project has environments (version 2, shared/environments/environments-file.ts), the target
 * is the deploy environment's Deployment.
 *
 * Read and written through the projects domain's file helpers: the path must stay inside the
 * project (symlinks included) and the write is atomic.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEPLOY_TARGET_FILE, type DeployTarget, type TargetFileRead } from '../../../shared/api';
import { deployEnvironmentOf, environmentNameSchema, parseEnvironmentsFile, putEnvironment, renderEnvironmentsFile, type EnvironmentsFile } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import { readProjectFile, resolveInsideProject } from '../project-folder';

const COMMENT = 'Written by Airlock: the Astro Deployment (and AWS profile) this project deploys to. Ids and names only, no secrets: safe to commit.';

export async function readTargetFile(root: string): Promise<TargetFileRead> {
  const read = await readProjectFile(root, DEPLOY_TARGET_FILE);
  if (!read.exists) return { file: DEPLOY_TARGET_FILE, exists: false, target: null, problem: null };
  // One reading of the file for Deploy and Environments: a version 2 file's deploy environment is the target.
  const parsed = parseEnvironmentsFile(read.text);
  if (!parsed.ok) {
    const what = parsed.problem.includes('not valid JSON') ? 'is not valid JSON' : `does not have the fields Airlock expects (${parsed.problem})`;
    return { file: DEPLOY_TARGET_FILE, exists: true, target: null, problem: `${DEPLOY_TARGET_FILE} ${what}. Fix it by hand or move it away; Airlock does not write over a file it cannot read.` };
  }
  const environment = deployEnvironmentOf(parsed.file);
  if (environment?.deployment == null) return { file: DEPLOY_TARGET_FILE, exists: true, target: null, problem: null };
  const target: DeployTarget = {
    ...environment.deployment,
    awsProfile: environment.awsProfile,
    production: environment.production,
  };
  return { file: DEPLOY_TARGET_FILE, exists: true, target, problem: null };
}

/** One environment of the project that has a Deployment, as a deploy target. */
export interface EnvironmentTarget {
  readonly environment: string;
  readonly target: DeployTarget;
  /** The kwargs recorded for the environment (what its Airflow runs with), or null for the project's. */
  readonly backendKwargs: string | null;
  readonly region: string | null;
  readonly accountId: string | null;
}

/**
 * Every environment of the project with a Deployment, in the file's order (an environment without
 * one has nothing to deploy to). A version 1 file is its one target; a missing file has none.
 */
export async function readEnvironmentTargets(root: string): Promise<{ readonly targets: readonly EnvironmentTarget[]; readonly problem: string | null }> {
  const read = await readProjectFile(root, DEPLOY_TARGET_FILE);
  if (!read.exists) return { targets: [], problem: null };
  const parsed = parseEnvironmentsFile(read.text);
  if (!parsed.ok) return { targets: [], problem: `${parsed.problem} Fix it by hand or move it away; Airlock does not write over a file it cannot read.` };
  const targets = parsed.file.environments.flatMap((environment): EnvironmentTarget[] =>
    environment.deployment === null
      ? []
      : [{
          environment: environment.name,
          target: { ...environment.deployment, awsProfile: environment.awsProfile, production: environment.production },
          backendKwargs: environment.backendKwargs,
          region: environment.region,
          accountId: environment.accountId,
        }],
  );
  return { targets, problem: null };
}

export function renderTargetFile(target: DeployTarget): string {
  const body = {
    comment: COMMENT,
    version: 1,
    workspaceId: target.workspaceId,
    workspaceName: target.workspaceName,
    deploymentId: target.deploymentId,
    deploymentName: target.deploymentName,
    awsProfile: target.awsProfile,
    production: target.production,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * The file's new text: a version 2 file (environments) keeps every environment and changes only
 * the deploy environment's Deployment, profile and production flag; otherwise a version 1 target.
 * A file that does not parse is never written over.
 */
function targetFileText(existing: string | null, target: DeployTarget): string {
  if (existing === null) return renderTargetFile(target);
  const parsed = parseEnvironmentsFile(existing);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `${parsed.problem} Airlock does not write over a file it cannot read: fix it (or move it away) first.`);
  if (parsed.migratedFrom === 1) return renderTargetFile(target);
  const current = deployEnvironmentOf(parsed.file);
  const deployment = { workspaceId: target.workspaceId, workspaceName: target.workspaceName, deploymentId: target.deploymentId, deploymentName: target.deploymentName };
  const environment = current === null
    ? { name: uniqueName(parsed.file, target.deploymentName), deployment, awsProfile: target.awsProfile, accountId: null, region: null, backendKwargs: null, production: target.production }
    : { ...current, deployment, awsProfile: target.awsProfile, production: target.production };
  const changed = putEnvironment(parsed.file, environment, current?.name ?? null);
  if (!changed.ok) throw new AppError('INVALID_INPUT', changed.problem);
  return renderEnvironmentsFile({ ...changed.file, deployEnvironment: environment.name });
}

function uniqueName(file: EnvironmentsFile, deploymentName: string): string {
  const base = environmentNameSchema.safeParse(deploymentName).success ? deploymentName : 'default';
  const taken = new Set(file.environments.map((environment) => environment.name.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export async function writeTargetFile(root: string, target: DeployTarget): Promise<TargetFileRead> {
  const folder = path.join(root, '.astro');
  try {
    // The astro CLI's own folder; a Dockerfile-only project may not have it yet.
    await mkdir(folder, { mode: 0o755 });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EEXIST') throw new AppError('INTERNAL', `Airlock could not create the .astro folder in the project (${typeof code === 'string' ? code : 'unknown error'}).`);
  }
  const absolute = await resolveInsideProject(root, DEPLOY_TARGET_FILE);
  const existing = await readProjectFile(root, DEPLOY_TARGET_FILE);
  await writeFileAtomic(absolute, targetFileText(existing.exists ? existing.text : null, target), { mode: existing.mode ?? 0o644 });
  return { file: DEPLOY_TARGET_FILE, exists: true, target, problem: null };
}
