/**
 * Everything the health checks look at, read once per run: the project's files (with
 * fingerprints), their parsed forms, the provider pin, the backend settings, and lazy access to
 * the active AWS profile (no AWS call is made unless a check needs it).
 */
import path from 'node:path';
import {
  minimumProviderVersionFor,
  parseBackendKwargs,
  type BackendKwargs,
  type Problem,
  type ProviderVersion,
} from '../../../../shared/airflow';
import type { BackendSettings, HealthEvidence, ProfileRef, ProjectSummary, ProviderPin } from '../../../../shared/api';
import { AMAZON_PROVIDER_PACKAGE, BACKEND_ENV, BACKEND_KWARGS_ENV } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { planDockerfileEnv, readDockerfileEnv, readDotenv, type DockerfileEnvRead, type DotenvRead } from '../../../../shared/project-files';
import { toAppError } from '../../aws';
import type { SecretsGateway, SecretsManagerAccess } from '../../secrets';
import type { ProjectSession } from '../project-session';
import { sessionGateway } from '../secret-presence';
import type { DeploymentVariablesSource } from './deployment-source';

type ProjectClients = Awaited<ReturnType<ProjectSession['clients']>>;
import { resolveLocalCredentials, type LocalCredentials } from '../local-credentials';
import { maskFileText, maskedLine } from '../masking';
import { pathKind, readProjectFileOrNote, type ProjectFileRead } from '../../project-folder';
import { searchRequirements, specifierLowerBound, type RequirementsSearch } from '../requirements-search';

export interface AwsAccess {
  readonly profile: ProfileRef | null;
  /** Why no AWS check can run (no profile chosen, credentials failed); null when clients exist. */
  readonly unavailable: string | null;
  readonly clients: ProjectClients | null;
  /** The active profile's Secrets Manager gateway; null when unavailable. */
  readonly secrets: SecretsGateway | null;
  /** The active profile's credentials, resolved once on first use; null when unavailable. */
  credentials(): Promise<{ value: LocalCredentials | null; error: string | null }>;
}

export interface HealthContext {
  readonly root: string;
  readonly project: ProjectSummary;
  readonly dockerfile: ProjectFileRead | null;
  readonly dotenv: ProjectFileRead | null;
  readonly gitignore: ProjectFileRead | null;
  readonly dockerignore: ProjectFileRead | null;
  readonly isGitRepository: boolean;
  readonly dockerEnv: DockerfileEnvRead | null;
  readonly dotenvRead: DotenvRead | null;
  readonly requirements: RequirementsSearch;
  readonly provider: ProviderPin;
  readonly backend: BackendSettings;
  /** The kwargs from the Dockerfile when they parse. */
  readonly kwargs: BackendKwargs | null;
  readonly kwargsParseProblems: readonly Problem[];
  /** What Airflow actually uses: the parsed kwargs, or {} (every default) when absent or invalid. */
  readonly effectiveKwargs: BackendKwargs;
  readonly providerMinimum: ProviderVersion;
  readonly aws: AwsAccess;
  readonly now: Date;
  /** Notes about files that could not be read (outside the project, too large). */
  readonly readNotes: readonly string[];
  /** Reads the project's Deployment (the deploy domain), or null where the astro CLI is not wired. */
  readonly deployment: DeploymentVariablesSource | null;
}

export function createAwsAccess(session: ProjectSession, access: SecretsManagerAccess): AwsAccess & { init(): Promise<void> } {
  let profile: ProfileRef | null = null;
  let unavailable: string | null = null;
  let clients: ProjectClients | null = null;
  let secrets: SecretsGateway | null = null;
  let credentials: Promise<{ value: LocalCredentials | null; error: string | null }> | null = null;
  return {
    get profile() {
      return profile;
    },
    get unavailable() {
      return unavailable;
    },
    get clients() {
      return clients;
    },
    get secrets() {
      return secrets;
    },
    async init() {
      try {
        const active = await session.active();
        if (active === null) {
          unavailable = 'No AWS profile is active. Choose one in the header (or use the sandbox) to check the secrets.';
          return;
        }
        clients = await session.clients();
        profile = { name: active.profile.name, region: clients.region };
        secrets = (await sessionGateway(session, access))?.gateway ?? null;
      } catch (error) {
        unavailable = (error instanceof AppError ? error : toAppError(error)).message;
      }
    },
    credentials() {
      credentials ??= (async () => {
        if (clients === null) return { value: null, error: unavailable };
        try {
          return { value: await resolveLocalCredentials(session), error: null };
        } catch (error) {
          return { value: null, error: (error instanceof AppError ? error : toAppError(error)).message };
        }
      })();
      return credentials;
    },
  };
}

