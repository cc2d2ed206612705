/**
 * The astro CLI at a glance: found where, which version, logged in as whom, and the token entry.
 */
import { Button, Callout, Collapse, Icon, Section, SectionCard, Spinner, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { AstroStatus } from '../../../../shared/api';
import { ApiCallError, useApiQuery } from '../../api';
import { ErrorCallout, ExactName } from '../../components';
import { useNavigation } from '../../navigation';
import { AstroTokenForm } from './AstroTokenForm';

export function useAstroStatus() {
  return useApiQuery('deploy.astroStatus', {}, { staleTime: 60_000, retry: false, refetchOnWindowFocus: false });
}

export function AstroStatusCard() {
  const status = useAstroStatus();
  return (
    <Section
      compact
      icon="console"
      title="Astro CLI"
      className="deploy-card"
      data-testid="astro-status"
      rightElement={<Button size="small" variant="minimal" icon="refresh" text="Check again" loading={status.isFetching} onClick={() => void status.refetch()} data-testid="astro-status-refresh" />}
    >
      <SectionCard>
        {status.isPending ? <Spinner size={20} /> : null}
        {status.error !== null ? <ErrorCallout error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data !== undefined ? <StatusBody status={status.data} /> : null}
      </SectionCard>
    </Section>
  );
}

function StatusBody({ status }: { status: AstroStatus }) {
  const { go } = useNavigation();
  const [showToken, setShowToken] = useState(status.token.source === 'app');
  const { binary, auth } = status;
  return (
    <div className="astro-status-body">
      {binary.found ? (
        <div className="astro-status-line" data-testid="astro-binary">
          <Icon icon={binary.supported ? 'tick-circle' : 'warning-sign'} intent={binary.supported ? 'success' : 'warning'} />
          <span>
            astro <strong>{binary.version}</strong>
          </span>
          <ExactName wrap="truncate" className="mono muted astro-path" text={binary.path} />
          {status.configuredPath !== null ? <Tag minimal>set in Settings</Tag> : null}
        </div>
      ) : (
        <div className="astro-status-problem">
          <ErrorCallout error={new ApiCallError(binary.error)} />
          <Button size="small" icon="cog" text="Set its location in Settings" onClick={() => go('settings')} data-testid="astro-open-settings" />
        </div>
      )}
      {binary.found && !binary.supported ? (
        <Callout intent="warning" compact>
          Airlock needs astro {binary.minimumVersion} or newer (for its JSON output). Update it, for example with <code>brew upgrade astro</code>.
        </Callout>
      ) : null}
      {auth === null ? null : auth.loggedIn ? (
        <div className="astro-status-line" data-testid="astro-auth">
          <Icon icon="user" />
          <span>
            Logged in {auth.method === 'api-token' ? 'with an API token' : 'with astro login'}
            {auth.organization !== null ? <> · organization <strong>{auth.organization.name}</strong></> : null}
            {auth.workspace !== null ? <> · workspace <strong>{auth.workspace.name}</strong></> : null}
          </span>
        </div>
      ) : (
        <ErrorCallout error={new ApiCallError(auth.error)} />
      )}
      <div className="astro-token-toggle">
        <Button size="small" variant="minimal" icon={showToken ? 'chevron-down' : 'chevron-right'} text={status.token.source === 'app' ? 'API token in use' : 'Use an API token instead of astro login'} onClick={() => setShowToken(!showToken)} data-testid="astro-token-toggle" />
      </div>
      <Collapse isOpen={showToken}>
        <AstroTokenForm token={status.token} />
      </Collapse>
    </div>
  );
}
