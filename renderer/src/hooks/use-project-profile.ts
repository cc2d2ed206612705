import { useEffect, useRef } from 'react';
import type { ActiveProfile } from '../../../shared/api';
import { useApiFetch } from '../api';
import { useWorkspace } from '../workspace';
import { useSelectProfile } from './use-select-profile';

/**
 * When an Astro project is opened, switches to the profile and region last used with it (each
 * switch with a project open is remembered for that project by the main process).
 */
export function useProjectProfile(active: ActiveProfile | null | undefined): void {
  const read = useApiFetch();
  const { projectPath } = useWorkspace();
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
    read('profiles.projectMemory', { projectPath }, { staleTime: 0 }).then((memory) => {
      if (memory?.profile == null) return;
      const { profile, region } = memory;
      const current = latest.current;
      const sameRegion = region === null ? current?.regionOverridden !== true : current?.region === region;
      if (current?.profile.name === profile && sameRegion) return;
      mutate({ name: profile, ...(region === null ? {} : { region }), projectPath });
    }, () => undefined);
  }, [read, projectPath, activeKnown, mutate]);
}
