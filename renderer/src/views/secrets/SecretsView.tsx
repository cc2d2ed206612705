/**
 * The Airflow secrets of the active profile under the prefixes of the kwargs in use: connections,
 * variables and config (names, descriptions, tags, dates from ListSecrets: values are never read
 * for the list), the secrets outside the prefixes, those scheduled for deletion, and the editor.
 */
import { Alert, Button, ButtonGroup, InputGroup, Menu, MenuItem, NonIdealState, PopoverNext, Spinner, Tab, Tabs } from '@blueprintjs/core';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { lookupKinds } from '../../../../shared/airflow';
import type { SecretKind, SecretSummary } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { placeSecretName, secretKinds } from '../../../../shared/secrets';
import { useApiMutation, useApiQuery } from '../../api';
import { useNavigation, type NavigationIntent } from '../../navigation';
import { ErrorCallout } from '../../components';
import { useEscapeKey, useReloadProfiles, useSelectProfile } from '../../hooks';
import { NoProfilesHelp, useNoOwnProfiles } from '../profiles';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { KwargsBar } from './KwargsBar';
import { NoSearchMatch } from './NoSearchMatch';
import { OutsidePanel } from './OutsidePanel';
import { ScheduledPanel } from './ScheduledPanel';
import { SecretEditor, type EditorTarget } from './SecretEditor';
import { filterRows } from './secret-list-model';
import { SecretTable, type SortState } from './SecretTable';
import { useKwargsInUse, useWriteTarget, type KwargsState } from './secrets-context';
import { useSecretListing, useUpdatedAgo, type SecretListingQuery } from './use-secret-listing';
import { StaticTag } from './StaticTag';
import { useSecretList, type SecretListView } from './use-secret-list';
import { useStableCallback } from './use-stable-callback';
import './secrets.css';

const kinds: readonly SecretKind[] = lookupKinds;
// Rendered again on every keystroke in the search box: these skip it while their props stay the same.
const KwargsBarOnce = memo(KwargsBar);
const ImportDialogOnce = memo(ImportDialog);
const ExportDialogOnce = memo(ExportDialog);
type TabId = 'airflow' | 'outside' | 'scheduled';

export function SecretsView() {
  const active = useApiQuery('profiles.active', {});
  const kwargs = useKwargsInUse();
  // The listing is asked for with the active profile, not after it answers: the first rows come
  // one round trip after the window's first render. Without a profile it is not shown, and
  // choosing one refetches it.
  const listing = useSecretListing(kwargs.json, kwargs.read.ok && active.data !== null);
  if (active.isPending) return <Spinner />;
  if (active.error !== null) return <ErrorCallout error={active.error} onRetry={() => void active.refetch()} />;
  if (active.data === null) return <ChooseProfile />;
  return <SecretsWorkspace profileName={active.data.profile.name} isSandbox={active.data.profile.kind === 'sandbox'} kwargs={kwargs} listing={listing} />;
}

function ChooseProfile() {
  const select = useSelectProfile();
  const own = useNoOwnProfiles();
  const reload = useReloadProfiles();
  const { go } = useNavigation();
  const useSandbox = () => select.mutate({ name: 'sandbox' });
  if (own.none) {
    return (
      <NonIdealState icon="cloud" title="No AWS profiles found">
        <NoProfilesHelp files={own.files} onUseSandbox={useSandbox} sandboxPending={select.isPending} onOpenSettings={() => go('settings')} onReload={() => reload.mutate({})} reloading={reload.isPending} />
        {select.error !== null ? <ErrorCallout error={select.error} /> : null}
        {reload.error !== null ? <ErrorCallout error={reload.error} /> : null}
      </NonIdealState>
    );
  }
  return (
    <NonIdealState
      icon="cloud"
      title="Choose an AWS profile"
      description="Pick one of your AWS profiles in the header, or try Airlock on the local sandbox, which needs no AWS account."
      action={<Button intent="primary" icon="lab-test" text="Use the sandbox" loading={select.isPending} onClick={useSandbox} data-testid="use-sandbox" />}
    >
      {select.error !== null ? <ErrorCallout error={select.error} /> : null}
    </NonIdealState>
  );
}

