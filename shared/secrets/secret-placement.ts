/**
 * Where a secret name sits relative to the prefixes in use: read by Airflow (and as which
 * connection, variable or config id), or "outside": it looks like an Airflow secret but Airflow
 * never reads it, with the reason and the name Airflow would read instead.
 *
 * Every lookup rule comes from shared/airflow (`lookupIdForSecretName`, `describeLookup`); this
 * module only recognises the usual ways a name misses them.
 */
import { describeLookup, lookupIdForSecretName, lookupKinds, type LookupKind } from '../airflow';
import type { KwargsInUse } from './kwargs-in-use';
import { secretKinds } from './secret-kinds';

export type OutsideReason =
  | 'not-looked-up'
  | 'leading-slash'
  | 'wrong-separator'
  | 'wrong-case'
  | 'wrong-prefix'
  | 'prefix-disabled'
  | 'unknown-kind'
  | 'not-a-connection';

export type Placement =
  | { readonly where: 'inside'; readonly kind: LookupKind; readonly id: string }
  | {
      readonly where: 'outside';
      readonly reason: OutsideReason;
      readonly message: string;
      /** The kind this secret most likely is, when that can be told from its name. */
      readonly kind: LookupKind | null;
      readonly id: string | null;
      /** The name Airflow would read for that kind and id; null when no rename helps. */
      readonly suggestedName: string | null;
    };

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;

/** The secret name Airflow reads for `id`, or why it reads none. */
export function secretNameFor(use: KwargsInUse, kind: LookupKind, id: string): { ok: true; name: string } | { ok: false; reason: string } {
  const lookup = describeLookup(use.kwargs, kind, id);
  return lookup.lookedUp ? { ok: true, name: lookup.secretId } : { ok: false, reason: lookup.reason };
}

/** The kind and id Airflow reads this secret as; the longest matching prefix wins when prefixes overlap. */
export function insidePlacement(use: KwargsInUse, name: string): { kind: LookupKind; id: string } | null {
  let best: { kind: LookupKind; id: string; prefixLength: number } | null = null;
  for (const kind of lookupKinds) {
    const id = lookupIdForSecretName(use.kwargs, kind, name);
    if (id === null) continue;
    const prefixLength = (use.prefixes[kind] ?? '').length;
    if (best === null || prefixLength > best.prefixLength) best = { kind, id, prefixLength };
  }
  return best === null ? null : { kind: best.kind, id: best.id };
}

/**
 * The ListSecrets `name` filter values (case-sensitive prefix matches, OR-ed) that cover every
 * secret under the prefixes, or null when a prefix is "" and every secret must be listed.
 */
export function listingNameFilters(use: KwargsInUse): string[] | null {
  const values: string[] = [];
  for (const kind of lookupKinds) {
    const prefix = use.prefixes[kind];
    if (prefix === null) continue;
    if (prefix === '') return null;
    const value = `${prefix}${use.joiner}`;
    // A prefix with characters no secret name can hold finds nothing; AWS would reject the filter.
    if (SECRET_NAME.test(value) && value.length <= 512) values.push(value);
  }
  const unique = [...new Set(values)].sort((a, b) => a.length - b.length);
  return unique.filter((value, index) => !unique.slice(0, index).some((shorter) => value.startsWith(shorter)));
}

