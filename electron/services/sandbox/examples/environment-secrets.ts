import { dataPlatform, sandboxTag } from './example-model';
import type { ExampleSecret, ExampleTag } from './example-model';

/**
 * The dev and prod accounts of one team, differing the ways real environments drift apart, so
 * that a side-by-side view has every case to show:
 * - the same value in both (alert_email, etl_settings, slack_alerts, snowflake_warehouse);
 * - different hosts and passwords (analytics_postgres);
 * - the same connection as a URI in dev and as the equivalent JSON in prod (orders_mysql);
 * - an id only in dev (feature_store_redis) and one only in prod (pagerduty_service_id);
 * - an id scheduled for deletion in prod (legacy_batch_size);
 * - an id prod stores where Airflow does not read it (`/airflow/connections/weather_api`);
 * - a variable with a per-environment value (environment).
 * All credentials are made up.
 */
type Environment = 'dev' | 'prod';

const environmentTag = (environment: Environment): ExampleTag => ({ Key: 'environment', Value: environment });

function shared(environment: Environment): ExampleSecret[] {
  const tags = [dataPlatform, environmentTag(environment), sandboxTag];
  return [
    {
      name: 'airflow/variables/alert_email',
      description: 'Where failure e-mails go',
      value: 'data-alerts@example.com',
      tags,
    },
    {
      name: 'airflow/variables/etl_settings',
      description: 'Batch sizes and table list for the nightly ETL (JSON)',
      value: JSON.stringify({ batch_size: 500, retries: 3, tables: ['orders', 'customers', 'payments'] }),
      tags,
    },
    {
      name: 'airflow/connections/slack_alerts',
      description: 'Slack incoming webhook for task failure alerts; its resource policy lets only the alerting role read it',
      value: 'http://:T00000000%2FB00000000%2FXXXXXXXXXXXXXXXXXXXXXXXX@hooks.slack.com/services',
      tags,
      denyOtherReaders: true,
    },
    {
      name: 'airflow/connections/snowflake_warehouse',
      description: "Snowflake transform warehouse, encrypted under the finance team's customer managed key",
      value: JSON.stringify({ conn_type: 'snowflake', login: 'AIRFLOW_SVC', password: 'snowflake-demo-password', schema: 'PUBLIC', extra: { account: 'xy12345', warehouse: 'TRANSFORM_WH' } }),
      tags,
      customerKey: true,
    },
  ];
}

export const devSecrets: readonly ExampleSecret[] = [
  ...shared('dev'),
  {
    name: 'airflow/variables/environment',
    description: 'Deployment environment name read by every DAG',
    value: 'dev',
    tags: [dataPlatform, environmentTag('dev'), sandboxTag],
  },
  {
    name: 'airflow/connections/analytics_postgres',
    description: 'Analytics warehouse (PostgreSQL), dev instance',
    value: 'postgresql://airflow_etl:dev-analytics-password@analytics-db.dev.internal.example.com:5432/analytics?sslmode=require',
    tags: [dataPlatform, environmentTag('dev'), sandboxTag],
  },
  {
    name: 'airflow/connections/orders_mysql',
    description: 'Orders replica (MySQL) as a URI; prod stores the same connection as JSON',
    value: 'mysql://orders_ro:mysql-demo-password@orders-replica.example.com:3306/orders',
    tags: [{ Key: 'team', Value: 'commerce' }, environmentTag('dev'), sandboxTag],
  },
  {
    name: 'airflow/connections/weather_api',
    description: 'Public weather API over HTTPS (JSON)',
    value: JSON.stringify({ conn_type: 'http', host: 'api.weather.example.com', schema: 'https', password: 'wx-demo-token-0000' }),
    tags: [{ Key: 'team', Value: 'forecasting' }, environmentTag('dev'), sandboxTag],
  },
  {
    name: 'airflow/connections/feature_store_redis',
    description: 'Feature store cache, only set up in dev so far',
    value: 'redis://:redis-demo-password@feature-store.dev.internal.example.com:6379/0',
    tags: [{ Key: 'team', Value: 'ml-platform' }, environmentTag('dev'), sandboxTag],
  },
  {
    name: 'airflow/variables/legacy_batch_size',
    description: 'Batch size of the old loader, still read by one dev DAG',
    value: '250',
    tags: [dataPlatform, environmentTag('dev'), sandboxTag],
  },
];

export const prodSecrets: readonly ExampleSecret[] = [
  ...shared('prod'),
  {
    name: 'airflow/variables/environment',
    description: 'Deployment environment name read by every DAG',
    value: 'production',
    tags: [dataPlatform, environmentTag('prod'), sandboxTag],
  },
  {
    name: 'airflow/connections/analytics_postgres',
    description: 'Analytics warehouse (PostgreSQL), prod instance',
    value: 'postgresql://airflow_etl:prod-analytics-password@analytics-db.prod.internal.example.com:5432/analytics?sslmode=require',
    tags: [dataPlatform, environmentTag('prod'), sandboxTag],
  },
  {
    name: 'airflow/connections/orders_mysql',
    description: 'Orders replica (MySQL) as JSON; dev stores the same connection as a URI',
    value: JSON.stringify({ conn_type: 'mysql', login: 'orders_ro', password: 'mysql-demo-password', host: 'orders-replica.example.com', port: 3306, schema: 'orders' }),
    tags: [{ Key: 'team', Value: 'commerce' }, environmentTag('prod'), sandboxTag],
  },
  {
    name: '/airflow/connections/weather_api',
    description: 'Misplaced on purpose: the leading slash means the default prefix never finds it',
    value: JSON.stringify({ conn_type: 'http', host: 'api.weather.example.com', schema: 'https', password: 'wx-prod-token-0000' }),
    tags: [{ Key: 'team', Value: 'forecasting' }, environmentTag('prod'), sandboxTag],
  },
  {
    name: 'airflow/variables/pagerduty_service_id',
    description: 'PagerDuty service paged by failing production DAGs; prod only',
    value: 'PDEMO42',
    tags: [dataPlatform, environmentTag('prod'), sandboxTag],
  },
  {
    name: 'airflow/variables/legacy_batch_size',
    description: 'Batch size of the old loader, retired in prod',
    value: '250',
    tags: [dataPlatform, environmentTag('prod'), sandboxTag],
    scheduledForDeletion: true,
  },
];
