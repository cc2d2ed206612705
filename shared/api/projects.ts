/**
 * Astro projects: open a folder, its secrets-backend health, the backend kwargs editor, lossless
 * edits of the Dockerfile, .env and requirements.txt, DAG references.
 *
 * File edits are two calls. `projects.planChanges` computes every edit in the main process with
 * the pure setters of shared/project-files, keeps the exact bytes it will write under a plan id,
 * and returns a diff whose secret lines (.env values) are masked. `projects.applyChanges` then
 * writes the bytes it holds for that plan id, after checking that each file still has the
 * fingerprint it had when the plan was made. The renderer never sends file contents and never
 * receives a secret it did not ask to reveal (`projects.revealPlanLine`).
 */
import { z } from 'zod';
import type { LookupDescription, ProviderVersion } from '../airflow';
import type { DiffLineKind } from '../text-diff';
import { absolutePathSchema, kwargsJsonTextSchema } from './common';
import { method } from './contract';

/** What the project folder holds, as far as Airlock cares. */
export interface ProjectSummary {
  /** The absolute path, as opened (symlinks not resolved). */
  readonly path: string;
  /** `project.name` from .astro/config.yaml, else the folder's name. */
  readonly name: string;
  readonly nameSource: 'astro-config' | 'folder';
  readonly hasAstroConfig: boolean;
  readonly hasDockerfile: boolean;
  /** Things worth knowing that do not stop the project from opening (no .astro/config.yaml, bad YAML). */
  readonly notes: readonly string[];
}

export interface RecentProject {
  readonly path: string;
  /** The name from .astro/config.yaml when the folder can still be read; else null. */
  readonly name: string | null;
  /** False when the folder is gone or no longer an Astro project. */
  readonly available: boolean;
}

export type HealthStatus = 'ok' | 'warning' | 'error' | 'unknown';

/** One line of a file that shows why an item has its status. Secret values are masked. */
export interface HealthEvidence {
  /** Project-relative path, or null for evidence that is not a file line (an AWS listing). */
  readonly file: string | null;
  /** 1-based line, or null when the evidence is the file's absence or a summary. */
  readonly line: number | null;
  readonly text: string;
  /** The text had secret values replaced by a mask. */
  readonly masked: boolean;
}

export interface HealthProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A change the user can review and apply from a health item. */
export interface HealthFix {
  readonly label: string;
  readonly changes: readonly ProjectChange[];
}

export type HealthItemId =
  | 'provider-package'
  | 'backend-class'
  | 'backend-kwargs'
  | 'local-credentials'
  | 'dotenv-ignored'
  | 'secrets-present'
  | 'conflicting-definitions'
  | 'deployment-variables';

export interface HealthItem {
  readonly id: HealthItemId;
  readonly title: string;
  readonly status: HealthStatus;
  /** One short sentence shown next to the title. */
  readonly summary: string;
  /** What it means and what to do, in a few sentences. */
  readonly explanation: string;
  readonly evidence: readonly HealthEvidence[];
  readonly problems: readonly HealthProblem[];
  readonly fix: HealthFix | null;
  /** A UI action that helps where no file edit can (open the kwargs editor, pick a profile). */
  readonly action: 'edit-kwargs' | 'choose-profile' | null;
}

/** How the project's requirements pin apache-airflow-providers-amazon (after following -r / -c). */
export interface ProviderPin {
  readonly found: boolean;
  /** Combined specifier of every requirement and constraint line for the package ('' when none). */
  readonly specifier: string;
  /** Lowest version the specifier allows, if it has a lower bound ("at least"). */
  readonly atLeast: ProviderVersion | null;
  /** Where the (first) requirement line is. */
  readonly file: string | null;
  readonly line: number | null;
  /** The package is installed from a URL or path, so its version cannot be read. */
  readonly direct: boolean;
}

export interface BackendSettings {
  /** AIRFLOW__SECRETS__BACKEND from the Dockerfile's final stage, if set. */
  readonly backendClass: string | null;
  /** AIRFLOW__SECRETS__BACKEND_KWARGS from the Dockerfile (what a Deployment gets), if set. */
  readonly kwargsJson: string | null;
  readonly kwargsLine: number | null;
  /** The kwargs parse: ok, invalid (Airflow falls back to all defaults), or not set. */
  readonly kwargsState: 'ok' | 'invalid' | 'absent';
}

export interface RelevantLine {
  readonly line: number;
  readonly text: string;
  readonly masked: boolean;
  readonly note: string | null;
}

/** The lines of one project file that matter for the secrets backend. */
export interface ProjectFileFacts {
  readonly file: string;
  readonly exists: boolean;
  readonly lineEnding: 'lf' | 'crlf' | 'mixed' | 'none';
  readonly lines: readonly RelevantLine[];
}

