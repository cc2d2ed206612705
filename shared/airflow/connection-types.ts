/**
 * The connection types the editor offers, with the fields and extras each provider's own
 * connection form shows (`get_connection_form_widgets` / `get_ui_field_behaviour`), so a form
 * built from this writes the extras under the names the hooks read.
 *
 * `source` says how each entry was checked: 'provider-code' = read in the provider's hook source,
 * 'provider-docs' = the provider's connection docs page, 'knowledge' = not checked against either.
 */

export type StandardField = 'host' | 'login' | 'password' | 'schema' | 'port';

export type FieldRelevance = 'required' | 'optional' | 'hidden';

export interface StandardFieldSpec {
  readonly relevance: FieldRelevance;
  readonly label: string;
  readonly placeholder?: string;
}

export type ExtraFieldKind = 'text' | 'number' | 'boolean' | 'json' | 'secret';

export interface ExtraFieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind: ExtraFieldKind;
  readonly help: string;
  /** Allowed values, for a select. */
  readonly options?: readonly string[];
}

export interface ConnectionTypeSpec {
  /** Airflow's `conn_type` (the `_` form; URIs write it with `-`). */
  readonly connType: string;
  readonly label: string;
  /** The pip package that registers the type (it must be in requirements.txt). */
  readonly providerPackage: string | null;
  readonly fields: Readonly<Record<StandardField, StandardFieldSpec>>;
  readonly defaultPort: number | null;
  readonly extras: readonly ExtraFieldSpec[];
  /** How the extras beyond the listed ones are used, when that matters. */
  readonly extrasNote?: string;
  readonly source: 'provider-code' | 'provider-docs' | 'knowledge';
}

const req = (label: string, placeholder?: string): StandardFieldSpec => ({ relevance: 'required', label, ...(placeholder ? { placeholder } : {}) });
const opt = (label: string, placeholder?: string): StandardFieldSpec => ({ relevance: 'optional', label, ...(placeholder ? { placeholder } : {}) });
const hidden = (label: string): StandardFieldSpec => ({ relevance: 'hidden', label });

const text = (name: string, label: string, help: string, options?: readonly string[]): ExtraFieldSpec => ({ name, label, kind: 'text', help, ...(options ? { options } : {}) });
const secret = (name: string, label: string, help: string): ExtraFieldSpec => ({ name, label, kind: 'secret', help });
const num = (name: string, label: string, help: string): ExtraFieldSpec => ({ name, label, kind: 'number', help });
const bool = (name: string, label: string, help: string): ExtraFieldSpec => ({ name, label, kind: 'boolean', help });
const json = (name: string, label: string, help: string): ExtraFieldSpec => ({ name, label, kind: 'json', help });

const sshExtras: readonly ExtraFieldSpec[] = [
  text('key_file', 'Private key file', 'Path of a private key file inside the Airflow containers.'),
  secret('private_key', 'Private key', 'The private key itself (PEM text). Use either this or key_file.'),
  secret('private_key_passphrase', 'Private key passphrase', 'Passphrase of the private key, if it has one.'),
  num('conn_timeout', 'Connect timeout (s)', 'Seconds to wait for the connection; default 10.'),
  num('cmd_timeout', 'Command timeout (s)', 'Seconds before a remote command times out (newer SSH providers).'),
  bool('compress', 'Compress', 'Compress the transport; default true.'),
  bool('no_host_key_check', 'Skip host key check', 'true accepts any host key (unsafe); must be false when host_key is set.'),
  bool('allow_host_key_change', 'Allow host key change', 'Accept a changed host key (unsafe).'),
  bool('look_for_keys', 'Look for keys', 'Search ~/.ssh for keys; default true.'),
  text('host_key', 'Host key', 'The server\'s public host key, e.g. "ssh-ed25519 AAAA...", to verify it.'),
  json('disabled_algorithms', 'Disabled algorithms', 'Paramiko disabled_algorithms, e.g. {"pubkeys": ["rsa-sha2-512"]}.'),
  json('ciphers', 'Ciphers', 'Cipher names in order of preference, e.g. ["aes128-ctr"].'),
];

