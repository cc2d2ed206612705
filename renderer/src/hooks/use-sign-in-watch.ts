import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiCallError, apiQueryKey } from '../api';
import { reportSignInProblem } from './sign-in-state';

/**
 * Watches every query and mutation: one that fails because the credentials need a new sign-in
 * (expired credentials, SSO login required) raises the header's "log in again" action. A failed
 * profile switch is not reported here: the switch opens its own login dialog.
 */
export function useSignInWatch(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && event.action.error instanceof ApiCallError) reportSignInProblem(event.action.error.apiError);
    });
    // Every mutation is keyed by its method (useApiMutation), so a failed switch is told apart.
    const [profileSwitch] = apiQueryKey('profiles.select');
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error' || event.mutation.options.mutationKey?.[0] === profileSwitch) return;
      if (event.action.error instanceof ApiCallError) reportSignInProblem(event.action.error.apiError);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient]);
}
