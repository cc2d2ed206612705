/**
 * Which Secrets Manager secret Airflow asks for when a DAG reads a connection, variable or config
 * value (sheet A.3, A.4), replaying the backend's constructor and `_get_secret` step by step:
 * prefixes are `rstrip(sep)`-ed (a set of characters), a null prefix disables the lookup, a
 * lookup pattern is `re.match(pattern, id, re.IGNORECASE)`.
 *
 * Multi-team lookups (provider 9.26+, Airflow 3 multi-team mode) are not modelled.
 */
import type { BackendKwargs } from './backend-kwargs';
import { versionAtLeast, type ProviderVersion } from './provider-version';
import { pythonRstrip, pythonRstripChars, pythonTruthy, pythonTypeName } from './python-text';
import { pythonReMatch } from './python-regex';

/** The kinds Airflow looks up, in the order Airlock shows them. */
export const lookupKinds = ['connection', 'variable', 'config'] as const;

export type LookupKind = (typeof lookupKinds)[number];

export const prefixKwarg: Readonly<Record<LookupKind, string>> = {
  connection: 'connections_prefix',
  variable: 'variables_prefix',
  config: 'config_prefix',
};

export const patternKwarg: Readonly<Record<LookupKind, string>> = {
  connection: 'connections_lookup_pattern',
  variable: 'variables_lookup_pattern',
  config: 'config_lookup_pattern',
};

export const defaultPrefix: Readonly<Record<LookupKind, string>> = {
  connection: 'airflow/connections',
  variable: 'airflow/variables',
  config: 'airflow/config',
};

/** One of the kind, in a sentence ("any config value"). shared/secrets' kind descriptors read these. */
export const lookupNoun: Readonly<Record<LookupKind, string>> = { connection: 'connection', variable: 'variable', config: 'config value' };

/** Many of the kind, in a sentence ("never looks up config values"). */
export const lookupNounPlural: Readonly<Record<LookupKind, string>> = { connection: 'connections', variable: 'variables', config: 'config values' };

export type LookupDescription =
  | { readonly lookedUp: true; readonly secretId: string }
  | {
      readonly lookedUp: false;
      readonly code: 'prefix-null' | 'pattern-mismatch' | 'pattern-invalid' | 'pattern-not-previewable' | 'pattern-type' | 'backend-broken';
      readonly reason: string;
    };

function has(kwargs: BackendKwargs | null | undefined, key: string): boolean {
  return kwargs !== null && kwargs !== undefined && Object.prototype.hasOwnProperty.call(kwargs, key);
}

function valueOr(kwargs: BackendKwargs | null | undefined, key: string, fallback: unknown): unknown {
  return has(kwargs, key) ? kwargs?.[key] : fallback;
}

/**
 * The prefixes as the backend's constructor leaves them: null (lookups disabled), "" (no prefix:
 * any falsy value such as "", 0 or false behaves so) or the `rstrip`-ped string; and the text that
 * joins prefix and id (`str(sep)`, so a null sep joins with "None").
 */