export const connectionTypes: readonly ConnectionTypeSpec[] = [
  {
    connType: 'aws',
    label: 'Amazon Web Services',
    providerPackage: 'apache-airflow-providers-amazon',
    fields: {
      host: hidden('Host'),
      login: opt('AWS Access Key ID', 'Leave empty to use the default credential chain'),
      password: opt('AWS Secret Access Key'),
      schema: hidden('Schema'),
      port: hidden('Port'),
    },
    defaultPort: null,
    extras: [
      text('region_name', 'Region', 'AWS Region, e.g. us-east-1.'),
      text('role_arn', 'Role ARN', 'Role to assume, e.g. arn:aws:iam::123456789012:role/airflow.'),
      text('assume_role_method', 'Assume-role method', 'How to assume role_arn.', ['assume_role', 'assume_role_with_saml', 'assume_role_with_web_identity']),
      json('assume_role_kwargs', 'Assume-role arguments', 'Extra STS arguments, e.g. {"ExternalId": "...", "RoleSessionName": "airflow"}.'),
      secret('aws_session_token', 'Session token', 'Temporary session token to go with the access keys; it expires.'),
      text('endpoint_url', 'Endpoint URL', 'Custom endpoint for every service (LocalStack, VPC endpoints).'),
      json('config_kwargs', 'botocore config', 'botocore Config options, e.g. {"retries": {"mode": "standard", "max_attempts": 10}}.'),
      text('profile_name', 'Profile name', 'Profile from the AWS config files of the worker.'),
      json('verify', 'Verify TLS', 'false to skip TLS verification, or a CA bundle path in quotes.'),
      json('service_config', 'Per-service config', 'Per-service settings, e.g. {"s3": {"endpoint_url": "..."}}.'),
    ],
    source: 'provider-code',
  },
  {
    connType: 'postgres',
    label: 'Postgres',
    providerPackage: 'apache-airflow-providers-postgres',
    fields: { host: req('Host'), login: req('Login'), password: req('Password'), schema: opt('Database'), port: opt('Port', '5432') },
    defaultPort: 5432,
    extras: [
      text('sslmode', 'SSL mode', 'Whether and how to use TLS.', ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']),
      text('sslrootcert', 'SSL root certificate', 'Path of the CA certificate file.'),
      text('sslcert', 'SSL client certificate', 'Path of the client certificate file.'),
      text('sslkey', 'SSL client key', 'Path of the client key file.'),
      text('sslcrl', 'SSL CRL', 'Path of the certificate revocation list.'),
      text('application_name', 'Application name', 'Shown in pg_stat_activity.'),
      num('keepalives_idle', 'Keepalive idle (s)', 'Seconds of inactivity before TCP keepalives.'),
      text('client_encoding', 'Client encoding', 'e.g. UTF8.'),
      text('cursor', 'Cursor', 'Cursor class for query results.', ['dictcursor', 'realdictcursor', 'namedtuplecursor']),
      bool('iam', 'IAM authentication', 'Authenticate with AWS IAM (RDS, Aurora, Redshift) or Azure Entra.'),
      text('aws_conn_id', 'AWS connection id', 'AWS connection used for IAM authentication; default aws_default.'),
      bool('redshift', 'Redshift', 'With iam: authenticate to a Redshift cluster instead of RDS.'),
      text('cluster-identifier', 'Redshift cluster id', 'With iam and redshift: the cluster identifier (defaults to the host).'),
    ],
    source: 'provider-docs',
  },
  {
    connType: 'mysql',
    label: 'MySQL',
    providerPackage: 'apache-airflow-providers-mysql',
    fields: { host: req('Host'), login: req('Login'), password: req('Password'), schema: opt('Schema'), port: opt('Port', '3306') },
    defaultPort: 3306,
    extras: [
      text('charset', 'Charset', 'Connection charset, e.g. utf8mb4.'),
      text('cursor', 'Cursor', 'Cursor class (mysqlclient only).', ['sscursor', 'dictcursor', 'ssdictcursor']),
      text('unix_socket', 'Unix socket', 'Socket path instead of TCP.'),
      json('ssl', 'SSL', 'SSL options, e.g. {"ca": "/path/ca.pem", "cert": "...", "key": "..."}.'),
      text('client', 'Client library', 'Which Python driver the hook uses.', ['mysqlclient', 'mysql-connector-python']),
      bool('local_infile', 'Local infile', 'Allow LOAD DATA LOCAL INFILE.'),
    ],
    source: 'provider-docs',
  },
  {
    connType: 'snowflake',
    label: 'Snowflake',
    providerPackage: 'apache-airflow-providers-snowflake',
    fields: { host: hidden('Host'), login: opt('Login', 'snowflake username'), password: opt('Password'), schema: opt('Schema'), port: hidden('Port') },
    defaultPort: null,
    extras: [
      text('account', 'Account', 'Account identifier, e.g. xy12345 or myorg-myaccount.'),
      text('warehouse', 'Warehouse', 'Virtual warehouse name.'),
      text('database', 'Database', 'Database name.'),
      text('region', 'Region', 'Region of a legacy account locator, e.g. us-east-1 (leave empty for org-account ids).'),
      text('role', 'Role', 'Role to use.'),
      text('authenticator', 'Authenticator', 'snowflake (default), externalbrowser, oauth, or an Okta URL.'),
      text('private_key_file', 'Private key (path)', 'Path of the key-pair authentication key (PEM).'),
      secret('private_key_content', 'Private key (text)', 'The key-pair authentication key itself (PEM); the password is then its passphrase.'),
      bool('insecure_mode', 'Insecure mode', 'Turns off OCSP certificate checks.'),
      json('session_parameters', 'Session parameters', 'Session parameters, e.g. {"QUERY_TAG": "airflow"}.'),
      text('proxy_host', 'Proxy host', 'Proxy server host name.'),
      num('proxy_port', 'Proxy port', 'Proxy server port.'),
      text('proxy_user', 'Proxy user', 'Proxy user name.'),
      secret('proxy_password', 'Proxy password', 'Proxy password.'),
    ],
    source: 'provider-code',
  },
  {
    connType: 'http',
    label: 'HTTP',
    providerPackage: 'apache-airflow-providers-http',
    fields: {
      host: req('Host', 'api.example.com or https://api.example.com'),
      login: opt('Login', 'Basic auth user'),
      password: opt('Password'),
      schema: opt('Schema', 'http or https (used when the host has no scheme)'),
      port: opt('Port'),
    },
    defaultPort: null,
    extras: [
      num('timeout', 'Timeout (s)', 'Request timeout.'),
      json('verify', 'Verify TLS', 'false to skip TLS verification, or a CA bundle path in quotes.'),
      json('proxies', 'Proxies', 'e.g. {"https": "http://proxy:3128"}.'),
      text('cert', 'Client certificate', 'Path of a client certificate.'),
      bool('allow_redirects', 'Follow redirects', 'Default true.'),
      num('max_redirects', 'Max redirects', 'Default 30.'),
      bool('trust_env', 'Trust environment', 'Read proxies and certificates from environment variables; default true.'),
      bool('check_response', 'Check response', 'Fail on 4xx/5xx; default true.'),
      bool('stream', 'Stream', 'Stream the response body.'),
    ],
    extrasNote: 'Every other extra key is sent as an HTTP header on each request (e.g. {"Authorization": "Bearer ..."}).',
    source: 'provider-code',
  },
  {
    connType: 'google_cloud_platform',
    label: 'Google Cloud',
    providerPackage: 'apache-airflow-providers-google',
    fields: { host: hidden('Host'), login: hidden('Login'), password: hidden('Password'), schema: hidden('Schema'), port: hidden('Port') },
    defaultPort: null,
    extras: [
      text('project', 'Project id', 'Default Google Cloud project.'),
      text('key_path', 'Keyfile path', 'Path of a service-account JSON key inside the Airflow containers.'),
      secret('keyfile_dict', 'Keyfile JSON', 'The service-account JSON key itself.'),
      text('credential_config_file', 'Credential configuration file', 'Workload identity federation config (path or JSON).'),
      text('scope', 'Scopes', 'Comma-separated OAuth scopes; default cloud-platform.'),
      text('key_secret_name', 'Keyfile secret name', 'Name of a GCP Secret Manager secret holding the key.'),
      text('key_secret_project_id', 'Keyfile secret project', 'Project of that GCP secret.'),
      num('num_retries', 'Number of retries', 'Retries per API request; default 5.'),
      text('impersonation_chain', 'Impersonation chain', 'Service account(s) to impersonate, comma-separated.'),
      text('idp_issuer_url', 'IdP token URL', 'Client-credentials flow: the identity provider\'s token URL.'),
      text('client_id', 'Client id', 'Client-credentials flow: client id.'),
      secret('client_secret', 'Client secret', 'Client-credentials flow: client secret.'),
      text('idp_extra_parameters', 'IdP extra parameters', 'Client-credentials flow: extra token request parameters as JSON text.'),
      bool('is_anonymous', 'Anonymous', 'Use anonymous credentials (ignores all other settings).'),
    ],
    source: 'provider-code',
  },
  {
    connType: 'ssh',
    label: 'SSH',
    providerPackage: 'apache-airflow-providers-ssh',
    fields: { host: req('Host'), login: opt('Username'), password: opt('Password'), schema: hidden('Schema'), port: opt('Port', '22') },
    defaultPort: 22,
    extras: sshExtras,
    source: 'provider-code',
  },
  {
    connType: 'sftp',
    label: 'SFTP',
    providerPackage: 'apache-airflow-providers-sftp',
    fields: { host: req('Host'), login: opt('Username'), password: opt('Password'), schema: hidden('Schema'), port: opt('Port', '22') },
    defaultPort: 22,
    extras: sshExtras,
    source: 'knowledge',
  },
  {
    connType: 'generic',
    label: 'Generic',
    providerPackage: null,
    fields: { host: opt('Host'), login: opt('Login'), password: opt('Password'), schema: opt('Schema'), port: opt('Port') },
    defaultPort: null,
    extras: [],
    extrasNote: 'Any JSON object; the code that reads the connection decides what the keys mean.',
    source: 'knowledge',
  },
];

export function connectionTypeSpec(connType: string | null): ConnectionTypeSpec | undefined {
  return connType === null ? undefined : connectionTypes.find((t) => t.connType === connType);
}
