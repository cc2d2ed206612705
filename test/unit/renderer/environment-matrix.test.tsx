// @vitest-environment jsdom
/**
 * Issue 13 item 4: the matrix view. The fake main process answers as the real one does: the
 * matrix from the shared rules over two listings, and the comparison computed from values it keeps
 * (canaries), so the test can look for any of them in the page.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentMatrixPanel } from '../../../renderer/src/views/projects/EnvironmentMatrix';
import type { EnvironmentMatrix } from '../../../shared/api';
import { buildMatrixRows, compareAsAirflowReads } from '../../../shared/environments';
import { readKwargsInUse } from '../../../shared/secrets';
import { placesHolding } from '../../e2e/page-scan';
import { fakeMain, renderWithMain } from './fake-main';

afterEach(cleanup);

const DEV_CANARY = 'dev-Tr0ub4dor-canary';
const PROD_CANARY = 'prod-Tr0ub4dor-canary';
const values = {
  dev: { 'airflow/connections/warehouse': `postgresql://etl:${DEV_CANARY}@db.dev.example.com:5432/analytics`, 'airflow/connections/orders': `mysql://ro:${DEV_CANARY}@orders.example.com:3306/orders` },
  prod: {
    'airflow/connections/warehouse': `postgresql://etl:${PROD_CANARY}@db.prod.example.com:5432/analytics`,
    'airflow/connections/orders': JSON.stringify({ conn_type: 'mysql', login: 'ro', password: DEV_CANARY, host: 'orders.example.com', port: 3306, schema: 'orders' }),
  },
} as const;

const use = readKwargsInUse('{}');
if (!use.ok) throw new Error('the default kwargs must read');
const secrets = (environment: 'dev' | 'prod', extra: readonly string[]) => [...Object.keys(values[environment]), ...extra].map((name) => ({ name, scheduledForDeletion: false }));

const matrix: EnvironmentMatrix = {
  projectPath: '/work/project',
  columns: [
    { name: 'dev', production: false, profile: 'sandbox-dev', account: '111111111111', region: 'us-east-1', kwargsSource: 'dockerfile', prefixes: null, listed: 3, error: null },
    { name: 'prod', production: true, profile: 'sandbox-prod', account: '222222222222', region: 'eu-west-1', kwargsSource: 'dockerfile', prefixes: null, listed: 3, error: null },
  ],
  rows: buildMatrixRows(
    [
      { name: 'dev', use: use.value, secrets: secrets('dev', ['airflow/connections/feature_store']) },
      { name: 'prod', use: use.value, secrets: secrets('prod', ['/airflow/variables/pager_id']) },
    ],
    [{ kind: 'connection', id: 'feature_store', occurrences: 2 }],
  ),
  dagScanError: null,
  problem: null,
};

function main() {
  return fakeMain({
    'environments.matrix': () => matrix,
    'environments.compareValues': () => ({
      batchCalls: 2,
      rows: ['warehouse', 'orders'].map((id) => ({
        kind: 'connection' as const,
        id,
        comparison: compareAsAirflowReads('connection', (['dev', 'prod'] as const).map((environment) => ({ environment, value: values[environment][`airflow/connections/${id}` as keyof (typeof values)['dev']], kwargs: {} }))),
      })),
    }),
  });
}

const cellState = (id: string, environment: string): string | null =>
  within(screen.getByText(id).closest('tr') ?? document.body).getAllByTestId('matrix-cell').find((cell) => cell.dataset.environment === environment)?.dataset.state ?? null;

describe('the environment matrix view', () => {
  it('issue 13 item 4: one column per environment with each id\'s state, filters, and a comparison that shows which fields differ but no value in the DOM', async () => {
    const fake = main();
    renderWithMain(<EnvironmentMatrixPanel path="/work/project" />, fake, { view: 'projects' });
    await screen.findByTestId('environment-matrix');

    expect(screen.getAllByTestId('matrix-column').map((column) => column.dataset.environment)).toEqual(['dev', 'prod']);
    expect(cellState('feature_store', 'dev')).toBe('present');
    expect(cellState('feature_store', 'prod')).toBe('missing');
    expect(cellState('pager_id', 'prod')).toBe('misplaced');
    expect(cellState('pager_id', 'dev')).toBe('missing');

    fireEvent.click(screen.getByTestId('matrix-filter-used-by-dags-but-missing'));
    expect(screen.getAllByTestId('matrix-row').map((row) => row.dataset.id)).toEqual(['connection:feature_store']);
    fireEvent.click(screen.getByTestId('matrix-filter-all'));

    // Comparing is an explicit action; before it nothing was read.
    expect(fake.inputsOf('environments.compareValues')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('matrix-compare'));
    await waitFor(() => expect(screen.getAllByTestId('matrix-verdict')).toHaveLength(2));
    expect(within(screen.getByText('warehouse').closest('tr') ?? document.body).getByTestId('matrix-verdict').textContent).toBe('differs: host, password');
    expect(within(screen.getByText('orders').closest('tr') ?? document.body).getByTestId('matrix-verdict').textContent).toBe('same (URI = JSON)');

    fireEvent.click(screen.getByTestId('matrix-filter-differs'));
    expect(screen.getAllByTestId('matrix-row').map((row) => row.dataset.id)).toEqual(['connection:warehouse']);

    expect(placesHolding([DEV_CANARY, PROD_CANARY])).toEqual([]);
  });
});
