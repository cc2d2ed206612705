/**
 * Is this folder an Astro project? The astro CLI treats a folder as a project when it holds
 * `.astro/config.yaml`; a folder with only a Dockerfile (an older or hand-made project) is accepted
 * too, with a note. The project name is `project.name` from `.astro/config.yaml`.
 */
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProjectSummary } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { describeYamlProblem, readYamlInput } from '../../../shared/yaml-input';
import { pathKind } from './project-fs';

export const ASTRO_CONFIG = '.astro/config.yaml';

/** Expands `~` and checks that the path is absolute; returns it normalised (no trailing slash). */
export function normalizeProjectPath(input: string, home: string = os.homedir()): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new AppError('INVALID_INPUT', 'Type the path of your Astro project folder.');
  if (trimmed.includes('\0')) throw new AppError('INVALID_INPUT', 'That path contains a character no folder name can have.');
  const expanded = trimmed === '~' ? home : trimmed.startsWith('~/') || trimmed.startsWith('~\\') ? path.join(home, trimmed.slice(2)) : trimmed;
  if (!path.isAbsolute(expanded)) {
    throw new AppError('INVALID_INPUT', `"${trimmed.slice(0, 200)}" is not a full path. Type the whole path of the project folder, for example ${path.join(home, 'my-astro-project')}.`);
  }
  return path.resolve(expanded);
}

interface Markers {
  readonly hasAstroConfig: boolean;
  readonly hasDockerfile: boolean;
}

async function markers(folder: string): Promise<Markers> {
  const [config, dockerfile] = await Promise.all([pathKind(path.join(folder, ASTRO_CONFIG)), pathKind(path.join(folder, 'Dockerfile'))]);
  return { hasAstroConfig: config === 'file', hasDockerfile: dockerfile === 'file' };
}

function isProject(found: Markers): boolean {
  return found.hasAstroConfig || found.hasDockerfile;
}

/** `project.name` from .astro/config.yaml, or why it could not be read. */
export async function readAstroProjectName(folder: string): Promise<{ name: string | null; note: string | null }> {
  let text: string;
  try {
    text = await readFile(path.join(folder, ASTRO_CONFIG), 'utf8');
  } catch {
    return { name: null, note: null };
  }
  const read = readYamlInput(text);
  if (!read.ok) return { name: null, note: `.astro/config.yaml ${describeYamlProblem(read)}, so the project name was taken from the folder.` };
  const value = read.value;
  const project = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).project : undefined;
  const name = typeof project === 'object' && project !== null ? (project as Record<string, unknown>).name : undefined;
  if (typeof name === 'string' && name.trim() !== '') return { name: name.trim(), note: null };
  return { name: null, note: '.astro/config.yaml has no project.name, so the project name was taken from the folder.' };
}

/** A nearby folder that is a project (the parent of dags/, or the one child holding a project). */
async function suggestNearby(folder: string): Promise<string | null> {
  let current = folder;
  for (let depth = 0; depth < 3; depth += 1) {
    const parent = path.dirname(current);
    if (parent === current) break;
    if (isProject(await markers(parent))) return parent;
    current = parent;
  }
  let entries: string[];
  try {
    entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).slice(0, 200).map((entry) => entry.name);
  } catch {
    return null;
  }
  const projects: string[] = [];
  for (const name of entries) {
    if (isProject(await markers(path.join(folder, name)))) projects.push(path.join(folder, name));
  }
  return projects.length === 1 ? (projects[0] ?? null) : null;
}

/**
 * Recognises the project at `input` (an absolute path, `~` allowed). Throws INVALID_INPUT for a
 * relative path or a file, NOT_FOUND for a missing folder, NOT_A_PROJECT for any other folder.
 */
export async function recogniseProject(input: string, home?: string, options: { suggest?: boolean } = {}): Promise<ProjectSummary> {
  const folder = normalizeProjectPath(input, home);
  const kind = await pathKind(folder);
  if (kind === 'missing') throw new AppError('NOT_FOUND', `There is no folder at ${folder}. Check the path; it may have been moved or deleted.`);
  if (kind !== 'directory') {
    throw new AppError('INVALID_INPUT', `${folder} is a file, not a folder. Choose the project folder that holds the Dockerfile.`, {
      details: { suggestion: path.dirname(folder) },
    });
  }
  const found = await markers(folder);
  if (!isProject(found)) {
    const suggestion = options.suggest === false ? null : await suggestNearby(folder);
    const hint = suggestion === null ? ' Choose the folder where you ran `astro dev init`.' : ` Did you mean ${suggestion}?`;
    throw new AppError('NOT_A_PROJECT', `${folder} is not an Astro project: it has neither .astro/config.yaml nor a Dockerfile.${hint}`, {
      details: suggestion === null ? {} : { suggestion },
    });
  }
  const notes: string[] = [];
  const { name, note } = found.hasAstroConfig ? await readAstroProjectName(folder) : { name: null, note: null };
  if (note !== null) notes.push(note);
  if (!found.hasAstroConfig) notes.push('There is no .astro/config.yaml, so the astro CLI does not treat this folder as a project (`astro dev start` and `astro deploy` refuse to run here). Run `astro dev init` in it to add one.');
  if (!found.hasDockerfile) notes.push('There is no Dockerfile, so there is nowhere to set the secrets backend for a Deployment. `astro dev init` creates one.');
  return {
    path: folder,
    name: name ?? path.basename(folder),
    nameSource: name === null ? 'folder' : 'astro-config',
    hasAstroConfig: found.hasAstroConfig,
    hasDockerfile: found.hasDockerfile,
    notes,
  };
}
