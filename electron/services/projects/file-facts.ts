/**
 * The lines of the project's files that matter for the secrets backend, masked, for the Files
 * tab: the Dockerfile's FROM and secrets/AWS ENV lines, .env's AWS and Airflow lines, the
 * requirement and include lines, and the ignore lines that decide about .env.
 */
import type { ProjectFileFacts, RelevantLine } from '../../../shared/api';
import { isPathIgnored } from '../../../shared/ignore-files';
import { lineEndingStyleOf } from './line-endings';
import { maskFileText, maskedLine } from './masking';
import type { ProjectFileRead } from '../project-folder';
import type { HealthContext } from './health/health-context';

const RELEVANT_ENV = /^(?:AIRFLOW__SECRETS__|AIRFLOW__WORKERS__SECRETS_|AWS_|AIRFLOW_CONN_|AIRFLOW_VAR_)/;

function factsFor(read: ProjectFileRead | null, file: string, picks: readonly { line: number; note: string | null }[]): ProjectFileFacts {
  if (!read?.exists) return { file, exists: false, lineEnding: 'none', lines: [] };
  const masked = maskFileText(read.file, read.text);
  const seen = new Set<number>();
  const lines: RelevantLine[] = [];
  for (const pick of [...picks].sort((a, b) => a.line - b.line)) {
    if (seen.has(pick.line)) continue;
    seen.add(pick.line);
    const shown = maskedLine(masked, pick.line);
    lines.push({ line: pick.line, text: shown.text, masked: shown.masked, note: pick.note });
  }
  return { file: read.file, exists: true, lineEnding: lineEndingStyleOf(read.text), lines };
}

export function projectFileFacts(ctx: HealthContext): ProjectFileFacts[] {
  const facts: ProjectFileFacts[] = [];
  const docker = ctx.dockerEnv;
  const finalStage = docker?.finalStage == null ? undefined : docker.stages[docker.finalStage];
  facts.push(
    factsFor(ctx.dockerfile, 'Dockerfile', [
      ...(finalStage === undefined ? [] : [{ line: finalStage.fromLine, note: 'base image (final stage)' }]),
      ...(finalStage?.definitions ?? [])
        .filter((entry) => RELEVANT_ENV.test(entry.key))
        .map((entry) => ({ line: entry.line, note: docker?.entries[entry.key]?.line === entry.line ? null : 'overridden by a later line' })),
    ]),
  );
  facts.push(
    factsFor(
      ctx.dotenv,
      '.env',
      (ctx.dotenvRead?.entries ?? []).filter((entry) => RELEVANT_ENV.test(entry.key)).map((entry) => ({ line: entry.line, note: ctx.dotenvRead?.keys[entry.key]?.line === entry.line ? null : 'overridden by a later line' })),
    ),
  );
  for (const visit of ctx.requirements.visits) {
    const picks = [
      ...ctx.requirements.matches.filter((match) => match.file === visit.file).map((match) => ({ line: match.entry.line, note: match.kind === 'constraints' ? 'constraint' : null })),
      ...ctx.requirements.visits.filter((other) => other.includedFrom?.file === visit.file).map((other) => ({ line: other.includedFrom?.line ?? 0, note: `includes ${other.file}` })),
    ];
    facts.push(factsFor(visit.read, visit.file, picks));
  }
  for (const [file, read, flavour] of [['.gitignore', ctx.gitignore, 'git'], ['.dockerignore', ctx.dockerignore, 'docker']] as const) {
    const decision = read?.exists === true ? isPathIgnored(read.text, '.env', flavour) : null;
    facts.push(factsFor(read, file, decision?.line === null || decision === null ? [] : [{ line: decision.line, note: decision.ignored ? 'ignores .env' : 're-includes .env' }]));
  }
  return facts;
}
