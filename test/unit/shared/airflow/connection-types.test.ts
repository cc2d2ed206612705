// The connection-type catalogue for the editor form, checked against the URI/JSON rules (B.1-B.3).
import { describe, expect, it } from 'vitest';
import { buildConnectionUri, connectionToJson, connectionTypes, connectionTypeSpec, makeConnection, parseConnectionSecret, parseConnectionUri } from '../../../../shared/airflow';

describe('connectionTypes', () => {
  it('covers the types the editor needs', () => {
    for (const type of ['aws', 'postgres', 'mysql', 'snowflake', 'http', 'google_cloud_platform', 'ssh', 'sftp', 'generic']) {
      expect(connectionTypeSpec(type)?.connType).toBe(type);
    }
  });

  it('has unique types and unique extra names per type', () => {
    expect(new Set(connectionTypes.map((t) => t.connType)).size).toBe(connectionTypes.length);
    for (const type of connectionTypes) expect(new Set(type.extras.map((e) => e.name)).size).toBe(type.extras.length);
  });

  it.each(connectionTypes.map((t) => [t.connType]))('%s survives URI and JSON round trips (B.1, B.2, B.3)', (connType) => {
    const conn = makeConnection({ conn_type: connType, host: 'h.example.com', login: 'u', password: 'p' });
    const viaUri = parseConnectionUri(buildConnectionUri(conn));
    const viaJson = parseConnectionSecret(connectionToJson(conn));
    expect(viaUri.ok && viaUri.connection.conn_type).toBe(connType);
    expect(viaJson.ok && viaJson.connection.conn_type).toBe(connType);
  });

  it('uses the field names the providers read', () => {
    const extras = (type: string): string[] => connectionTypeSpec(type)?.extras.map((e) => e.name) ?? [];
    expect(extras('aws')).toEqual(expect.arrayContaining(['region_name', 'role_arn', 'aws_session_token', 'endpoint_url']));
    expect(extras('snowflake')).toEqual(expect.arrayContaining(['account', 'warehouse', 'database', 'role', 'region', 'insecure_mode']));
    expect(extras('google_cloud_platform')).toEqual(expect.arrayContaining(['project', 'key_path', 'keyfile_dict', 'scope']));
    expect(extras('ssh')).toEqual(expect.arrayContaining(['key_file', 'private_key', 'no_host_key_check']));
    expect(extras('postgres')).toContain('sslmode');
    expect(connectionTypeSpec('google_cloud_platform')?.fields.password.relevance).toBe('hidden');
  });

  it('marks key material as secret fields', () => {
    const secretExtras = connectionTypes.flatMap((t) => t.extras.filter((e) => e.kind === 'secret').map((e) => e.name));
    expect(secretExtras).toEqual(expect.arrayContaining(['keyfile_dict', 'private_key', 'private_key_content', 'aws_session_token', 'client_secret']));
  });
});
