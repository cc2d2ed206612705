/**
 * The deploy review: what the Deployment and the two files would become, read from a fresh
 * inspect of the Deployment and the files on disk, kept in memory (values included) until the
 * user applies it or it expires.
 *
 * Values reach the CLI only through the runner's private `--load` file; a value that file cannot
 * carry exactly is refused here, before anything runs.
 */
import { randomUUID } from 'node:crypto';
import type { DeployPlan, EnvironmentPlans } from '../../../shared/api';
import { BACKEND_KWARGS_ENV } from '../../../shared/api';
import { awsCredentialVariables, backendVariables, type CurrentVariable, type DesiredVariable, planDeploymentVariables, resolveDeployKwargs, snapshotOf } from '../../../shared/deploy';
import { AppError } from '../../../shared/errors';
import { readDockerfileEnv } from '../../../shared/project-files';
import { describeCommand, loadFilePreviewPath, loadFileProblem } from '../astro';
import type { Logger } from '../log';
import { deployedBackendProblems, resolveLocalCredentials, type LocalCredentials } from '../projects';
import type { ProjectService, ProjectSession } from '../projects';
import { readProjectFile } from '../project-folder';
import { asAppError } from './deployment-reader';
import { fileChanged, TARGET_ORDER, type DeployPlanStore, type StoredDeployPlan } from './deploy-plan-store';
import { openDeployProject, requireEnvironmentTarget, requireTarget } from './deploy-targets';
import { readEnvironmentTargets } from './target-file';
import type { DeploymentReader } from './deployment-reader';
import { dockerfileBackendVars, planDockerfileTarget, planDotenvTarget, unavailable, type FileTargetPlan } from './file-targets';
import type { SecretRecordsStore } from './secret-records';

export interface PlanInput {
  readonly kwargsJson?: string | undefined;
  readonly includeAwsCredentials: boolean;
  /** Plan this environment's Deployment (with its recorded kwargs and region) instead of the deploy environment's. */
  readonly environment?: string | undefined;
  /**
   * Plan the Deployment alone. The Dockerfile and .env are the project's, shared by every
   * environment: one review per environment must not write them to each environment's kwargs in turn.
   */
  readonly deploymentOnly?: boolean | undefined;
}

export interface DeployPlanner {
  plan(path: string, input: PlanInput, signal?: AbortSignal): Promise<DeployPlan>;
  /** One Deployment-only review per environment with a Deployment; one failing does not hide the others. */
  planAll(path: string, signal?: AbortSignal): Promise<EnvironmentPlans>;
  revealLine(planId: string, key: string, side: 'current' | 'desired'): string;
}

export interface DeployPlannerDeps {
  readonly reader: Pick<DeploymentReader, 'inspect' | 'withDigests'>;
  readonly projects: Pick<ProjectService, 'planChanges'>;
  /** The active AWS profile: its keys for .env (and, when asked, the Deployment) and its region. */
  readonly session: ProjectSession;
  readonly records: Pick<SecretRecordsStore, 'recordsFor'>;
  readonly plans: DeployPlanStore;
  readonly log: Logger;
  readonly home?: string | undefined;
  readonly now: () => Date;
}

/** What the command preview shows for the runner's private file (its folder name is random). */
const LOAD_FILE_PREVIEW = loadFilePreviewPath();

const NOT_IN_REVIEW = 'The project\'s files are shared by every environment: review them with one environment at a time.';
const notInThisReview = (file: 'Dockerfile' | '.env'): FileTargetPlan => unavailable(file, 'Not part of this review.', NOT_IN_REVIEW);

export const EXPIRED_REVIEW = 'This review has expired or was already deployed. Review the changes again.';

