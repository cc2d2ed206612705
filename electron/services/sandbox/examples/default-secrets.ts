import { dataPlatform as team, sandboxTag } from './example-model';
import type { ExampleSecret } from './example-model';

const staging = { Key: 'environment', Value: 'staging' };

/**
 * A small Airflow deployment's secrets: connections in URI and JSON form (with the alias keys the
 * backend accepts), plain and JSON variables, a config value, and two secrets Airflow would never
 * read (a leading-slash name and a variable stored under the connections prefix), so that the
 * app's checks have something to find. For the access check, the Snowflake connection sits under a
 * customer managed key the Airflow role cannot use and the Slack webhook carries a resource
 * policy that denies every reader but the alerting role. All credentials are made up.
 */
export const exampleSecrets: readonly ExampleSecret[] = [
  {
    name: 'airflow/connections/analytics_postgres',
    description: 'Analytics warehouse (PostgreSQL), URI form with an encoded password and sslmode',
    value: 'postgresql://airflow_etl:Tr0ub4dor%26demo@analytics-db.internal.example.com:5432/analytics?sslmode=require',
    tags: [team, staging, sandboxTag],
  },
  {
    name: 'airflow/connections/aws_default',
    description: 'AWS connection for S3 and Glue tasks (JSON, role assumed from the worker identity)',
    value: JSON.stringify({ conn_type: 'aws', extra: { region_name: 'us-east-1', role_arn: 'arn:aws:iam::000000000000:role/airflow-tasks' } }),
    tags: [team, staging, sandboxTag],
  },
  {
    name: 'airflow/connections/weather_api',
    description: 'Public weather API over HTTPS (JSON, token in password, headers in extra)',
    value: JSON.stringify({
      conn_type: 'http',
      host: 'api.weather.example.com',
      schema: 'https',
      password: 'wx-demo-token-0000',
      extra: { Accept: 'application/json', timeout: 30 },
    }),
    tags: [{ Key: 'team', Value: 'forecasting' }, staging, sandboxTag],
  },
  {
    name: 'airflow/connections/snowflake_warehouse',
    description: 'Snowflake transform warehouse (JSON with account, warehouse and role extras)',
    value: JSON.stringify({
      conn_type: 'snowflake',
      login: 'AIRFLOW_SVC',
      password: 'snowflake-demo-password',
      schema: 'PUBLIC',
      extra: { account: 'xy12345', warehouse: 'TRANSFORM_WH', database: 'ANALYTICS', role: 'TRANSFORMER', region: 'us-east-1' },
    }),
    tags: [team, staging, sandboxTag],
    customerKey: true,
  },
  {
    name: 'airflow/connections/slack_alerts',
    description: 'Slack incoming webhook for task failure alerts (http connection, URI form)',
    value: 'http://:T00000000%2FB00000000%2FXXXXXXXXXXXXXXXXXXXXXXXX@hooks.slack.com/services?__extra__=%7B%22channel%22%3A+%22%23data-alerts%22%7D',
    tags: [team, { Key: 'purpose', Value: 'alerting' }, sandboxTag],
    denyOtherReaders: true,
  },
  {
    name: 'airflow/connections/orders_mysql',
    description: 'Orders replica (MySQL), JSON using the alias keys user/pass/server/database/engine',
    value: JSON.stringify({ engine: 'mysql', user: 'orders_ro', pass: 'mysql-demo-password', server: 'orders-replica.example.com', port: '3306', database: 'orders' }),
    tags: [{ Key: 'team', Value: 'commerce' }, staging, sandboxTag],
  },
  {
    name: 'airflow/connections/partner_sftp',
    description: 'Partner file drop (SFTP), URI form with extras in the query string',
    value: 'sftp://partner_upload:sftp-demo-password@sftp.partner.example.com:22/?no_host_key_check=true&conn_timeout=20',
    tags: [{ Key: 'team', Value: 'partnerships' }, sandboxTag],
  },
  {
    name: 'airflow/variables/environment',
    description: 'Deployment environment name read by every DAG',
    value: 'staging',
    tags: [team, sandboxTag],
  },
  {
    name: 'airflow/variables/alert_email',
    description: 'Where failure e-mails go',
    value: 'data-alerts@example.com',
    tags: [team, { Key: 'purpose', Value: 'alerting' }, sandboxTag],
  },
  {
    name: 'airflow/variables/etl_settings',
    description: 'Batch sizes and table list for the nightly ETL (JSON, read with deserialize_json=True)',
    value: JSON.stringify({ batch_size: 500, retries: 3, tables: ['orders', 'customers', 'payments'] }),
    tags: [team, staging, sandboxTag],
  },
  {
    name: 'airflow/variables/data_lake_bucket',
    description: 'S3 bucket of the data lake',
    value: 'acme-data-lake-staging',
    tags: [team, staging, sandboxTag],
  },
  {
    name: 'airflow/variables/feature_flags',
    description: 'Feature switches for DAGs being rolled out (JSON)',
    value: JSON.stringify({ use_incremental_loads: true, enable_dbt_docs: false }),
    tags: [team, sandboxTag],
  },
  {
    name: 'airflow/config/sql_alchemy_conn',
    description: 'Metadata database URL, referenced by AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET',
    value: 'postgresql://airflow:metadata-demo-password@airflow-metadata.internal.example.com:5432/airflow',
    tags: [team, sandboxTag],
  },
  {
    name: '/airflow/connections/legacy_db',
    description: 'Misplaced on purpose: the leading slash means the default prefix never finds it',
    value: 'postgresql://legacy:legacy-demo-password@legacy-db.example.com:5432/legacy',
    tags: [{ Key: 'team', Value: 'legacy' }, sandboxTag],
  },
  {
    name: 'airflow/connections/my_secret',
    description: 'Misplaced on purpose: a variable value stored under the connections prefix',
    value: 'just-a-plain-variable-value',
    tags: [sandboxTag],
  },
];
