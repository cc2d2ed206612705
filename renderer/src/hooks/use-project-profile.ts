import { useEffect, useRef } from 'react';
import type { ActiveProfile } from '../../../shared/api';
import { useApi } from '../api/client';
import { useWorkspace } from '../workspace/workspace';
import { useSelectProfile } from './use-select-profile';

/**
 * When an Astro project is opened, switches to the profile and region last used with it (each
 * switch with a project open is remembered for that project by the main process).
 */
export function useProjectProfile(active: ActiveProfile | null | undefined): void {
  const api = useApi();
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
    void api.result('profiles.projectMemory', { projectPath }).then((outcome) => {
      if (!outcome.ok || outcome.value?.profile == null) return;
      const { profile, region } = outcome.value;
      const current = latest.current;
      const sameRegion = region === null ? current?.regionOverridden !== true : current?.region === region;
      if (current?.profile.name === profile && sameRegion) return;
      mutate({ name: profile, ...(region === null ? {} : { region }), projectPath });
    });
  }, [api, projectPath, activeKnown, mutate]);
}
