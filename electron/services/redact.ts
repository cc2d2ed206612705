/**
 * The one redaction rule: masks credentials in text that crosses a boundary (a log line, an error
 * message, CLI output streamed to the window).
 *
 * It catches what can be recognised by shape (access key ids, bearer tokens, values of well-known
 * credential fields in headers, ini files, JSON and STS XML) plus any exact values the caller passes
 * (a secret access key or session token it holds). It cannot recognise an arbitrary secret by shape,
 * so callers pass the ones they know.
 */
const mask = '[REDACTED]';

// `A3T` ids are 20 characters like the others (`A3T` + 1 + 16); the optional character also covers 19.
const accessKeyId = /(?<![A-Z0-9])(A3T|AKIA|ASIA)(?:(?<=A3T)[A-Z0-9])?[A-Z0-9]{16}/g;
const bearer = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** Browser mode's `#token=` fragment and OAuth-style query parameters. */
const urlToken = /([#?&](?:token|access_token|code|launch)=)[^&\s#]+/gi;

const sensitiveNames = [
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'x-amz-security-token',
  'x-amz-sso_bearer_token',
  'secretAccessKey',
  'sessionToken',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'SecretAccessKey',
  'SessionToken',
  'TokenCode',
  'password',
  'secret',
  'token',
].join('|');

const jsonField = new RegExp(`("(?:${sensitiveNames})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, 'gi');
const xmlField = new RegExp(`(<(${sensitiveNames})>)([^<]*)(</\\2>)`, 'gi');
const keyValue = new RegExp(`\\b(${sensitiveNames})(\\s*[:=]\\s*)(?!\\[REDACTED\\])([^\\s,;&"'<]+)`, 'gi');

/** Shorter exact values are not masked: they would hit ordinary words and numbers. */
const minimumSecretLength = 8;

export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let result = text;
  const known = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= minimumSecretLength)
    .sort((a, b) => b.length - a.length);
  for (const secret of known) result = result.split(secret).join(mask);
  return result
    .replace(jsonField, `$1${mask}$3`)
    .replace(xmlField, `$1${mask}$4`)
    .replace(keyValue, `$1$2${mask}`)
    .replace(bearer, `$1 ${mask}`)
    .replace(urlToken, `$1${mask}`)
    .replace(accessKeyId, (_match, prefix: string) => `${prefix}${mask}`);
}
