/**
 * Which parts of a connection's extra hold a secret, so the extra's JSON is masked like the
 * password. The rule itself is shared (shared/secrets/sensitive-keys.ts): the same one decides
 * what a template promote leaves empty.
 */
import type { ConnectionTypeSpec } from '../../../../shared/airflow';
import { isSecretKey, mentionsCredential, parseExtraText, secretExtraNames } from '../../../../shared/secrets';

function holdsCredentialKey(value: unknown, secretNames: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsCredentialKey(item, secretNames));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => (isSecretKey(key, secretNames) && inner !== null && inner !== '') || holdsCredentialKey(inner, secretNames));
}

/** True when the extra text holds a secret; text that does not parse is judged by its words. */
export function extraHoldsSecret(text: string, spec: ConnectionTypeSpec | undefined): boolean {
  const parsed = parseExtraText(text);
  if (!parsed.ok) return mentionsCredential(text);
  return holdsCredentialKey(parsed.extra, secretExtraNames(spec));
}
