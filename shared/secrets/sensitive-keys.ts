/**
 * Which parts of a connection hold a secret: the password, and every extra key the connection type
 * marks secret (a private key, a session token, a client secret) or whose name says it holds a
 * credential, at any depth. Airflow's own masker hides keys whose lower-cased name contains
 * access_token, api_key, apikey, authorization, passphrase, passwd, password, private_key, secret,
 * token, keyfile_dict or service_account; the name rule below covers all of those and a few more
 * spellings. One rule for masking in the window and for promoting a connection as a template.
 */
import type { AirflowConnection, ConnectionTypeSpec } from '../airflow';

const CREDENTIAL_NAME = /passw|passphrase|secret|token|private|api_?key|access_?key|credential|keyfile|authorization|auth_?key|service_?account/i;

/** The extra names the connection type marks secret. */
export function secretExtraNames(spec: ConnectionTypeSpec | undefined): ReadonlySet<string> {
  return new Set((spec?.extras ?? []).filter((field) => field.kind === 'secret').map((field) => field.name));
}

/** True when a key of the extra (at any depth) holds a credential by its name or its type's form. */
export function isSecretKey(key: string, secretNames: ReadonlySet<string> = new Set()): boolean {
  return secretNames.has(key) || CREDENTIAL_NAME.test(key);
}

/** True for text whose words name a credential (for extra text that does not parse). */
export function mentionsCredential(text: string): boolean {
  return CREDENTIAL_NAME.test(text);
}

const holdsValue = (value: unknown): boolean => value !== null && value !== undefined && value !== '';

/** The extra with every secret key emptied (""), and the dotted paths of those that held something. */
function emptySecrets(value: unknown, secretNames: ReadonlySet<string>, path: string, emptied: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => emptySecrets(item, secretNames, `${path}[${index}]`, emptied));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const at = `${path}.${key}`;
      if (!isSecretKey(key, secretNames)) return [key, emptySecrets(inner, secretNames, at, emptied)];
      if (holdsValue(inner)) emptied.push(at);
      return [key, ''];
    }),
  );
}

export interface ConnectionTemplate {
  /** The structure and every non-secret field; the password and the secret extras empty. */
  readonly connection: AirflowConnection;
  /** What was emptied and must be filled in: `password`, `extra.private_key`, ... */
  readonly emptied: readonly string[];
}

/** A connection as a template for another environment: nothing secret of the original is kept. */
export function connectionTemplate(connection: AirflowConnection, spec: ConnectionTypeSpec | undefined): ConnectionTemplate {
  const emptied: string[] = [];
  if (holdsValue(connection.password)) emptied.push('password');
  const extra = connection.extra === null ? null : (emptySecrets(connection.extra, secretExtraNames(spec), 'extra', emptied) as Readonly<Record<string, unknown>>);
  return { connection: { ...connection, password: null, extra }, emptied };
}
