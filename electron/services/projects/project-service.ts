/**
 * The projects domain in the main process: opening and remembering projects, the health
 * checklist, planning and applying file edits, secret existence checks and the DAG scan.
 * Plain Node; the handlers in electron/handlers/projects.ts only adapt it to the API.
 */
import type {
  ApplyResult,
  ChangePlan,
  DagReferences,
  ProjectChange,
  ProjectHealth,
  ProjectSummary,
  RecentProject,
  SecretNameIndex,
  SecretStatus,
} from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { ProjectSession } from './project-session';
import type { SettingsStore } from '../settings-store';
import { applyStoredPlan, type ReviewedFile } from './apply-plan';
import { planProjectChanges } from './change-planner';
import { findDagReferences, type DagReferenceInput } from './dag-reference-finder';
import type { DeploymentVariablesSource } from './health/deployment-check';
import { runHealth } from './health/run-health';
import { resolveLocalCredentials } from './local-credentials';
import { physicalLines } from './masking';
import { createPlanStore } from './plan-store';
import { normalizeProjectPath, readAstroProjectName, recogniseProject } from '../project-folder';
import { createSecretsManagerAccess, type SecretsManagerAccess } from '../secrets';
import { describePresence, listAllNames, sessionGateway } from './secret-presence';

export const MAX_RECENT_PROJECTS = 20;
/** 100 pages of 100 names: enough for the prefix checks in all but huge accounts. */
const NAME_INDEX_MAX_PAGES = 100;

export interface ProjectServiceDeps {
  readonly settings: SettingsStore;
  readonly session: ProjectSession;
  readonly log: Logger;
  readonly pickFolder?: ((title: string) => Promise<string | null>) | undefined;
  readonly home?: string;
  readonly now?: () => Date;
  /** A reader of the project's Deployment for the checklist, handed in by the composition root (none: the item says so). */
  readonly deployment?: DeploymentVariablesSource | null;
  /** The Secrets Manager gateways (shared with the secrets domain); one of its own when absent. */
  readonly secretsManager?: SecretsManagerAccess;
}

export interface ProjectService {
  open(path: string): Promise<ProjectSummary>;
  pickFolder(): Promise<string | null>;
  recent(): Promise<RecentProject[]>;
  forget(path: string): Promise<RecentProject[]>;
  health(path: string): Promise<ProjectHealth>;
  planChanges(path: string, changes: readonly ProjectChange[]): Promise<ChangePlan>;
  applyChanges(path: string, planId: string, reviewed: readonly ReviewedFile[]): Promise<ApplyResult>;
  revealPlanLine(planId: string, file: string, side: 'old' | 'new', line: number): string;
  secretStatus(name: string, signal?: AbortSignal): Promise<SecretStatus>;
  secretNames(signal?: AbortSignal): Promise<SecretNameIndex>;
  dagReferences(path: string, input: DagReferenceInput, signal?: AbortSignal): Promise<DagReferences>;
}

export function createProjectService(deps: ProjectServiceDeps): ProjectService {
  const now = deps.now ?? (() => new Date());
  const plans = createPlanStore({ now });
  const access = deps.secretsManager ?? createSecretsManagerAccess();

  const remember = (path: string): void => {
    deps.settings.update((settings) => ({ ...settings, recentProjects: [path, ...settings.recentProjects.filter((item) => item !== path)].slice(0, MAX_RECENT_PROJECTS) }));
  };

  const recent = async (): Promise<RecentProject[]> =>
    Promise.all(
      deps.settings.get().recentProjects.map(async (path): Promise<RecentProject> => {
        try {
          // No "did you mean" search here: this runs for every recent entry.
          const project = await recogniseProject(path, deps.home, { suggest: false });
          return { path, name: project.name, available: true };
        } catch {
          return { path, name: (await readAstroProjectName(path)).name, available: false };
        }
      }),
    );

  /** Every project call starts here: the folder must still be an Astro project. */
  const openFolder = (path: string): Promise<ProjectSummary> => recogniseProject(path, deps.home, { suggest: false });

  return {
    async open(path) {
      const project = await recogniseProject(path, deps.home);
      remember(project.path);
      return project;
    },
    async pickFolder() {
      if (deps.pickFolder === undefined) {
        throw new AppError('INVALID_INPUT', 'Browser mode cannot show a folder dialog. Type the full path of your Astro project folder instead.');
      }
      return deps.pickFolder('Open an Astro project folder');
    },
    recent,
    async forget(path) {
      const target = normalizeProjectPath(path, deps.home);
      deps.settings.update((settings) => ({ ...settings, recentProjects: settings.recentProjects.filter((item) => item !== target && item !== path) }));
      return recent();
    },
    async health(path) {
      const project = await openFolder(path);
      return runHealth(project.path, project, { session: deps.session, access, log: deps.log, now, deployment: deps.deployment ?? null });
    },
    async planChanges(path, changes) {
      const project = await openFolder(path);
      const { stored, plan } = await planProjectChanges(project.path, changes, { credentials: () => resolveLocalCredentials(deps.session), now });
      if (stored.files.length > 0) plans.put(stored);
      return plan;
    },
    async applyChanges(path, planId, reviewed) {
      const project = await openFolder(path);
      const stored = plans.take(planId);
      if (stored === null) throw new AppError('NOT_FOUND', 'This review has expired or was already applied. Review the changes again.');
      if (stored.root !== project.path) throw new AppError('INVALID_INPUT', 'This review belongs to another project. Review the changes again.');
      const result = await applyStoredPlan(stored, reviewed);
      deps.log.info('project files written', { files: result.files.map((file) => file.file) });
      return result;
    },
    revealPlanLine(planId, file, side, line) {
      const stored = plans.get(planId);
      const entry = stored?.files.find((item) => item.file === file);
      if (stored === null || entry === undefined) throw new AppError('NOT_FOUND', 'This review has expired or was already applied. Review the changes again.');
      const text = physicalLines(side === 'old' ? entry.before : entry.after)[line - 1];
      if (text === undefined) throw new AppError('NOT_FOUND', `Line ${line} is not in the reviewed ${file}.`);
      return text;
    },
    async secretStatus(name, signal) {
      const target = await sessionGateway(deps.session, access);
      if (target === null) return { name, presence: 'unknown', reason: 'No AWS profile is active. Choose one in the header to check.', profile: null };
      try {
        return { name, presence: await describePresence(target.gateway, name, signal), reason: null, profile: target.profile };
      } catch (error) {
        return { name, presence: 'unknown', reason: error instanceof AppError ? error.message : 'The check failed.', profile: target.profile };
      }
    },
    async secretNames(signal) {
      const target = await sessionGateway(deps.session, access);
      if (target === null) throw new AppError('CREDENTIALS_MISSING', 'Choose an AWS profile first (the header\'s profile menu), or use the sandbox.');
      const listed = await listAllNames(target.gateway, NAME_INDEX_MAX_PAGES, signal);
      return { names: listed.names, complete: listed.complete, listCalls: listed.calls, profile: target.profile };
    },
    async dagReferences(path, input, signal) {
      const project = await openFolder(path);
      return findDagReferences(project.path, input, deps.session, signal, access);
    },
  };
}