/** For checks that make no AWS call, or that must not (a deploy review): every AWS item says why it did not run. */
export function noAwsAccess(reason: string): AwsAccess {
  return { profile: null, unavailable: reason, clients: null, secrets: null, credentials: () => Promise.resolve({ value: null, error: reason }) };
}

export interface HealthContextOptions {
  /**
   * ENV lines about to be set in the Dockerfile's final stage (a deploy review): the checks then
   * read the Dockerfile as it will be, through the same setter the write uses. A Dockerfile that
   * setter refuses to edit is read as it is, since the write would not happen either.
   */
  readonly dockerfileEnv?: Readonly<Record<string, string | null>>;
}

export async function buildHealthContext(
  root: string,
  project: ProjectSummary,
  aws: AwsAccess,
  now: Date,
  deployment: DeploymentVariablesSource | null = null,
  options: HealthContextOptions = {},
): Promise<HealthContext> {
  const readNotes: string[] = [];
  const read = async (file: string): Promise<ProjectFileRead | null> => {
    const result = await readProjectFileOrNote(root, file);
    if (result.note !== null) readNotes.push(result.note);
    return result.read;
  };
  const [dockerfileOnDisk, dotenv, gitignore, dockerignore, gitKind, requirements] = await Promise.all([
    read('Dockerfile'),
    read('.env'),
    read('.gitignore'),
    read('.dockerignore'),
    pathKind(path.join(root, '.git')),
    searchRequirements(root, AMAZON_PROVIDER_PACKAGE),
  ]);
  const dockerfile = dockerfileOnDisk !== null && options.dockerfileEnv !== undefined ? asPlanned(dockerfileOnDisk, options.dockerfileEnv) : dockerfileOnDisk;
  const dockerEnv = dockerfile?.exists === true ? readDockerfileEnv(dockerfile.text) : null;
  const dotenvRead = dotenv?.exists === true ? readDotenv(dotenv.text) : null;

  const kwargsEntry = dockerEnv?.entries[BACKEND_KWARGS_ENV];
  const classEntry = dockerEnv?.entries[BACKEND_ENV];
  const kwargsJson = kwargsEntry === undefined ? null : kwargsEntry.value;
  const parsed = kwargsJson === null ? null : parseBackendKwargs(kwargsJson);
  const kwargs = parsed?.ok === true ? parsed.kwargs : null;
  const backend: BackendSettings = {
    backendClass: classEntry?.value ?? null,
    kwargsJson,
    kwargsLine: kwargsEntry?.line ?? null,
    kwargsState: parsed === null ? 'absent' : parsed.ok ? 'ok' : 'invalid',
  };

  const requirementMatches = requirements.matches.filter((match) => match.kind === 'requirements');
  const specifier = requirements.matches.map((match) => match.entry.specifier).filter((spec) => spec !== '').join(',');
  const first = requirementMatches[0];
  const provider: ProviderPin = {
    found: requirementMatches.length > 0,
    specifier,
    atLeast: specifier === '' ? null : specifierLowerBound(specifier),
    file: first?.file ?? null,
    line: first?.entry.line ?? null,
    direct: requirementMatches.some((match) => match.entry.url !== null),
  };

  return {
    root,
    project,
    dockerfile,
    dotenv,
    gitignore,
    dockerignore,
    isGitRepository: gitKind !== 'missing',
    dockerEnv,
    dotenvRead,
    requirements,
    provider,
    backend,
    kwargs,
    kwargsParseProblems: parsed === null ? [] : parsed.ok ? parsed.warnings : parsed.problems,
    effectiveKwargs: kwargs ?? {},
    providerMinimum: minimumProviderVersionFor(kwargs ?? {}),
    aws,
    now,
    readNotes,
    deployment,
  };
}

function asPlanned(read: ProjectFileRead, vars: Readonly<Record<string, string | null>>): ProjectFileRead {
  if (!read.exists) return read;
  const planned = planDockerfileEnv(read.text, vars);
  return planned.ok ? { ...read, text: planned.text } : read;
}

/** Evidence for one line of a project file, masked as the window may see it. */
export function lineEvidence(file: ProjectFileRead, line: number): HealthEvidence {
  const shown = maskedLine(maskFileText(file.file, file.text), line);
  return { file: file.file, line, text: shown.text, masked: shown.masked };
}

export function noteEvidence(text: string, file: string | null = null): HealthEvidence {
  return { file, line: null, text, masked: false };
}