type PendingOpen = { readonly next: EditorTarget | null };

function SecretsWorkspace({ profileName, isSandbox, kwargs, listing }: { profileName: string; isSandbox: boolean; kwargs: KwargsState; listing: SecretListingQuery }) {
  const target = useWriteTarget();
  const updated = useUpdatedAgo(listing.data?.stream?.listedAt);
  const loadExamples = useApiMutation('sandbox.loadExampleData');
  const [tab, setTab] = useState<TabId>('airflow');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortState>({ key: 'id', descending: false });
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const [seq, setSeq] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<PendingOpen | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const open = (next: EditorTarget | null) => {
    if (dirty && editor !== null) {
      setPending({ next });
      return;
    }
    setEditor(next);
    setDirty(false);
  };
  const openNew = (kind: SecretKind, id = '') => {
    setSeq(seq + 1);
    open({ mode: 'create', kind, id, seq: seq + 1 });
  };
  // Stable, so that the memoized table does not render again for a new closure.
  const openExisting = useStableCallback((row: { name: string; kind: SecretKind; id: string }) => {
    if (editor?.mode === 'edit' && editor.name === row.name) return;
    setSeq(seq + 1);
    open({ mode: 'edit', name: row.name, kind: row.kind, id: row.id, seq: seq + 1 });
  });
  const closeImport = useCallback(() => setImporting(false), []);
  const closeExport = useCallback(() => setExporting(false), []);

  // Escape closes the editor (asking first when it holds unsaved edits), while this view is shown.
  const { view, intent, clearIntent } = useNavigation();
  const editorPane = useRef<HTMLElement>(null);
  useEscapeKey(view === 'secrets' && editor !== null && pending === null, () => open(null), editorPane);

  // Cross-view intents ("create this missing connection"): handled once, during render.
  const [handled, setHandled] = useState<NavigationIntent | null>(null);
  if (intent !== null && intent !== handled && intent.view === 'secrets') {
    setHandled(intent);
    setTab('airflow');
    if (intent.kind === 'create') {
      openNew(intent.secretKind, intent.id);
    } else {
      const placed = kwargs.read.ok ? placeSecretName(kwargs.read.value, intent.name) : null;
      const kind = placed?.where === 'inside' ? placed.kind : (placed?.kind ?? 'variable');
      const id = placed?.where === 'inside' ? placed.id : (placed?.id ?? intent.name);
      openExisting({ name: intent.name, kind, id });
    }
  }
  useEffect(() => {
    if (intent !== null && intent.view === 'secrets') clearIntent();
  }, [intent, clearIntent]);

  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  // Keyed on the rows, not the listing: a streamed answer without new rows changes nothing below.
  const items = listing.data?.items;
  const live = useMemo(() => (items ?? []).filter((item) => item.deletedAt === null), [items]);
  const scheduled = useMemo(() => (items ?? []).filter((item) => item.deletedAt !== null), [items]);
  // Searched, sorted and sectioned off the input path (issue 12 item 4): typing never waits on the list.
  const list = useSecretList(live, search, sort);
  const selectedName = editor?.mode === 'edit' ? editor.name : null;

  const toolbar = (
    <div className="toolbar secrets-toolbar">
      <span data-testid="secret-count" className="secret-count">
        {listing.data === undefined ? `… secrets in ${profileName}` : `${plural(live.length, 'secret')} in ${profileName}`}
        {search.trim() === '' || listing.data === undefined ? null : <StaticTag className="count-tag">{plural(list.matchCount, 'match', 'matches')}</StaticTag>}
      </span>
      {updated === null ? null : <span className="listing-updated" data-testid="listing-updated">{listing.data?.stream?.fromCache === true ? `${updated}, refreshing…` : updated}</span>}
      <InputGroup leftIcon="search" placeholder="Search secrets" title="Searches ids, names, descriptions and tags" value={search} onValueChange={setSearch} className="secrets-search" data-testid="secrets-search" type="search" />
      <PopoverNext
        placement="bottom-end"
        content={
          <Menu>
            {kinds.map((kind) => <MenuItem key={kind} icon={secretKinds[kind].icon} text={`New ${secretKinds[kind].one}`} onClick={() => openNew(kind)} data-testid={`new-${kind}`} />)}
          </Menu>
        }
      >
        <Button intent="primary" icon="add" text="New" endIcon="caret-down" disabled={!kwargs.read.ok} data-testid="new-secret" />
      </PopoverNext>
      <ButtonGroup className="toolbar-secondary">
        <Button icon="import" text="Import" aria-label="Import" title="Import" onClick={() => setImporting(true)} disabled={!kwargs.read.ok} data-testid="open-import" />
        <Button icon="export" text="Export" aria-label="Export" title="Export" onClick={() => setExporting(true)} disabled={!kwargs.read.ok} data-testid="open-export" />
      </ButtonGroup>
      <Button className="toolbar-secondary" icon="refresh" variant="minimal" text="Refresh" aria-label="Refresh" title="Refresh" loading={listing.isFetching} onClick={() => void listing.refetch()} data-testid="secrets-refresh" />
    </div>
  );

  return (
    <div className="secrets-view">
      <KwargsBarOnce kwargs={kwargs} />
      {toolbar}
      <div className={editor === null ? 'secrets-layout' : 'secrets-layout with-editor'}>
        <div className="secrets-main" data-testid="secrets-list-pane">
          {loadExamples.error !== null ? <ErrorCallout error={loadExamples.error} /> : null}
          {listing.error !== null ? <ErrorCallout error={listing.error} onRetry={() => void listing.refetch()} /> : null}
          {listing.data?.kwargsWarnings.map((w) => <div key={w} className="kwargs-warning">{w}</div>)}
          {/* Not animated: the sliding indicator measures the tabs after every render that changes a panel, a forced layout on every keystroke. */}
          <Tabs id="secrets-tabs" selectedTabId={tab} onChange={(next) => setTab(next as TabId)} renderActiveTabPanelOnly animate={false} className="secrets-tabs">
            <Tab id="airflow" title="Airflow secrets" tagContent={live.length} tagProps={{ minimal: true }} data-testid="tab-airflow" panel={
              <AirflowSecrets kwargs={kwargs} loading={listing.isPending && kwargs.read.ok} list={list} total={live.length} sort={sort} onSort={setSort} selected={selectedName} onOpen={openExisting} onNew={openNew} compact={editor !== null}
                search={search} onClearSearch={() => setSearch('')}
                // Only the sandbox has example data, and only an empty list needs it: once loaded, the button is gone.
                exampleData={isSandbox ? { loading: loadExamples.isPending, load: () => loadExamples.mutate({}) } : null} />
            } />
            <Tab id="outside" title="Outside the prefixes" tagContent={listing.data === undefined || listing.data.notLookedUp.length === 0 ? undefined : listing.data.notLookedUp.length} tagProps={{ minimal: true, intent: 'warning' }} data-testid="tab-outside" panel={
              <OutsidePanel kwargs={kwargs} notLookedUp={listing.data?.notLookedUp ?? []} search={search} onClearSearch={() => setSearch('')} target={target} />
            } />
            <Tab id="scheduled" title="Scheduled for deletion" tagContent={scheduled.length === 0 ? undefined : scheduled.length} tagProps={{ minimal: true }} data-testid="tab-scheduled" panel={
              <ScheduledPanel rows={filterRows(scheduled, search)} total={scheduled.length} search={search} onClearSearch={() => setSearch('')} target={target} />
            } />
          </Tabs>
        </div>
        {editor === null ? null : (
          <aside className="secrets-editor-pane" data-testid="editor-pane" ref={editorPane}>
            <SecretEditor
              key={editor.seq}
              target={editor}
              kwargs={kwargs}
              onClose={() => open(null)}
              onCreated={(created) => {
                setDirty(false);
                setSeq(seq + 1);
                setEditor({ mode: 'edit', name: created.name, kind: created.kind, id: created.id, seq: seq + 1 });
              }}
              onDeleted={() => {
                setDirty(false);
                setEditor(null);
              }}
              onDirtyChange={onDirtyChange}
            />
          </aside>
        )}
      </div>
      <Alert
        isOpen={pending !== null}
        intent="warning"
        icon="warning-sign"
        confirmButtonText="Discard my changes"
        cancelButtonText="Keep editing"
        onConfirm={() => {
          setEditor(pending?.next ?? null);
          setDirty(false);
          setPending(null);
        }}
        onCancel={() => setPending(null)}
        data-testid="discard-alert"
      >
        The open editor has unsaved changes. Discard them?
      </Alert>
      <ImportDialogOnce isOpen={importing} onClose={closeImport} kwargs={kwargs} target={target} />
      <ExportDialogOnce isOpen={exporting} onClose={closeExport} kwargs={kwargs} />
    </div>
  );
}

