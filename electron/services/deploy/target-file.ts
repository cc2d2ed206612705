/**
 * The project-local target file, `.astro/airlock.json`: which Astro workspace and Deployment the
 * project deploys to, the AWS profile the team uses with it, and whether the Deployment is
 * production. It holds ids and names only (no secret), so a team can commit and share it.
 *
 * Read and written through the projects domain's file helpers: the path must stay inside the
 * project (symlinks included) and the write is atomic.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEPLOY_TARGET_FILE, type DeployTarget, type TargetFileRead } from '../../../shared/api/deploy';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../atomic-file';
import { readProjectFile, resolveInsideProject } from '../projects/project-fs';

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
const targetSchema = z.object({
  version: z.literal(1),
  workspaceId: idSchema,
  workspaceName: z.string().max(256).nullable().optional(),
  deploymentId: idSchema,
  deploymentName: z.string().min(1).max(256),
  awsProfile: z.string().min(1).max(256).nullable().optional(),
  production: z.boolean().optional(),
});

const COMMENT = 'Written by Airlock: the Astro Deployment (and AWS profile) this project deploys to. Ids and names only, no secrets: safe to commit.';

export async function readTargetFile(root: string): Promise<TargetFileRead> {
  const read = await readProjectFile(root, DEPLOY_TARGET_FILE);
  if (!read.exists) return { file: DEPLOY_TARGET_FILE, exists: false, target: null, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return { file: DEPLOY_TARGET_FILE, exists: true, target: null, problem: `${DEPLOY_TARGET_FILE} is not valid JSON. Choose the Deployment again to rewrite it.` };
  }
  const parsed = targetSchema.safeParse(value);
  if (!parsed.success) {
    return { file: DEPLOY_TARGET_FILE, exists: true, target: null, problem: `${DEPLOY_TARGET_FILE} does not have the fields Airlock expects. Choose the Deployment again to rewrite it.` };
  }
  const data = parsed.data;
  const target: DeployTarget = {
    workspaceId: data.workspaceId,
    workspaceName: data.workspaceName ?? null,
    deploymentId: data.deploymentId,
    deploymentName: data.deploymentName,
    awsProfile: data.awsProfile ?? null,
    production: data.production === true,
  };
  return { file: DEPLOY_TARGET_FILE, exists: true, target, problem: null };
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
  await writeFileAtomic(absolute, renderTargetFile(target), { mode: existing.mode ?? 0o644 });
  return { file: DEPLOY_TARGET_FILE, exists: true, target, problem: null };
}
