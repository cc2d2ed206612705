// @vitest-environment jsdom
/**
 * The Secrets table's row elements (issue 12 item 4): a keystroke that changes which secrets show
 * updates the row elements in place (no element removed and created per row, the cost of every
 * scroll frame and keystroke at 10,000 rows), and the focus follows its secret to the element
 * that shows it now.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretsView } from '../../../renderer/src/views/secrets/SecretsView';
import type { SecretListing, SecretSummary } from '../../../shared/api';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

afterEach(cleanup);

function summary(id: string): SecretSummary {
  const name = `airflow/connections/${id}`;
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`, kind: 'connection', id, description: null, lastChangedAt: null, createdAt: null, deletedAt: null, tags: [] };
}

const listing = (items: SecretSummary[]): SecretListing => ({ prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' }, joiner: '/', items, notLookedUp: [], listCalls: 1, kwargsWarnings: [] });

function renderList(): void {
  const ids = ['alpha_1', 'alpha_2', 'beta_1', 'beta_2', 'gamma_1'];
  renderWithMain(<SecretsView />, fakeMain({ 'profiles.active': () => activeProfile(profileSummary('sandbox', 'sandbox')), 'secrets.list': () => listing(ids.map(summary)), 'secrets.listOutside': () => ({ items: [], listCalls: 0 }) }));
}

const rows = () => screen.getAllByTestId('secret-row');
const shownIds = () => rows().map((row) => row.dataset.name?.split('/').at(-1));

describe('the Secrets table rows (issue 12 item 4)', () => {
  it('issue 12 item 4: a search that changes the rows shown updates the row elements in place', async () => {
    renderList();
    await waitFor(() => expect(shownIds()).toEqual(['alpha_1', 'alpha_2', 'beta_1', 'beta_2', 'gamma_1']));
    const before = rows();
    fireEvent.change(screen.getByTestId('secrets-search'), { target: { value: 'beta' } });
    await waitFor(() => expect(shownIds()).toEqual(['beta_1', 'beta_2']));
    expect(rows()[0], 'the first row element now shows beta_1').toBe(before[0]);
    expect(rows()[1]).toBe(before[1]);
  });

  it('issue 12 item 4: the focused row keeps the focus on its secret when the rows around it change, and the arrows go on from there', async () => {
    renderList();
    await waitFor(() => expect(shownIds()).toHaveLength(5));
    rows()[3]?.focus();
    expect((document.activeElement as HTMLElement | null)?.dataset.name).toBe('airflow/connections/beta_2');
    // Typing in the search box would move the focus there; the rows change under a focused row on a write or a streamed page too.
    fireEvent.change(screen.getByTestId('secrets-search'), { target: { value: 'beta' } });
    await waitFor(() => expect(shownIds()).toEqual(['beta_1', 'beta_2']));
    expect((document.activeElement as HTMLElement | null)?.dataset.name, 'the focus is on beta_2, now the second row').toBe('airflow/connections/beta_2');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    await waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.name).toBe('airflow/connections/beta_1'));
  });
});
