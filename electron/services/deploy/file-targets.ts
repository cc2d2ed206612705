/**
 * The two file targets of a deploy, planned and written by the projects domain (one plan per
 * file, so each can be ticked on its own) and read back afterwards:
 *
 * - Dockerfile: the final stage's ENV AIRFLOW__SECRETS__BACKEND and ..._BACKEND_KWARGS, which
 *   every image built from the project (a Deployment's included) starts with.
 * - .env: the active profile's AWS keys for `astro dev` (what the projects issue writes there),
 *   and .env's own copies of the two backend variables when it has them, so that the local run
 *   does not use stale ones (.env wins over the Dockerfile locally).
 */
import type { FileSection } from '../../../shared/api';
import { BACKEND_ENV, BACKEND_KWARGS_ENV, SECRETS_MANAGER_BACKEND_CLASS, type ChangePlan, type ProjectChange } from '../../../shared/api';
import type { VerificationCheck } from '../../../shared/deploy';
import { AppError } from '../../../shared/errors';
import { readDockerfileEnv, readDotenv } from '../../../shared/project-files';
import { credentialNotes, type LocalCredentials, isMaskedDotenvKey, formatMode, ignoreGapsOnDisk, joinFiles, needsIgnoreEntries } from '../projects';
import type { ProjectService } from '../projects';
import { readProjectFile } from '../project-folder';

export type FileTargetName = 'Dockerfile' | '.env';

export interface FileTargetPlan {
  readonly section: FileSection;
  /** What each key must read back as after the write (null: absent). Main process only. */
  readonly intended: Readonly<Record<string, string | null>>;
  /** The write puts a secret into the file: the read-back also checks it is private and ignored. */
  readonly secretAdded: boolean;
}

type Planner = Pick<ProjectService, 'planChanges'>;

export function unavailable(file: FileTargetName, purpose: string, reason: string): FileTargetPlan {
  return { section: { file, available: false, unavailable: reason, plan: null, purpose, notes: [] }, intended: {}, secretAdded: false };
}

async function planOne(projects: Planner, root: string, change: ProjectChange): Promise<{ plan: ChangePlan } | { problem: string }> {
  try {
    return { plan: await projects.planChanges(root, [change]) };
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') return { problem: error.message };
    throw error;
  }
}

/** The Dockerfile ENV lines a deploy sets: the one place both the Dockerfile target and the review's health checks take them from. */
export function dockerfileBackendVars(kwargsJson: string): Readonly<Record<string, string>> {
  return { [BACKEND_ENV]: SECRETS_MANAGER_BACKEND_CLASS, [BACKEND_KWARGS_ENV]: kwargsJson };
}

export async function planDockerfileTarget(projects: Planner, root: string, kwargsJson: string): Promise<FileTargetPlan> {
  const purpose = `ENV ${BACKEND_ENV} and ${BACKEND_KWARGS_ENV} in the final stage: what every image built from this project starts with.`;
  const read = await readProjectFile(root, 'Dockerfile');
  if (!read.exists) return unavailable('Dockerfile', purpose, 'The project has no Dockerfile. Create it with `astro dev init` first.');
  const vars = dockerfileBackendVars(kwargsJson);
  const planned = await planOne(projects, root, { kind: 'dockerfile-env', vars: { ...vars } });
  if ('problem' in planned) return unavailable('Dockerfile', purpose, planned.problem);
  return { section: { file: 'Dockerfile', available: true, unavailable: null, plan: planned.plan, purpose, notes: planned.plan.notes }, intended: vars, secretAdded: addsSecret(planned.plan, 'Dockerfile') };
}

