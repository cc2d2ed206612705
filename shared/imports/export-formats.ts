/**
 * Writing connections and variables in the same formats the import reads. Without values, the
 * file lists the ids only (every field empty): a template that no import would mistake for real
 * values (`connectionFromLooseFields` refuses empty connections).
 *
 * Env-style formats carry the value Airflow's environment-variable backend reads; it does not
 * know the Secrets Manager backend's JSON aliases (`user`, `pass`...), so JSON connections are
 * rewritten with Airflow's own field names.
 */
import { stringify } from 'yaml';
import { assertNever } from '../assert';
import { connectionToJson, lookupKinds, parseConnectionSecret, type AirflowConnection, type BackendKwargs, type LookupKind } from '../airflow';
import { quoteDotenvValue } from '../project-files';
import { envVarName, secretKinds } from '../secrets';
import type { ImportFormat } from './import-entry';

export type ExportFormat = Exclude<ImportFormat, 'variables-json'>;

export const exportFormats: readonly ExportFormat[] = ['airflow-settings-yaml', 'connections-json', 'connections-yaml', 'connections-env', 'dotenv'];

export const exportFileNames: Readonly<Record<ExportFormat, string>> = {
  'airflow-settings-yaml': 'airflow_settings.yaml',
  'connections-json': 'connections.json',
  'connections-yaml': 'connections.yaml',
  'connections-env': 'connections.env',
  dotenv: 'airflow-secrets.env',
};

export interface ExportItem {
  readonly kind: LookupKind;
  readonly id: string;
  /** The stored string; null when values are not exported. */
  readonly value: string | null;
}

export interface ExportResult {
  readonly text: string;
  readonly included: number;
  readonly skipped: readonly { readonly kind: LookupKind; readonly id: string; readonly reason: string }[];
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether the format has a place for the kind, read from the kind's descriptor: airflow_settings.yaml
 * holds what has a section there, a .env what has an environment variable, the connections exports
 * what holds a connection.
 */
export function exportFormatHolds(format: ExportFormat, kind: LookupKind): boolean {
  const descriptor = secretKinds[kind];
  switch (format) {
    case 'airflow-settings-yaml':
      return descriptor.settingsYaml !== null;
    case 'dotenv':
      return descriptor.envPrefix !== null;
    case 'connections-json':
    case 'connections-yaml':
    case 'connections-env':
      return descriptor.valueFormat === 'connection';
    default:
      return assertNever(format, 'Unknown export format');
  }
}

/** The kinds some export format holds, in the usual order: config values have no place in any. */
export const exportableKinds: readonly LookupKind[] = lookupKinds.filter((kind) => exportFormats.some((format) => exportFormatHolds(format, kind)));

/**
 * Why the format skips the kind: a kind no export format holds is told so; a kind that some format
 * holds can only meet one of the connections exports here (the others hold every kind with a place in them).
 */
function notInFormat(kind: LookupKind): string {
  const descriptor = secretKinds[kind];
  return exportableKinds.includes(kind) ? 'This format holds connections only.' : `${capitalised(descriptor.plural)} have no place in this format.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function connectionOf(value: string, kwargs: BackendKwargs): { ok: true; connection: AirflowConnection; uri: boolean } | { ok: false } {
  const parsed = parseConnectionSecret(value, kwargs);
  return parsed.ok ? { ok: true, connection: parsed.connection, uri: parsed.format === 'uri' } : { ok: false };
}

/** The connection as an env var value: URIs as stored, JSON with Airflow's own field names. */
function envConnectionValue(value: string, read: { connection: AirflowConnection; uri: boolean }): string {
  return read.uri ? value.trim() : connectionToJson(read.connection);
}

export function buildExport(items: readonly ExportItem[], format: ExportFormat, kwargs: BackendKwargs = {}): ExportResult {
  const skipped: { kind: LookupKind; id: string; reason: string }[] = [];
  const accepted: { item: ExportItem; connection: { connection: AirflowConnection; uri: boolean } | null }[] = [];
  for (const item of items) {
    if (!exportFormatHolds(format, item.kind)) {
      skipped.push({ kind: item.kind, id: item.id, reason: notInFormat(item.kind) });
      continue;
    }
    if (format === 'dotenv' && !ENV_KEY.test(item.id)) {
      skipped.push({ kind: item.kind, id: item.id, reason: 'The id cannot be part of an environment variable name (only letters, digits and _).' });
      continue;
    }
    if (secretKinds[item.kind].valueFormat === 'connection' && item.value !== null) {
      const read = connectionOf(item.value, kwargs);
      if (!read.ok) {
        skipped.push({ kind: item.kind, id: item.id, reason: 'Airflow cannot read the stored value as a connection.' });
        continue;
      }
      accepted.push({ item, connection: read });
    } else {
      accepted.push({ item, connection: null });
    }
  }
  // Each format writes connections in their own shape and the rest (variables) as text.
  const connections = accepted.filter((entry) => secretKinds[entry.item.kind].valueFormat === 'connection');
  const variables = accepted.filter((entry) => secretKinds[entry.item.kind].valueFormat === 'text');

  let text: string;
  switch (format) {
    case 'airflow-settings-yaml': {
      const document = {
        airflow: {
          connections: connections.map(({ item, connection }) => {
            const c = connection?.connection ?? null;
            return {
              conn_id: item.id,
              conn_type: c?.conn_type ?? null,
              conn_host: c?.host ?? null,
              conn_schema: c?.schema ?? null,
              conn_login: c?.login ?? null,
              conn_password: c?.password ?? null,
              conn_port: c?.port ?? null,
              conn_extra: c?.extra ?? null,
            };
          }),
          variables: variables.map(({ item }) => ({ variable_name: item.id, variable_value: item.value ?? null })),
        },
      };
      text = stringify(document);
      break;
    }
    case 'connections-json':
    case 'connections-yaml': {
      const map: Record<string, unknown> = {};
      for (const { item, connection } of connections) {
        const c = connection?.connection ?? null;
        map[item.id] = {
          conn_type: c?.conn_type ?? null,
          description: null,
          host: c?.host ?? null,
          login: c?.login ?? null,
          password: c?.password ?? null,
          schema: c?.schema ?? null,
          port: c?.port ?? null,
          extra: c?.extra === null || c?.extra === undefined ? null : JSON.stringify(c.extra),
        };
      }
      text = format === 'connections-json' ? `${JSON.stringify(map, null, 4)}\n` : stringify(map);
      break;
    }
    case 'connections-env':
      text = connections.map(({ item, connection }) => `${item.id}=${connection === null || item.value === null ? '' : envConnectionValue(item.value, connection)}`).join('\n');
      text = text === '' ? '' : `${text}\n`;
      break;
    case 'dotenv': {
      const lines = [...connections, ...variables].flatMap(({ item, connection }) => {
        const descriptor = secretKinds[item.kind];
        if (descriptor.envPrefix === null) return []; // never accepted: exportFormatHolds
        const value = connection === null ? item.value : item.value === null ? null : envConnectionValue(item.value, connection);
        return [`${envVarName(descriptor, item.id)}=${value === null ? '' : quoteDotenvValue(value)}`];
      });
      text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
      break;
    }
    default:
      return assertNever(format, 'Unknown export format');
  }
  return { text, included: accepted.length, skipped };
}

