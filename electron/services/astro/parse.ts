/**
 * Pure parsers for what `astro` prints. They never throw: a problem comes back as data, and the
 * runner decides which error the user sees.
 *
 * Read paths prefer JSON (`--output json`); the `deployment variable` commands only print tables
 * and free-text messages, which are parsed here too (see reference/astro-cli.md §1.2-§1.4).
 */
import { z } from 'zod';
import { parseTable } from './table';
import type {
  AstroVersion,
  DeploymentInfo,
  DeploymentSummary,
  OrganizationSummary,
  VariableCommandReport,
  VariableOutcome,
  VariableTableRow,
  WorkspaceSummary,
} from './types';

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const problem = <T>(text: string): ParseResult<T> => ({ ok: false, problem: text });

// CSI sequences (colours, including the CLI's hard-coded `ESC[1;32m` current-row marker) and OSC
// sequences (hyperlinks). Built from a string so the escape character stays visible in review.
const ansiPattern = new RegExp(`${String.fromCharCode(27)}(?:\\[[0-9;?]*[ -/]*[@-~]|\\][^${String.fromCharCode(7)}${String.fromCharCode(27)}]*(?:${String.fromCharCode(7)}|${String.fromCharCode(27)}\\\\))`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

// Lines the CLI prints on stdout ahead of the real output, depending on how it authenticated.
const bannerLines: readonly RegExp[] = [
  /^Using an Astro API Token\s*$/,
  /^Using an Astro API key\s*$/,
  /^Warning: Starting .*Deployment API [Kk]eys/,
];

/** Strips ANSI codes, CRs and the auth banner lines (`Using an Astro API Token`, legacy API key notice). */
export function cleanCliOutput(text: string): string {
  return stripAnsi(text)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !bannerLines.some((banner) => banner.test(line)))
    .join('\n');
}

// The interactive login flow's first lines (reference/astro-cli.md §0, §3.3). They start a line;
// a variable's value never does (tables indent every row, JSON indents every value).
const loginPromptStarts: readonly string[] = ['Welcome to the Astro CLI', 'Press Enter to open the browser'];

/** True for a stdout line (finished or not) that opens the CLI's interactive login flow. */
export function isLoginPromptLine(line: string): boolean {
  const text = stripAnsi(line);
  return loginPromptStarts.some((start) => text.startsWith(start));
}

/** True when the CLI fell into its interactive login flow (an expired session it could not refresh). */
export function showsLoginPrompt(stdout: string): boolean {
  return stdout.split('\n').some(isLoginPromptLine);
}

/** Parses the JSON document in stdout, skipping any banner or notice lines printed before it. */
export function extractJson(stdout: string): ParseResult<unknown> {
  const lines = cleanCliOutput(stdout).split('\n');
  const first = lines.findIndex((line) => /^\s*[[{]/.test(line));
  if (first === -1) return problem('no JSON document in the output');
  let last = lines.length - 1;
  while (last > first && !/^\s*[\]}]/.test(lines[last] ?? '')) last--;
  const candidate = lines.slice(first, last + 1).join('\n');
  try {
    return parsed(JSON.parse(candidate) as unknown);
  } catch {
    return problem('the output is not valid JSON');
  }
}

export function parseVersion(stdout: string): ParseResult<AstroVersion> {
  const match = /Astro CLI Version:\s*(\S+)/.exec(cleanCliOutput(stdout));
  const raw = match?.[1];
  if (raw === undefined) return problem('no "Astro CLI Version:" line in the output');
  const semver = /^v?(\d+)\.(\d+)\.(\d+)/.exec(raw);
  return parsed({
    raw,
    semver: semver === null ? null : { major: Number(semver[1]), minor: Number(semver[2]), patch: Number(semver[3]) },
  });
}

/** True when `version` is at least `minimum`; local builds without a semver are accepted. */
export function isVersionAtLeast(version: AstroVersion, minimum: { major: number; minor: number; patch: number }): boolean {
  const v = version.semver;
  if (v === null) return true;
  if (v.major !== minimum.major) return v.major > minimum.major;
  if (v.minor !== minimum.minor) return v.minor > minimum.minor;
  return v.patch >= minimum.patch;
}

const optionalText = z.string().nullish();
const orNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);

function describeZodProblem(error: z.ZodError): string {
  const first = error.issues[0];
  return first === undefined ? 'unexpected shape' : `unexpected shape at ${first.path.join('.') || '(root)'}: ${first.message}`;
}

const listEntrySchema = z.object({ id: z.string(), name: z.string(), isCurrent: z.boolean().optional() });

