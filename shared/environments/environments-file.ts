/**
 * The environments of a project, kept in `.astro/airlock.json` next to the astro CLI's own
 * config: for each environment its name, the Astro workspace and Deployment, the AWS profile the
 * team uses for it, the account and region it should reach, the backend kwargs it runs with and
 * whether it is production. Ids, names and settings only: no secret, so a team can commit it.
 *
 * Version 1 of the file held one deploy target (the Deploy view's); it reads here as one
 * environment, with nothing lost, and is written back as version 2 on the first change. Keys this
 * version does not know are kept as they were (a newer Airlock's, or a teammate's edit), in the
 * file and in each environment. Pure: the reading and atomic writing are in the main process.
 */
import { z } from 'zod';
import { awsRegionPattern } from '../aws-region';
import { parsePythonJson } from '../airflow';
import { MAX_NESTING_DEPTH, nestsTooDeep, TOO_DEEP_PHRASE } from '../parse-limits';

export const ENVIRONMENTS_FILE = '.astro/airlock.json';
export const MAX_ENVIRONMENTS = 20;
const FILE_COMMENT = 'Written by Airlock: the environments of this project (Astro Deployment, AWS profile name, expected account and region, backend kwargs). Ids and names only, no secrets: safe to commit.';

const astroId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'is not an Astro id');
/** Shown in the header and typed in confirmations: plain words, no control characters. */
export const environmentNameSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'must start with a letter or digit and use only letters, digits, spaces, ".", "_" or "-" (64 at most)');
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const profileName = z.string().min(1).max(256).refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'has control characters');
export const accountIdSchema = z.string().regex(/^\d{12}$/, 'is not a 12-digit AWS account id');
export const regionSchema = z.string().regex(awsRegionPattern, 'is not a region name like eu-west-1');
/** The exact text of AIRFLOW__SECRETS__BACKEND_KWARGS; its meaning is checked where it is used, as Airflow would. */
export const backendKwargsTextSchema = z
  .string()
  .max(65_536)
  .refine((text) => {
    const parsed = parsePythonJson(text);
    return parsed.ok || parsed.reason !== 'too-deep';
  }, `nests lists and objects more than ${MAX_NESTING_DEPTH} levels deep`);

export const deploymentRefSchema = z.object({
  workspaceId: astroId,
  workspaceName: z.string().max(256).nullable().default(null),
  deploymentId: astroId,
  deploymentName: z.string().min(1).max(256),
});

/** One environment as the file holds it; unknown keys pass through untouched. */
export const environmentSchema = z
  .object({
    name: environmentNameSchema,
    deployment: deploymentRefSchema.nullable().default(null),
    awsProfile: profileName.nullable().default(null),
    accountId: accountIdSchema.nullable().default(null),
    region: regionSchema.nullable().default(null),
    backendKwargs: backendKwargsTextSchema.nullable().default(null),
    production: z.boolean().default(false),
  })
  .passthrough();

export type Environment = z.output<typeof environmentSchema>;
export type DeploymentRef = z.output<typeof deploymentRefSchema>;

const v1Schema = z
  .object({
    version: z.literal(1),
    workspaceId: astroId,
    workspaceName: z.string().max(256).nullable().optional(),
    deploymentId: astroId,
    deploymentName: z.string().min(1).max(256),
    awsProfile: profileName.nullable().optional(),
    production: z.boolean().optional(),
  })
  .passthrough();

const v2Schema = z
  .object({
    comment: z.string().max(4096).optional(),
    version: z.literal(2),
    environments: z.array(environmentSchema).max(MAX_ENVIRONMENTS),
    /** The environment the Deploy view deploys (null: the first with a Deployment). */
    deployEnvironment: environmentNameSchema.nullable().default(null),
  })
  .passthrough()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.environments.forEach((environment, index) => {
      const key = environment.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'name'], message: `is used by two environments ("${environment.name}")` });
      seen.add(key);
    });
  });

