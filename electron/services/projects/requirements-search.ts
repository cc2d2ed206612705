/**
 * Finds a package in the project's requirements the way pip reads them: starting at
 * requirements.txt (what the Astro runtime image installs), following `-r` (more requirements)
 * and `-c` (constraints) relative to the including file, refusing to leave the project, and
 * reading each file once however often it is included (cycles end there).
 */
import path from 'node:path';
import { compareVersions as comparePep440, parseSpecifierSet, parseVersion } from '../../../shared/pep440';
import { findRequirement, type RequirementEntry } from '../../../shared/project-files';
import type { ProviderVersion } from '../../../shared/airflow';
import { readProjectFileOrNote, type ProjectFileRead } from '../project-folder';

export const REQUIREMENTS_FILE = 'requirements.txt';
const MAX_FILES = 50;

export interface RequirementsVisit {
  readonly file: string;
  readonly kind: 'requirements' | 'constraints';
  /** Where it was included from; null for requirements.txt itself. */
  readonly includedFrom: { readonly file: string; readonly line: number } | null;
  readonly read: ProjectFileRead | null;
}

export interface RequirementMatch {
  readonly file: string;
  readonly kind: 'requirements' | 'constraints';
  readonly entry: RequirementEntry;
}

export interface RequirementsSearch {
  readonly visits: readonly RequirementsVisit[];
  readonly matches: readonly RequirementMatch[];
  /** Includes that were not followed, and why. */
  readonly notes: readonly string[];
}

const URL_INCLUDE = /^[a-z][a-z0-9+.-]*:/i;

export async function searchRequirements(root: string, packageName: string): Promise<RequirementsSearch> {
  const visits: RequirementsVisit[] = [];
  const matches: RequirementMatch[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const queue: { file: string; kind: 'requirements' | 'constraints'; from: { file: string; line: number } | null }[] = [
    { file: REQUIREMENTS_FILE, kind: 'requirements', from: null },
  ];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) break;
    if (visits.length >= MAX_FILES) {
      notes.push(`Stopped after ${MAX_FILES} requirements files.`);
      break;
    }
    const { read, note } = await readProjectFileOrNote(root, next.file);
    if (note !== null) {
      notes.push(`${next.file}${next.from === null ? '' : ` (included on line ${next.from.line} of ${next.from.file})`}: ${note}`);
      continue;
    }
    if (read === null) continue;
    if (seen.has(read.absolutePath)) continue;
    seen.add(read.absolutePath);
    visits.push({ file: read.file, kind: next.kind, includedFrom: next.from, read });
    if (!read.exists) {
      if (next.from !== null) notes.push(`${read.file} is included on line ${next.from.line} of ${next.from.file} but does not exist; pip would stop with an error.`);
      continue;
    }
    const lookup = findRequirement(read.text, packageName);
    for (const entry of lookup.matches) matches.push({ file: read.file, kind: next.kind, entry });
    for (const include of lookup.includes) {
      if (URL_INCLUDE.test(include.path) && !/^[A-Za-z]:[\\/]/.test(include.path)) {
        notes.push(`Line ${include.line} of ${read.file} includes ${include.path}, which Airlock does not download.`);
        continue;
      }
      const target = path.isAbsolute(include.path) ? path.relative(root, include.path) : path.posix.join(path.posix.dirname(read.file), include.path.replace(/\\/g, '/'));
      const normalized = target.replace(/\\/g, '/');
      if (normalized.startsWith('../') || path.isAbsolute(normalized)) {
        notes.push(`Line ${include.line} of ${read.file} includes ${include.path}, which is outside the project, so Airlock does not read it.`);
        continue;
      }
      queue.push({ file: path.posix.normalize(normalized), kind: include.kind, from: { file: read.file, line: include.line } });
    }
  }
  return { visits, matches, notes };
}

/** The lowest version a specifier set allows, when it has a lower bound (`>=7.3`, `==8.1.0`, `~=8.1`). */
export function specifierLowerBound(specifier: string): ProviderVersion | null {
  const parsed = parseSpecifierSet(specifier);
  if (!parsed.ok) return null;
  let best: string | null = null;
  for (const item of parsed.specifiers) {
    if (item.operator !== '>=' && item.operator !== '==' && item.operator !== '~=' && item.operator !== '>' && item.operator !== '===') continue;
    const text = item.version.replace(/\.\*$/, '');
    if (parseVersion(text) === null) continue;
    if (best === null || comparePep440(text, best) > 0) best = text;
  }
  if (best === null) return null;
  const release = parseVersion(best)?.release ?? [];
  return [Number(release[0] ?? 0), Number(release[1] ?? 0), Number(release[2] ?? 0)];
}
