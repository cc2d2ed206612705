/**
 * The workspace's project kwargs follow the open project's files whichever view is shown: the
 * Secrets view (shown first, and after a reload) lists under them before the Projects view has
 * ever mounted. Same query as the Projects view's checklist, so one call serves both.
 */
import { useEffect } from 'react';
import { useApiQuery } from '../api';
import { useWorkspace } from './workspace';

export function useOpenProjectKwargs(): void {
  const { projectPath, setProjectKwargs } = useWorkspace();
  const health = useApiQuery('projects.health', { path: projectPath ?? '' }, { enabled: projectPath !== null });
  const kwargsJson = projectPath === null ? undefined : health.data?.backend.kwargsJson;
  useEffect(() => {
    if (kwargsJson !== undefined) setProjectKwargs(kwargsJson);
  }, [kwargsJson, setProjectKwargs]);
}
