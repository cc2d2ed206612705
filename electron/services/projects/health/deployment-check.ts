/**
 * The Deployment's own environment variables: a Deployment's variables override the Dockerfile's
 * ENV, so a stale AIRFLOW__SECRETS__BACKEND_KWARGS there silently wins. When the project has a
 * target Deployment (.astro/airlock.json), this compares its variables with what a deploy would
 * set, through the astro CLI, with Airlock's records for the secret kwargs.
 *
 * The astro CLI lives in the deploy domain; the composition hands its reader to the project
 * service (`HealthContext.deployment`), so the checklist does not depend on it: without a source
 * the item says how to get one. The CLI takes seconds, so the source caches reads briefly and the
 * check gives up after `CHECK_TIMEOUT_MS`.
 */
import type { HealthEvidence, HealthItem } from '../../../../shared/api';
import type { VariableRow } from '../../../../shared/deploy';
import { assertNever } from '../../../../shared/assert';
import { AppError } from '../../../../shared/errors';
import type { DeploymentCheckResult } from './deployment-source';
import { noteEvidence, type HealthContext } from './health-context';

export type { DeploymentCheckResult, DeploymentVariablesSource } from './deployment-source';

export const CHECK_TIMEOUT_MS = 20_000;

const TITLE = "The Deployment's variables";
const CHOOSE = 'Choose the project\'s Deployment in the Deploy view: Airlock remembers it in .astro/airlock.json (no secrets; safe to commit) and compares its variables here.';

function base(): Pick<HealthItem, 'id' | 'title' | 'problems' | 'fix' | 'action'> {
  return { id: 'deployment-variables', title: TITLE, problems: [], fix: null, action: null };
}

const STATUS_TEXT: Readonly<Record<VariableRow['status'], string>> = {
  added: 'missing on the Deployment',
  changed: 'differs from the Dockerfile',
  unchanged: 'as in the Dockerfile',
  'not-readable': 'secret, value not readable',
  'changed-outside': 'changed outside Airlock',
};

function rowEvidence(row: VariableRow): HealthEvidence {
  return noteEvidence(`${row.key}: ${STATUS_TEXT[row.status]}. ${row.note}`);
}

/** How much each status calls for attention: the combined item shows the most pressing. */
const URGENCY: Readonly<Record<HealthItem['status'], number>> = { ok: 0, unknown: 1, warning: 2, error: 3 };

/** One item for every environment's Deployment: its status is the most pressing one, each line says which environment. */
function environmentsItem(results: Extract<DeploymentCheckResult, { kind: 'environments' }>['results']): HealthItem {
  const items = results.map(({ environment, result }) => ({ environment, item: deploymentItem(result) }));
  const status = items.reduce<HealthItem['status']>((worst, { item }) => (URGENCY[item.status] > URGENCY[worst] ? item.status : worst), 'ok');
  const attention = items.filter(({ item }) => item.status !== 'ok');
  return {
    ...base(),
    status,
    summary: attention.length === 0
      ? `All ${items.length} environments' Deployments have their secrets-backend variables.`
      : attention.map(({ environment, item }) => `${environment}: ${item.summary}`).join(' '),
    explanation: items.map(({ environment, item }) => `${environment}: ${item.explanation}`).join(' '),
    evidence: items.flatMap(({ environment, item }) => [noteEvidence(`${environment}: ${item.summary}`), ...item.evidence.map((line) => ({ ...line, text: `${environment}: ${line.text}` }))]),
  };
}

export function deploymentItem(result: DeploymentCheckResult): HealthItem {
  switch (result.kind) {
    case 'environments':
      return environmentsItem(result.results);
    case 'no-target':
      return {
        ...base(),
        status: 'unknown',
        summary: 'No Deployment chosen for this project.',
        explanation: `${result.problem === null ? '' : `${result.problem} `}${CHOOSE}`,
        evidence: [],
      };
    case 'unavailable':
      return {
        ...base(),
        status: 'unknown',
        summary: `Could not read the Deployment "${result.deploymentName}".`,
        explanation: result.message,
        evidence: [],
      };
    case 'compared': {
      const differing = result.rows.filter((row) => row.status === 'added' || row.status === 'changed' || row.status === 'changed-outside');
      const unreadable = result.rows.filter((row) => row.status === 'not-readable');
      const evidence = result.rows.map(rowEvidence);
      const tail = `${result.note === null ? '' : ` ${result.note}`} Deploy from the Deploy view to review the exact change.`;
      if (differing.length > 0) {
        return {
          ...base(),
          status: 'warning',
          summary: `"${result.deploymentName}" differs: ${differing.map((row) => row.key).join(', ')}.`,
          explanation: `The Deployment's own variables override the Dockerfile's ENV, so the Deployment does not use the secrets backend as this project sets it.${tail}`,
          evidence,
        };
      }
      if (unreadable.length > 0) {
        return {
          ...base(),
          status: 'warning',
          summary: `"${result.deploymentName}" has ${unreadable.map((row) => row.key).join(', ')} as a secret Airlock cannot compare.`,
          explanation: `Astro never shows a secret's value, and Airlock has no record of deploying this one, so it cannot tell whether it matches the Dockerfile.${tail}`,
          evidence,
        };
      }
      return {
        ...base(),
        status: 'ok',
        summary: `"${result.deploymentName}" has the Dockerfile's secrets-backend variables.`,
        explanation: `The plain values match, and the secret kwargs are unchanged since Airlock deployed them.${result.note === null ? '' : ` ${result.note}`}`,
        evidence,
      };
    }
    default:
      return assertNever(result, 'Unknown deployment check result');
  }
}

export async function deploymentVariablesCheck(ctx: HealthContext): Promise<HealthItem> {
  const source = ctx.deployment;
  if (source === null) {
    return { ...base(), status: 'unknown', summary: 'Not checked: the Astro CLI is not available here.', explanation: CHOOSE, evidence: [] };
  }
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    return deploymentItem(await source.check(ctx.root, ctx.backend.kwargsJson, signal));
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The Deployment could not be read.';
    return { ...base(), status: 'unknown', summary: 'Could not read the Deployment.', explanation: signal.aborted ? `The Astro CLI did not answer within ${CHECK_TIMEOUT_MS / 1000} seconds. Open the Deploy view to try again.` : message, evidence: [] };
  }
}
