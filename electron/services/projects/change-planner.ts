/**
 * Turns the renderer's change requests into the exact bytes to write, using only the pure setters
 * of shared/project-files (so what is shown is what is written), and describes them as a diff
 * with secret lines masked. Changes to the same file apply in order to one working text.
 */
import { randomUUID } from 'node:crypto';
import type { ChangePlan, PlannedDiffLine, PlannedFile, ProjectChange } from '../../../shared/api';
import { assertNever } from '../../../shared/assert';
import { AppError } from '../../../shared/errors';
import { planDockerfileEnv, planDotenv, planRequirement, type KeyChange } from '../../../shared/project-files';
import { planIgnoreEntry } from '../../../shared/projects';
import { diffText } from '../../../shared/text-diff';
import { credentialNotes, type LocalCredentials } from './local-credentials';
import { lineEndingStyleOf } from './line-endings';
import { isDotenvFile, maskFileText, maskedLine } from './masking';
import { normalizeProjectRelative, readProjectFile, type ProjectFileRead } from '../project-folder';
import { searchRequirements } from './requirements-search';
import { addsSecretValue, formatMode, IGNORE_FILES, joinFiles, modeAfterWrite, needsIgnoreEntries, PRIVATE_FILE_MODE } from './secret-files';

export interface StoredFilePlan {
  readonly file: string;
  readonly absolutePath: string;
  readonly existed: boolean;
  readonly fingerprint: string;
  readonly before: string;
  readonly after: string;
  /** The mode to write with: 0600 when a secret is added, else the file's own (a default for a new file). */
  readonly mode: number;
  /** The write puts a secret value into the file (applying then checks a .env is still ignored). */
  readonly secretAdded: boolean;
}

export interface StoredPlan {
  readonly id: string;
  readonly root: string;
  readonly createdAt: number;
  readonly files: readonly StoredFilePlan[];
}

export interface PlannerDeps {
  readonly credentials: () => Promise<LocalCredentials>;
  readonly now: () => Date;
}

interface WorkingFile {
  readonly read: ProjectFileRead;
  text: string;
  readonly summary: string[];
  /** Why the file joined the plan without being asked for (an ignore entry a secret needs). */
  requiredBy: string | null;
}

function describeKeyChanges(changes: readonly KeyChange[]): string[] {
  return changes.filter((change) => change.action !== 'unchanged').map((change) => `${change.key}: ${change.action}${change.line === null ? '' : ` (line ${change.line})`}`);
}

function refuse(file: string, messages: readonly string[]): never {
  throw new AppError('INVALID_INPUT', messages[0] ?? `Airlock could not plan the change to ${file}.`, { details: { file, problems: messages } });
}

/** The file each change edits. */
function fileOf(change: ProjectChange): string {
  switch (change.kind) {
    case 'dockerfile-env':
      return 'Dockerfile';
    case 'dotenv-env':
    case 'dotenv-aws-credentials':
      return '.env';
    case 'requirement':
      return change.file;
    case 'ignore-entry':
      return change.file;
    default:
      return assertNever(change, 'Unknown project change');
  }
}

/** A .env is written last, after the ignore entries, so a secret never sits in a file git or Docker would take. */
function writeRank(file: string): number {
  return isDotenvFile(file) ? 1 : 0;
}

/** The diff lines, computed on the real text and masked per side afterwards. */
export function maskedDiff(file: string, before: string, after: string): { lines: PlannedDiffLine[]; added: number; removed: number; masked: boolean } {
  const diff = diffText(before, after);
  const oldMasked = maskFileText(file, before);
  const newMasked = maskFileText(file, after);
  let anyMasked = false;
  const lines = diff.lines.map((line): PlannedDiffLine => {
    const oldSide = line.oldLine === undefined ? null : maskedLine(oldMasked, line.oldLine);
    const newSide = line.newLine === undefined ? null : maskedLine(newMasked, line.newLine);
    // An unchanged line is masked when either side masks it (its text is the same on both).
    const shown = [oldSide, newSide].find((side) => side?.masked === true) ?? oldSide ?? newSide ?? { text: '', masked: false };
    if (shown.masked) anyMasked = true;
    return { kind: line.kind, text: shown.text, oldLine: line.oldLine ?? null, newLine: line.newLine ?? null, masked: shown.masked };
  });
  return { lines, added: diff.added, removed: diff.removed, masked: anyMasked };
}

