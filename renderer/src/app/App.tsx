/** The app frame: navigation, the active profile in the header, and the current view. */
import { Alignment, Button, Navbar, NavbarDivider, NavbarGroup, NavbarHeading } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import { useEffect } from 'react';
import { assertNever } from '../../../shared/assert';
import { useApiQuery } from '../api';
import { applyTheme, usePrefersDark } from '../theme';
import { AuditView } from '../views/audit';
import { DeployView } from '../views/deploy';
import { ProjectsView } from '../views/projects';
import { SecretsView } from '../views/secrets';
import { SettingsView } from '../views/settings';
import { useWorkspace, WorkspaceProvider, headerIsProduction } from '../workspace';
import { EnvironmentPicker } from './EnvironmentPicker';
import { NavigationProvider, useNavigation, type ViewName } from '../navigation';
import { ProfileMenu } from './ProfileMenu';

const navigation: readonly { view: ViewName; label: string; icon: IconName }[] = [
  { view: 'projects', label: 'Projects', icon: 'folder-close' },
  { view: 'secrets', label: 'Secrets', icon: 'key' },
  { view: 'deploy', label: 'Deploy', icon: 'cloud-upload' },
  { view: 'audit', label: 'Audit log', icon: 'history' },
  { view: 'settings', label: 'Settings', icon: 'cog' },
];

export function App() {
  const dark = usePrefersDark();
  useEffect(() => applyTheme(dark), [dark]);
  return (
    <NavigationProvider initial="secrets">
      <WorkspaceProvider>
        <Frame />
      </WorkspaceProvider>
    </NavigationProvider>
  );
}

function Frame() {
  const { view, go } = useNavigation();
  const active = useApiQuery('profiles.active', {});
  const { environment } = useWorkspace();
  const production = headerIsProduction(active.data?.production === true, environment);
  return (
    <div className={`app-frame${production ? ' production' : ''}`} data-app-state="loaded">
      <Navbar className="app-header" data-testid="app-header" data-production={production ? 'true' : 'false'}>
        <NavbarGroup align={Alignment.START}>
          <NavbarHeading className="brand">Airlock</NavbarHeading>
          <NavbarDivider />
          {navigation.map((item) => (
            <Button
              key={item.view}
              variant="minimal"
              icon={item.icon}
              text={item.label}
              active={view === item.view}
              onClick={() => go(item.view)}
              data-testid={`nav-${item.view}`}
            />
          ))}
        </NavbarGroup>
        <NavbarGroup align={Alignment.END}>
          <EnvironmentPicker />
          <ProfileMenu />
        </NavbarGroup>
      </Navbar>
      <main className="app-content">
        {/* Views stay mounted while hidden, so unsaved edits survive switching views or profiles. */}
        {navigation.map((item) => (
          <section key={item.view} hidden={view !== item.view} className="view" data-testid={`view-${item.view}`}>
            <ViewContent view={item.view} />
          </section>
        ))}
      </main>
    </div>
  );
}

function ViewContent({ view }: { view: ViewName }) {
  switch (view) {
    case 'projects': return <ProjectsView />;
    case 'secrets': return <SecretsView />;
    case 'deploy': return <DeployView />;
    case 'audit': return <AuditView />;
    case 'settings': return <SettingsView />;
    default: return assertNever(view, 'Unknown view');
  }
}
