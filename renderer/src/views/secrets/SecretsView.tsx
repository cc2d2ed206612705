/**
 * Secrets under the Airflow prefixes of the active profile: names and last-changed dates from
 * ListSecrets (values are never read for this list).
 */
import { Button, HTMLTable, NonIdealState, Section, SectionCard, Spinner, Tag } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import type { SecretKind, SecretSummary } from '../../../../shared/api';
import { useApiMutation, useApiQuery } from '../../api/client';
import { ErrorCallout } from '../../components/ErrorCallout';
import { formatRelative } from '../../components/format';
import { useSelectProfile } from '../../hooks/use-select-profile';

const sections: readonly { kind: SecretKind; title: string }[] = [
  { kind: 'connection', title: 'Connections' },
  { kind: 'variable', title: 'Variables' },
  { kind: 'config', title: 'Config' },
];

export function SecretsView() {
  const active = useApiQuery('profiles.active', {});
  if (active.isPending) return <Spinner />;
  if (active.error !== null) return <ErrorCallout error={active.error} onRetry={() => void active.refetch()} />;
  if (active.data === null) return <ChooseProfile />;
  return <SecretsList profileName={active.data.profile.name} isSandbox={active.data.profile.kind === 'sandbox'} />;
}

function ChooseProfile() {
  const select = useSelectProfile();
  return (
    <NonIdealState
      icon="cloud"
      title="Choose an AWS profile"
      description="Pick one of your AWS profiles in the header, or try Airlock on the local sandbox, which needs no AWS account."
      action={<Button intent="primary" icon="lab-test" text="Use the sandbox" loading={select.isPending} onClick={() => select.mutate({ name: 'sandbox' })} data-testid="use-sandbox" />}
    >
      {select.error !== null ? <ErrorCallout error={select.error} /> : null}
    </NonIdealState>
  );
}

function SecretsList({ profileName, isSandbox }: { profileName: string; isSandbox: boolean }) {
  const queryClient = useQueryClient();
  const listing = useApiQuery('secrets.list', {});
  const loadExamples = useApiMutation('sandbox.loadExampleData', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['secrets.list'] }),
  });

  if (listing.isPending) return <Spinner />;
  if (listing.error !== null) return <ErrorCallout error={listing.error} onRetry={() => void listing.refetch()} />;
  const items = listing.data.items;

  const toolbar = (
    <div className="toolbar">
      <span data-testid="secret-count">{items.length} secrets in {profileName}</span>
      <Button icon="refresh" variant="minimal" text="Refresh" loading={listing.isFetching} onClick={() => void listing.refetch()} />
      {isSandbox ? (
        <Button icon="import" text="Load example data" loading={loadExamples.isPending} onClick={() => loadExamples.mutate({})} data-testid="load-example-data" />
      ) : null}
    </div>
  );

  if (items.length === 0) {
    return (
      <>
        {toolbar}
        {loadExamples.error !== null ? <ErrorCallout error={loadExamples.error} /> : null}
        <NonIdealState icon="key" title="No Airflow secrets here yet" description={`Nothing under ${listing.data.prefixes.connections ?? '—'}/ or ${listing.data.prefixes.variables ?? '—'}/ for this profile.`} />
      </>
    );
  }

  return (
    <>
      {toolbar}
      {loadExamples.error !== null ? <ErrorCallout error={loadExamples.error} /> : null}
      {sections.map(({ kind, title }) => {
        const rows = items.filter((item) => item.kind === kind);
        if (rows.length === 0) return null;
        return (
          <Section key={kind} title={title} rightElement={<Tag minimal round>{rows.length}</Tag>} compact className="secret-section" data-testid={`section-${kind}`}>
            <SectionCard padded={false}>
              <SecretTable rows={rows} />
            </SectionCard>
          </Section>
        );
      })}
    </>
  );
}

function SecretTable({ rows }: { rows: readonly SecretSummary[] }) {
  return (
    <HTMLTable compact striped interactive className="secret-table">
      <thead>
        <tr>
          <th>Id</th>
          <th>Secret name</th>
          <th>Description</th>
          <th>Last changed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.arn} data-testid="secret-row">
            <td className="mono">{row.id}</td>
            <td className="mono muted">{row.name}</td>
            <td>{row.description ?? ''}</td>
            <td title={row.lastChangedAt ?? undefined}>{formatRelative(row.lastChangedAt)}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
