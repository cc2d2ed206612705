import { describe, expect, it } from 'vitest';
import { connectionTypeSpec, type AirflowConnection } from '../../../../shared/airflow';
import { connectionTemplate, isSecretKey } from '../../../../shared/secrets';

/** Airflow's own masker (secrets_masker DEFAULT_SENSITIVE_FIELDS), matched anywhere in the lower-cased key. */
const airflowSensitive = ['access_token', 'api_key', 'apikey', 'authorization', 'passphrase', 'passwd', 'password', 'private_key', 'secret', 'token', 'keyfile_dict', 'service_account'];

describe('the sensitive-key rule', () => {
  it('issue 13 item 5: every key Airflow masks is secret here too, in any case and inside longer names', () => {
    for (const key of airflowSensitive) {
      expect(isSecretKey(key), key).toBe(true);
      expect(isSecretKey(`my_${key.toUpperCase()}_value`), key).toBe(true);
    }
    for (const key of ['host', 'region_name', 'key_file', 'conn_timeout', 'role_arn', 'warehouse']) expect(isSecretKey(key), key).toBe(false);
  });

  it('issue 13 item 5: a template keeps the structure and every non-secret field, and empties the password and the secret extras at any depth', () => {
    const connection: AirflowConnection = {
      conn_type: 'google_cloud_platform',
      host: null,
      login: 'svc',
      password: 'pw',
      schema: null,
      port: null,
      extra: { project: 'p', keyfile_dict: { type: 'service_account', private_key: 'k' }, scopes: ['a'], nested: [{ token: 't', name: 'n' }], empty_secret: '' },
    };
    const template = connectionTemplate(connection, connectionTypeSpec('google_cloud_platform'));
    expect(template.connection).toEqual({ ...connection, password: null, extra: { project: 'p', keyfile_dict: '', scopes: ['a'], nested: [{ token: '', name: 'n' }], empty_secret: '' } });
    expect(template.emptied).toEqual(['password', 'extra.keyfile_dict', 'extra.nested[0].token']);
  });
});
