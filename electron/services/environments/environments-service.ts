/**
 * The environments of a project: the shared file (environments-store.ts), what this user's AWS
 * profiles say about each environment's profile (shared/environments/profile-match.ts), the
 * user's own profile picks (their settings), and, when asked, each Deployment's kwargs as Astro
 * applies them (shared/environments/kwargs-precedence.ts). Plain Node.
 */
import type { EnvironmentsView, EnvironmentView, ProfileSummary } from '../../../shared/api';
import { BACKEND_KWARGS_ENV, type ProjectSummary } from '../../../shared/api';
import { type DeploymentKwargs, effectiveKwargs, EMPTY_ENVIRONMENTS_FILE, type Environment, ENVIRONMENTS_FILE, type EnvironmentsFile, matchProfile, putEnvironment, removeEnvironment } from '../../../shared/environments';
import { AppError } from '../../../shared/errors';
import { readDockerfileEnv } from '../../../shared/project-files';
import type { DeploymentInfo } from '../astro';
import type { Logger } from '../log';
import { readProjectFile, recogniseProject } from '../project-folder';
import type { SettingsStore } from '../settings-store';
import { readEnvironmentsFile, writeEnvironmentsFile, type EnvironmentsRead } from './environments-store';

/** An environment as the window sends it (the contract's `environmentInputSchema`, parsed). */
export interface EnvironmentInput {
  readonly name: string;
  readonly deployment: { readonly workspaceId: string; readonly deploymentId: string } | null;
  readonly awsProfile: string | null;
  readonly accountId: string | null;
  readonly region: string | null;
  readonly backendKwargs: string | null;
  readonly production: boolean;
}

export interface EnvironmentsServiceDeps {
  readonly settings: SettingsStore;
  /** This user's AWS profiles (names, accounts when known, regions). */
  readonly profiles: { list(): Promise<readonly ProfileSummary[]> };
  /** Reads a Deployment through the astro CLI; the composition root hands in the deploy domain's reader. */
  readonly deployments: { inspect(deploymentId: string, workspaceId: string, signal?: AbortSignal): Promise<DeploymentInfo> };
  readonly log: Logger;
  readonly home?: string | undefined;
}

export interface EnvironmentsService {
  list(path: string, options?: { readDeployments?: boolean; signal?: AbortSignal }): Promise<EnvironmentsView>;
  put(path: string, input: { fingerprint: string; replacing: string | null; environment: EnvironmentInput }, signal?: AbortSignal): Promise<EnvironmentsView>;
  remove(path: string, input: { fingerprint: string; name: string }): Promise<EnvironmentsView>;
  setMine(path: string, name: string, profile: string | null): Promise<EnvironmentsView>;
}

function deploymentKwargs(info: DeploymentInfo): DeploymentKwargs {
  const variable = info.variables.find((candidate) => candidate.key === BACKEND_KWARGS_ENV);
  if (variable === undefined) return { state: 'absent' };
  return variable.isSecret || variable.value === null ? { state: 'secret' } : { state: 'plain', value: variable.value };
}

async function dockerfileKwargs(root: string): Promise<string | null> {
  const read = await readProjectFile(root, 'Dockerfile');
  if (!read.exists) return null;
  const entry = readDockerfileEnv(read.text).entries[BACKEND_KWARGS_ENV];
  return entry?.valueKnown === true ? entry.value : null;
}