export type EffectivePrefixes =
  | { readonly ok: true; readonly prefixes: Readonly<Record<LookupKind, string | null>>; readonly joiner: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Read once per kwargs object: kwargs are read-only, and listing 10,000 secrets places each name,
 * which asks for the prefixes several times (issue 12).
 */
const prefixesByKwargs = new WeakMap<BackendKwargs, EffectivePrefixes>();

export function effectivePrefixes(kwargs: BackendKwargs | null | undefined): EffectivePrefixes {
  if (kwargs === null || kwargs === undefined) return readPrefixes(kwargs);
  let prefixes = prefixesByKwargs.get(kwargs);
  if (prefixes === undefined) {
    prefixes = readPrefixes(kwargs);
    prefixesByKwargs.set(kwargs, prefixes);
  }
  return prefixes;
}

function readPrefixes(kwargs: BackendKwargs | null | undefined): EffectivePrefixes {
  const sep = valueOr(kwargs, 'sep', '/');
  const prefixes: Record<LookupKind, string | null> = { connection: null, variable: null, config: null };
  for (const kind of lookupKinds) {
    const raw = valueOr(kwargs, prefixKwarg[kind], defaultPrefix[kind]);
    if (raw === null) continue;
    if (!pythonTruthy(raw)) {
      prefixes[kind] = '';
      continue;
    }
    if (typeof raw !== 'string') {
      return { ok: false, reason: `\`${prefixKwarg[kind]}\` is a ${pythonTypeName(raw)}, so the backend fails to start and Airflow never reads Secrets Manager.` };
    }
    if (typeof sep === 'string') prefixes[kind] = pythonRstripChars(raw, sep);
    else if (sep === null) prefixes[kind] = pythonRstrip(raw); // rstrip(None) strips whitespace
    else return { ok: false, reason: `\`sep\` is a ${pythonTypeName(sep)}, so the backend fails to start and Airflow never reads Secrets Manager.` };
  }
  return { ok: true, prefixes, joiner: typeof sep === 'string' ? sep : 'None' };
}

/**
 * Whether Airflow looks up `id` in Secrets Manager and under which secret name, or why not.
 * `providerVersion` below 7.3.0 ignores lookup patterns (they did not exist yet).
 */
export function describeLookup(
  kwargs: BackendKwargs | null | undefined,
  kind: LookupKind,
  id: string,
  options: { providerVersion?: ProviderVersion | null } = {},
): LookupDescription {
  const state = effectivePrefixes(kwargs);
  if (!state.ok) return { lookedUp: false, code: 'backend-broken', reason: state.reason };
  const prefix = state.prefixes[kind];
  if (prefix === null) {
    return {
      lookedUp: false,
      code: 'prefix-null',
      reason: `\`${prefixKwarg[kind]}\` is null, so Airflow never asks Secrets Manager for any ${lookupNoun[kind]}.`,
    };
  }
  const patternsSupported = options.providerVersion === undefined || options.providerVersion === null || versionAtLeast(options.providerVersion, [7, 3, 0]);
  const pattern = valueOr(kwargs, patternKwarg[kind], null);
  if (patternsSupported && pythonTruthy(pattern)) {
    if (typeof pattern !== 'string') {
      return {
        lookedUp: false,
        code: 'pattern-type',
        reason: `\`${patternKwarg[kind]}\` is a ${pythonTypeName(pattern)}, not a pattern; every ${lookupNoun[kind]} lookup fails and Airflow falls through to the next backend.`,
      };
    }
    const match = pythonReMatch(pattern, id);
    switch (match.kind) {
      case 'match':
        break;
      case 'no-match':
        return {
          lookedUp: false,
          code: 'pattern-mismatch',
          reason: `\`${id}\` does not match \`${patternKwarg[kind]}\` (tested from the start of the id, ignoring case), so Airflow skips Secrets Manager for it.`,
        };
      case 'invalid':
        return {
          lookedUp: false,
          code: 'pattern-invalid',
          reason: `\`${patternKwarg[kind]}\` is not a valid Python regular expression (${match.message}); every ${lookupNoun[kind]} lookup fails.`,
        };
      case 'unknown':
        return { lookedUp: false, code: 'pattern-not-previewable', reason: match.reason };
    }
  }
  return { lookedUp: true, secretId: prefix === '' ? id : `${prefix}${state.joiner}${id}` };
}

function secretIdOrNull(description: LookupDescription): string | null {
  return description.lookedUp ? description.secretId : null;
}

/** The secret name Airflow reads for `BaseHook.get_connection(connId)`, or null if it does not. */
export function connectionSecretId(kwargs: BackendKwargs | null | undefined, connId: string): string | null {
  return secretIdOrNull(describeLookup(kwargs, 'connection', connId));
}

/** The secret name Airflow reads for `Variable.get(key)`, or null if it does not. */
export function variableSecretId(kwargs: BackendKwargs | null | undefined, key: string): string | null {
  return secretIdOrNull(describeLookup(kwargs, 'variable', key));
}

/**
 * The secret name Airflow reads for a `*_secret` config option whose value is `key`
 * (sheet A.7), or null if it does not.
 */
export function configSecretId(kwargs: BackendKwargs | null | undefined, key: string): string | null {
  return secretIdOrNull(describeLookup(kwargs, 'config', key));
}

/**
 * The reverse: the id whose lookup reads `secretName`, or null when no id maps to it (wrong
 * prefix, lookups disabled, or the pattern excludes that id).
 */
export function lookupIdForSecretName(kwargs: BackendKwargs | null | undefined, kind: LookupKind, secretName: string): string | null {
  const state = effectivePrefixes(kwargs);
  if (!state.ok) return null;
  const prefix = state.prefixes[kind];
  if (prefix === null) return null;
  let id = secretName;
  if (prefix !== '') {
    const head = `${prefix}${state.joiner}`;
    if (!secretName.startsWith(head) || secretName.length === head.length) return null;
    id = secretName.slice(head.length);
  }
  return secretIdOrNull(describeLookup(kwargs, kind, id)) === secretName ? id : null;
}
