/**
 * The two ENV lines in the Dockerfile: AIRFLOW__SECRETS__BACKEND (the exact class path) and
 * AIRFLOW__SECRETS__BACKEND_KWARGS (valid JSON, validated for the provider version in use).
 */
import { formatVersion, validateBackendKwargs } from '../../../../shared/airflow';
import type { HealthItem, HealthProblem, ProjectChange } from '../../../../shared/api';
import { BACKEND_ENV, BACKEND_KWARGS_ENV, SECRETS_MANAGER_BACKEND_CLASS } from '../../../../shared/api';
import { defaultProjectKwargs, kwargsToOneLine } from '../../../../shared/projects';
import { plural } from '../../../../shared/plural';
import { lineEvidence, noteEvidence, type HealthContext } from './health-context';

function defaultKwargsChange(ctx: HealthContext): Record<string, string> {
  return ctx.backend.kwargsState === 'absent' ? { [BACKEND_KWARGS_ENV]: kwargsToOneLine(defaultProjectKwargs(ctx.aws.profile?.region ?? null)) } : {};
}

function dockerfileErrors(ctx: HealthContext): HealthProblem[] {
  return (ctx.dockerEnv?.problems ?? []).filter((problem) => problem.severity === 'error').map((problem) => ({ severity: 'error', message: `Line ${problem.line}: ${problem.message}` }));
}

export function backendClassCheck(ctx: HealthContext): HealthItem {
  const base = { id: 'backend-class' as const, title: 'Secrets backend in the Dockerfile', action: null };
  if (ctx.dockerfile === null || !ctx.dockerfile.exists || ctx.dockerEnv === null) {
    return {
      ...base,
      status: 'error',
      summary: 'There is no Dockerfile.',
      explanation: 'An Astro project sets the secrets backend with ENV lines in its Dockerfile. Run `astro dev init` to create one.',
      evidence: [noteEvidence('Dockerfile does not exist', 'Dockerfile')],
      problems: [],
      fix: null,
    };
  }
  const errors = dockerfileErrors(ctx);
  const entry = ctx.dockerEnv.entries[BACKEND_ENV];
  const setBoth: ProjectChange = { kind: 'dockerfile-env', vars: { [BACKEND_ENV]: SECRETS_MANAGER_BACKEND_CLASS, ...defaultKwargsChange(ctx) } };
  if (entry === undefined) {
    const addsKwargs = ctx.backend.kwargsState === 'absent';
    return {
      ...base,
      status: 'error',
      summary: `${BACKEND_ENV} is not set.`,
      explanation: `Without ${BACKEND_ENV}, Airflow never asks Secrets Manager for anything: it reads connections and variables from environment variables and its database only.${addsKwargs ? ' The fix also sets the kwargs, with the usual prefixes and your profile\'s region.' : ''}`,
      evidence: [noteEvidence(`No ENV ${BACKEND_ENV} in the final stage`, 'Dockerfile')],
      problems: errors,
      fix: errors.length > 0 ? null : { label: addsKwargs ? 'Add the secrets backend ENV lines' : `Add ENV ${BACKEND_ENV}`, changes: [setBoth] },
    };
  }
  const evidence = [lineEvidence(ctx.dockerfile, entry.line)];
  if (!entry.valueKnown) {
    return {
      ...base,
      status: 'warning',
      summary: 'The value depends on a build argument or variable.',
      explanation: `${BACKEND_ENV} refers to $${entry.unresolvedVariables.join(', $')}, which this file does not set, so Airlock cannot tell which backend Airflow gets. Write the class path out: ${SECRETS_MANAGER_BACKEND_CLASS}.`,
      evidence,
      problems: errors,
      fix: null,
    };
  }
  if (entry.value === SECRETS_MANAGER_BACKEND_CLASS) {
    return { ...base, status: 'ok', summary: 'AWS Secrets Manager is the secrets backend.', explanation: `${BACKEND_ENV} names the Amazon provider's SecretsManagerBackend.`, evidence, problems: errors, fix: null };
  }
  const fix = { label: 'Use the SecretsManagerBackend class', changes: [{ kind: 'dockerfile-env' as const, vars: { [BACKEND_ENV]: SECRETS_MANAGER_BACKEND_CLASS } }] };
  if (entry.value.trim().endsWith("SecretsManagerBackend")) {
    return {
      ...base,
      status: 'error',
      summary: 'The class path is wrong.',
      explanation: `Airflow cannot import "${entry.value}" (old contrib paths were removed in Airflow 2), so it starts without a secrets backend. The class is ${SECRETS_MANAGER_BACKEND_CLASS}.`,
      evidence,
      problems: errors,
      fix,
    };
  }
  return {
    ...base,
    status: 'warning',
    summary: 'Another secrets backend is configured.',
    explanation: `${BACKEND_ENV} is "${entry.value}", not AWS Secrets Manager. Airlock's checks assume ${SECRETS_MANAGER_BACKEND_CLASS}.`,
    evidence,
    problems: errors,
    fix: { ...fix, label: 'Switch to AWS Secrets Manager' },
  };
}