export function createEnvironmentsService(deps: EnvironmentsServiceDeps): EnvironmentsService {
  const openProject = (projectPath: string): Promise<ProjectSummary> => recogniseProject(projectPath, deps.home, { suggest: false });
  const myProfiles = (root: string): Readonly<Record<string, string>> => deps.settings.get().environmentProfiles[root] ?? {};

  /** The file as it stands, or a clear error when it cannot be changed safely. */
  const editable = (read: EnvironmentsRead): EnvironmentsFile => {
    if (read.parse === null) return EMPTY_ENVIRONMENTS_FILE;
    if (!read.parse.ok) throw new AppError('INVALID_INPUT', `${read.parse.problem} Airlock does not write over a file it cannot read: fix it (or move it away) first.`);
    return read.parse.file;
  };

  const viewOne = async (root: string, environment: Environment, profiles: readonly ProfileSummary[], dockerfile: string | null, readDeployments: boolean, signal: AbortSignal | undefined): Promise<EnvironmentView> => {
    const myProfile = myProfiles(root)[environment.name] ?? null;
    const profile = matchProfile({
      teamProfile: environment.awsProfile,
      myProfile,
      expectedAccount: environment.accountId,
      expectedRegion: environment.region,
      profiles: profiles.map((candidate) => ({ name: candidate.name, account: candidate.account, region: candidate.region })),
    });
    let state: DeploymentKwargs = { state: 'not-read' };
    let deploymentError: string | null = null;
    if (readDeployments && environment.deployment !== null) {
      try {
        state = deploymentKwargs(await deps.deployments.inspect(environment.deployment.deploymentId, environment.deployment.workspaceId, signal));
      } catch (error) {
        deploymentError = error instanceof AppError ? error.message : `The Deployment "${environment.deployment.deploymentName}" could not be read.`;
      }
    }
    return {
      name: environment.name,
      deployment: environment.deployment,
      awsProfile: environment.awsProfile,
      accountId: environment.accountId,
      region: environment.region,
      backendKwargs: environment.backendKwargs,
      production: environment.production,
      myProfile,
      profile,
      kwargs: effectiveKwargs({ deployment: state, environment: environment.backendKwargs, dockerfile }),
      deploymentError,
    };
  };

  const view = async (root: string, read: EnvironmentsRead, readDeployments: boolean, signal?: AbortSignal): Promise<EnvironmentsView> => {
    const base = { projectPath: root, file: ENVIRONMENTS_FILE, exists: read.exists, fingerprint: read.fingerprint };
    if (read.parse !== null && !read.parse.ok) {
      return { ...base, migratedFrom: null, problem: `${read.parse.problem} Nothing is written over it until it is fixed.`, environments: [], deployEnvironment: null };
    }
    const file = read.parse?.file ?? EMPTY_ENVIRONMENTS_FILE;
    const profiles = await deps.profiles.list();
    const dockerfile = await dockerfileKwargs(root);
    // One CLI call per Deployment, side by side: each takes seconds.
    const environments = await Promise.all(file.environments.map((environment) => viewOne(root, environment, profiles, dockerfile, readDeployments, signal)));
    return { ...base, migratedFrom: read.parse?.migratedFrom ?? null, problem: null, environments, deployEnvironment: file.deployEnvironment };
  };

  return {
    async list(projectPath, options = {}) {
      const { path: root } = await openProject(projectPath);
      return view(root, await readEnvironmentsFile(root), options.readDeployments === true, options.signal);
    },
    async put(projectPath, input, signal) {
      const { path: root } = await openProject(projectPath);
      const file = editable(await readEnvironmentsFile(root));
      const wanted = input.environment;
      let deployment: Environment['deployment'] = null;
      if (wanted.deployment !== null) {
        // Checks that the Deployment exists in that workspace and takes its real names.
        const info = await deps.deployments.inspect(wanted.deployment.deploymentId, wanted.deployment.workspaceId, signal);
        deployment = { workspaceId: info.workspaceId, workspaceName: info.workspaceName, deploymentId: info.id, deploymentName: info.name };
      }
      const environment: Environment = { ...wanted, deployment };
      const changed = putEnvironment(file, environment, input.replacing);
      if (!changed.ok) throw new AppError('INVALID_INPUT', changed.problem);
      const written = await writeEnvironmentsFile(root, changed.file, input.fingerprint);
      if (input.replacing !== null && input.replacing !== environment.name) {
        // The user's own profile pick follows the environment's new name.
        deps.settings.update((settings) => {
          const mine = { ...(settings.environmentProfiles[root] ?? {}) };
          const picked = mine[input.replacing ?? ''];
          if (picked === undefined) return settings;
          delete mine[input.replacing ?? ''];
          return { ...settings, environmentProfiles: { ...settings.environmentProfiles, [root]: { ...mine, [environment.name]: picked } } };
        });
      }
      deps.log.info('environment saved', { environments: changed.file.environments.length, production: environment.production });
      return view(root, written, false);
    },
    async remove(projectPath, input) {
      const { path: root } = await openProject(projectPath);
      const changed = removeEnvironment(editable(await readEnvironmentsFile(root)), input.name);
      if (!changed.ok) throw new AppError('NOT_FOUND', changed.problem);
      const written = await writeEnvironmentsFile(root, changed.file, input.fingerprint);
      deps.log.info('environment removed', { environments: changed.file.environments.length });
      return view(root, written, false);
    },
    async setMine(projectPath, name, profile) {
      const { path: root } = await openProject(projectPath);
      const read = await readEnvironmentsFile(root);
      const file = editable(read);
      if (!file.environments.some((environment) => environment.name === name)) throw new AppError('NOT_FOUND', `There is no environment named "${name}". Reload the list.`);
      deps.settings.update((settings) => {
        const mine = { ...(settings.environmentProfiles[root] ?? {}) };
        if (profile === null) delete mine[name];
        else mine[name] = profile;
        return { ...settings, environmentProfiles: { ...settings.environmentProfiles, [root]: mine } };
      });
      return view(root, read, false);
    },
  };
}
