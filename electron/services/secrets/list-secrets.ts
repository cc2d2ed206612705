/**
 * Listing secrets under a prefix with ListSecrets only: metadata, never values.
 *
 * One `name` filter per prefix (a case-sensitive prefix match on the server), MaxResults 100,
 * following NextToken to the end, so N secrets cost ceil(N/100) calls per prefix (plus one when
 * AWS returns a NextToken with an empty last page, which it may).
 */
import { ListSecretsCommand, type SecretListEntry, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const LIST_PAGE_SIZE = 100;

export interface ListUnderPrefixOptions {
  /** The server-side name prefix filter; '' lists every secret. */
  readonly namePrefix: string;
  readonly includePlannedDeletion?: boolean;
  readonly signal?: AbortSignal;
  readonly onPage?: (loaded: number) => void;
}

export async function listSecretsUnderPrefix(
  client: Pick<SecretsManagerClient, 'send'>,
  options: ListUnderPrefixOptions,
): Promise<{ entries: SecretListEntry[]; calls: number }> {
  const entries: SecretListEntry[] = [];
  let calls = 0;
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListSecretsCommand({
        MaxResults: LIST_PAGE_SIZE,
        ...(options.namePrefix === '' ? {} : { Filters: [{ Key: 'name', Values: [options.namePrefix] }] }),
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
