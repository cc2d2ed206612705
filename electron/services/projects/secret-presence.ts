/**
 * Whether secrets exist, from metadata only (ListSecrets, DescribeSecret; never a value), and
 * cheaply: many names are checked with one paginated listing per prefix, not one call per name.
 * ListSecrets can lag behind writes by a few minutes; DescribeSecret is used for single names.
 * Every call goes through the Secrets Manager gateway (limits, pagination, errors).
 */
import type { SecretPresence } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { yieldToEventLoop, MAX_FILTER_VALUES, type SecretsGateway, type SecretsManagerAccess } from '../secrets';
import type { ProjectSession } from './project-session';

/** Characters a Secrets Manager name can hold; any other name cannot exist. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** ListSecrets filter values (a name filter is a case-sensitive prefix match). */
const FILTER_VALUE = /^[a-zA-Z0-9 :_@/+=.\-!]*$/;
/** Entries looked at between two breaks for the rest of the main process (API calls, events). */
const ENTRIES_PER_SLICE = 1_000;

export function canBeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The active profile's gateway and who it is for, or null when no profile is active. */
export async function sessionGateway(session: ProjectSession, access: SecretsManagerAccess): Promise<{ gateway: SecretsGateway; profile: { name: string; region: string } } | null> {
  const active = await session.active();
  if (active === null) return null;
  const clients = await session.clients();
  const gateway = access.gateway({
    profile: clients.profile ?? active.profile.name,
    region: clients.region,
    secretsManager: clients.secretsManager,
    secretsManagerEndpoint: clients.secretsManagerEndpoint ?? null,
    account: active.identity?.account ?? null,
  });
  return { gateway, profile: { name: active.profile.name, region: clients.region } };
}

export interface PrefixCount {
  readonly active: number;
  readonly scheduledForDeletion: number;
}

/**
 * How many secrets start with each head, from one paginated ListSecrets whose name filter holds
 * every head (at most ten; the server ORs them): N secrets under all heads cost ceil(N/100) calls.
 */
export async function countUnderPrefixes(gateway: SecretsGateway, heads: readonly string[], signal?: AbortSignal): Promise<{ counts: Map<string, PrefixCount>; calls: number }> {
  const counts = new Map<string, PrefixCount>();
  const usable = [...new Set(heads)].filter((head) => head !== '' && canBeSecretName(head.slice(0, 512)) && FILTER_VALUE.test(head));
  for (const head of heads) counts.set(head, { active: 0, scheduledForDeletion: 0 });
  let calls = 0;
  for (let i = 0; i < usable.length; i += MAX_FILTER_VALUES) {
    const chunk = usable.slice(i, i + MAX_FILTER_VALUES);
    for await (const page of gateway.listPages({ include: chunk, includePlannedDeletion: true }, { signal })) {
      calls += 1;
      for (const entry of page.entries) {
        for (const head of chunk) {
          if (entry.Name?.startsWith(head) !== true) continue;
          const current = counts.get(head) ?? { active: 0, scheduledForDeletion: 0 };
          counts.set(head, entry.DeletedDate === undefined ? { ...current, active: current.active + 1 } : { ...current, scheduledForDeletion: current.scheduledForDeletion + 1 });
        }
      }
    }
  }
  return { counts, calls };
}

/**
 * The presence of each name: one listing per head (`prefix + sep`) that the names share, and
 * name filters of up to ten names per call for names under no head. Lookups are by index (a
 * set of the wanted names), so a listing of many secrets against many names stays linear, and
 * the work yields to the rest of the main process between slices.
 */
export async function presenceOfNames(gateway: SecretsGateway, names: readonly string[], heads: readonly string[], signal?: AbortSignal): Promise<{ presence: Map<string, SecretPresence>; calls: number }> {
  const presence = new Map<string, SecretPresence>();
  const wanted = new Set(names);
  const usableHeads = [...new Set(heads)].filter((head) => head !== '' && FILTER_VALUE.test(head) && !head.startsWith('!')).sort((a, b) => b.length - a.length);
  const byHead = new Map<string, string[]>();
  const loose: string[] = [];
  let sorted = 0;
  for (const name of wanted) {
    sorted += 1;
    if (sorted % ENTRIES_PER_SLICE === 0) await yieldToEventLoop();
    if (!canBeSecretName(name)) {
      presence.set(name, 'missing');
      continue;
    }
    const head = usableHeads.find((candidate) => name.startsWith(candidate));
    if (head === undefined) loose.push(name);
    else {
      const members = byHead.get(head);
      if (members === undefined) byHead.set(head, [name]);
      else members.push(name);
    }
  }
  let calls = 0;
  let looked = 0;
  const record = async (entries: readonly { Name?: string | undefined; DeletedDate?: Date | undefined }[]): Promise<void> => {
    for (const entry of entries) {
      looked += 1;
      if (looked % ENTRIES_PER_SLICE === 0) await yieldToEventLoop();
      if (entry.Name === undefined || !wanted.has(entry.Name)) continue;
      presence.set(entry.Name, entry.DeletedDate === undefined ? 'exists' : 'scheduled-for-deletion');
    }
  };
  for (const [head, members] of byHead) {
    // A head with few names is cheaper to check by name than to list in full.
    if (members.length <= MAX_FILTER_VALUES) {
      loose.push(...members);
      continue;
    }
    for await (const page of gateway.listPages({ include: [head], includePlannedDeletion: true }, { signal })) {
      calls += 1;
      await record(page.entries);
    }
  }
  for (let i = 0; i < loose.length; i += MAX_FILTER_VALUES) {
    for await (const page of gateway.listPages({ include: loose.slice(i, i + MAX_FILTER_VALUES), includePlannedDeletion: true }, { signal })) {
      calls += 1;
      await record(page.entries);
    }
  }
  for (const name of wanted) if (!presence.has(name)) presence.set(name, 'missing');
  return { presence, calls };
}

/** The truth about one name (DescribeSecret is consistent, unlike the listing). */
export async function describePresence(gateway: SecretsGateway, name: string, signal?: AbortSignal): Promise<SecretPresence> {
  if (!canBeSecretName(name)) return 'missing';
  try {
    const described = await gateway.describe(name, { signal });
    // DescribeSecret also accepts a partial ARN; only an exact name is what Airflow reads.
    if (described.Name !== undefined && described.Name !== name) return 'missing';
    return described.DeletedDate === undefined ? 'exists' : 'scheduled-for-deletion';
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return 'missing';
    throw error;
  }
}

/** Every secret name of the account and region, up to `maxPages` pages of 100. */
export async function listAllNames(gateway: SecretsGateway, maxPages: number, signal?: AbortSignal): Promise<{ names: string[]; complete: boolean; calls: number }> {
  const names: string[] = [];
  let calls = 0;
  let complete = true;
  for await (const page of gateway.listPages({}, { signal })) {
    calls += 1;
    for (const entry of page.entries) if (entry.Name !== undefined) names.push(entry.Name);
    if (calls >= maxPages && page.more) {
      complete = false;
      break;
    }
  }
  return { names, complete, calls };
}