export async function planProjectChanges(root: string, changes: readonly ProjectChange[], deps: PlannerDeps): Promise<{ stored: StoredPlan; plan: ChangePlan }> {
  const working = new Map<string, WorkingFile>();
  const notes: string[] = [];
  const open = async (file: string): Promise<WorkingFile> => {
    const existing = working.get(normalizeProjectRelative(file));
    if (existing !== undefined) return existing;
    const read = await readProjectFile(root, file);
    if (!read.utf8) refuse(read.file, [`${read.file} is not UTF-8 text, so Airlock does not edit it (a rewrite could change bytes you did not ask to change).`]);
    const entry: WorkingFile = { read, text: read.text, summary: [], requiredBy: null };
    working.set(read.file, entry);
    return entry;
  };

  let requirementFiles: ReadonlySet<string> | null = null;
  for (const change of changes) {
    const target = await open(fileOf(change));
    switch (change.kind) {
      case 'dockerfile-env': {
        if (!target.read.exists) refuse('Dockerfile', ['The project has no Dockerfile to add ENV lines to. Create it with `astro dev init` first.']);
        const plan = planDockerfileEnv(target.text, change.vars);
        if (!plan.ok) refuse('Dockerfile', plan.problems.map((problem) => problem.message));
        target.text = plan.text;
        target.summary.push(...describeKeyChanges(plan.changes));
        break;
      }
      case 'dotenv-env': {
        const plan = planDotenv(target.text, change.vars, { removeDuplicates: change.removeDuplicates === true });
        if (!plan.ok) refuse('.env', plan.problems.map((problem) => problem.message));
        target.text = plan.text;
        target.summary.push(...describeKeyChanges(plan.changes));
        for (const duplicate of plan.keptDuplicates) notes.push(`.env also defines ${duplicate.key} on line ${duplicate.lines.join(', ')}; the last definition wins, so those were left alone.`);
        break;
      }
      case 'dotenv-aws-credentials': {
        const credentials = await deps.credentials();
        const current = target.text;
        const vars: Record<string, string | null> = {
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          // A leftover session token would be sent with long-lived keys and make AWS reject them.
          AWS_SESSION_TOKEN: credentials.sessionToken,
        };
        if (!/^\s*(?:export\s+)?AWS_(?:DEFAULT_)?REGION\s*[=:]/m.test(current)) vars.AWS_DEFAULT_REGION = credentials.region;
        const plan = planDotenv(current, vars, { removeDuplicates: true });
        if (!plan.ok) refuse('.env', plan.problems.map((problem) => problem.message));
        target.text = plan.text;
        target.summary.push(...describeKeyChanges(plan.changes));
        notes.push(...credentialNotes(credentials, deps.now()));
        break;
      }
      case 'requirement': {
        requirementFiles ??= new Set((await searchRequirements(root, change.name)).visits.map((visit) => visit.file));
        if (!requirementFiles.has(target.read.file)) {
          refuse(target.read.file, [`${target.read.file} is not requirements.txt or a file it includes, so pip would not read it.`]);
        }
        let plan;
        try {
          plan = planRequirement(target.text, change.name, change.specifier);
        } catch (error) {
          if (error instanceof AppError) refuse(target.read.file, [error.message]);
          throw error;
        }
        if (!plan.ok) refuse(target.read.file, plan.problems.map((problem) => problem.message));
        if (plan.reason !== null) notes.push(plan.reason);
        target.text = plan.text;
        target.summary.push(`${change.name}: ${plan.action}${plan.line === null ? '' : ` (line ${plan.line})`}`);
        break;
      }
      case 'ignore-entry': {
        const plan = planIgnoreEntry(target.text, change.pattern, change.file === '.gitignore' ? 'git' : 'docker');
        if (!plan.ok) refuse(change.file, [plan.message]);
        target.text = plan.text;
        target.summary.push(`${change.pattern}: ${plan.action === 'added' ? 'added' : 'already ignored'}${plan.line === null ? '' : ` (line ${plan.line})`}`);
        break;
      }
      default:
        assertNever(change, 'Unknown project change');
    }
  }

  // One rule for every writer: a secret added to .env brings the entries that keep it out of git and the image.
  const ignoredNow = new Map<string, string[]>();
  for (const entry of [...working.values()]) {
    if (!needsIgnoreEntries(entry.read.file) || !addsSecretValue(entry.read.file, entry.read.text, entry.text)) continue;
    const added: string[] = [];
    for (const rule of IGNORE_FILES) {
      const ignoreFile = await open(rule.file);
      const plan = planIgnoreEntry(ignoreFile.text, entry.read.file, rule.flavour);
      if (!plan.ok) refuse(rule.file, [`${entry.read.file} would hold secrets, but Airlock cannot make ${rule.file} ignore it: ${plan.message}`]);
      if (plan.action === 'unchanged') continue;
      ignoreFile.text = plan.text;
      ignoreFile.summary.push(`${entry.read.file}: added${plan.line === null ? '' : ` (line ${plan.line})`}`);
      ignoreFile.requiredBy = `${entry.read.file} will hold secrets: this entry makes sure ${rule.keepsOutOf}.`;
      added.push(rule.file);
    }
    ignoredNow.set(entry.read.file, added);
  }

  const stored: StoredFilePlan[] = [];
  const files: PlannedFile[] = [];
  const unchanged: string[] = [];
  const ordered = [...working.values()].sort((a, b) => writeRank(a.read.file) - writeRank(b.read.file));
  for (const entry of ordered) {
    const { read } = entry;
    if (entry.text === read.text) {
      unchanged.push(`${read.file} already has these settings.`);
      continue;
    }
    const secretAdded = addsSecretValue(read.file, read.text, entry.text);
    const mode = modeAfterWrite(read.file, read.mode, secretAdded);
    stored.push({ file: read.file, absolutePath: read.absolutePath, existed: read.exists, fingerprint: read.fingerprint, before: read.text, after: entry.text, mode, secretAdded });
    const diff = maskedDiff(read.file, read.text, entry.text);
    files.push({
      file: read.file,
      existed: read.exists,
      fingerprint: read.fingerprint,
      size: read.size,
      modifiedAt: read.mtimeMs === null ? null : new Date(read.mtimeMs).toISOString(),
      lines: diff.lines,
      added: diff.added,
      removed: diff.removed,
      masked: diff.masked,
      lineEnding: lineEndingStyleOf(entry.text),
      summary: entry.summary,
      addsSecret: secretAdded,
      mode: { before: read.mode, after: mode },
      requiredBy: entry.requiredBy,
    });
    if (secretAdded && read.mode !== null && (read.mode & 0o777) !== PRIVATE_FILE_MODE) {
      notes.push(`${read.file} will hold secret values, so Airlock writes it readable by you only (mode ${formatMode(PRIVATE_FILE_MODE)}; it is ${formatMode(read.mode)} now).`);
    } else if (secretAdded && !read.exists) {
      notes.push(`${read.file} is created readable by you only (mode ${formatMode(PRIVATE_FILE_MODE)}): it will hold secret values.`);
    }
    if (isDotenvFile(read.file)) {
      const added = ignoredNow.get(read.file) ?? [];
      notes.push(
        added.length > 0
          ? `${read.file} holds secrets, and ${joinFiles(added)} did not ignore it: this change adds it there too (shown below), so neither a commit nor the image takes it along. Its values are masked here.`
          : `${read.file} holds secrets: keep it out of git and out of the image (.gitignore and .dockerignore). Its values are masked here.`,
      );
    }
  }
  const id = randomUUID();
  return {
    stored: { id, root, createdAt: deps.now().getTime(), files: stored },
    plan: { planId: id, files, notes: [...new Set(notes)], unchanged },
  };
}