export function parseOrganizationList(stdout: string): ParseResult<OrganizationSummary[]> {
  const json = extractJson(stdout);
  if (!json.ok) return json;
  const result = z.object({ organizations: z.array(listEntrySchema).nullable() }).safeParse(json.value);
  if (!result.success) return problem(describeZodProblem(result.error));
  return parsed((result.data.organizations ?? []).map((org) => ({ id: org.id, name: org.name, isCurrent: org.isCurrent === true })));
}

export function parseWorkspaceList(stdout: string): ParseResult<WorkspaceSummary[]> {
  const json = extractJson(stdout);
  if (!json.ok) return json;
  const result = z.object({ workspaces: z.array(listEntrySchema).nullable() }).safeParse(json.value);
  if (!result.success) return problem(describeZodProblem(result.error));
  return parsed((result.data.workspaces ?? []).map((ws) => ({ id: ws.id, name: ws.name, isCurrent: ws.isCurrent === true })));
}

const noDeploymentsPattern = /no Deployments found in workspace/i;

/** True when the CLI answered "no Deployments found in workspace …" (exit 0) instead of data. */
export function reportsNoDeployments(stdout: string): boolean {
  return noDeploymentsPattern.test(cleanCliOutput(stdout));
}

const deploymentListSchema = z.object({
  deployments: z
    .array(
      z.object({
        deploymentId: z.string(),
        name: z.string(),
        workspaceName: optionalText,
        namespace: optionalText,
        cloudProvider: optionalText,
        region: optionalText,
        runtimeVersion: optionalText,
        airflowVersion: optionalText,
        type: optionalText,
      }),
    )
    .nullable(),
});