export function createDeployPlanner(deps: DeployPlannerDeps): DeployPlanner {
  const { now, plans } = deps;

  const localCredentials = async (): Promise<{ value: LocalCredentials | null; error: string | null }> => {
    try {
      return { value: await resolveLocalCredentials(deps.session), error: null };
    } catch (error) {
      return { value: null, error: error instanceof AppError ? error.message : 'The active profile\'s AWS keys could not be read.' };
    }
  };

  /** The Dockerfile's kwargs, used when the window gives none. */
  const dockerfileKwargs = async (root: string, given: string | undefined): Promise<string | null> => {
    if (given !== undefined && given.trim() !== '') return null;
    const read = await readProjectFile(root, 'Dockerfile');
    if (!read.exists) return null;
    const entry = readDockerfileEnv(read.text).entries[BACKEND_KWARGS_ENV];
    if (entry === undefined) return null;
    // What the image gets depends on something this file does not set: deploying the text as written would be a guess.
    if (!entry.valueKnown) {
      throw new AppError('INVALID_INPUT', `The Dockerfile's ${BACKEND_KWARGS_ENV} refers to $${entry.unresolvedVariables.join(', $')}, which the Dockerfile does not set, so Airlock cannot tell what to deploy. Write the JSON out in the Dockerfile (Projects → Backend kwargs).`);
    }
    return entry.value;
  };

  const plan = async (projectPath: string, input: PlanInput, signal?: AbortSignal): Promise<DeployPlan> => {
    const project = await openDeployProject(projectPath, deps.home);
    const root = project.path;
    const environment = input.environment === undefined ? null : await requireEnvironmentTarget(root, input.environment);
    const target = environment?.target ?? (await requireTarget(root));
    const credentials = await localCredentials();
    // An environment's recorded kwargs are what its Airflow runs with; kwargs given by the window still win.
    const given = input.kwargsJson !== undefined && input.kwargsJson.trim() !== '' ? input.kwargsJson : (environment?.backendKwargs ?? undefined);
    const kwargs = resolveDeployKwargs({ given, dockerfile: await dockerfileKwargs(root, given), defaultRegion: environment?.region ?? credentials.value?.region ?? null });
    if (!kwargs.ok) throw new AppError('INVALID_INPUT', kwargs.message);

    let deploymentUnavailable: string | null = null;
    const desired: DesiredVariable[] = backendVariables(kwargs.json);
    if (input.includeAwsCredentials) {
      if (credentials.value === null) {
        deploymentUnavailable = `The AWS keys cannot be included: ${credentials.error ?? 'no AWS profile is active.'} Untick "Include AWS keys" or choose a profile.`;
      } else if (credentials.value.sessionToken !== null) {
        deploymentUnavailable = `The keys of "${credentials.value.profile}" are temporary, so the Deployment would lose access to Secrets Manager when they expire. Use an IAM user's long-lived keys, or leave the keys out and give the backend a role (role_arn) instead.`;
      } else {
        desired.push(...awsCredentialVariables(credentials.value, kwargs.kwargs));
      }
    }

    const info = await deps.reader.inspect(target.deploymentId, target.workspaceId, signal);
    const digested = await deps.reader.withDigests(target.deploymentId, desired);
    const variables = planDeploymentVariables({ desired: digested, current: info.variables, records: await deps.records.recordsFor(target.deploymentId) });
    if (deploymentUnavailable === null) {
      const sent = new Set(variables.calls.flatMap((call) => call.keys));
      // Refused here, so that no call ever starts with a value the --load file would alter.
      const problem = digested.filter((want) => sent.has(want.key)).map((want) => loadFileProblem(want.key, want.value)).find((found) => found !== null);
      if (problem !== undefined && problem !== null) deploymentUnavailable = `${problem.message} Nothing can be deployed to the Deployment until then.`;
    }
    const commands = variables.calls.map((call) =>
      describeCommand({ kind: 'variable-update', deploymentId: target.deploymentId, workspaceId: target.workspaceId, envFile: LOAD_FILE_PREVIEW, secret: call.secret }),
    );

    const deploymentOnly = input.deploymentOnly === true;
    const dockerfile = deploymentOnly ? notInThisReview('Dockerfile') : await planDockerfileTarget(deps.projects, root, kwargs.json);
    // What the Health checklist would flag once these settings are deployed (a missing provider,
    // kwargs the provider ignores...): the deploy does not fix those, so the review says them first.
    const health = await deployedBackendProblems(root, project, dockerfileBackendVars(kwargs.json), { log: deps.log, now: now() });
    const dotenv = deploymentOnly ? notInThisReview('.env') : await planDotenvTarget(deps.projects, root, kwargs.json, credentials, now());

    const id = randomUUID();
    const stored: StoredDeployPlan = {
      id,
      root,
      createdAt: now().getTime(),
      target,
      environment: environment === null ? null : { name: environment.environment, accountId: environment.accountId, awsProfile: environment.target.awsProfile },
      desired: digested,
      before: { updatedAt: info.updatedAt, variables: info.variables },
      calls: variables.calls,
      deploymentUnavailable,
      dockerfile,
      dotenv,
    };
    plans.put(stored);
    const changedTargets = TARGET_ORDER.filter((name) => {
      if (name === 'deployment') return deploymentUnavailable === null && variables.calls.length > 0;
      return fileChanged(name === 'dockerfile' ? dockerfile : dotenv);
    });
    return {
      planId: id,
      projectPath: root,
      createdAt: now().toISOString(),
      kwargs: { source: kwargs.source },
      health,
      includeAwsCredentials: input.includeAwsCredentials,
      deployment: {
        available: deploymentUnavailable === null,
        unavailable: deploymentUnavailable,
        deployment: {
          id: info.id,
          name: info.name,
          workspaceId: info.workspaceId,
          workspaceName: info.workspaceName,
          status: info.status,
          runtimeVersion: info.runtimeVersion,
          airflowVersion: info.airflowVersion,
          url: info.deploymentUrl,
        },
        rows: variables.rows,
        untouched: variables.untouched,
        calls: variables.calls,
        commands,
        snapshot: snapshotOf(info),
        production: target.production,
      },
      dockerfile: dockerfile.section,
      dotenv: dotenv.section,
      changedTargets,
    };
  };

  const planAll = async (projectPath: string, signal?: AbortSignal): Promise<EnvironmentPlans> => {
    const project = await openDeployProject(projectPath, deps.home);
    const read = await readEnvironmentTargets(project.path);
    if (read.problem !== null) throw new AppError('INVALID_INPUT', read.problem);
    if (read.targets.length === 0) throw new AppError('INVALID_INPUT', 'No environment of this project has an Astro Deployment. Add environments in Projects → Environments first.');
    // Each Deployment is read by its own CLI run; they run side by side and fail on their own.
    const sections = await Promise.all(
      read.targets.map(async (entry) => {
        const head = { environment: entry.environment, deploymentName: entry.target.deploymentName, production: entry.target.production, accountId: entry.accountId, region: entry.region };
        try {
          return { ...head, plan: await plan(project.path, { includeAwsCredentials: false, environment: entry.environment, deploymentOnly: true }, signal), error: null };
        } catch (error) {
          return { ...head, plan: null, error: asAppError(error).toApiError() };
        }
      }),
    );
    return { projectPath: project.path, sections };
  };

  return {
    plan,
    planAll,
    revealLine(planId, key, side) {
      const stored = plans.get(planId);
      if (stored === null) throw new AppError('NOT_FOUND', EXPIRED_REVIEW);
      if (side === 'desired') {
        const want = stored.desired.find((item) => item.key === key);
        if (want === undefined) throw new AppError('NOT_FOUND', `${key} is not part of this review.`);
        return want.value;
      }
      const current: CurrentVariable | undefined = stored.before.variables.find((item) => item.key === key);
      if (current === undefined || current.value === null || current.isSecret) throw new AppError('NOT_FOUND', `Astro never shows the value of a secret variable, so ${key} cannot be revealed.`);
      return current.value;
    },
  };
}
