// @vitest-environment jsdom
/**
 * Issue 10 items 13 and 15, the behaviour of the editor panel in the Secrets view (the layout
 * itself is checked in Chromium by test/e2e/visual.spec.ts): Escape closes it, asking first
 * when it holds unsaved edits; a secret with one version says so under History, where Save and
 * Delete do not show; a save confirms next to the actions. The view runs against a fake
 * transport that answers like the main process.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext, createApiClient } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { NavigationProvider } from '../../../renderer/src/navigation/navigation';
import { ProductionConfirmProvider } from '../../../renderer/src/components/ProductionConfirm';
import { SecretsView } from '../../../renderer/src/views/secrets/SecretsView';
import { WorkspaceProvider } from '../../../renderer/src/workspace/workspace';
import type { ActiveProfile, SecretDetail, SecretListing, SecretSummary, SecretVersion } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';

afterEach(cleanup);

const active: ActiveProfile = {
  profile: { name: 'sandbox', kind: 'sandbox', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', source: 'app', mfa: false, ssoSession: null, sourceChain: null, account: '000000000000', sso: null, broken: null, isDefault: false, production: false, productionMarkedBy: null },
  region: 'us-east-1',
  regionOverridden: false,
  identity: { account: '000000000000', arn: 'arn:aws:iam::000000000000:user/sandbox', userId: 'AIDA' },
  identityError: null,
  production: false,
};

const NAME = 'airflow/variables/warehouse_schema';

function summary(): SecretSummary {
  return { name: NAME, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${NAME}-AbCdEf`, kind: 'variable', id: 'warehouse_schema', description: 'Schema the DAGs load into', lastChangedAt: '2026-05-01T10:00:00Z', createdAt: '2026-05-01T10:00:00Z', deletedAt: null, tags: [] };
}

function detail(versionId: string, value: string): SecretDetail {
  return { name: NAME, arn: summary().arn, description: 'Schema the DAGs load into', tags: [], lastChangedAt: '2026-05-01T10:00:00Z', createdAt: '2026-05-01T10:00:00Z', value, binary: false, versionId, versionStages: ['AWSCURRENT'], versionCreatedAt: null };
}

/** The main process as the view sees it: one variable, its history, and saves that succeed. */
function transport(versions: readonly SecretVersion[], calls: string[], inputs: { method: string; input: unknown }[] = []): Transport {
  return {
    call(method, input) {
      calls.push(method);
      inputs.push({ method, input });
      const listing: SecretListing = { prefixes: { connections: 'airflow/connections', variables: 'airflow/variables', config: 'airflow/config' }, joiner: '/', items: [summary()], notLookedUp: [], listCalls: 1, kwargsWarnings: [] };
      const answers: Record<string, unknown> = {
        'profiles.active': active,
        'secrets.list': listing,
        'secrets.get': detail('v2-1111-2222', 'analytics'),
        'secrets.history': { name: NAME, versions },
        'secrets.update': { outcome: 'saved', name: NAME, versionId: 'v3-3333-4444', concurrentWrite: false },
      };
      const known = Object.prototype.hasOwnProperty.call(answers, method);
      const result: ApiResult<unknown> = known ? { ok: true, value: answers[method] } : { ok: false, error: { code: 'INTERNAL', message: `not faked: ${method}`, retryable: false } };
      return Promise.resolve(result);
    },
    subscribe: () => () => undefined,
  };
}

const oneVersion: readonly SecretVersion[] = [{ versionId: 'v2-1111-2222', stages: ['AWSCURRENT'], createdAt: '2026-05-01T10:00:00Z', lastAccessedAt: null }];
const twoVersions: readonly SecretVersion[] = [
  { versionId: 'v2-1111-2222', stages: ['AWSCURRENT'], createdAt: '2026-05-02T10:00:00Z', lastAccessedAt: null },
  { versionId: 'v1-0000-0000', stages: ['AWSPREVIOUS'], createdAt: '2026-05-01T10:00:00Z', lastAccessedAt: null },
];

async function renderView(versions: readonly SecretVersion[] = oneVersion, calls: string[] = [], inputs: { method: string; input: unknown }[] = []) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <ApiContext.Provider value={createApiClient(transport(versions, calls, inputs))}>
      <QueryClientProvider client={queries}>
        <NavigationProvider initial="secrets">
          <WorkspaceProvider>
            <ProductionConfirmProvider>
              <SecretsView />
            </ProductionConfirmProvider>
          </WorkspaceProvider>
        </NavigationProvider>
      </QueryClientProvider>
    </ApiContext.Provider>,
  );
  await screen.findByTestId('secret-row');
}

async function openEditor() {
  fireEvent.click(screen.getByTestId('secret-row'));
  // The loading editor is replaced by the loaded one: look it up once its fields show.
  await screen.findByTestId('secret-description', {}, { timeout: 5000 });
  return screen.getByTestId('secret-editor');
}

function pressEscape(target: Element = document.body) {
  fireEvent.keyDown(target, { key: 'Escape' });
}

