/**
 * Which connection ids and variable keys the project's DAGs use, and where Airflow finds each:
 * the secrets backend first, then environment variables (AIRFLOW_CONN_<ID> / AIRFLOW_VAR_<KEY>
 * from the Dockerfile, and locally from .env), then the metadata database (which
 * airflow_settings.yaml fills for `astro dev` only). Existence is checked with batched
 * ListSecrets calls, never one call per id and never reading a value.
 */
import {
  describeLookup,
  effectivePrefixes,
  parseBackendKwargs,
  type BackendKwargs,
  type LookupDescription,
  type ProviderVersion,
} from '../../../shared/airflow';
import type { DagReferenceRow, DagReferences, HealthStatus, OtherDefinition, ResolvedBy, SecretPresence } from '../../../shared/api';
import { BACKEND_KWARGS_ENV } from '../../../shared/api';
import { scanDagReferences, type DagReference } from '../../../shared/dag-reference-scan';
import { AppError } from '../../../shared/errors';
import { readDockerfileEnv, readDotenv } from '../../../shared/project-files';
import { envVarName, secretKinds } from '../../../shared/secrets';
import { yieldToEventLoop, createSecretsManagerAccess, type SecretsManagerAccess } from '../secrets';
import type { ProjectSession } from './project-session';
import { AIRFLOW_SETTINGS_FILE, readAirflowSettingsIds } from './airflow-settings';
import { collectPythonFiles } from './dag-files';
import { readProjectFileOrNote } from '../project-folder';
import { presenceOfNames, sessionGateway } from './secret-presence';
import { sortInSlices } from './sort-in-slices';

/** DAG files scanned between two breaks for the rest of the main process (API calls, events). */
const FILES_PER_SLICE = 20;
/** Ids looked up or resolved between two breaks (8,000 ids in one piece held every other call ~100 ms). */
const ROWS_PER_SLICE = 250;

export interface DagReferenceInput {
  readonly kwargsJson?: string | undefined;
  readonly providerVersion?: ProviderVersion | null | undefined;
}

function envName(kind: 'connection' | 'variable', id: string): string {
  return envVarName(secretKinds[kind], id);
}

interface Aggregate {
  readonly kind: 'connection' | 'variable';
  readonly id: string;
  readonly occurrences: { file: string; line: number; snippet: string; source: string }[];
}

function resolve(
  lookup: LookupDescription,
  secret: SecretPresence | 'not-looked-up',
  others: readonly OtherDefinition[],
): { resolvedBy: ResolvedBy; status: HealthStatus; explanation: string } {
  const deployedEnv = others.find((other) => other.source === 'dockerfile-env');
  const localEnv = others.find((other) => other.source === 'dotenv');
  const metastore = others.find((other) => other.source === 'airflow-settings');
  if (secret === 'exists' && lookup.lookedUp) {
    const shadowed = others.length > 0 ? ` It is also defined in ${others.map((other) => other.file).join(', ')}, which Airflow never reaches for this id.` : '';
    return { resolvedBy: 'secrets-backend', status: 'ok', explanation: `Airflow reads the secret ${lookup.secretId}.${shadowed}` };
  }
  const why = !lookup.lookedUp
    ? `Airflow does not look it up in Secrets Manager: ${lookup.reason}`
    : secret === 'scheduled-for-deletion'
      ? `The secret ${lookup.secretId} is scheduled for deletion, and Airflow cannot read it.`
      : secret === 'unknown'
        ? `Airlock could not check whether ${lookup.secretId} exists.`
        : `There is no secret named ${lookup.secretId}.`;
  if (deployedEnv !== undefined) {
    return { resolvedBy: 'environment', status: secret === 'unknown' ? 'unknown' : 'ok', explanation: `${why} Airflow then uses ${deployedEnv.name} from the Dockerfile, locally and in a Deployment.` };
  }
  if (localEnv !== undefined) {
    return {
      resolvedBy: 'environment',
      status: secret === 'unknown' ? 'unknown' : 'warning',
      explanation: `${why} Locally Airflow uses ${localEnv.name} from .env, but a Deployment never gets .env, so it fails there.`,
    };
  }
  if (metastore !== undefined) {
    return {
      resolvedBy: 'local-metastore',
      status: secret === 'unknown' ? 'unknown' : 'warning',
      explanation: `${why} \`astro dev start\` loads it from ${AIRFLOW_SETTINGS_FILE} into the local database only, so a Deployment does not have it.`,
    };
  }
  if (secret === 'unknown') return { resolvedBy: 'unknown', status: 'unknown', explanation: why };
  return { resolvedBy: 'nothing', status: 'error', explanation: `${why} Nothing else defines it, so the task fails when it asks for it.` };
}

