import { useEffect, useRef } from 'react';
import type { ActiveProfile } from '../../../shared/api';
import { useApiFetch } from '../api';
import { chosenFrom, switchBlocker, useWorkspace } from '../workspace';
import { useSelectProfile } from './use-select-profile';

/**
 * When an Astro project is opened (a reload opens it again), switches to the profile and region
 * last used with it, and to the environment chosen for it in the header's picker (each switch
 * with a project open is remembered for that project by the main process, in the user's settings;
 * names only). An environment that is gone, or whose profile no longer reaches it, is not restored.
 */
export function useProjectProfile(active: ActiveProfile | null | undefined): void {
  const read = useApiFetch();
  const { projectPath, chooseEnvironment } = useWorkspace();
  const { mutate } = useSelectProfile();
  const handled = useRef<string | null>(null);
  const latest = useRef(active);
  useEffect(() => {
    latest.current = active;
  }, [active]);
  const activeKnown = active !== undefined;

  useEffect(() => {
    // Wait until the active profile is known, and act once per opened project.
    if (projectPath === null || !activeKnown || handled.current === projectPath) return;
    handled.current = projectPath;
    const restore = async (): Promise<void> => {
      const memory = await read('profiles.projectMemory', { projectPath }, { staleTime: 0 });
      if (memory?.profile == null) return;
      const { profile, region } = memory;
      let environment: string | null = null;
      if (memory.environment !== null) {
        const list = await read('environments.list', { path: projectPath });
        const found = list.environments.find((candidate) => candidate.name === memory.environment);
        if (found?.profile.using === profile && switchBlocker(found) === null) {
          chooseEnvironment(chosenFrom(found, profile));
          environment = found.name;
        }
      }
      const current = latest.current;
      const sameRegion = region === null ? current?.regionOverridden !== true : current?.region === region;
      if (current?.profile.name === profile && sameRegion && (current.environment ?? null) === environment) return;
      mutate({ name: profile, ...(region === null ? {} : { region }), projectPath, ...(environment === null ? {} : { environment }) });
    };
    restore().catch(() => undefined);
  }, [read, projectPath, activeKnown, mutate, chooseEnvironment]);
}