export function parseDeploymentList(stdout: string): ParseResult<DeploymentSummary[]> {
  // Without --all, an empty workspace is reported as a sentence, not as `"deployments": []`.
  if (reportsNoDeployments(stdout) && !/[[{]/.test(cleanCliOutput(stdout))) return parsed([]);
  const json = extractJson(stdout);
  if (!json.ok) return json;
  const result = deploymentListSchema.safeParse(json.value);
  if (!result.success) return problem(describeZodProblem(result.error));
  return parsed(
    (result.data.deployments ?? []).map((d) => ({
      id: d.deploymentId,
      name: d.name,
      workspaceName: orNull(d.workspaceName),
      namespace: orNull(d.namespace),
      cloudProvider: orNull(d.cloudProvider),
      region: orNull(d.region),
      runtimeVersion: orNull(d.runtimeVersion),
      airflowVersion: orNull(d.airflowVersion),
      type: orNull(d.type),
    })),
  );
}

const inspectSchema = z.object({
  deployment: z.object({
    environment_variables: z
      .array(
        z.object({
          is_secret: z.boolean(),
          key: z.string(),
          updated_at: optionalText,
          // null for secrets per the CLI source; the live API might send "" instead.
          value: z.string().nullish(),
        }),
      )
      .nullish(),
    configuration: z.object({
      name: z.string(),
      description: optionalText,
      workspace_name: optionalText,
      deployment_type: optionalText,
      runtime_version: optionalText,
      cloud_provider: optionalText,
      region: optionalText,
      workload_identity: optionalText,
    }),
    metadata: z.object({
      deployment_id: z.string(),
      workspace_id: z.string(),
      airflow_version: optionalText,
      status: optionalText,
      updated_at: optionalText,
      deployment_url: optionalText,
    }),
  }),
});

/** Parses `astro deployment inspect <id> --output json` (4-space JSON, snake_case keys). */
export function parseInspect(stdout: string): ParseResult<DeploymentInfo> {
  if (reportsNoDeployments(stdout)) return problem('the workspace has no deployments');
  const json = extractJson(stdout);
  if (!json.ok) return json;
  const result = inspectSchema.safeParse(json.value);
  if (!result.success) return problem(describeZodProblem(result.error));
  const { configuration, metadata, environment_variables } = result.data.deployment;
  return parsed({
    id: metadata.deployment_id,
    name: configuration.name,
    workspaceId: metadata.workspace_id,
    workspaceName: orNull(configuration.workspace_name),
    description: orNull(configuration.description),
    type: orNull(configuration.deployment_type),
    runtimeVersion: orNull(configuration.runtime_version),
    airflowVersion: orNull(metadata.airflow_version),
    status: orNull(metadata.status),
    cloudProvider: orNull(configuration.cloud_provider),
    region: orNull(configuration.region),
    deploymentUrl: orNull(metadata.deployment_url),
    workloadIdentity: orNull(configuration.workload_identity),
    updatedAt: orNull(metadata.updated_at),
    variables: (environment_variables ?? []).map((variable) => ({
      key: variable.key,
      // A secret's value is never known, whether the CLI printed null or "".
      value: variable.is_secret ? null : (variable.value ?? ''),
      isSecret: variable.is_secret,
      updatedAt: orNull(variable.updated_at),
    })),
  });
}

function toVariableRows(rows: readonly Readonly<Record<string, string>>[]): VariableTableRow[] {
  return rows.map((row) => {
    const isSecret = row.SECRET === 'true';
    return { key: row.KEY ?? '', value: isSecret ? null : (row.VALUE ?? ''), isSecret };
  });
}

/** Parses `deployment variable list`. Advisory only: padding makes trailing spaces of values unrecoverable. */
export function parseVariableList(stdout: string): ParseResult<VariableTableRow[]> {
  const text = cleanCliOutput(stdout);
  if (/^\s*No variables found\s*$/m.test(text)) return parsed([]);
  const table = parseTable(text, ['#', 'KEY', 'VALUE', 'SECRET']);
  if (!table.ok) return problem(table.problem);
  return parsed(toVariableRows(table.table.rows));
}

const runOnCleaning = /^Cleaning quotes and whitespaces from variable (.+?)(adding variable \1|updating variable \1 ?|key \1 already exists skipping creation.*)$/;
const runOnNoValue = /^You must provide a variable (?:value|key)(.*)$/;

const keyedMessages: readonly { readonly pattern: RegExp; readonly outcome: VariableOutcome['outcome'] }[] = [
  { pattern: /^adding variable (.+)$/, outcome: 'added' },
  { pattern: /^updating variable (.+?) ?$/, outcome: 'updated' },
  { pattern: /^key (.+) already exists within the file specified, skipping creation$/, outcome: 'skipped-duplicate' },
  { pattern: /^key (.+) already exists, skipping creation\. Use the update command/, outcome: 'skipped-existing' },
  { pattern: /^key (.+) already exists skipping creation use the --update flag/, outcome: 'skipped-existing' },
  { pattern: /^empty value! skipping creating variable with key: (.+)$/, outcome: 'rejected-empty-value' },
  { pattern: /^Variable with key (.+) not created or updated$/, outcome: 'rejected-empty-value' },
];

// Rejections that do not name a key. The texts can contain the rejected value, so they are
// counted and never captured.
const unnamedRejections: readonly RegExp[] = [
  /^empty key! skipping creating variable/,
  / is an improperly formatted variable, no variable created$/,
  /^Input .* has blank key or value$/,
  /^Input .* is not a valid key value pair/,
  /^Variable with value .* not created or updated with flags$/,
  /^unable to read file /,
];

/**
 * Reads the per-variable messages of `deployment variable create/update`, including the
 * `Cleaning quotes and whitespaces from variable KEY` text that has no newline and runs into the
 * next message, then the table printed after the write.
 */
export function parseVariableCommandOutput(stdout: string): VariableCommandReport {
  const lines = cleanCliOutput(stdout).split('\n');
  const outcomes: VariableOutcome[] = [];
  let unnamed = 0;
  let writeReached = false;
  let table: VariableTableRow[] | null = null;

  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] ?? '';
    const noValue = runOnNoValue.exec(line);
    if (noValue) line = noValue[1] ?? '';
    const cleaning = runOnCleaning.exec(line);
    if (cleaning) line = cleaning[2] ?? '';

    if (/^Updated list of your Deployment's variables:\s*$/.test(line)) {
      writeReached = true;
      const rest = lines.slice(index + 1).join('\n');
      const parsedTable = parseTable(rest, ['#', 'KEY', 'VALUE', 'SECRET']);
      table = parsedTable.ok ? toVariableRows(parsedTable.table.rows) : null;
      break;
    }
    if (/^No variables for this Deployment\s*$/.test(line)) {
      writeReached = true;
      table = [];
      break;
    }
    const keyed = keyedMessages.find((message) => message.pattern.test(line));
    if (keyed) {
      const key = keyed.pattern.exec(line)?.[1];
      if (key !== undefined) outcomes.push({ key, outcome: keyed.outcome });
      continue;
    }
    if (unnamedRejections.some((pattern) => pattern.test(line))) unnamed++;
  }
  return { outcomes, unnamedRejections: unnamed, writeReached, table };
}

/** The message of each `Error: …` on stderr (a message can continue on the next lines, up to the usage text). */
export function errorMessages(stderr: string): string[] {
  const lines = stripAnsi(stderr).replace(/\r\n/g, '\n').split('\n');
  const messages: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith('Error: ')) {
      if (current) messages.push(current.join('\n').trim());
      current = [line.slice('Error: '.length)];
    } else if (current) {
      if (line.trim() === '' || line.startsWith('Usage:')) {
        messages.push(current.join('\n').trim());
        current = null;
      } else {
        current.push(line);
      }
    }
  }
  if (current) messages.push(current.join('\n').trim());
  return messages;
}
