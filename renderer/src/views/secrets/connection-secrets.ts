/**
 * Which parts of a connection's extra hold a secret, so the extra's JSON is masked like the
 * password: the extras the connection type marks secret (a private key, a session token, a
 * client secret) and any key whose name says it holds a credential, at any depth.
 */
import type { ConnectionTypeSpec } from '../../../../shared/airflow';
import { parseExtraText } from '../../../../shared/secrets';

const CREDENTIAL_NAME = /passw|passphrase|secret|token|private|api_?key|access_?key|credential|keyfile|authorization|auth_?key/i;

function holdsCredentialKey(value: unknown, secretNames: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsCredentialKey(item, secretNames));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => ((secretNames.has(key) || CREDENTIAL_NAME.test(key)) && inner !== null && inner !== '') || holdsCredentialKey(inner, secretNames));
}

/** True when the extra text holds a secret; text that does not parse is judged by its words. */
export function extraHoldsSecret(text: string, spec: ConnectionTypeSpec | undefined): boolean {
  const parsed = parseExtraText(text);
  if (!parsed.ok) return CREDENTIAL_NAME.test(text);
  const secretNames = new Set((spec?.extras ?? []).filter((field) => field.kind === 'secret').map((field) => field.name));
  return holdsCredentialKey(parsed.extra, secretNames);
}
