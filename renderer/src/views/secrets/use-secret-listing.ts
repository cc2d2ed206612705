/**
 * The Secrets listing as a query that fills in as pages arrive: `secrets.list` with `stream: true`
 * answers at once (the inventory of earlier listings, or the first page), then `secrets.listMore`
 * is asked until the listing is done, each answer folded into the query's data. The query key is
 * the plain `secrets.list` one, so every invalidation after a write refetches it as before.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SecretListing } from '../../../../shared/api';
import { apiQueryKey, useApi, type ApiCallError } from '../../api';
import { applyListingUpdate, updatedAgo } from './listing-stream';

export type SecretListingQuery = UseQueryResult<SecretListing, ApiCallError>;

export function useSecretListing(kwargs: string, enabled: boolean): SecretListingQuery {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = apiQueryKey('secrets.list', { kwargs });
  return useQuery<SecretListing, ApiCallError>({
    queryKey: key,
    enabled,
    queryFn: async () => {
      const first = await api.call('secrets.list', { kwargs, stream: true });
      const stream = first.stream;
      if (stream !== undefined) {
        // Runs on after the first answer; stops when the listing is done or a newer one replaced it.
        void (async () => {
          let cursor = stream.cursor;
          for (;;) {
            // The answer comes after the query has stored `first` (a round trip to the main process).
            const outcome = await api.result('secrets.listMore', { listingId: stream.listingId, cursor });
            const latest = queryClient.getQueryData<SecretListing>(key);
            if (!outcome.ok || latest?.stream?.listingId !== stream.listingId) return;
            queryClient.setQueryData<SecretListing>(key, applyListingUpdate(latest, outcome.value));
            cursor = outcome.value.cursor;
            if (outcome.value.done) return;
          }
        })();
      }
      return first;
    },
  });
}

/** "updated N s ago" for a listing's time, kept current while shown. */
export function useUpdatedAgo(listedAt: string | null | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (listedAt === null || listedAt === undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [listedAt]);
  return updatedAgo(listedAt ?? null, now);
}
