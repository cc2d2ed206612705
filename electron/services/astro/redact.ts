/**
 * Masks known secret strings (the API token, secret values being deployed) in CLI output before
 * it is streamed to the UI or put in an error. The CLI itself never prints them in v1.20+, but a
 * different build, a debug flag or a server error message could.
 */
export const redactedMarker = '[redacted]';

export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so a secret containing another is masked whole.
  const needles = [...new Set(secrets.filter((s): s is string => s !== undefined && s !== ''))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  return (text) => needles.reduce((out, needle) => out.split(needle).join(redactedMarker), text);
}
