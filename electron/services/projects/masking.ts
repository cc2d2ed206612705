/**
 * What of a project file may be shown in the window. `.env` holds credentials and connection
 * URIs with passwords, so every value there is masked except the few Airlock needs to show (the
 * secrets-backend settings and the region). In a Dockerfile only values of keys that look secret
 * are masked. Masking keeps the key (`AWS_SECRET_ACCESS_KEY=••••••••`) so a diff stays readable.
 */
import path from 'node:path';
import { readDockerfileEnv, readDotenv } from '../../../shared/project-files';
import { credentialKwargs } from '../../../shared/airflow';
import { BACKEND_ENV, BACKEND_KWARGS_ENV } from '../../../shared/api';

export const MASK = '••••••••';

const SHOWN_DOTENV_KEYS: ReadonlySet<string> = new Set([BACKEND_ENV, BACKEND_KWARGS_ENV, 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_PROFILE']);
const SECRET_LOOKING_KEY = /SECRET|TOKEN|PASSW|ACCESS_KEY|PRIVATE|CREDENTIAL|^AIRFLOW_CONN_|^AIRFLOW_VAR_|SQL_ALCHEMY_CONN|_CONN$/i;
const CREDENTIAL_KWARG = new RegExp(`"(?:${credentialKwargs.join('|')})"`);

export function isDotenvFile(file: string): boolean {
  return path.posix.basename(file).startsWith('.env');
}

/** Is the value of this .env key hidden from the window? */
export function isMaskedDotenvKey(key: string, value: string | null): boolean {
  if (!SHOWN_DOTENV_KEYS.has(key)) return true;
  return key === BACKEND_KWARGS_ENV && value !== null && CREDENTIAL_KWARG.test(value);
}

function isMaskedDockerfileKey(key: string, value: string): boolean {
  if (key === BACKEND_ENV) return false;
  if (key === BACKEND_KWARGS_ENV) return CREDENTIAL_KWARG.test(value);
  return SECRET_LOOKING_KEY.test(key);
}

/** Keeps `KEY=` (with `export`/`ENV` and the separator), masks the rest of the line. */
function maskFirstLine(text: string, key: string): string {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const head = new RegExp(`^(\\s*(?:export\\s+|ENV\\s+|env\\s+)?(?:.*?\\s)?${escaped}\\s*[=:\\s]\\s*)`).exec(text);
  return head === null ? MASK : `${head[1] ?? ''}${MASK}`;
}

export interface MaskedText {
  /** The physical lines (split on `\n`, a trailing `\r` dropped), secret parts replaced. */
  readonly lines: readonly string[];
  /** 1-based line numbers that were masked. */
  readonly maskedLines: ReadonlySet<number>;
}

export function physicalLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (text.endsWith('\n')) parts.pop();
  return parts;
}

/** The file's lines as the window may see them. */
export function maskFileText(file: string, text: string): MaskedText {
  const lines = physicalLines(text);
  const masked = new Set<number>();
  const mask = (first: number, last: number, key: string): void => {
    for (let line = first; line <= last; line += 1) {
      const original = lines[line - 1];
      if (original === undefined) continue;
      lines[line - 1] = line === first ? maskFirstLine(original, key) : MASK;
      masked.add(line);
    }
  };
  if (isDotenvFile(file)) {
    for (const entry of readDotenv(text).entries) {
      if (isMaskedDotenvKey(entry.key, entry.value)) mask(entry.line, entry.endLine, entry.key);
    }
  } else if (path.posix.basename(file) === 'Dockerfile') {
    for (const stage of readDockerfileEnv(text).stages) {
      for (const entry of stage.definitions) {
        if (isMaskedDockerfileKey(entry.key, entry.literal)) mask(entry.line, entry.endLine, entry.key);
      }
    }
  }
  return { lines, maskedLines: masked };
}

/** One line of a file, masked as `maskFileText` would; '' beyond the end. */
export function maskedLine(masked: MaskedText, line: number): { text: string; masked: boolean } {
  return { text: masked.lines[line - 1] ?? '', masked: masked.maskedLines.has(line) };
}
