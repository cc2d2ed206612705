/**
 * `AIRFLOW_CONN_<ID>` and `AIRFLOW_VAR_<KEY>` lines of a `.env` file, read with the project
 * files' `.env` reader (Compose's rules). Airflow upper-cases the id to find the variable, so the
 * name does not say the id's case; ids are imported in lower case, as Airflow's docs write them.
 */
import { error, parseConnectionSecret } from '../airflow';
import { readDotenv } from '../project-files';
import { kindOfEnvVar, secretKinds } from '../secrets';
import type { ImportEntry, ParsedImport } from './import-entry';

export function parseDotenvImport(text: string): ParsedImport {
  const read = readDotenv(text);
  const entries: ImportEntry[] = [];
  let ignored = 0;
  const winners = new Set(Object.values(read.keys).map((info) => info.line));
  for (const entry of read.entries) {
    const named = kindOfEnvVar(entry.key);
    if (named === null) {
      ignored += 1;
      continue;
    }
    // An earlier definition of the same key is overridden by Compose; only the last one counts.
    if (!winners.has(entry.line)) continue;
    const { kind, id } = named;
    const location = `${entry.key} (line ${entry.line})`;
    if (!entry.valueKnown || entry.value === null) {
      entries.push({
        kind,
        id,
        location,
        connection: null,
        value: null,
        problems: [error('import.env-unknown', 'The value comes from the shell environment (a bare key or `$VARIABLE` in it), so the file alone does not say what it is.')],
      });
      continue;
    }
    if (secretKinds[kind].valueFormat === 'text') {
      entries.push({
        kind,
        id,
        location,
        connection: null,
        value: entry.value === '' ? null : entry.value,
        problems: entry.value === '' ? [error('import.empty-value', `The ${secretKinds[kind].one} has no value; Secrets Manager cannot store an empty value.`)] : [],
      });
      continue;
    }
    const parsed = parseConnectionSecret(entry.value);
    entries.push(
      parsed.ok
        ? { kind, id, location, connection: parsed.connection, value: null, problems: [] }
        : { kind, id, location, connection: null, value: null, problems: parsed.problems },
    );
  }
  // Only errors: they can change how the rest of the file is read. Warnings about other keys do not matter here.
  const fileProblems = read.problems.filter((problem) => problem.severity === 'error').map((problem) => error('import.dotenv', `Line ${problem.line}: ${problem.message}`));
  return { format: 'dotenv', entries, problems: fileProblems, ignored };
}
