/**
 * .env must stay out of git (it holds credentials) and out of the Docker build context (the
 * Astro image copies the project folder, so a .env that is not docker-ignored ends up in the
 * image that `astro deploy` pushes).
 */
import type { HealthEvidence, HealthItem, ProjectChange } from '../../../../shared/api';
import { isPathIgnored, type IgnoreDecision } from '../../../../shared/ignore-files';
import type { ProjectFileRead } from '../../project-folder';
import { lineEvidence, noteEvidence, type HealthContext } from './health-context';

interface Verdict {
  readonly file: '.gitignore' | '.dockerignore';
  readonly exists: boolean;
  readonly decision: IgnoreDecision | null;
}

function verdict(file: '.gitignore' | '.dockerignore', read: ProjectFileRead | null): Verdict {
  if (!read?.exists) return { file, exists: false, decision: null };
  return { file, exists: true, decision: isPathIgnored(read.text, '.env', file === '.gitignore' ? 'git' : 'docker') };
}

function evidenceFor(v: Verdict, read: ProjectFileRead | null): HealthEvidence {
  if (!v.exists || read === null) return noteEvidence(`${v.file} does not exist`, v.file);
  const decision = v.decision;
  if (decision?.line == null) return noteEvidence(`No line of ${v.file} matches .env`, v.file);
  return lineEvidence(read, decision.line);
}

export function dotenvIgnoredCheck(ctx: HealthContext): HealthItem {
  const git = verdict('.gitignore', ctx.gitignore);
  const docker = verdict('.dockerignore', ctx.dockerignore);
  const evidence = [evidenceFor(git, ctx.gitignore), evidenceFor(docker, ctx.dockerignore)];
  const problems = [...(git.decision?.problems ?? []), ...(docker.decision?.problems ?? [])].map((problem) => ({ severity: problem.severity, message: problem.message }));
  const gitIgnored = git.decision?.ignored === true;
  const dockerIgnored = docker.decision?.ignored === true;
  const changes: ProjectChange[] = [];
  if (!gitIgnored) changes.push({ kind: 'ignore-entry', file: '.gitignore', pattern: '.env' });
  if (!dockerIgnored) changes.push({ kind: 'ignore-entry', file: '.dockerignore', pattern: '.env' });
  const base = { id: 'dotenv-ignored' as const, title: '.env kept out of git and the image', evidence, problems, action: null };
  if (gitIgnored && dockerIgnored) {
    return { ...base, status: 'ok', summary: '.env is git-ignored and docker-ignored.', explanation: 'Neither a commit nor `astro deploy` takes .env along, so the credentials in it stay on this machine.', fix: null };
  }
  const holdsValues = ctx.dotenvRead !== null && Object.keys(ctx.dotenvRead.values).length > 0;
  const missing = [!gitIgnored ? '.gitignore' : null, !dockerIgnored ? '.dockerignore' : null].filter((item) => item !== null).join(' and ');
  const consequences = [
    !gitIgnored ? (ctx.isGitRepository ? 'a `git add .` would commit it' : 'once this folder is a git repository, a `git add .` would commit it') : null,
    !dockerIgnored ? 'the image `astro deploy` builds would contain it' : null,
  ].filter((item) => item !== null);
  return {
    ...base,
    status: holdsValues && (ctx.isGitRepository || !dockerIgnored) ? 'error' : 'warning',
    summary: `.env is not ignored by ${missing}.`,
    explanation: `.env holds secrets (credentials, connection URIs), but ${consequences.join(', and ')}. Add .env to ${missing}.`,
    fix: { label: `Add .env to ${missing}`, changes },
  };
}
