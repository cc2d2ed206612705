/** The app frame: navigation, the active profile in the header, and the current view. */
import { Alignment, Button, Navbar, NavbarDivider, NavbarGroup, NavbarHeading } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import { useEffect, useState } from 'react';
import { assertNever } from '../../../shared/assert';
import { usePrefersDark, applyTheme } from '../theme';
import { DeployView, ProjectsView } from '../views/PlaceholderViews';
import { SecretsView } from '../views/SecretsView';
import { SettingsView } from '../views/SettingsView';
import { ProfileMenu } from './ProfileMenu';
import { useApiQuery } from '../api/client';

export type ViewName = 'projects' | 'secrets' | 'deploy' | 'settings';

const navigation: readonly { view: ViewName; label: string; icon: IconName }[] = [
  { view: 'projects', label: 'Projects', icon: 'folder-close' },
  { view: 'secrets', label: 'Secrets', icon: 'key' },
  { view: 'deploy', label: 'Deploy', icon: 'cloud-upload' },
  { view: 'settings', label: 'Settings', icon: 'cog' },
];

export function App() {
  const dark = usePrefersDark();
  useEffect(() => applyTheme(dark), [dark]);
  const [view, setView] = useState<ViewName>('secrets');
  const active = useApiQuery('profiles.active', {});
  const production = active.data?.production === true;

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
              onClick={() => setView(item.view)}
              data-testid={`nav-${item.view}`}
            />
          ))}
        </NavbarGroup>
        <NavbarGroup align={Alignment.END}>
          <ProfileMenu />
        </NavbarGroup>
      </Navbar>
      <main className="app-content">
        <CurrentView view={view} />
      </main>
    </div>
  );
}

function CurrentView({ view }: { view: ViewName }) {
  switch (view) {
    case 'projects': return <ProjectsView />;
    case 'secrets': return <SecretsView />;
    case 'deploy': return <DeployView />;
    case 'settings': return <SettingsView />;
    default: return assertNever(view, 'Unknown view');
  }
}
