/**
 * The working context shared by the views: the open Astro project (if any) and the backend
 * kwargs in use, with where they come from.
 *
 * A reload keeps the open project: its path (a folder path, never a secret) is kept in this tab's
 * sessionStorage and opened again on load. The kwargs stay in memory only, since they can hold
 * credentials: after a reload they are read from the project's files again.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type KwargsSource = 'project' | 'manual' | 'default';

export interface Workspace {
  /** Absolute path of the open Astro project, or null. */
  readonly projectPath: string | null;
  /** The AIRFLOW__SECRETS__BACKEND_KWARGS JSON in use ('' means none set: Airflow's defaults). */
  readonly kwargsJson: string;
  readonly kwargsSource: KwargsSource;
  readonly openProject: (path: string | null) => void;
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
  const value = useMemo<Workspace>(() => {
    const kwargsSource: KwargsSource = manualKwargs !== null ? 'manual' : projectKwargs !== null ? 'project' : 'default';
    return {
      projectPath,
      kwargsJson: manualKwargs ?? projectKwargs ?? '',
      kwargsSource,
      openProject: (path) => {
        rememberProject(path);
        setProjectPath(path);
        setProjectKwargs(null);
      },
      setProjectKwargs,
      setManualKwargs,
    };
  }, [projectPath, projectKwargs, manualKwargs]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (value === null) throw new Error('useWorkspace needs a <WorkspaceProvider>');
  return value;
}
