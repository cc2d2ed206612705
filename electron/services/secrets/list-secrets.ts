/**
 * Listing secrets under prefixes with ListSecrets only: metadata, never values.
 *
 * One `name` filter whose values are the prefixes (case-sensitive prefix matches, OR-ed by the
 * server), MaxResults 100, following NextToken to the end: N secrets under all the prefixes cost
 * ceil(N/100) calls (plus one when AWS returns a NextToken with an empty last page, which it may).
 */
import { ListSecretsCommand, type Filter, type SecretListEntry, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const LIST_PAGE_SIZE = 100;

export interface ListUnderPrefixOptions {
  /** The server-side name prefix filter; '' lists every secret. */
  readonly namePrefix?: string;
  /** Several name prefixes in one listing (at most 10); an empty list or '' lists every secret. */
  readonly namePrefixes?: readonly string[];
  /** Other ListSecrets filters (e.g. an `all` word search), AND-ed with the name filter. */
  readonly extraFilters?: readonly Filter[];
  readonly includePlannedDeletion?: boolean;
  readonly signal?: AbortSignal;
  readonly onPage?: (loaded: number) => void;
}

export async function listSecretsUnderPrefix(
  client: Pick<SecretsManagerClient, 'send'>,
  options: ListUnderPrefixOptions,
): Promise<{ entries: SecretListEntry[]; calls: number }> {
  const names = [...(options.namePrefixes ?? []), ...(options.namePrefix === undefined ? [] : [options.namePrefix])];
  const filters: Filter[] = [
    ...(names.length === 0 || names.includes('') ? [] : [{ Key: 'name' as const, Values: names }]),
    ...(options.extraFilters ?? []),
  ];
  const entries: SecretListEntry[] = [];
  let calls = 0;
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListSecretsCommand({
        MaxResults: LIST_PAGE_SIZE,
        ...(filters.length === 0 ? {} : { Filters: filters }),
        ...(options.includePlannedDeletion === true ? { IncludePlannedDeletion: true } : {}),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
      options.signal === undefined ? {} : { abortSignal: options.signal },
    );
    calls += 1;
    entries.push(...(page.SecretList ?? []));
    options.onPage?.(entries.length);
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return { entries, calls };
}
