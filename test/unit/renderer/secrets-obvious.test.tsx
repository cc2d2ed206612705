// @vitest-environment jsdom
/**
 * The Secrets view says the obvious (issue 10): example data offered where the list is empty
 * (item 5), a search that hides everything says so (item 5), deletion dates for what they are
 * (item 6), the import result without repeats and a disabled Import that says why (items 9, 12),
 * what the outside panel found and how (item 11), and reviews that mention a masked value only
 * when a command carries one (item 16).
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeleteDialog } from '../../../renderer/src/views/secrets/DeleteDialog';
import { ImportDialog } from '../../../renderer/src/views/secrets/ImportDialog';
import { MoveDialog } from '../../../renderer/src/views/secrets/MoveDialog';
import { OutsidePanel } from '../../../renderer/src/views/secrets/OutsidePanel';
import { ReviewDialog } from '../../../renderer/src/views/secrets/ReviewDialog';
import { ScheduledPanel } from '../../../renderer/src/views/secrets/ScheduledPanel';
import { SecretsView } from '../../../renderer/src/views/secrets/SecretsView';
import type { KwargsState, WriteTarget } from '../../../renderer/src/views/secrets/secrets-context';
import type { ImportPreview, ImportRunResult, OutsideSecret, SecretListing, SecretSummary } from '../../../shared/api';
import { readKwargsInUse } from '../../../shared/secrets';
import { activeProfile, fakeMain, profileSummary, renderWithMain } from './fake-main';

afterEach(cleanup);

const sandbox = profileSummary('sandbox', 'sandbox');
const kwargs: KwargsState = { json: '', source: 'default', read: readKwargsInUse('') };
const target: WriteTarget = { profile: 'sandbox', account: '000000000000', region: 'us-east-1', production: false, cli: { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' } };
const noop = () => undefined;

function summary(name: string, extra: Partial<SecretSummary> = {}): SecretSummary {
  const [, folder = '', id = ''] = /^airflow\/(connections|variables|config)\/(.+)$/.exec(name) ?? [];
  const kind = folder === 'connections' ? 'connection' : folder === 'variables' ? 'variable' : 'config';
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`, kind, id, description: null, lastChangedAt: null, createdAt: null, deletedAt: null, tags: [], ...extra };
}

function listing(items: readonly SecretSummary[]): SecretListing {
  return { prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' }, joiner: '/', items, notLookedUp: [], listCalls: 1, kwargsWarnings: [] };
}

function outside(name: string, reason: OutsideSecret['reason'], message: string, suggestedName: string | null): OutsideSecret {
  return { name, arn: `arn:${name}`, description: null, lastChangedAt: null, deletedAt: null, tags: [], reason, message, kind: 'connection', id: name.split('/').pop() ?? null, suggestedName };
}

describe('the Secrets list (issue 10 item 5)', () => {
  it('issue 10 item 5: an empty sandbox offers Load example data in the empty state itself, and it is gone once data exists', async () => {
    let items: SecretSummary[] = [];
    const main = fakeMain({
      'profiles.active': () => activeProfile(sandbox),
      'secrets.list': () => listing(items),
      'secrets.listOutside': () => ({ items: [], listCalls: 0 }),
      'sandbox.loadExampleData': () => {
        items = [summary('airflow/connections/analytics_postgres'), summary('airflow/variables/environment')];
        return { created: 2, skipped: 0 };
      },
    });
    renderWithMain(<SecretsView />, main);
    const load = await screen.findByTestId('load-example-data');
    // In the empty state, not in the toolbar.
    expect(load.closest('.secrets-toolbar')).toBeNull();
    expect(load.closest('.bp6-non-ideal-state')).not.toBeNull();
    fireEvent.click(load);
    await screen.findAllByTestId('secret-row');
    expect(main.inputsOf('sandbox.loadExampleData')).toEqual([{}]);
    expect(screen.queryByTestId('load-example-data')).toBeNull();
    expect(screen.getByTestId('secret-count').textContent).toBe('2 secrets in sandbox');
  });

  it('does not offer example data outside the sandbox', async () => {
    const dev = profileSummary('dev', 'static');
    renderWithMain(<SecretsView />, fakeMain({ 'profiles.active': () => activeProfile(dev), 'secrets.list': () => listing([]), 'secrets.listOutside': () => ({ items: [], listCalls: 0 }) }));
    await screen.findByText('No Airflow secrets here yet');
    expect(screen.queryByTestId('load-example-data')).toBeNull();
  });

  it('issue 10 item 5: a search with no results says so and clears with one click; the count reads "0 matches", "1 match"', async () => {
    const main = fakeMain({
      'profiles.active': () => activeProfile(sandbox),
      'secrets.list': () => listing([summary('airflow/connections/warehouse'), summary('airflow/variables/environment'), summary('airflow/connections/old', { deletedAt: '2099-01-01T00:00:00Z' })]),
      'secrets.listOutside': () => ({ items: [], listCalls: 0 }),
    });
    renderWithMain(<SecretsView />, main);
    await screen.findAllByTestId('secret-row');
    const search = screen.getByTestId('secrets-search');

    fireEvent.change(search, { target: { value: 'warehouse' } });
    expect(screen.getByTestId('secret-count').textContent).toBe('2 secrets in sandbox1 match');
    fireEvent.change(search, { target: { value: 'nothing-like-this' } });
    expect(screen.getByTestId('secret-count').textContent).toBe('2 secrets in sandbox0 matches');
    expect(screen.getByTestId('no-search-match').textContent).toContain('No secret matches “nothing-like-this”');

    // The other tabs say it is the search too, not that they are empty.
    fireEvent.click(screen.getByText('Scheduled for deletion'));
    expect(await screen.findByText('No scheduled secret matches “nothing-like-this”')).toBeTruthy();
    fireEvent.click(screen.getByText('Airflow secrets'));

    fireEvent.click(screen.getByTestId('clear-search'));
    expect((search as HTMLInputElement).value).toBe('');
    expect(screen.getAllByTestId('secret-row')).toHaveLength(2);
    expect(screen.queryByTestId('no-search-match')).toBeNull();
  });
});

describe('scheduled for deletion (issue 10 item 6)', () => {
  it('issue 10 item 6: the date is the deletion date, labelled "Will be deleted on" ahead and "Deleted on" once passed, never "requested"', () => {
    const rows = [summary('airflow/connections/soon', { deletedAt: '2030-06-01T12:00:00Z' }), summary('airflow/variables/gone', { deletedAt: '2030-01-01T12:00:00Z' })];
    renderWithMain(<ScheduledPanel rows={rows} total={2} search="" onClearSearch={noop} target={target} now={new Date('2030-03-01T00:00:00Z')} />, fakeMain({}));
    const dates = screen.getAllByTestId('deletion-date').map((cell) => cell.textContent ?? '');
    expect(dates[0]).toMatch(/^Will be deleted on /);
    expect(dates[1]).toMatch(/^Deleted on /);
    expect(dates[0]).toContain('2030');
    expect(screen.queryByText(/requested/i)).toBeNull();
  });
});

describe('the outside panel (issue 10 item 11)', () => {
  it('issue 10 item 11: says how many were found by name and that Check connection values looks further, then what the check found', async () => {
    const legacy = outside('/airflow/connections/legacy_db', 'leading-slash', 'The name starts with `/`.', 'airflow/connections/legacy_db');
    const stray = outside('airflow/connections/my_secret', 'not-a-connection', 'The value is not a connection.', 'airflow/variables/my_secret');
    const main = fakeMain({
      'secrets.listOutside': () => ({ items: [legacy], listCalls: 1 }),
      'secrets.checkConnectionValues': () => ({ items: [stray], checked: 8 }),
    });
    renderWithMain(<OutsidePanel kwargs={kwargs} notLookedUp={[]} search="" onClearSearch={noop} target={target} />, main);
    const note = await screen.findByTestId('outside-summary');
    expect(note.textContent).toBe('1 secret found by name. Check connection values to look for variables stored under the connections prefix (it reads those values; listing never does).');
    expect(screen.getAllByTestId('outside-row')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('check-connection-values'));
    await waitFor(() => expect(screen.getAllByTestId('outside-row')).toHaveLength(2));
    expect(screen.getByTestId('outside-summary').textContent).toBe('1 secret found by name; 8 connection values checked: 1 is a variable stored under the connections prefix, listed below.');
  });
});

describe('import (issue 10 items 9 and 12)', () => {
  const invalidReason = 'The connection has no `conn_type`: Airflow cannot tell what kind of connection it is.';
  const preview: ImportPreview = {
    format: 'airflow-settings-yaml',
    fileProblems: [],
    ignored: 1,
    items: [
      { key: 'connection:broken:0', kind: 'connection', id: 'broken', location: 'line 3', name: 'airflow/connections/broken', status: 'invalid', reason: invalidReason, warnings: [], value: null, current: null, currentVersionId: null },
      { key: 'variable:env:1', kind: 'variable', id: 'env', location: 'line 9', name: 'airflow/variables/env', status: 'identical', reason: null, warnings: [], value: 'prod', current: 'prod', currentVersionId: 'v1' },
    ],
  };
  const result: ImportRunResult = {
    dryRun: true,
    results: [
      { key: 'connection:broken:0', kind: 'connection', id: 'broken', name: 'airflow/connections/broken', outcome: 'skipped-invalid', message: invalidReason, error: null },
      { key: 'variable:env:1', kind: 'variable', id: 'env', name: 'airflow/variables/env', outcome: 'unchanged', message: null, error: null },
    ],
    counts: { created: 0, updated: 0, unchanged: 1, 'skipped-exists': 0, 'skipped-invalid': 1, conflict: 0, failed: 0, 'would-create': 0, 'would-update': 0 },
  };

  it('issue 10 item 9 / item 12: the result shows each invalid reason once, and Import with nothing to write says why instead of "Import 0 items"', async () => {
    const main = fakeMain({ 'app.info': () => ({ name: 'Airlock', mode: 'browser', version: 'test', platform: 'linux' }), 'secrets.importPreview': () => preview, 'secrets.importRun': () => result });
    renderWithMain(<ImportDialog isOpen onClose={noop} kwargs={kwargs} target={target} />, main);
    fireEvent.click(screen.getByTestId('import-paste-toggle'));
    fireEvent.change(screen.getByTestId('import-paste'), { target: { value: 'connections:\n  - conn_id: broken\n' } });
    fireEvent.click(screen.getByTestId('import-preview'));
    await screen.findByTestId('import-preview-table');

    const run = screen.getByTestId('import-run');
    expect(run.textContent).toBe('Import');
    expect((run as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('import-run-reason').textContent).toBe('Nothing to import: every item is identical or invalid.');
    expect(screen.getByText('1 placeholder or unrelated entry ignored')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByTestId('import-dry-run'));
      await Promise.resolve();
    });
    const resultLine = await screen.findByTestId('import-result');
    expect(resultLine.textContent).toContain('Dry run, nothing written: 1 unchanged, 1 skipped as invalid.');
    const row = screen.getAllByTestId('import-row').find((item) => item.getAttribute('data-id') === 'broken');
    expect(row).toBeDefined();
    const reasonShown = (row?.textContent ?? '').split('Airflow cannot tell what kind of connection it is.').length - 1;
    expect(reasonShown).toBe(1);
    expect(screen.queryByTestId('import-outcome-message')).toBeNull();
  });
});

describe('reviews (issue 10 item 16)', () => {
  const dialogOf = (): HTMLElement => {
    const dialog = screen.getByTestId('review-dialog').closest<HTMLElement>('.bp6-dialog');
    if (dialog === null) throw new Error('the review is not in a Blueprint dialog');
    return dialog;
  };

  it('issue 10 item 16: the Delete review shows no eye and no "replace ****" note: its command carries no value', () => {
    renderWithMain(<DeleteDialog isOpen name="airflow/connections/old" target={target} onClose={noop} onDeleted={noop} />, fakeMain({}));
    expect(screen.getByTestId('review-command').textContent).toContain('aws secretsmanager delete-secret --secret-id airflow/connections/old --recovery-window-in-days 30');
    expect(dialogOf().querySelector('[data-icon="eye-open"]')).toBeNull();
    expect(screen.queryByTestId('review-value-note')).toBeNull();
    expect(dialogOf().textContent).not.toContain('replace ****');
  });

  it('issue 10 item 16: the Move review has no eye (no value to reveal), and its note says where the value comes from', () => {
    const secret = outside('/airflow/connections/legacy_db', 'leading-slash', 'The name starts with `/`.', 'airflow/connections/legacy_db');
    renderWithMain(<MoveDialog secret={secret} kwargs={kwargs} target={target} onClose={noop} />, fakeMain({}));
    expect(dialogOf().querySelector('[data-icon="eye-open"]')).toBeNull();
    expect(screen.getByTestId('review-value-note').textContent).toBe('(the value is never shown: replace **** with the SecretString that get-secret-value prints)');
  });

  it('a save review, whose command carries the value, keeps the eye and the note', () => {
    renderWithMain(
      <ReviewDialog isOpen title="Save variable" summary="Changes" diff={{ before: 'a', after: 'b' }} commands={[{ op: 'put-secret-value', secretId: 'airflow/variables/env' }]} target={target} confirmLabel="Save" onConfirm={() => Promise.resolve()} onClose={noop} />,
      fakeMain({}),
    );
    expect(dialogOf().querySelector('[data-icon="eye-open"]')).not.toBeNull();
    expect(screen.getByTestId('review-value-note').textContent).toBe('(the value is never shown: replace **** to run it yourself)');
  });
});
