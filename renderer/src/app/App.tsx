/** The app frame: navigation, the active profile in the header, and the current view. */
import { Alignment, Button, Navbar, NavbarDivider, NavbarGroup, NavbarHeading } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import { lazy, Suspense, useEffect, useState } from 'react';
import { assertNever } from '../../../shared/assert';
import { useApiQuery } from '../api';
import { applyTheme, usePrefersDark } from '../theme';
import { SecretsView } from '../views/secrets';
import { useOpenProjectKwargs, useWorkspace, WorkspaceProvider, headerIsProduction } from '../workspace';
import { EnvironmentPicker } from './EnvironmentPicker';
import { NavigationProvider, useNavigation, type ViewName } from '../navigation';
import { ProfileMenu } from './ProfileMenu';

// The first screen is the Secrets view; the others are chunks of their own, loaded on their first
// visit, so the script the window evaluates before it asks for the list is small (issue 12).
const ProjectsView = lazy(async () => ({ default: (await import('../views/projects')).ProjectsView }));
const DeployView = lazy(async () => ({ default: (await import('../views/deploy')).DeployView }));
const AuditView = lazy(async () => ({ default: (await import('../views/audit')).AuditView }));
const SettingsView = lazy(async () => ({ default: (await import('../views/settings')).SettingsView }));

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
  useOpenProjectKwargs();
  const production = headerIsProduction(active.data?.production === true, environment);
  const visited = useVisitedViews(view);
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
        {/* A view mounts on its first visit and then stays mounted while hidden, so unsaved edits survive switching views or profiles. */}
        {navigation.map((item) => (
          <section key={item.view} hidden={view !== item.view} className="view" data-testid={`view-${item.view}`}>
            {visited.has(item.view) ? (
              <Suspense fallback={null}>
                <ViewContent view={item.view} />
              </Suspense>
            ) : null}
          </section>
        ))}
      </main>
    </div>
  );
}

/** The views shown so far, the current one included. */
function useVisitedViews(view: ViewName): ReadonlySet<ViewName> {
  const [visited, setVisited] = useState<ReadonlySet<ViewName>>(() => new Set([view]));
  if (!visited.has(view)) {
    // Updated while rendering (React's pattern for state derived from a prop): no frame without the view.
    const next = new Set(visited).add(view);
    setVisited(next);
    return next;
  }
  return visited;
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