export async function planDotenvTarget(
  projects: Planner,
  root: string,
  kwargsJson: string,
  credentials: { value: LocalCredentials | null; error: string | null },
  now: Date,
): Promise<FileTargetPlan> {
  const purpose = 'AWS keys for local runs (`astro dev` hands .env to every container), and .env\'s own copies of the backend variables when it has them.';
  const read = await readProjectFile(root, '.env');
  const current = read.exists ? readDotenv(read.text) : null;
  const vars: Record<string, string | null> = {};
  const notes: string[] = [];
  if (credentials.value !== null) {
    const keys = credentials.value;
    vars.AWS_ACCESS_KEY_ID = keys.accessKeyId;
    vars.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
    // A leftover session token would be sent with long-lived keys and make AWS reject them.
    vars.AWS_SESSION_TOKEN = keys.sessionToken;
    if (current?.keys.AWS_DEFAULT_REGION === undefined && current?.keys.AWS_REGION === undefined) vars.AWS_DEFAULT_REGION = keys.region;
    notes.push(...credentialNotes(keys, now));
  }
  // Locally .env wins over the Dockerfile: copies there must not keep an old backend.
  if (current?.keys[BACKEND_ENV] !== undefined) vars[BACKEND_ENV] = SECRETS_MANAGER_BACKEND_CLASS;
  if (current?.keys[BACKEND_KWARGS_ENV] !== undefined) vars[BACKEND_KWARGS_ENV] = kwargsJson;
  if (Object.keys(vars).length === 0) {
    const why = credentials.error ?? 'No AWS profile is active.';
    return unavailable('.env', purpose, `${why} Choose an AWS profile in the header to write its keys for local runs.`);
  }
  if (credentials.value === null) notes.push(`The AWS keys are left as they are: ${credentials.error ?? 'no AWS profile is active.'}`);
  const planned = await planOne(projects, root, { kind: 'dotenv-env', vars, removeDuplicates: true });
  if ('problem' in planned) return unavailable('.env', purpose, planned.problem);
  return { section: { file: '.env', available: true, unavailable: null, plan: planned.plan, purpose, notes: [...new Set([...notes, ...planned.plan.notes])] }, intended: vars, secretAdded: addsSecret(planned.plan, '.env') };
}

function addsSecret(plan: ChangePlan, file: FileTargetName): boolean {
  return plan.files.some((item) => item.file === file && item.addsSecret);
}

/** After a write that added a secret: the file is private, and a .env is kept out of git and the image. */
async function secretFileChecks(root: string, file: FileTargetName, mode: number | null): Promise<VerificationCheck[]> {
  const checks: VerificationCheck[] = [];
  // Windows has no such permission bits: there the mode says nothing.
  if (process.platform !== 'win32') {
    const privateToUser = mode !== null && (mode & 0o077) === 0;
    const shown = mode === null ? 'unknown' : formatMode(mode);
    checks.push({ key: null, ok: privateToUser, detail: privateToUser ? `${file} is readable by you only (mode ${shown}).` : `${file} is readable by others (mode ${shown}).` });
  }
  if (needsIgnoreEntries(file)) {
    const gaps = await ignoreGapsOnDisk(root, file);
    checks.push(gaps.length === 0 ? { key: null, ok: true, detail: `${file} is git-ignored and docker-ignored.` } : { key: null, ok: false, detail: `${joinFiles(gaps)} does not ignore ${file}.` });
  }
  return checks;
}

/**
 * Reads a written file back and checks each key Airlock set (values of secret keys are not shown),
 * and, when the write added a secret, that the file is private and (for .env) ignored.
 */
export async function verifyFileTarget(root: string, file: FileTargetName, planned: Pick<FileTargetPlan, 'intended' | 'secretAdded'>): Promise<VerificationCheck[]> {
  const read = await readProjectFile(root, file);
  if (!read.exists) return [{ key: null, ok: false, detail: `${file} is missing.` }];
  const values: Readonly<Record<string, string>> = file === 'Dockerfile' ? readDockerfileEnv(read.text).env : readDotenv(read.text).values;
  const keyChecks = Object.entries(planned.intended).map(([key, want]): VerificationCheck => {
    const found = values[key];
    if (want === null) return found === undefined ? { key, ok: true, detail: 'Absent, as planned.' } : { key, ok: false, detail: 'Still present.' };
    if (found === undefined) return { key, ok: false, detail: 'Missing.' };
    const secret = file === '.env' && isMaskedDotenvKey(key, want);
    if (found !== want) return { key, ok: false, detail: 'Present, but the value read back differs from the plan.' };
    return { key, ok: true, detail: secret ? 'Present, value matches (masked).' : `Present, value matches.` };
  });
  return planned.secretAdded ? [...keyChecks, ...(await secretFileChecks(root, file, read.mode))] : keyChecks;
}