export interface ProfileRef {
  readonly name: string;
  readonly region: string;
}

export interface ProjectHealth {
  readonly project: ProjectSummary;
  readonly items: readonly HealthItem[];
  readonly backend: BackendSettings;
  readonly provider: ProviderPin;
  /** The lowest provider version the Dockerfile's kwargs need. */
  readonly providerMinimum: ProviderVersion;
  readonly files: readonly ProjectFileFacts[];
  /** The profile the AWS checks ran under; null when none is active. */
  readonly profile: ProfileRef | null;
}

const envKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Not an environment variable name').max(256);
const envValueSchema = z.string().max(65_536).nullable();
const relativeFileSchema = z.string().min(1).max(1024);

/** One edit the main process can plan. Values in `dotenv-env` are masked in every diff it returns. */
export const projectChangeSchema = z.discriminatedUnion('kind', [
  /** Set (string) or remove (null) ENV keys in the Dockerfile's final stage. */
  z.object({ kind: z.literal('dockerfile-env'), vars: z.record(envKeySchema, envValueSchema) }).strict(),
  /** Set or remove keys in .env (created when missing). */
  z.object({ kind: z.literal('dotenv-env'), vars: z.record(envKeySchema, envValueSchema), removeDuplicates: z.boolean().optional() }).strict(),
  /** Write the active profile's credentials (and region) into .env; resolved in the main process. */
  z.object({ kind: z.literal('dotenv-aws-credentials') }).strict(),
  /** Make `name` require at least `specifier` in a requirements file of the project. */
  z.object({ kind: z.literal('requirement'), file: relativeFileSchema, name: z.string().min(1).max(200), specifier: z.string().min(1).max(200) }).strict(),
  /** Make `.gitignore` or `.dockerignore` ignore `pattern` (appended when needed; created when missing). */
  z.object({ kind: z.literal('ignore-entry'), file: z.enum(['.gitignore', '.dockerignore']), pattern: z.string().min(1).max(200) }).strict(),
]);

export type ProjectChange = z.infer<typeof projectChangeSchema>;

export interface PlannedDiffLine {
  readonly kind: DiffLineKind;
  /** The line as it will be (or was) written, with secret values masked. */
  readonly text: string;
  readonly oldLine: number | null;
  readonly newLine: number | null;
  readonly masked: boolean;
}

export interface PlannedFile {
  /** Project-relative path. */
  readonly file: string;
  readonly existed: boolean;
  /** Fingerprint of the bytes read (sha256 hex, or 'absent'); applying checks it again. */
  readonly fingerprint: string;
  readonly size: number | null;
  readonly modifiedAt: string | null;
  readonly lines: readonly PlannedDiffLine[];
  readonly added: number;
  readonly removed: number;
  /** True when some lines are masked (the file holds secrets). */
  readonly masked: boolean;
  /** The file's line endings, which every added line follows. */
  readonly lineEnding: 'lf' | 'crlf' | 'mixed' | 'none';
  /** What each change does to this file ("AWS_ACCESS_KEY_ID: added"). */
  readonly summary: readonly string[];
  /** The change puts a secret value into this file that it did not hold, so it is written 0600. */
  readonly addsSecret: boolean;
  /** Permissions now (null: a new file) and after the write (a file that gets no new secret keeps its own). */
  readonly mode: { readonly before: number | null; readonly after: number };
  /**
   * Set when the file is in the plan because another one needs it, not because it was asked for:
   * the ignore entry that keeps a .env receiving secrets out of git and the image. One sentence.
   */
  readonly requiredBy: string | null;
}

export interface ChangePlan {
  /** Identifies the bytes the main process holds; pass it to `projects.applyChanges`. */
  readonly planId: string;
  readonly files: readonly PlannedFile[];
  /** Things to know before applying (".env holds secrets", "these credentials expire at ..."). */
  readonly notes: readonly string[];
  /** Changes that already hold: nothing to write for them. */
  readonly unchanged: readonly string[];
}

export interface AppliedFile {
  readonly file: string;
  readonly created: boolean;
  readonly bytes: number;
}

export interface ApplyResult {
  readonly files: readonly AppliedFile[];
}

export type SecretPresence = 'exists' | 'missing' | 'scheduled-for-deletion' | 'unknown';

export interface SecretStatus {
  readonly name: string;
  readonly presence: SecretPresence;
  /** Why the presence is unknown (no profile, access denied...). */
  readonly reason: string | null;
  readonly profile: ProfileRef | null;
}

export interface SecretNameIndex {
  readonly names: readonly string[];
  /** False when the listing stopped at the cap, so "no secret starts with" cannot be claimed. */
  readonly complete: boolean;
  readonly listCalls: number;
  readonly profile: ProfileRef;
}

export type DagReferenceSourceKind = 'dockerfile-env' | 'dotenv' | 'airflow-settings';

