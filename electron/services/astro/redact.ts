/**
 * Masks known secret strings (the API token, secret values being deployed) in CLI output before
 * it is streamed to the UI or put in an error. The CLI itself never prints them in v1.20+, but a
 * different build, a debug flag or a server error message could. The rule itself, with its shapes
 * and the encodings of known values, is the app's one redaction rule (electron/services/redact.ts).
 */
export { createRedactor, type Redactor } from '../redact';
