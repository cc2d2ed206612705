import { HTMLTable, Section, SectionCard, Spinner } from '@blueprintjs/core';
import { useApiQuery } from '../../api';
import { ErrorCallout } from '../../components';
import { AstroSettings } from './AstroSettings';
import { ProfilesSettings } from './ProfilesSettings';

export function SettingsView() {
  const info = useApiQuery('app.info', {});
  if (info.isPending) return <Spinner />;
  if (info.error !== null) return <ErrorCallout error={info.error} onRetry={() => void info.refetch()} />;
  return (
    <>
    <ProfilesSettings />
    <AstroSettings />
    <Section title="About Airlock" compact>
      <SectionCard>
        <HTMLTable compact>
          <tbody>
            <tr><th>Version</th><td data-testid="app-version">{info.data.version}</td></tr>
            <tr><th>Mode</th><td data-testid="app-mode">{info.data.mode === 'electron' ? 'Desktop window' : 'Browser mode (local server on 127.0.0.1)'}</td></tr>
            <tr><th>Platform</th><td>{info.data.platform}</td></tr>
          </tbody>
        </HTMLTable>
      </SectionCard>
    </Section>
    </>
  );
}
