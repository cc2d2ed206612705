/**
 * The working context shared by the views: the open Astro project (if any) and the backend
 * kwargs in use, with where they come from.
 *
 * A reload keeps the open project: its path (a folder path, never a secret) is kept in this tab's
 * sessionStorage and opened again on load. The kwargs stay in memory only, since they can hold
 * credentials: after a reload they are read from the project's files again.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type KwargsSource = 'project' | 'environment' | 'manual' | 'default';

/** The project environment chosen in the header (names and settings from .astro/airlock.json, no secret). */
export interface ChosenEnvironment {
  readonly name: string;
  /** The profile the switch chose for it (the user's pick, else the team's). */
  readonly profile: string;
  readonly production: boolean;
  /** The Deployment the Deploy view reviews for it, or null when it has none. */
  readonly deploymentName: string | null;
  /** The kwargs its Airflow runs with, or null when they are the project's (or Airflow's defaults). */
  readonly kwargsJson: string | null;
}

export interface Workspace {
  /** Absolute path of the open Astro project, or null. */
  readonly projectPath: string | null;
  /** The AIRFLOW__SECRETS__BACKEND_KWARGS JSON in use ('' means none set: Airflow's defaults). */
  readonly kwargsJson: string;
  readonly kwargsSource: KwargsSource;
  /** The environment chosen in the header for the open project, or null. */
  readonly environment: ChosenEnvironment | null;
  readonly openProject: (path: string | null) => void;
  /** Uses an environment's kwargs and Deployment (the profile switch is the caller's); edits by hand give way to them. */
  readonly chooseEnvironment: (environment: ChosenEnvironment | null) => void;
  /** Called by the projects view with the kwargs read from the project's files (null: none). */
  readonly setProjectKwargs: (json: string | null) => void;
  /** Kwargs edited by hand; null goes back to the project's (or the defaults). */
  readonly setManualKwargs: (json: string | null) => void;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/** Where this tab remembers the open project across reloads. */
export const OPEN_PROJECT_KEY = 'airlock.openProject';

/** Storage can be missing or refuse (a sandboxed page, a full quota): the project then lasts until the reload. */
function rememberedProject(): string | null {
  try {
    return sessionStorage.getItem(OPEN_PROJECT_KEY);
  } catch {
    return null;
  }
}

function rememberProject(path: string | null): void {
  try {
    if (path === null) sessionStorage.removeItem(OPEN_PROJECT_KEY);
    else sessionStorage.setItem(OPEN_PROJECT_KEY, path);
  } catch {
    // Not remembered across a reload; everything else works.
  }
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [projectPath, setProjectPath] = useState<string | null>(rememberedProject);
  const [projectKwargs, setProjectKwargs] = useState<string | null>(null);
  const [manualKwargs, setManualKwargs] = useState<string | null>(null);
  const [environment, setEnvironment] = useState<ChosenEnvironment | null>(null);
  const value = useMemo<Workspace>(() => {
    const environmentKwargs = environment?.kwargsJson ?? null;
    const kwargsSource: KwargsSource = manualKwargs !== null ? 'manual' : environmentKwargs !== null ? 'environment' : projectKwargs !== null ? 'project' : 'default';
    return {
      projectPath,
      kwargsJson: manualKwargs ?? environmentKwargs ?? projectKwargs ?? '',
      kwargsSource,
      environment,
      openProject: (path) => {
        rememberProject(path);
        setProjectPath(path);
        setProjectKwargs(null);
        // An environment belongs to its project.
        setEnvironment(null);
      },
      chooseEnvironment: (chosen) => {
        setEnvironment(chosen);
        // The switch is one click to the environment's kwargs: a browsing choice made by hand would hide them.
        setManualKwargs(null);
      },
      setProjectKwargs,
      setManualKwargs,
    };
  }, [projectPath, projectKwargs, manualKwargs, environment]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (value === null) throw new Error('useWorkspace needs a <WorkspaceProvider>');
  return value;
}
