import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation } from '../api/client';

/**
 * Switches the active profile. Server data read under the previous profile is refetched; local
 * component state (unsaved edits) is untouched.
 */
export function useSelectProfile() {
  const queryClient = useQueryClient();
  return useApiMutation('profiles.select', {
    onSuccess: (value) => {
      queryClient.setQueryData(['profiles.active', {}], value);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'profiles.active' });
    },
  });
}
