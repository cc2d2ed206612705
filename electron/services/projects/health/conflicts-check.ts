/**
 * The same setting defined in more than one place, where the places disagree. Locally, `astro
 * dev` passes .env to the containers, which overrides the image's ENV; a Deployment never gets
 * .env (it is docker-ignored and not uploaded), so it uses the Dockerfile unless the Deployment's
 * own variables override it. Airflow 3 workers read `[workers] secrets_backend*` first.
 */
import type { HealthEvidence, HealthItem, HealthProblem, ProjectChange } from '../../../../shared/api';
import { BACKEND_ENV, BACKEND_KWARGS_ENV } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { lineEvidence, type HealthContext } from './health-context';

const KEYS = [BACKEND_ENV, BACKEND_KWARGS_ENV] as const;
const VARIANTS = [
  `${BACKEND_ENV}_CMD`,
  `${BACKEND_ENV}_SECRET`,
  `${BACKEND_KWARGS_ENV}_CMD`,
  `${BACKEND_KWARGS_ENV}_SECRET`,
  'AIRFLOW__WORKERS__SECRETS_BACKEND',
  'AIRFLOW__WORKERS__SECRETS_BACKEND_KWARGS',
];

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

export function conflictingDefinitionsCheck(ctx: HealthContext): HealthItem {
  const evidence: HealthEvidence[] = [];
  const problems: HealthProblem[] = [];
  const dotenvRemovals: Record<string, null> = {};
  const moves: Record<string, string> = {};
  const docker = ctx.dockerEnv;
  const dotenv = ctx.dotenvRead;

  for (const key of KEYS) {
    const definitions = docker?.stages[docker.finalStage ?? -1]?.definitions.filter((entry) => entry.key === key) ?? [];
    if (definitions.length > 1 && ctx.dockerfile !== null) {
      const lines = definitions.map((entry) => entry.line);
      problems.push({ severity: 'warning', message: `The Dockerfile sets ${key} ${definitions.length} times (lines ${lines.join(', ')}); only the last one counts. Remove the others so nobody edits the wrong one.` });
      for (const entry of definitions) evidence.push(lineEvidence(ctx.dockerfile, entry.line));
    }
    const local = dotenv?.keys[key];
    if (local === undefined || ctx.dotenv === null) continue;
    evidence.push(lineEvidence(ctx.dotenv, local.line));
    if (local.duplicate) problems.push({ severity: 'warning', message: `.env sets ${key} on lines ${local.lines.join(', ')}; the last one wins.` });
    const image = docker?.entries[key];
    if (image === undefined) {
      problems.push({
        severity: 'warning',
        message: `${key} is set in .env but not in the Dockerfile: it works for \`astro dev\` only, because a Deployment never gets .env.`,
      });
      if (local.value !== null) {
        moves[key] = local.value;
        dotenvRemovals[key] = null;
      }
      continue;
    }
    if (ctx.dockerfile !== null) evidence.push(lineEvidence(ctx.dockerfile, image.line));
    const same = local.value !== null && (local.value === image.value || (key === BACKEND_KWARGS_ENV && sameJson(local.value, image.value)));
    if (!same) {
      problems.push({
        severity: 'warning',
        message: `${key} differs between .env (line ${local.line}) and the Dockerfile (line ${image.line}). Locally .env wins; a Deployment uses the Dockerfile. Remove it from .env so both run the same settings.`,
      });
      dotenvRemovals[key] = null;
    }
  }
  for (const key of VARIANTS) {
    const local = dotenv?.keys[key];
    const image = docker?.entries[key];
    if (local === undefined && image === undefined) continue;
    if (local !== undefined && ctx.dotenv !== null) evidence.push(lineEvidence(ctx.dotenv, local.line));
    if (image !== undefined && ctx.dockerfile !== null) evidence.push(lineEvidence(ctx.dockerfile, image.line));
    problems.push({
      severity: 'warning',
      message: key.startsWith('AIRFLOW__WORKERS__')
        ? `${key} is set: Airflow 3 workers use it instead of the [secrets] settings, so tasks may read a different backend than the scheduler.`
        : `${key} is set. A plain ${key.replace(/_(CMD|SECRET)$/, '')} takes precedence over it; keep one way of setting it.`,
    });
  }

  const changes: ProjectChange[] = [];
  if (Object.keys(moves).length > 0) changes.push({ kind: 'dockerfile-env', vars: moves });
  if (Object.keys(dotenvRemovals).length > 0) changes.push({ kind: 'dotenv-env', vars: dotenvRemovals, removeDuplicates: true });
  const base = { id: 'conflicting-definitions' as const, title: 'Conflicting definitions', evidence, problems, action: null };
  if (problems.length === 0) {
    return {
      ...base,
      status: 'ok',
      summary: evidence.length > 0 ? '.env repeats the Dockerfile\'s values.' : 'Each setting is defined once.',
      explanation: 'The secrets-backend settings are the same wherever Airflow reads them, locally and in a Deployment.',
      fix: null,
    };
  }
  return {
    ...base,
    status: 'warning',
    summary: `${plural(problems.length, 'setting')} defined in more than one place.`,
    explanation: 'Airflow reads the environment of the running container: locally that is the Dockerfile\'s ENV overridden by .env; in a Deployment it is the Dockerfile\'s ENV overridden by the Deployment\'s variables. Keep each setting in the Dockerfile only.',
    fix:
      changes.length === 0
        ? null
        : { label: Object.keys(moves).length > 0 ? 'Move the settings from .env to the Dockerfile' : 'Remove the differing settings from .env', changes },
  };
}
