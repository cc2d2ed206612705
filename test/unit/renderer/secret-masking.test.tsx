// @vitest-environment jsdom
/**
 * Issue 9 item 1: a secret value opened in the editor stays out of the page (text, attributes,
 * form control values) until the user reveals it, in every tab of the connection editor and in
 * the value diffs. The editor runs against a fake transport that answers like the main process.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiContext, createApiClient } from '../../../renderer/src/api/client';
import type { Transport } from '../../../renderer/src/api/transport';
import { NavigationProvider } from '../../../renderer/src/navigation/navigation';
import { DiffView } from '../../../renderer/src/components/DiffView';
import { KwargsEditor } from '../../../renderer/src/views/projects/kwargs/KwargsEditor';
import { ProductionConfirmProvider } from '../../../renderer/src/components/ProductionConfirm';
import { SecretEditor, type EditorTarget } from '../../../renderer/src/views/secrets/SecretEditor';
import type { KwargsState } from '../../../renderer/src/views/secrets/secrets-context';
import { WorkspaceProvider } from '../../../renderer/src/workspace/workspace';
import { readKwargsInUse } from '../../../shared/secrets';
import type { ActiveProfile, ProjectHealth, SecretDetail } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';
import { placesHolding } from '../../e2e/page-scan';
import { loadCodeEditor } from '../../../renderer/src/components/code-editor/LazyCodeEditor';
import { editorText, typeInEditor } from './code-editor-driver';

afterEach(cleanup);

const CANARY = 'Tr0ub4dor-canary-7f3a';
const KEY_CANARY = 'MIIEpAIBAAKCAQEAcanaryKey';
const URI = `postgresql://airflow_etl:${CANARY}%26demo@db.internal.example.com:5432/analytics`;
const JSON_WITH_SECRET_EXTRA = JSON.stringify({ conn_type: 'snowflake', login: 'loader', password: CANARY, host: 'acme.snowflakecomputing.com', extra: { account: 'acme', private_key_content: KEY_CANARY } });

const active: ActiveProfile = {
  profile: { name: 'sandbox', kind: 'sandbox', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', source: 'app', mfa: false, ssoSession: null, sourceChain: null, account: '000000000000', sso: null, broken: null, isDefault: false, production: false, productionMarkedBy: null },
  region: 'us-east-1',
  regionOverridden: false,
  identity: { account: '000000000000', arn: 'arn:aws:iam::000000000000:user/sandbox', userId: 'AIDA' },
  identityError: null,
  production: false,
};

function detail(name: string, value: string): SecretDetail {
  return { name, arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}`, description: null, tags: [], lastChangedAt: null, createdAt: null, value, binary: false, versionId: 'v1-0000-0000', versionStages: ['AWSCURRENT'], versionCreatedAt: null };
}

function transport(values: Readonly<Record<string, string>>): Transport {
  return {
    call(method, input) {
      const name = (input as { name?: string }).name ?? '';
      const value: unknown = method === 'profiles.active' ? active : method === 'secrets.get' ? detail(name, values[name] ?? '') : method === 'secrets.history' ? { name, versions: [] } : null;
      return Promise.resolve({ ok: true, value } as ApiResult<unknown>);
    },
    subscribe: () => () => undefined,
  };
}

const kwargs: KwargsState = { json: '', source: 'default', read: readKwargsInUse('') };
const noop = () => undefined;

function editTarget(id: string, seq: number, kind: 'connection' | 'variable' = 'connection'): EditorTarget {
  return { mode: 'edit', kind, id, name: `airflow/${kind === 'connection' ? 'connections' : 'variables'}/${id}`, seq };
}

function renderEditor(values: Readonly<Record<string, string>>, target: EditorTarget) {
  const client = createApiClient(transport(values));
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const tree = (next: EditorTarget) => (
    <ApiContext.Provider value={client}>
      <QueryClientProvider client={queries}>
        <WorkspaceProvider>
          <ProductionConfirmProvider>
            <SecretEditor key={next.seq} target={next} kwargs={kwargs} onClose={noop} onCreated={noop} onDeleted={noop} onDirtyChange={noop} />
          </ProductionConfirmProvider>
        </WorkspaceProvider>
      </QueryClientProvider>
    </ApiContext.Provider>
  );
  const view = render(tree(target));
  return { rerender: (next: EditorTarget) => view.rerender(tree(next)) };
}

async function openStoredString() {
  const editor = await screen.findByTestId('connection-form');
  fireEvent.click(within(editor).getByText('Stored string'));
  return editor;
}

// The editor is a chunk of its own (issue 12); loaded first, editors render at once as before.
beforeAll(() => loadCodeEditor());

describe('issue 9 item 1: secret values stay out of the page until revealed', () => {
  it('issue 9 item 1: the Stored string tab masks the stored string, password included, until revealed', async () => {
    renderEditor({ 'airflow/connections/warehouse': URI }, editTarget('warehouse', 1));
    await openStoredString();
    expect(placesHolding([CANARY])).toEqual([]);
    expect(screen.getByTestId('conn-raw-masked')).toBeTruthy();

    fireEvent.click(screen.getByTestId('conn-raw-reveal'));
    expect(editorText(screen.getByTestId('conn-raw'))).toBe(URI);
    expect(placesHolding([CANARY])).not.toEqual([]);
  });

  it('issue 9 item 1: editing the stored string starts with a reveal, hiding masks it again, and another secret opens masked', async () => {
    const { rerender } = renderEditor({ 'airflow/connections/warehouse': URI, 'airflow/connections/other': URI.replace('warehouse', 'other') }, editTarget('warehouse', 1));
    await openStoredString();
    expect(placesHolding([CANARY])).toEqual([]);
    expect(screen.queryByTestId('conn-raw')).toBeNull();
    fireEvent.click(screen.getByTestId('conn-raw-reveal'));
    const edited = URI.replace('5432', '5433');
    typeInEditor(screen.getByTestId('conn-raw'), edited);
    expect(screen.getByTestId('unsaved')).toBeTruthy();
    expect(editorText(screen.getByTestId('conn-raw'))).toBe(edited);

    fireEvent.click(screen.getByTestId('conn-raw-hide'));
    expect(placesHolding([CANARY])).toEqual([]);

    rerender(editTarget('other', 2));
    await openStoredString();
    expect(screen.getByTestId('conn-raw-masked')).toBeTruthy();
    expect(placesHolding([CANARY])).toEqual([]);
  });

  it('issue 9 item 1: a string Airflow cannot parse opens in the Stored string tab, masked', async () => {
    const broken = `postgres://etl:${CANARY}@db:notaport/x`;
    renderEditor({ 'airflow/connections/broken': broken }, editTarget('broken', 1));
    await screen.findByTestId('connection-form');
    expect(placesHolding([CANARY])).toEqual([]);
    expect(screen.getByTestId('conn-raw-masked')).toBeTruthy();
  });

  it('issue 9 item 1: the Form keeps the password and secret extras out of input values until revealed', async () => {
    renderEditor({ 'airflow/connections/snow': JSON_WITH_SECRET_EXTRA }, editTarget('snow', 1));
    await screen.findByTestId('connection-form');
    expect(placesHolding([CANARY, KEY_CANARY])).toEqual([]);
    expect(screen.getByTestId('conn-password-masked')).toBeTruthy();
    expect(screen.getByTestId('conn-extra-masked')).toBeTruthy();

    fireEvent.click(screen.getByTestId('conn-password-reveal'));
    expect(screen.getByTestId<HTMLInputElement>('conn-password').value).toBe(CANARY);
    expect(screen.getByTestId<HTMLInputElement>('conn-password').type).toBe('text');
    fireEvent.click(screen.getByTestId('conn-password-reveal'));
    expect(placesHolding([CANARY])).toEqual([]);

    fireEvent.click(screen.getByTestId('conn-extra-reveal'));
    expect(placesHolding([KEY_CANARY])).not.toEqual([]);
  });

  it('issue 9 item 1: a password typed into a new connection stays editable; a value the user did not type is masked', async () => {
    renderEditor({}, { mode: 'create', kind: 'connection', id: '', seq: 1 });
    const editor = await screen.findByTestId('connection-form');
    fireEvent.change(within(editor).getByTestId('conn-type'), { target: { value: 'postgres' } });
    fireEvent.change(screen.getByTestId('conn-password'), { target: { value: 'typed-by-me' } });
    expect(screen.getByTestId<HTMLInputElement>('conn-password').value).toBe('typed-by-me');
    expect(screen.getByTestId<HTMLInputElement>('conn-password').type).toBe('password');
    // The stored string echoes the typed password: it is masked there until revealed.
    fireEvent.click(within(editor).getByText('Stored string'));
    expect(screen.getByTestId('conn-raw-masked')).toBeTruthy();
  });

  it('issue 9 item 1: the review diff masks a value line whole, never showing its first word', () => {
    const firstWord = 'Tr0ub4dorCanary7f3a';
    render(<DiffView before={'keep\nold value'} after={`keep\n${firstWord} second-word`} isSecretLine={() => true} />);
    expect(placesHolding([firstWord])).toEqual([]);
    const addedLine = document.querySelector<HTMLElement>('[data-kind="add"] [data-testid="diff-reveal"]');
    act(() => addedLine?.click());
    expect(placesHolding([firstWord])).not.toEqual([]);
  });
});

describe('issue 9 item 1: backend kwargs holding AWS credentials', () => {
  const KWARGS_SECRET = 'CanaryKwargsSecret7f3a';
  const kwargsJson = JSON.stringify({ connections_prefix: 'airflow/connections', region_name: 'us-east-1', aws_access_key_id: 'AKIAEXAMPLE0000000001', aws_secret_access_key: KWARGS_SECRET });
  const health: ProjectHealth = {
    project: { path: '/work/project', name: 'project', nameSource: 'folder', hasAstroConfig: true, hasDockerfile: true, notes: [] },
    items: [],
    backend: { backendClass: null, kwargsJson, kwargsLine: 3, kwargsState: 'ok' },
    provider: { found: true, specifier: '>=8.0.0', atLeast: [8, 0, 0], file: 'requirements.txt', line: 1, direct: false },
    providerMinimum: [5, 1, 0],
    files: [],
    profile: null,
  };

  it('issue 9 item 1: the kwargs editor masks the JSON and the credential fields as the Dockerfile line is masked, until revealed', () => {
    render(
      <ApiContext.Provider value={createApiClient(transport({}))}>
        <QueryClientProvider client={new QueryClient()}>
          <WorkspaceProvider>
            <NavigationProvider initial="projects">
              <KwargsEditor health={health} onSave={noop} />
            </NavigationProvider>
          </WorkspaceProvider>
        </QueryClientProvider>
      </ApiContext.Provider>,
    );
    expect(placesHolding([KWARGS_SECRET])).toEqual([]);
    expect(screen.getByTestId('kwargs-json-masked')).toBeTruthy();
    expect(screen.getByTestId('kwarg-aws_secret_access_key-input-masked')).toBeTruthy();
    // The rest of the form stays readable.
    expect(screen.getByTestId<HTMLInputElement>('kwarg-region_name-input').value).toBe('us-east-1');

    fireEvent.click(screen.getByTestId('kwargs-json-reveal'));
    expect(editorText(screen.getByTestId('kwargs-json'))).toContain(KWARGS_SECRET);
  });
});