export async function findDagReferences(
  root: string,
  input: DagReferenceInput,
  session: ProjectSession,
  signal?: AbortSignal,
  access: SecretsManagerAccess = createSecretsManagerAccess(),
): Promise<DagReferences> {
  const [scan, dockerfile, dotenv, settings] = await Promise.all([
    collectPythonFiles(root),
    readProjectFileOrNote(root, 'Dockerfile'),
    readProjectFileOrNote(root, '.env'),
    readProjectFileOrNote(root, AIRFLOW_SETTINGS_FILE),
  ]);
  const dockerEnv = dockerfile.read?.exists === true ? readDockerfileEnv(dockerfile.read.text) : null;
  const dotenvRead = dotenv.read?.exists === true ? readDotenv(dotenv.read.text) : null;
  const settingsIds = settings.read?.exists === true ? readAirflowSettingsIds(settings.read.text) : null;

  let kwargsSource: DagReferences['kwargsSource'] = 'default';
  let kwargsText: string | null = null;
  if (input.kwargsJson !== undefined && input.kwargsJson.trim() !== '') {
    kwargsSource = 'given';
    kwargsText = input.kwargsJson;
  } else if (dockerEnv?.entries[BACKEND_KWARGS_ENV] !== undefined) {
    kwargsSource = 'dockerfile';
    kwargsText = dockerEnv.entries[BACKEND_KWARGS_ENV]?.value ?? null;
  }
  const parsed = kwargsText === null ? null : parseBackendKwargs(kwargsText);
  // Invalid kwargs make Airflow start the backend with every default; preview exactly that.
  const kwargs: BackendKwargs = parsed?.ok === true ? parsed.kwargs : {};
  const providerVersion = input.providerVersion ?? null;

  const aggregates = new Map<string, Aggregate>();
  const dynamic: DagReferences['dynamic'][number][] = [];
  for (const [index, file] of scan.files.entries()) {
    if (index > 0 && index % FILES_PER_SLICE === 0) await yieldToEventLoop();
    const result = scanDagReferences(file.text, file.file);
    for (const reference of result.references) addReference(aggregates, file.file, reference);
    for (const item of result.dynamic) {
      dynamic.push({ kind: item.kind, file: file.file, line: item.line, snippet: item.snippet, expression: item.expression, reason: item.reason === 'f-string' ? 'an f-string' : 'not a string literal' });
    }
  }

  const lookups = new Map<string, LookupDescription>();
  let described = 0;
  for (const [key, aggregate] of aggregates) {
    described += 1;
    if (described % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    lookups.set(key, describeLookup(kwargs, aggregate.kind, aggregate.id, { providerVersion }));
  }
  const names = [...lookups.values()].flatMap((lookup) => (lookup.lookedUp ? [lookup.secretId] : []));

  let presence = new Map<string, SecretPresence>();
  let listCalls = 0;
  let secretsError: string | null = null;
  let profile: DagReferences['profile'] = null;
  try {
    const target = await sessionGateway(session, access);
    if (target === null) {
      secretsError = 'No AWS profile is active, so Airlock cannot tell which secrets exist. Choose one in the header.';
    } else {
      profile = target.profile;
      if (names.length > 0) {
        const state = effectivePrefixes(kwargs);
        const heads = state.ok ? Object.values(state.prefixes).flatMap((prefix) => (prefix === null || prefix === '' ? [] : [`${prefix}${state.joiner}`])) : [];
        const result = await presenceOfNames(target.gateway, names, heads, signal);
        presence = result.presence;
        listCalls = result.calls;
      }
    }
  } catch (error) {
    secretsError = error instanceof AppError ? error.message : 'Airlock could not list the secrets.';
  }

  const rows: DagReferenceRow[] = [];
  for (const [key, aggregate] of aggregates) {
    if (rows.length > 0 && rows.length % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    const lookup = lookups.get(key) ?? describeLookup(kwargs, aggregate.kind, aggregate.id);
    const secret: SecretPresence | 'not-looked-up' = !lookup.lookedUp ? 'not-looked-up' : secretsError !== null ? 'unknown' : (presence.get(lookup.secretId) ?? 'missing');
    const others: OtherDefinition[] = [];
    const env = envName(aggregate.kind, aggregate.id);
    const image = dockerEnv?.entries[env];
    if (image !== undefined) others.push({ source: 'dockerfile-env', file: 'Dockerfile', line: image.line, name: env });
    const local = dotenvRead?.keys[env];
    if (local !== undefined) others.push({ source: 'dotenv', file: '.env', line: local.line, name: env });
    const settings = secretKinds[aggregate.kind].settingsYaml;
    const settingsLine = settingsIds?.[settings.section].get(aggregate.id);
    if (settingsLine !== undefined) {
      others.push({ source: 'airflow-settings', file: AIRFLOW_SETTINGS_FILE, line: settingsLine, name: `${settings.idKey}: ${aggregate.id}` });
    }
    rows.push({ kind: aggregate.kind, id: aggregate.id, occurrences: aggregate.occurrences, lookup, secret, otherDefinitions: others, ...resolve(lookup, secret, others) });
  }
  const collator = new Intl.Collator();
  const sorted = await sortInSlices(rows, (a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.id, b.id));
  const skipped = [...scan.skipped];
  if (settingsIds?.problem !== null && settingsIds?.problem !== undefined) skipped.push({ file: AIRFLOW_SETTINGS_FILE, reason: settingsIds.problem });
  return {
    rows: sorted,
    dynamic,
    scannedFiles: scan.files.length,
    skipped,
    listCalls,
    profile,
    secretsError,
    kwargsSource,
    kwargsFellBack: parsed !== null && !parsed.ok,
  };
}

function addReference(aggregates: Map<string, Aggregate>, file: string, reference: DagReference): void {
  const key = `${reference.kind}\u0000${reference.id}`;
  const aggregate = aggregates.get(key) ?? { kind: reference.kind, id: reference.id, occurrences: [] };
  aggregate.occurrences.push({ file, line: reference.line, snippet: reference.snippet, source: reference.source });
  aggregates.set(key, aggregate);
}