export interface EnvironmentsFile {
  readonly environments: readonly Environment[];
  readonly deployEnvironment: string | null;
  /** Top-level keys this version does not know, written back as they were. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export type EnvironmentsFileParse =
  | { readonly ok: true; readonly file: EnvironmentsFile; readonly migratedFrom: 1 | null }
  | { readonly ok: false; readonly problem: string };

const KNOWN_V1 = new Set(['comment', 'version', 'workspaceId', 'workspaceName', 'deploymentId', 'deploymentName', 'awsProfile', 'production']);
const KNOWN_V2 = new Set(['comment', 'version', 'environments', 'deployEnvironment']);

function extraKeys(value: Readonly<Record<string, unknown>>, known: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !known.has(key)));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? 'the file' : issue.path.map((part) => (typeof part === 'number' ? `[${part + 1}]` : `.${String(part)}`)).join('').replace(/^\./, '');
  return `${where} ${issue.message}`;
}

/** A v1 target's Deployment name, when it can serve as the environment's name; else "default". */
function migratedName(deploymentName: string): string {
  const parsed = environmentNameSchema.safeParse(deploymentName);
  return parsed.success ? parsed.data : 'default';
}

/** Reads the file's text. A problem names what is wrong and never quotes a value. */
export function parseEnvironmentsFile(text: string): EnvironmentsFileParse {
  const json = parsePythonJson(text);
  if (!json.ok) {
    return { ok: false, problem: json.reason === 'too-deep' ? `${ENVIRONMENTS_FILE} ${TOO_DEEP_PHRASE}.` : `${ENVIRONMENTS_FILE} is not valid JSON (${json.message.toLowerCase()} at character ${json.position + 1}).` };
  }
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || nestsTooDeep(value)) {
    return { ok: false, problem: `${ENVIRONMENTS_FILE} must hold a JSON object.` };
  }
  const version = (value as Record<string, unknown>).version;
  if (version === 1) {
    const parsed = v1Schema.safeParse(value);
    if (!parsed.success) return { ok: false, problem: `${ENVIRONMENTS_FILE} (version 1): ${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')}.` };
    const v1 = parsed.data;
    const environment: Environment = {
      name: migratedName(v1.deploymentName),
      deployment: { workspaceId: v1.workspaceId, workspaceName: v1.workspaceName ?? null, deploymentId: v1.deploymentId, deploymentName: v1.deploymentName },
      awsProfile: v1.awsProfile ?? null,
      accountId: null,
      region: null,
      backendKwargs: null,
      production: v1.production === true,
    };
    return { ok: true, migratedFrom: 1, file: { environments: [environment], deployEnvironment: environment.name, extra: extraKeys(v1, KNOWN_V1) } };
  }
  if (version === 2) {
    const parsed = v2Schema.safeParse(value);
    if (!parsed.success) return { ok: false, problem: `${ENVIRONMENTS_FILE}: ${parsed.error.issues.slice(0, 3).map(describeIssue).join('; ')}.` };
    const deployEnvironment = parsed.data.deployEnvironment;
    if (deployEnvironment !== null && !parsed.data.environments.some((environment) => environment.name === deployEnvironment)) {
      return { ok: false, problem: `${ENVIRONMENTS_FILE}: deployEnvironment names "${deployEnvironment}", which is not one of its environments.` };
    }
    return { ok: true, migratedFrom: null, file: { environments: parsed.data.environments, deployEnvironment, extra: extraKeys(parsed.data, KNOWN_V2) } };
  }
  return { ok: false, problem: `${ENVIRONMENTS_FILE} has version ${JSON.stringify(version) ?? 'missing'}; this Airlock reads versions 1 and 2. Update Airlock, or fix the file by hand.` };
}

/** The file's text: version 2, two-space JSON, the known keys first, unknown keys kept. */
export function renderEnvironmentsFile(file: EnvironmentsFile): string {
  const environments = file.environments.map((environment) => {
    const { name, deployment, awsProfile, accountId, region, backendKwargs, production, ...rest } = environment;
    return { name, deployment, awsProfile, accountId, region, backendKwargs, production, ...rest };
  });
  const body = { comment: FILE_COMMENT, version: 2, environments, deployEnvironment: file.deployEnvironment, ...file.extra };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The environment the Deploy view deploys: the one the file names, else the first with a Deployment. */
export function deployEnvironmentOf(file: EnvironmentsFile): Environment | null {
  if (file.deployEnvironment !== null) return file.environments.find((environment) => environment.name === file.deployEnvironment) ?? null;
  return file.environments.find((environment) => environment.deployment !== null) ?? null;
}

/** Adds an environment, or replaces the one named `replacing`; names stay unique (case-insensitively). */
export function putEnvironment(file: EnvironmentsFile, environment: Environment, replacing: string | null): { ok: true; file: EnvironmentsFile } | { ok: false; problem: string } {
  const index = replacing === null ? -1 : file.environments.findIndex((candidate) => candidate.name === replacing);
  if (replacing !== null && index === -1) return { ok: false, problem: `There is no environment named "${replacing}" any more. Reload the list.` };
  const clash = file.environments.find((candidate, at) => at !== index && candidate.name.toLowerCase() === environment.name.toLowerCase());
  if (clash !== undefined) return { ok: false, problem: `An environment named "${clash.name}" already exists. Choose another name.` };
  if (index === -1 && file.environments.length >= MAX_ENVIRONMENTS) return { ok: false, problem: `A project holds at most ${MAX_ENVIRONMENTS} environments.` };
  // Keys of the old entry this version does not know stay with it.
  const merged = index === -1 ? environment : { ...file.environments[index], ...environment };
  const environments = index === -1 ? [...file.environments, merged] : file.environments.map((candidate, at) => (at === index ? merged : candidate));
  const deployEnvironment = replacing !== null && file.deployEnvironment === replacing ? merged.name : file.deployEnvironment;
  return { ok: true, file: { ...file, environments, deployEnvironment } };
}

export function removeEnvironment(file: EnvironmentsFile, name: string): { ok: true; file: EnvironmentsFile } | { ok: false; problem: string } {
  if (!file.environments.some((environment) => environment.name === name)) return { ok: false, problem: `There is no environment named "${name}". Reload the list.` };
  return {
    ok: true,
    file: { ...file, environments: file.environments.filter((environment) => environment.name !== name), deployEnvironment: file.deployEnvironment === name ? null : file.deployEnvironment },
  };
}

export const EMPTY_ENVIRONMENTS_FILE: EnvironmentsFile = { environments: [], deployEnvironment: null, extra: {} };
