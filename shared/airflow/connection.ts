/**
 * An Airflow connection as Airflow's own `Connection` object holds it, with Airflow's field names.
 *
 * Empty strings are stored as null: Airflow itself produces `""` for some absent URI parts and
 * `None` for others, every hook treats both as "not set", and one representation keeps the
 * editor's round-trip check honest.
 */

export interface AirflowConnection {
  readonly conn_type: string | null;
  readonly host: string | null;
  readonly login: string | null;
  readonly password: string | null;
  readonly schema: string | null;
  readonly port: number | null;
  readonly extra: Readonly<Record<string, unknown>> | null;
}

export type ConnectionField = keyof AirflowConnection;

export const connectionFields: readonly ConnectionField[] = ['conn_type', 'host', 'login', 'password', 'schema', 'port', 'extra'];

export const emptyConnection: AirflowConnection = {
  conn_type: null,
  host: null,
  login: null,
  password: null,
  schema: null,
  port: null,
  extra: null,
};

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** Builds a connection from partial fields, mapping `""` and `{}` to null (see module note). */
export function makeConnection(fields: Partial<AirflowConnection>): AirflowConnection {
  const extra = fields.extra ?? null;
  return {
    conn_type: emptyToNull(fields.conn_type),
    host: emptyToNull(fields.host),
    login: emptyToNull(fields.login),
    password: emptyToNull(fields.password),
    schema: emptyToNull(fields.schema),
    port: fields.port ?? null,
    extra: extra !== null && Object.keys(extra).length > 0 ? extra : null,
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const recB = b as Record<string, unknown>;
  const recA = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(recA[k], recB[k]));
}

function isEmptyExtra(extra: Readonly<Record<string, unknown>> | null): boolean {
  return extra === null || Object.keys(extra).length === 0;
}

/**
 * The fields on which two connections differ. `""` equals null and `{}` equals a null extra,
 * because Airflow's hooks cannot tell them apart (`conn.extra_dejson` is `{}` for both).
 */
export function diffConnections(a: AirflowConnection, b: AirflowConnection): ConnectionField[] {
  const diff: ConnectionField[] = [];
  for (const field of connectionFields) {
    if (field === 'extra') {
      const same = isEmptyExtra(a.extra) ? isEmptyExtra(b.extra) : deepEqual(a.extra, b.extra);
      if (!same) diff.push(field);
    } else if (field === 'port') {
      if (a.port !== b.port) diff.push(field);
    } else if (emptyToNull(a[field]) !== emptyToNull(b[field])) {
      diff.push(field);
    }
  }
  return diff;
}