function AirflowSecrets({
  kwargs,
  loading,
  list,
  total,
  sort,
  onSort,
  selected,
  onOpen,
  onNew,
  compact,
  search,
  onClearSearch,
  exampleData,
}: {
  kwargs: KwargsState;
  loading: boolean;
  list: SecretListView;
  total: number;
  sort: SortState;
  onSort: (sort: SortState) => void;
  selected: string | null;
  onOpen: (row: SecretSummary) => void;
  onNew: (kind: SecretKind) => void;
  compact: boolean;
  search: string;
  onClearSearch: () => void;
  /** The sandbox's example data, offered while the list is empty; null elsewhere. */
  exampleData: { readonly loading: boolean; readonly load: () => void } | null;
}) {
  if (!kwargs.read.ok) return <NonIdealState icon="error" title="The backend kwargs cannot be read" description="Fix them above to see the secrets Airflow reads." />;
  if (loading) return <Spinner size={28} />;
  if (total === 0) {
    const prefixes = kwargs.read.value.prefixes;
    const joiner = kwargs.read.value.joiner;
    const shown = kinds.map((k) => prefixes[k]).filter((p): p is string => p !== null).map((p) => (p === '' ? '(no prefix)' : `${p}${joiner}`));
    return (
      <NonIdealState
        icon="key"
        title="No Airflow secrets here yet"
        description={
          shown.length === 0
            ? 'Every prefix is null: Airflow never reads Secrets Manager with these kwargs.'
            : `Nothing under ${shown.join(', ')} for this profile. ${exampleData === null ? 'Create one, or import an airflow_settings.yaml.' : 'Load the example data to try Airlock, create one, or import an airflow_settings.yaml.'}`
        }
        action={
          <ButtonGroup>
            {exampleData === null ? null : <Button intent="primary" icon="lab-test" text="Load example data" loading={exampleData.loading} onClick={exampleData.load} data-testid="load-example-data" />}
            <Button icon="add" text="New connection" onClick={() => onNew('connection')} data-testid="empty-new-connection" />
          </ButtonGroup>
        }
      />
    );
  }
  // Until the deferred list catches up with the rows, an empty list is not a search without matches.
  if (list.matchCount === 0 && search.trim() !== '') return <NoSearchMatch search={search} what="secret" onClear={onClearSearch} />;
  return <SecretTable list={list} sort={sort} onSort={onSort} selected={selected} onOpen={onOpen} compact={compact} />;
}
