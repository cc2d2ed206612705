/**
 * Connection ids, variable keys and secret names (sheet B.4, C.1). An id must satisfy Airflow and
 * also produce a legal Secrets Manager name, so the safe set is the intersection: ASCII letters,
 * digits and `_ - . /`.
 */
import type { BackendKwargs } from './backend-kwargs';
import { error, warning, type Problem } from './problem';
import { configSecretId, connectionSecretId, variableSecretId } from './secret-ids';

export const MAX_ID_LENGTH = 250;
export const MAX_SECRET_NAME_LENGTH = 512;

/** Airflow's `RE_SANITIZE_CONN_ID` (`^[\w#!()\-.:/\\]+$`, `\w` being Unicode-aware). */
const AIRFLOW_CONN_ID = /^[\p{L}\p{N}_#!()\-.:/\\]+$/u;
const SECRET_NAME_CHAR = /[A-Za-z0-9/_+=.@-]/;

function codePointLength(text: string): number {
  return Array.from(text).length;
}

function illegalSecretChars(text: string): string[] {
  return [...new Set(Array.from(text).filter((c) => !SECRET_NAME_CHAR.test(c)))];
}

function describeChars(chars: readonly string[]): string {
  return chars
    .slice(0, 6)
    .map((c) => (c === ' ' ? 'space' : /\s/.test(c) ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : `\`${c}\``))
    .join(', ');
}

function doubleDashWarning(label: string): Problem {
  return warning(
    'id.double-dash',
    `The ${label} contains \`--\`. Amazon provider 9.27 and later use \`--\` to separate a team name from the id and refuse to look up such ids (in some versions even without multi-team mode). Use another separator.`,
  );
}

function secretNameProblems(name: string | null, label: string): Problem[] {
  if (name === null) return [];
  return validateSecretName(name).map((p) => (p.code === 'secret-name.too-long' ? { ...p, message: `With the configured prefix, the secret name for this ${label} is too long (over ${MAX_SECRET_NAME_LENGTH} characters).` } : p));
}

/** Problems with a connection id; with `kwargs`, also with the secret name it maps to. */
export function validateConnId(id: string, kwargs?: BackendKwargs): Problem[] {
  if (id === '') return [error('id.empty', 'The connection id is empty.')];
  const problems: Problem[] = [];
  if (codePointLength(id) > MAX_ID_LENGTH) {
    problems.push(error('id.too-long', `Airflow limits connection ids to ${MAX_ID_LENGTH} characters; a longer id is discarded.`));
  }
  if (!AIRFLOW_CONN_ID.test(id)) {
    const bad = [...new Set(Array.from(id).filter((c) => !AIRFLOW_CONN_ID.test(c)))];
    problems.push(
      error('id.airflow-charset', `Airflow does not accept ${describeChars(bad)} in a connection id (only letters, digits and \`_ # ! ( ) - . : / \\\`). Use letters, digits, \`_\`, \`-\`, \`.\` or \`/\`.`),
    );
  } else {
    const bad = illegalSecretChars(id);
    if (bad.length > 0) {
      problems.push(
        error(
          'id.secret-name-charset',
          `Airflow accepts ${describeChars(bad)} in a connection id, but Secrets Manager names cannot contain them, so this connection cannot be stored there. Use letters, digits, \`_\`, \`-\`, \`.\` or \`/\`.`,
        ),
      );
    }
  }
  if (id.includes('--')) problems.push(doubleDashWarning('connection id'));
  if (kwargs !== undefined && problems.length === 0) problems.push(...secretNameProblems(connectionSecretId(kwargs, id), 'connection'));
  return problems;
}

/** Problems with a variable key; with `kwargs`, also with the secret name it maps to. */
export function validateVariableKey(key: string, kwargs?: BackendKwargs): Problem[] {
  if (key === '') return [error('id.empty', 'The variable key is empty.')];
  const problems: Problem[] = [];
  if (codePointLength(key) > MAX_ID_LENGTH) {
    problems.push(error('id.too-long', `Airflow stores variable keys in a ${MAX_ID_LENGTH}-character column; use a shorter key.`));
  }
  const bad = illegalSecretChars(key);
  if (bad.length > 0) {
    problems.push(
      error('id.secret-name-charset', `Secrets Manager names cannot contain ${describeChars(bad)}, so this variable cannot be stored there. Use letters, digits, \`_\`, \`-\`, \`.\` or \`/\`.`),
    );
  }
  if (key.includes('--')) problems.push(doubleDashWarning('variable key'));
  if (kwargs !== undefined && problems.length === 0) problems.push(...secretNameProblems(variableSecretId(kwargs, key), 'variable'));
  return problems;
}

/**
 * Problems with a config key: the value of a `*_secret` config option, which Airflow turns into
 * `config_prefix + sep + key` (sheet A.7). Unlike a variable key it lives in no database column
 * (no 250-character limit) and config lookups are never team-scoped (no `--` warning); it must
 * still make a legal secret name.
 */
export function validateConfigKey(key: string, kwargs?: BackendKwargs): Problem[] {
  if (key === '') return [error('id.empty', 'The config key is empty.')];
  const bad = illegalSecretChars(key);
  if (bad.length > 0) {
    return [error('id.secret-name-charset', `Secrets Manager names cannot contain ${describeChars(bad)}, so this config value cannot be stored there. Use letters, digits, \`_\`, \`-\`, \`.\` or \`/\`.`)];
  }
  return kwargs === undefined ? [] : secretNameProblems(configSecretId(kwargs, key), 'config value');
}

/** Problems with a Secrets Manager secret name (C.1). */
export function validateSecretName(name: string): Problem[] {
  if (name === '') return [error('secret-name.empty', 'The secret name is empty.')];
  const problems: Problem[] = [];
  if (name.length > MAX_SECRET_NAME_LENGTH) {
    problems.push(error('secret-name.too-long', `Secrets Manager names are at most ${MAX_SECRET_NAME_LENGTH} characters.`));
  }
  const bad = illegalSecretChars(name);
  if (bad.length > 0) {
    problems.push(error('secret-name.charset', `Secrets Manager names can only contain ASCII letters, digits and \`/ _ + = . @ -\`; remove ${describeChars(bad)}.`));
  }
  if (/-[^-]{6}$/.test(name)) {
    problems.push(
      warning(
        'secret-name.arn-suffix-like',
        'The name ends with a hyphen and six characters, which looks like the random suffix AWS adds to secret ARNs; AWS advises against it because partial-ARN lookups can pick the wrong secret.',
      ),
    );
  }
  return problems;
}
