/**
 * Whether secrets exist, from metadata only (ListSecrets, DescribeSecret; never a value), and
 * cheaply: many names are checked with one paginated listing per prefix, not one call per name.
 * ListSecrets can lag behind writes by a few minutes; DescribeSecret is used for single names.
 */
import { DescribeSecretCommand, ListSecretsCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretPresence } from '../../../shared/api/projects';
import { listSecretsUnderPrefix, LIST_PAGE_SIZE } from '../secrets/list-secrets';
import { toAppError } from '../aws';

type Client = Pick<SecretsManagerClient, 'send'>;

/** Characters a Secrets Manager name can hold; any other name cannot exist. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** ListSecrets filter values (a name filter is a case-sensitive prefix match). */
const FILTER_VALUE = /^[a-zA-Z0-9 :_@/+=.\-!]*$/;
const NAMES_PER_FILTER = 10;

export function canBeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export interface PrefixCount {
  readonly active: number;
  readonly scheduledForDeletion: number;
}

/**
 * How many secrets start with each head, from one paginated ListSecrets whose name filter holds
 * every head (at most ten; the server ORs them): N secrets under all heads cost ceil(N/100) calls.
 */
export async function countUnderPrefixes(client: Client, heads: readonly string[], signal?: AbortSignal): Promise<{ counts: Map<string, PrefixCount>; calls: number }> {
  const counts = new Map<string, PrefixCount>();
  const usable = [...new Set(heads)].filter((head) => head !== '' && canBeSecretName(head.slice(0, 512)) && FILTER_VALUE.test(head));
  for (const head of heads) counts.set(head, { active: 0, scheduledForDeletion: 0 });
  let calls = 0;
  for (let i = 0; i < usable.length; i += NAMES_PER_FILTER) {
    const chunk = usable.slice(i, i + NAMES_PER_FILTER);
    let nextToken: string | undefined;
    try {
      do {
        const page = await client.send(
          new ListSecretsCommand({ MaxResults: LIST_PAGE_SIZE, IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: chunk }], ...(nextToken === undefined ? {} : { NextToken: nextToken }) }),
          signal === undefined ? {} : { abortSignal: signal },
        );
        calls += 1;
        for (const entry of page.SecretList ?? []) {
          for (const head of chunk) {
            if (entry.Name?.startsWith(head) !== true) continue;
            const current = counts.get(head) ?? { active: 0, scheduledForDeletion: 0 };
            counts.set(head, entry.DeletedDate === undefined ? { ...current, active: current.active + 1 } : { ...current, scheduledForDeletion: current.scheduledForDeletion + 1 });
          }
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined && nextToken !== '');
    } catch (error) {
      throw toAppError(error);
    }
  }
  return { counts, calls };
}

/**
 * The presence of each name: one listing per head (`prefix + sep`) that the names share, and
 * name filters of up to ten names per call for names under no head.
 */
export async function presenceOfNames(client: Client, names: readonly string[], heads: readonly string[], signal?: AbortSignal): Promise<{ presence: Map<string, SecretPresence>; calls: number }> {
  const presence = new Map<string, SecretPresence>();
  const wanted = [...new Set(names)];
  const usableHeads = [...new Set(heads)].filter((head) => head !== '' && FILTER_VALUE.test(head) && !head.startsWith('!')).sort((a, b) => b.length - a.length);
  const byHead = new Map<string, string[]>();
  const loose: string[] = [];
  for (const name of wanted) {
    if (!canBeSecretName(name)) {
      presence.set(name, 'missing');
      continue;
    }
    const head = usableHeads.find((candidate) => name.startsWith(candidate));
    if (head === undefined) loose.push(name);
    else byHead.set(head, [...(byHead.get(head) ?? []), name]);
  }
  let calls = 0;
  const record = (entries: readonly { Name?: string; DeletedDate?: Date }[]): void => {
    for (const entry of entries) {
      if (entry.Name === undefined || !wanted.includes(entry.Name)) continue;
      presence.set(entry.Name, entry.DeletedDate === undefined ? 'exists' : 'scheduled-for-deletion');
    }
  };
  try {
    for (const [head, members] of byHead) {
      // A head with few names is cheaper to check by name than to list in full.
      if (members.length <= NAMES_PER_FILTER) {
        loose.push(...members);
        continue;
      }
      const listed = await listSecretsUnderPrefix(client, { namePrefix: head, includePlannedDeletion: true, ...(signal === undefined ? {} : { signal }) });
      calls += listed.calls;
      record(listed.entries);
    }
    for (let i = 0; i < loose.length; i += NAMES_PER_FILTER) {
      const chunk = loose.slice(i, i + NAMES_PER_FILTER);
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListSecretsCommand({
            MaxResults: LIST_PAGE_SIZE,
            IncludePlannedDeletion: true,
            Filters: [{ Key: 'name', Values: chunk }],
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
          signal === undefined ? {} : { abortSignal: signal },
        );
        calls += 1;
        record(page.SecretList ?? []);
        nextToken = page.NextToken;
      } while (nextToken !== undefined && nextToken !== '');
    }
  } catch (error) {
    throw toAppError(error);
  }
  for (const name of wanted) if (!presence.has(name)) presence.set(name, 'missing');
  return { presence, calls };
}

/** The truth about one name (DescribeSecret is consistent, unlike the listing). */
export async function describePresence(client: Client, name: string, signal?: AbortSignal): Promise<SecretPresence> {
  if (!canBeSecretName(name)) return 'missing';
  try {
    const described = await client.send(new DescribeSecretCommand({ SecretId: name }), signal === undefined ? {} : { abortSignal: signal });
    // DescribeSecret also accepts a partial ARN; only an exact name is what Airflow reads.
    if (described.Name !== undefined && described.Name !== name) return 'missing';
    return described.DeletedDate === undefined ? 'exists' : 'scheduled-for-deletion';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return 'missing';
    throw toAppError(error);
  }
}

/** Every secret name of the account and region, up to `maxPages` pages of 100. */
export async function listAllNames(client: Client, maxPages: number, signal?: AbortSignal): Promise<{ names: string[]; complete: boolean; calls: number }> {
  const names: string[] = [];
  let calls = 0;
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListSecretsCommand({ MaxResults: LIST_PAGE_SIZE, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      calls += 1;
      for (const entry of page.SecretList ?? []) if (entry.Name !== undefined) names.push(entry.Name);
      nextToken = page.NextToken;
    } while (nextToken !== undefined && nextToken !== '' && calls < maxPages);
  } catch (error) {
    throw toAppError(error);
  }
  return { names, complete: nextToken === undefined || nextToken === '', calls };
}