/** Name filter values for the broader "outside the prefixes" listing (at most 10, AWS's limit). */
export function outsideNameFilters(use: KwargsInUse): string[] {
  const values = new Set<string>(['/', 'airflow', 'Airflow', 'AIRFLOW']);
  for (const kind of lookupKinds) {
    const first = /^\/*([A-Za-z0-9]+)/.exec(use.prefixes[kind] ?? '')?.[1];
    if (first === undefined) continue;
    for (const variant of [first, first.toLowerCase(), first.charAt(0).toUpperCase() + first.slice(1).toLowerCase()]) values.add(variant);
  }
  return [...values].slice(0, 10);
}

/** Words searched (in names, descriptions and tags) to find misplaced secrets with unusual names. */
export const outsideWordFilters: readonly string[] = ['connection', 'variable', 'config'];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function outside(reason: OutsideReason, message: string, kind: LookupKind | null, id: string | null, suggestedName: string | null): Placement {
  return { where: 'outside', reason, message, kind, id, suggestedName };
}

function suggestion(use: KwargsInUse, kind: LookupKind, id: string): { name: string | null; note: string } {
  const target = secretNameFor(use, kind, id);
  return target.ok ? { name: target.name, note: `Airflow looks for \`${target.name}\`` } : { name: null, note: target.reason };
}

/** The name under a prefix (any case, any separators, optional leading slashes): the kind and id it was meant as. */
function nearPrefix(use: KwargsInUse, name: string): Placement | null {
  for (const kind of lookupKinds) {
    const prefix = use.prefixes[kind];
    if (prefix === null || prefix === '') continue;
    const words = prefix.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
    if (words.length === 0) continue;
    const pattern = new RegExp(`^(/*)(${words.map(escapeRegex).join('[^A-Za-z0-9]+')})([^A-Za-z0-9]+)([A-Za-z0-9].*)$`, 'i');
    const match = pattern.exec(name);
    if (match === null) continue;
    const [, slashes = '', head = '', separator = '', id = ''] = match;
    const target = suggestion(use, kind, id);
    const prefixSlashes = /^\/*/.exec(prefix)?.[0] ?? '';
    const bare = prefix.slice(prefixSlashes.length);
    if (slashes !== prefixSlashes && head === bare && separator === use.joiner) {
      const what = slashes === '' ? `The ${secretKinds[kind].plural} prefix starts with \`/\` but this name does not` : `The name starts with \`/\` but the ${secretKinds[kind].plural} prefix \`${prefix}\` does not`;
      return outside('leading-slash', `${what}, so Airflow never reads it: ${target.note}. Move it to that name.`, kind, id, target.name);
    }
    if (head === bare && separator !== use.joiner) {
      return outside('wrong-separator', `Airflow joins the ${secretKinds[kind].plural} prefix and the id with \`${use.joiner}\`, not \`${separator}\`: ${target.note}.`, kind, id, target.name);
    }
    if (head.toLowerCase() === bare.toLowerCase()) {
      return outside('wrong-case', `Secret names are case-sensitive and this one differs from the ${secretKinds[kind].plural} prefix \`${prefix}\` in case: ${target.note}.`, kind, id, target.name);
    }
    return outside('wrong-separator', `The name spells the ${secretKinds[kind].plural} prefix \`${prefix}\` with other separators, so Airflow never reads it: ${target.note}.`, kind, id, target.name);
  }
  return null;
}

const KIND_WORD = /(?:^|[^A-Za-z0-9])(connections?|conns?|variables?|vars?|configs?)[^A-Za-z0-9]+([A-Za-z0-9].*)$/i;

function kindOfWord(word: string): LookupKind {
  const lower = word.toLowerCase();
  if (lower.startsWith('conn')) return 'connection';
  if (lower.startsWith('var')) return 'variable';
  return 'config';
}

/**
 * Where `name` sits. Null when it does not look like an Airflow secret at all (so the "outside"
 * view does not fill up with unrelated secrets of the account).
 */
export function placeSecretName(use: KwargsInUse, name: string): Placement | null {
  const inside = insidePlacement(use, name);
  if (inside !== null) return { where: 'inside', ...inside };

  for (const kind of lookupKinds) {
    const prefix = use.prefixes[kind];
    if (prefix === null || prefix === '') continue;
    const head = `${prefix}${use.joiner}`;
    if (name.startsWith(head) && name.length > head.length) {
      const id = name.slice(head.length);
      const lookup = describeLookup(use.kwargs, kind, id);
      const reason = lookup.lookedUp ? `Airflow reads \`${lookup.secretId}\` for the ${secretKinds[kind].one} \`${id}\`, not this name.` : lookup.reason;
      return outside('not-looked-up', reason, kind, id, null);
    }
  }

  const near = nearPrefix(use, name);
  if (near !== null) return near;

  const word = KIND_WORD.exec(name);
  const airflowish = /^\/*airflow/i.test(name);
  // "config" or "vars" alone is too common a word in other applications' secret names.
  if (word !== null && (airflowish || /^(connections|variables)$/i.test(word[1] ?? ''))) {
    const kind = kindOfWord(word[1] ?? '');
    const id = word[2] ?? '';
    if (use.prefixes[kind] === null) {
      return outside('prefix-disabled', `This looks like a ${secretKinds[kind].one}, but \`${secretKinds[kind].prefixKwarg}\` is null in the kwargs in use, so Airflow never reads ${secretKinds[kind].plural} from Secrets Manager.`, kind, id, null);
    }
    const target = suggestion(use, kind, id);
    const prefix = use.prefixes[kind] ?? '';
    return outside('wrong-prefix', `This looks like a ${secretKinds[kind].one}, but it is not under the ${secretKinds[kind].plural} prefix \`${prefix === '' ? '(none)' : prefix}\`: ${target.note}.`, kind, id, target.name);
  }

  if (airflowish) {
    return outside('unknown-kind', 'The name starts with "airflow" but is under none of the prefixes in use, so Airflow never reads it. Move it under the connections or variables prefix if a DAG needs it.', null, null, null);
  }
  return null;
}

/** The reason for a connection secret whose value is not a connection (a variable stored under the connections prefix). */
export function notAConnectionPlacement(use: KwargsInUse, id: string): Placement {
  const target = suggestion(use, 'variable', id);
  return outside(
    'not-a-connection',
    `The value under the connections prefix is not a connection (no \`type://\` URI and no connection JSON), so Airflow reads nonsense for it. It is most likely a variable: ${target.note}.`,
    'variable',
    id,
    target.name,
  );
}
