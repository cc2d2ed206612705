/**
 * Masks known secret strings (the API token, secret values being deployed) in CLI output before
 * it is streamed to the UI or put in an error. The CLI itself never prints them in v1.20+, but a
 * different build, a debug flag or a server error message could. The rule itself is the app's
 * one redaction rule (electron/services/redact.ts).
 */
import { redact } from '../redact';

export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  return (text) => redact(text, secrets);
}
