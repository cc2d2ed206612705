import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { MethodInput } from '../../../shared/api';
import { apiQueryKey, useApiMutation } from '../api';
import { useWorkspace } from '../workspace';
import { clearSignInProblem, requestSsoLogin } from './sign-in-state';

/**
 * Switches the active profile. Server data read under the previous profile is refetched; local
 * component state (unsaved edits) is untouched. With a project open, the choice is remembered for
 * it. A switch that needs an SSO login opens the login dialog, which retries the switch afterwards.
 */
export function useSelectProfile() {
  const queryClient = useQueryClient();
  const { projectPath } = useWorkspace();
  // Every other answer is refetched by the hook (the contract: profiles.select invalidates all but profiles.active).
  const mutation = useApiMutation('profiles.select', {
    onSuccess: (value) => {
      queryClient.setQueryData(apiQueryKey('profiles.active', {}), value);
      clearSignInProblem();
    },
    onError: (error, input) => {
      if (error.apiError.code === 'SSO_LOGIN_REQUIRED') requestSsoLogin(input.name, input);
    },
  });
  const withProject = useCallback(
    (input: MethodInput<'profiles.select'>): MethodInput<'profiles.select'> => (projectPath === null || input.projectPath !== undefined ? input : { ...input, projectPath }),
    [projectPath],
  );
  const { mutate, mutateAsync } = mutation;
  return useMemo(
    () => ({
      ...mutation,
      mutate: (input: MethodInput<'profiles.select'>) => mutate(withProject(input)),
      mutateAsync: (input: MethodInput<'profiles.select'>) => mutateAsync(withProject(input)),
    }),
    [mutation, mutate, mutateAsync, withProject],
  );
}
