import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/services/log';
import { createProjectService, MAX_RECENT_PROJECTS } from '../../../../electron/services/projects/project-service';
import { createSettingsStore, type SettingsStore } from '../../../../electron/services/settings-store';
import { AppError } from '../../../../shared/errors';
import { copyFixtureProject, noProfileSession, type FixtureCopy } from './fixture-projects';

async function failure(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('opening a project', () => {
  let dataDir: string;
  let settings: SettingsStore;
  const copies: FixtureCopy[] = [];
  const copy = async (name: Parameters<typeof copyFixtureProject>[0]) => {
    const made = await copyFixtureProject(name);
    copies.push(made);
    return made;
  };
  const service = (extra: { pickFolder?: (title: string) => Promise<string | null> } = {}) =>
    createProjectService({ settings, session: noProfileSession, log: createMemoryLogger(), home: '/home/tester', ...extra });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-settings-'));
    settings = createSettingsStore(dataDir, createMemoryLogger());
  });
  afterEach(async () => {
    await Promise.all(copies.splice(0).map((item) => item.cleanup()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('recognises an Astro project and reads its name from .astro/config.yaml', async () => {
    const { root } = await copy('healthy');
    const project = await service().open(root);
    expect(project).toMatchObject({ path: root, name: 'healthy-pipelines', nameSource: 'astro-config', hasAstroConfig: true, hasDockerfile: true, notes: [] });
  });

  it('accepts a folder with only a Dockerfile, named after the folder, and says what is missing', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'airlock-dockerfile-only-'));
    const root = path.join(base, 'hand-made');
    await mkdir(root);
    await writeFile(path.join(root, 'Dockerfile'), 'FROM quay.io/astronomer/astro-runtime:12.1.0\n');
    try {
      const project = await service().open(`${root}/`);
      expect(project).toMatchObject({ path: root, name: 'hand-made', nameSource: 'folder', hasAstroConfig: false });
      expect(project.notes.join(' ')).toContain('astro dev init');
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('takes the folder name when .astro/config.yaml is not valid YAML, and says so', async () => {
    const { root } = await copy('healthy');
    await writeFile(path.join(root, '.astro', 'config.yaml'), 'project: [unclosed\n');
    const project = await service().open(root);
    expect(project.name).toBe('healthy');
    expect(project.notes.join(' ')).toContain('not valid YAML');
  });

  it('refuses a folder that is not a project with NOT_A_PROJECT, and a missing one with NOT_FOUND', async () => {
    const { root } = await copy('not-a-project');
    const notProject = await failure(service().open(root));
    expect(notProject.code).toBe('NOT_A_PROJECT');
    expect(notProject.message).toContain('neither .astro/config.yaml nor a Dockerfile');
    const missing = await failure(service().open(path.join(root, 'gone')));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('suggests the project when the user picked its dags folder or the folder above it', async () => {
    const { root, base } = await copy('healthy');
    const inside = await failure(service().open(path.join(root, 'dags')));
    expect(inside.code).toBe('NOT_A_PROJECT');
    expect(inside.details).toEqual({ suggestion: root });
    const above = await failure(service().open(base));
    expect(above.details).toEqual({ suggestion: root });
  });

  it('refuses relative paths and files with a sentence that says what to type', async () => {
    const relative = await failure(service().open('projects/mine'));
    expect(relative.code).toBe('INVALID_INPUT');
    expect(relative.message).toContain('not a full path');
    const { root } = await copy('healthy');
    const file = await failure(service().open(path.join(root, 'Dockerfile')));
    expect(file.code).toBe('INVALID_INPUT');
    expect(file.message).toContain('is a file');
  });

  it('expands ~ to the home folder', async () => {
    const { root, base } = await copy('healthy');
    const viaHome = createProjectService({ settings, session: noProfileSession, log: createMemoryLogger(), home: base });
    expect((await viaHome.open('~/healthy')).path).toBe(root);
  });

  it('keeps recent projects most recent first, without duplicates, at most 20, and forgets on request', async () => {
    const projects = service();
    const a = await copy('healthy');
    const b = await copy('outdated');
    await projects.open(a.root);
    await projects.open(b.root);
    await projects.open(a.root);
    expect(settings.get().recentProjects).toEqual([a.root, b.root]);
    const recent = await projects.recent();
    expect(recent).toEqual([
      { path: a.root, name: 'healthy-pipelines', available: true },
      { path: b.root, name: 'outdated', available: true },
    ]);
    await b.cleanup();
    expect((await projects.recent())[1]).toEqual({ path: b.root, name: null, available: false });
    expect(await projects.forget(b.root)).toEqual([{ path: a.root, name: 'healthy-pipelines', available: true }]);

    settings.update((current) => ({ ...current, recentProjects: Array.from({ length: MAX_RECENT_PROJECTS }, (_unused, i) => `/old/project-${i}`) }));
    await projects.open(a.root);
    const kept = settings.get().recentProjects;
    expect(kept).toHaveLength(MAX_RECENT_PROJECTS);
    expect(kept[0]).toBe(a.root);
    expect(kept).not.toContain(`/old/project-${MAX_RECENT_PROJECTS - 1}`);
  });

  it('has no folder dialog in browser mode, and uses the platform picker in Electron', async () => {
    const browser = await failure(service().pickFolder());
    expect(browser.code).toBe('INVALID_INPUT');
    expect(browser.message).toContain('Type the full path');
    const titles: string[] = [];
    const electron = service({ pickFolder: (title) => { titles.push(title); return Promise.resolve('/picked/project'); } });
    expect(await electron.pickFolder()).toBe('/picked/project');
    expect(titles).toHaveLength(1);
  });
});
