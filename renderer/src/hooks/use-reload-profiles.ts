import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation } from '../api';

/** Re-reads the AWS files (after the user edited them, or ran `aws configure sso`): the list, and where it looked. */
export function useReloadProfiles() {
  const queryClient = useQueryClient();
  return useApiMutation('profiles.reload', {
    onSuccess: (list) => queryClient.setQueryData(apiQueryKey('profiles.list', {}), list),
  });
}