export interface DagReferenceOccurrence {
  readonly file: string;
  readonly line: number;
  readonly snippet: string;
  readonly source: string;
}

export interface OtherDefinition {
  readonly source: DagReferenceSourceKind;
  readonly file: string;
  readonly line: number;
  /** The env var name or the airflow_settings.yaml key that defines it. */
  readonly name: string;
}

/** Where Airflow finds the id first: backend, then environment variables, then the metastore. */
export type ResolvedBy = 'secrets-backend' | 'environment' | 'local-metastore' | 'nothing' | 'unknown';

export interface DagReferenceRow {
  readonly kind: 'connection' | 'variable';
  readonly id: string;
  readonly occurrences: readonly DagReferenceOccurrence[];
  readonly lookup: LookupDescription;
  readonly secret: SecretPresence | 'not-looked-up';
  readonly otherDefinitions: readonly OtherDefinition[];
  readonly resolvedBy: ResolvedBy;
  readonly status: HealthStatus;
  readonly explanation: string;
}

export interface DynamicReferenceRow {
  readonly kind: 'connection' | 'variable';
  readonly file: string;
  readonly line: number;
  readonly snippet: string;
  readonly expression: string;
  readonly reason: string;
}

export interface DagReferences {
  readonly rows: readonly DagReferenceRow[];
  readonly dynamic: readonly DynamicReferenceRow[];
  readonly scannedFiles: number;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** ListSecrets calls made to check existence (batched by prefix, not one per id). */
  readonly listCalls: number;
  readonly profile: ProfileRef | null;
  /** Why existence could not be checked, when it could not. */
  readonly secretsError: string | null;
  /** Where the kwargs came from: the caller's, the Dockerfile's, or Airflow's defaults. */
  readonly kwargsSource: 'given' | 'dockerfile' | 'default';
  /** The kwargs did not parse, so Airflow's defaults were used (as Airflow itself would). */
  readonly kwargsFellBack: boolean;
}

const pathInput = z.object({ path: absolutePathSchema }).strict();
const kwargsJsonSchema = kwargsJsonTextSchema;
const providerVersionSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]).readonly();

export const projectsMethods = {
  /** Validates the folder, recognises the project and remembers it in the recent list. */
  'projects.open': method<ProjectSummary>()(pathInput, { invalidates: ['projects.recent'] }),
  /** Electron only: the native folder dialog. Browser mode answers with an error; type a path. */
  'projects.pickFolder': method<{ readonly path: string | null }>()(z.object({}).strict()),
  'projects.recent': method<readonly RecentProject[]>()(z.object({}).strict()),
  'projects.forget': method<readonly RecentProject[]>()(pathInput),
  /** The secrets-backend checklist for the files on disk and the active profile. */
  'projects.health': method<ProjectHealth>()(pathInput),
  'projects.planChanges': method<ChangePlan>()(z.object({ path: absolutePathSchema, changes: z.array(projectChangeSchema).min(1).max(20) }).strict()),
  /** Writes a plan's bytes, refusing with CONFLICT when a file changed since the plan was made. */
  'projects.applyChanges': method<ApplyResult>()(
    z.object({
      path: absolutePathSchema,
      planId: z.string().min(1).max(100),
      /** The files and fingerprints the user reviewed; they must match the plan exactly. */
      files: z.array(z.object({ file: relativeFileSchema, fingerprint: z.string().min(1).max(100) }).strict()).min(1).max(20),
    }).strict(),
    { invalidates: ['projects.health', 'projects.dagReferences'] },
  ),
  /** The unmasked text of one masked line of a plan, when the user asks to see it. */
  'projects.revealPlanLine': method<{ readonly text: string }>()(
    z.object({ planId: z.string().min(1).max(100), file: relativeFileSchema, side: z.enum(['old', 'new']), line: z.number().int().min(1) }).strict(),
  ),
  /** Does this secret exist under the active profile? DescribeSecret only, never the value. */
  'projects.secretStatus': method<SecretStatus>()(z.object({ name: z.string().min(1).max(2048) }).strict()),
  /** Every secret name of the active profile and region (ListSecrets, capped), for the prefix checks. */
  'projects.secretNames': method<SecretNameIndex>()(z.object({}).strict()),
  /** The connection ids and variable keys the project's DAGs use, and where each resolves. */
  'projects.dagReferences': method<DagReferences>()(
    z.object({ path: absolutePathSchema, kwargsJson: kwargsJsonSchema.optional(), providerVersion: providerVersionSchema.nullable().optional() }).strict(),
  ),
} as const;

export { BACKEND_ENV, BACKEND_KWARGS_ENV, SECRETS_MANAGER_BACKEND_CLASS } from '../airflow';
export const AMAZON_PROVIDER_PACKAGE = 'apache-airflow-providers-amazon';
