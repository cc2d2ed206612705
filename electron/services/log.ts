/**
 * The one logging boundary of the main process.
 *
 * Every line passes through the redaction rule (electron/services/redact.ts) here, whatever the
 * caller passed, so no caller can forget it: the message and every string in the fields are
 * redacted before they are serialised (a CLI's stderr in a field keeps its line structure, and a
 * field named like a credential is masked whole), and the finished line once more.
 */
import { redact, redactValue } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const levelOrder: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = levelOrder[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (levelOrder[level] < threshold) return;
    const suffix = fields === undefined ? '' : ` ${safeJson(redactValue(fields))}`;
    write(redact(`[airlock] ${level}: ${redact(message)}${suffix}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}

/** A logger that remembers lines, for tests that prove nothing secret is logged. */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ level: 'debug', write: (line) => lines.push(line) }), { lines });
}