export function backendKwargsCheck(ctx: HealthContext): HealthItem {
  const base = { id: 'backend-kwargs' as const, title: 'Backend kwargs in the Dockerfile', action: 'edit-kwargs' as const };
  if (ctx.dockerfile === null || !ctx.dockerfile.exists || ctx.dockerEnv === null) {
    return { ...base, status: 'error', summary: 'There is no Dockerfile.', explanation: 'The kwargs go on an ENV line of the Dockerfile.', evidence: [], problems: [], fix: null, action: null };
  }
  const entry = ctx.dockerEnv.entries[BACKEND_KWARGS_ENV];
  const version = ctx.provider.atLeast;
  const versionNote = version === null ? 'Checked without a known provider version.' : `Checked for provider ${formatVersion(version)} (the lowest requirements.txt allows).`;
  if (entry === undefined) {
    const classSet = ctx.dockerEnv.entries[BACKEND_ENV] !== undefined;
    return {
      ...base,
      status: 'warning',
      summary: `${BACKEND_KWARGS_ENV} is not set: every default applies.`,
      explanation:
        'Without kwargs the backend uses `airflow/connections`, `airflow/variables` and `airflow/config`, with no region_name, so it needs AWS_DEFAULT_REGION in every environment. Set the kwargs explicitly so that what Airflow reads is written down.',
      evidence: [noteEvidence(`No ENV ${BACKEND_KWARGS_ENV} in the final stage`, 'Dockerfile')],
      problems: [],
      fix: classSet ? { label: `Add ENV ${BACKEND_KWARGS_ENV}`, changes: [{ kind: 'dockerfile-env', vars: defaultKwargsChange(ctx) }] } : null,
    };
  }
  const evidence = [lineEvidence(ctx.dockerfile, entry.line)];
  if (ctx.kwargs === null) {
    return {
      ...base,
      status: 'error',
      summary: 'The kwargs are not valid JSON.',
      explanation: 'Airflow does not stop on invalid kwargs: it logs a warning and starts the backend with every default, so it silently reads other prefixes, without your region or role. Fix the JSON in the kwargs editor.',
      evidence,
      problems: ctx.kwargsParseProblems.map((problem) => ({ severity: problem.severity, message: problem.message })),
      fix: null,
    };
  }
  const problems = [...ctx.kwargsParseProblems, ...validateBackendKwargs(ctx.kwargs, { providerVersion: version })].map((problem) => ({ severity: problem.severity, message: problem.message }));
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  return {
    ...base,
    status: errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok',
    summary: errors + warnings === 0 ? 'Valid JSON, no problems found.' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
    explanation: `${versionNote} Open the kwargs editor to see each problem next to its field and fix it.`,
    evidence,
    problems,
    fix: null,
  };
}