describe('issue 10 item 15: Escape closes the editor panel', () => {
  it('issue 10 item 15: Escape closes an editor without edits at once', async () => {
    await renderView();
    await openEditor();
    pressEscape();
    await waitFor(() => expect(screen.queryByTestId('secret-editor')).toBeNull());
    expect(screen.queryByTestId('discard-alert')).toBeNull();
  });

  it('issue 10 item 15: with unsaved edits Escape asks first; keeping them keeps the editor, discarding closes it', async () => {
    await renderView();
    const editor = await openEditor();
    const description = within(editor).getByTestId('secret-description');
    fireEvent.change(description, { target: { value: 'Schema the nightly DAGs load into' } });
    await within(editor).findByTestId('unsaved');
    // Escape from inside the editor (the field being edited) asks; it does not close.
    pressEscape(description);
    const alert = await screen.findByText('The open editor has unsaved changes. Discard them?');
    expect(screen.getByTestId('secret-editor')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(alert.isConnected).toBe(false));
    expect(within(screen.getByTestId('secret-editor')).getByTestId<HTMLInputElement>('secret-description').value).toBe('Schema the nightly DAGs load into');

    pressEscape();
    await screen.findByText('The open editor has unsaved changes. Discard them?');
    fireEvent.click(screen.getByRole('button', { name: 'Discard my changes' }));
    await waitFor(() => expect(screen.queryByTestId('secret-editor')).toBeNull());
  });

  it('issue 10 item 15: Escape in the search field belongs to the field and leaves the editor open', async () => {
    await renderView();
    await openEditor();
    const search = screen.getByTestId('secrets-search');
    expect(search.tagName).toBe('INPUT');
    // fireEvent runs in act(): had the listener closed the editor, it would be gone already.
    pressEscape(search);
    expect(screen.getByTestId('secret-editor')).toBeTruthy();
    pressEscape();
    await waitFor(() => expect(screen.queryByTestId('secret-editor')).toBeNull());
  });
});

describe('issue 10 item 15: History', () => {
  it('issue 10 item 15: a secret with one version says so, with no empty diff, no pickers and no Save or Delete', async () => {
    const calls: string[] = [];
    await renderView(oneVersion, calls);
    const editor = await openEditor();
    expect(within(editor).getByTestId('editor-save')).toBeTruthy();
    fireEvent.click(within(editor).getByRole('tab', { name: 'History' }));
    const single = await within(editor).findByTestId('history-single');
    expect(single.textContent).toContain('only version');
    expect(within(editor).queryByText(/Pick/)).toBeNull();
    expect(within(editor).queryByText(/^Diff/)).toBeNull();
    expect(within(editor).queryAllByRole('radio')).toHaveLength(0);
    expect(within(editor).queryByTestId('editor-save')).toBeNull();
    expect(within(editor).queryByTestId('editor-delete')).toBeNull();
    // Nothing to compare: no version value is read for it.
    expect(calls.filter((method) => method === 'secrets.get')).toHaveLength(1);
    fireEvent.click(within(editor).getByRole('tab', { name: 'Edit' }));
    expect(await within(editor).findByTestId('editor-save')).toBeTruthy();
  });

  it('issue 12 item 1: the History tab asks CloudTrail by the ARN the editor already has, so the lookup needs no DescribeSecret', async () => {
    const inputs: { method: string; input: unknown }[] = [];
    await renderView(oneVersion, [], inputs);
    const editor = await openEditor();
    fireEvent.click(within(editor).getByRole('tab', { name: 'History' }));
    await waitFor(() => expect(inputs.filter((call) => call.method === 'audit.secretTrail')).toHaveLength(1));
    expect(inputs.find((call) => call.method === 'audit.secretTrail')?.input).toEqual({ name: NAME, arn: summary().arn });
  });

  it('issue 10 item 15: with two versions the diff of the previous and the current one shows', async () => {
    await renderView(twoVersions);
    const editor = await openEditor();
    fireEvent.click(within(editor).getByRole('tab', { name: 'History' }));
    await within(editor).findAllByTestId('history-row');
    expect(within(editor).queryByTestId('history-single')).toBeNull();
    expect(within(editor).getByText(/^Diff/).textContent).toBe('Diff v1-0000- → v2-1111-');
    expect(within(editor).getAllByRole('radio')).toHaveLength(4);
  });
});

describe('issue 10 item 13: a save confirms where the user is looking', () => {
  it('issue 10 item 13: the "Saved" notice shows in the footer, next to the Save button', async () => {
    await renderView();
    const editor = await openEditor();
    fireEvent.change(within(editor).getByTestId('secret-description'), { target: { value: 'Schema the nightly DAGs load into' } });
    fireEvent.click(within(editor).getByTestId('editor-save'));
    fireEvent.click(await screen.findByTestId('review-confirm'));
    const notice = await within(editor).findByTestId('editor-notice');
    expect(notice.textContent).toContain('Saved');
    const footer = within(editor).getByTestId('editor-footer');
    expect(footer.contains(notice)).toBe(true);
    expect(footer.contains(within(editor).getByTestId('editor-save'))).toBe(true);
  });
});
